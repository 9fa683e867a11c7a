// The benchmark's AWS Health: this project's stand-in (test/support/healthStandIn.ts), not AWS (no emulator exists), in
// a process of its own so that the measured processes are only the contenders. Seeded in memory on every start with
// HEALTH_EVENTS events (deterministic). Bundled by the benchmark (esbuild).
// Usage: node health-server.js. Prints {"port":N} once listening on 127.0.0.1.
import { HealthStore, startHealthStandIn } from '../../test/support/healthStandIn';
import { HEALTH_EVENTS } from './healthData';

void (async () => {
  const store = new HealthStore();
  store.seedEvents(HEALTH_EVENTS, { seed: 'bench', entityShare: 0, accounts: [store.account] });
  const standIn = await startHealthStandIn(store);
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(standIn.endpoint).port) })}\n`);
  const stop = () => void standIn.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})();
