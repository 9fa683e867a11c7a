// Installs what the demo and the e2e tests need, ahead of time (CI runs it as its own step):
// Debian chromium and libkrb5-dev (as root on Debian), and code-server into .vscode-test/.
// Usage: npx tsx scripts/install-code-server.ts
import { ensureCodeServer, CODE_SERVER_VERSION } from './lib/codeServer';

const started = Date.now();
ensureCodeServer().then((entry) => {
  console.log(`code-server ${CODE_SERVER_VERSION} ready (${entry}) after ${Math.round((Date.now() - started) / 1000)} s.`);
}, (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
