import { setTimeout as sleep } from 'node:timers/promises';
import { type AwsClients } from '../../aws/clients';

/**
 * Resource Explorer allows 5 Search requests a second per Region ("Maximum Search operations per second: 5",
 * https://docs.aws.amazon.com/resource-explorer/latest/userguide/quotas.html). A connection's searches are spaced so
 * that any second holds at most that many, across every listing of the connection at once: a split export sends
 * hundreds in a row, and a storm of 429s would only add the SDK's backoff. A throttle that still comes is retried by
 * the SDK's retry strategy.
 */
const SEARCHES_PER_SECOND = 5;
const INTERVAL_MS = 1000 / SEARCHES_PER_SECOND;

class Pacer {
  private next = 0;

  async wait(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + INTERVAL_MS;
    if (at > now) {
      await sleep(at - now, undefined, { signal });
    }
  }
}

/** Waits until the connection may send its next Search. */
export async function paceSearch(clients: AwsClients, signal?: AbortSignal): Promise<void> {
  const pacer = await clients.cached('resourceExplorer.pacer', async () => new Pacer());
  await pacer.wait(signal);
}
