/**
 * What the benchmark's CloudWatch Logs stand-in (logsServer.ts) serves: two log groups, each with its events spread
 * over the last day across a few streams. Seeded in memory at every start of the server (a second or two).
 */
export const LOGS = {
  groups: [
    { group: '/aws/lambda/bench-orders-100k', events: 100_000, streams: 4 },
    { group: '/aws/lambda/bench-orders-10k', events: 10_000, streams: 4 },
  ],
} as const;

export const [logsBig, logsSmall] = LOGS.groups;
