// The benchmark's DynamoDB: dynalite 4, in memory, in a process of its own so that the measured processes are only
// the contenders. Usage: node dynaliteServer.mjs. Prints {"port":N} once listening on 127.0.0.1.
import { createRequire } from 'node:module';

const dynalite = createRequire(import.meta.url)('dynalite');
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
