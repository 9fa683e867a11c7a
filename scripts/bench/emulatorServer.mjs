// The benchmark's emulator, in a process of its own so that the measured processes are only the contenders.
// Usage: node emulatorServer.mjs [dataDir]  (Node >= 22.5). Prints {"port":N} once listening on 127.0.0.1.
import { startFauxqs } from 'fauxqs';

const dataDir = process.argv[2];
const server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false, ...(dataDir ? { dataDir } : {}) });
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
