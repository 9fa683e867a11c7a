/** The benchmark's AWS Health events: how many the stand-in serves (healthServer.ts), all of the account's. */
export const HEALTH_EVENTS = 10_000;
