// The benchmark's CloudWatch Logs: this project's stand-in (test/support/logsStandIn.ts), not AWS and not an
// emulator (none exists for Logs), in a process of its own so that the measured processes are only the contenders.
// Seeded in memory on every start with the groups of LOGS below. Bundled by the benchmark (esbuild).
// Usage: node logs-server.js. Prints {"port":N} once listening on 127.0.0.1.
import { LogsStore, startLogsStandIn } from '../../test/support/logsStandIn';
import { LOGS } from './logsData';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The stand-in counts an event as its message in UTF-8 + 26 bytes and cuts a page at 1 MB, as the service does. A
 * message of at most 78 bytes keeps a page of 10,000 events (FilterLogEvents' largest `limit`) within 1 MB:
 * 10,000 × (78 + 26) = 1,040,000 ≤ 1,048,576. Longer messages would make the page size the 1 MB rule, not `limit`.
 */
const MAX_MESSAGE_BYTES = 78;

/** A small deterministic generator (mulberry32), so every run serves the same messages in the same order. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const hex = (next: () => number, length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('');

/** An application log line of 50 to 78 bytes: a level, a request, an outcome, a duration (as a web service logs them). */
function message(next: () => number, i: number): string {
  const request = hex(next, 8);
  const ms = 1 + Math.floor(next() * 400);
  const order = String(Math.floor(next() * 1_000_000)).padStart(6, '0');
  const pick = next();
  const text = pick < 0.6 ? `INFO\treq=${request}\tGET /api/orders/${order} 200 ${ms}ms`
    : pick < 0.8 ? `INFO\treq=${request}\tPOST /api/orders 201 ${ms}ms items=${1 + (i % 9)}`
      : pick < 0.9 ? `DEBUG\treq=${request}\tcache ${next() < 0.5 ? 'hit' : 'miss'} order:${order}`
        : pick < 0.97 ? `WARN\treq=${request}\tslow query "orders_by_customer" ${ms * 10}ms`
          : `ERROR\treq=${request}\tpayment declined for order ${order}: card_expired`;
  if (Buffer.byteLength(text, 'utf8') > MAX_MESSAGE_BYTES) {
    throw new Error(`bench log message over ${MAX_MESSAGE_BYTES} bytes: ${text}`);
  }
  return text;
}

/**
 * One group: its events spread over the last day (now - 24 h up to now), each in one of the group's streams (Lambda
 * style names), about 1 in 50 at the same millisecond as the one before (log events share timestamps).
 */
function seedGroup(store: LogsStore, group: string, events: number, streams: number, now: number, seed: number): void {
  store.createLogGroup(group, { creationTime: now - 2 * DAY_MS, retentionInDays: 30 });
  const next = random(seed);
  const names = Array.from({ length: streams }, (_, s) => `${new Date(now - DAY_MS).toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${hex(next, 32).slice(0, 28)}${s}`);
  const byStream = names.map(() => [] as Array<{ timestamp: number; message: string }>);
  const start = now - DAY_MS;
  let timestamp = start;
  for (let i = 0; i < events; i++) {
    if (i === 0 || next() >= 0.02) {
      timestamp = start + Math.floor(((i + next()) * DAY_MS) / events);
    }
    byStream[Math.floor(next() * streams)].push({ timestamp, message: message(next, i) });
  }
  for (const [s, name] of names.entries()) {
    store.createLogStream(group, name, { creationTime: start });
    // In time order: the store appends (no insertion search).
    store.putEvents(group, name, byStream[s]);
  }
}

void (async () => {
  const store = new LogsStore();
  // The stand-in examines at most `scanBudget` events per FilterLogEvents request (default 1000) and returns what
  // matched among them: the service also returns partial pages with a token. Here every event matches (no filter
  // pattern), so a budget of at least the largest page size (10,000, FilterLogEvents' maximum `limit`) makes every
  // page hold `limit` events: the requests are the ones `limit` says, whatever page size a scenario uses.
  store.scanBudget = 10_000;
  const now = Date.now();
  for (const [index, { group, events, streams }] of LOGS.groups.entries()) {
    seedGroup(store, group, events, streams, now, 0x10c5 + index);
  }
  const standIn = await startLogsStandIn(store);
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(standIn.endpoint).port) })}\n`);
  const stop = () => void standIn.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})();
