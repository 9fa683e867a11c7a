// The fault proxy adding latency to every request, in a process of its own: its CPU time is read from /proc like the
// emulators', and it does not compete with the benchmark's own process. Bundled by the benchmark (esbuild).
// Usage: node latency-proxy.js UPSTREAM MS. Prints {"port":N} once listening on 127.0.0.1.
import { startFaultProxy } from '../../test/support/faultProxy';

const [upstream, ms] = process.argv.slice(2);
void startFaultProxy(upstream, () => ({ kind: 'latency', ms: Number(ms) })).then((proxy) => {
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(proxy.endpoint).port) })}\n`);
  const stop = () => void proxy.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
