import { type AwsClients } from '../../../aws/clients';

// A data file's body cut off mid-stream comes after the SDK's retries (they end with the response's headers): read
// again here, with the SDK's backoff (full jitter), and logged as the SDK logs its own.

export const READ_ATTEMPTS = 5;

/** A connection reset or cut short while a body streamed (not a refusal, a checksum or a cancel). */
export function isDropped(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string };
  return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE', 'Z_BUF_ERROR'].includes(e?.code ?? '')
    || e?.message === 'aborted' || e?.name === 'TimeoutError';
}

/** Waits before attempt `attempt + 1`, says so, and returns whether to try again. */
export async function backOff(clients: AwsClients, what: string, attempt: number, error: unknown, signal: AbortSignal | undefined): Promise<boolean> {
  if (!isDropped(error) || signal?.aborted || attempt >= READ_ATTEMPTS) {
    return false;
  }
  const wait = Math.round(Math.random() * 100 * 2 ** attempt);
  await new Promise((resolve) => setTimeout(resolve, wait));
  clients.retried?.(what, attempt + 1, READ_ATTEMPTS, wait);
  return true;
}

/** `read`, again after a dropped body, up to READ_ATTEMPTS times. */
export async function readAgainIfDropped<T>(clients: AwsClients, what: string, read: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (!(await backOff(clients, what, attempt, error, signal))) {
        throw error;
      }
    }
  }
}
