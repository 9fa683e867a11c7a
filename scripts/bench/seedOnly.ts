import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulatorProcess } from './emulatorProcess';
import { CACHE } from './paths';
import { seedOnce } from './seed';

// Seeds .bench-cache/ without measuring anything (bench.ts does this too, on its first run).
void (async () => {
  const dataDir = path.join(CACHE, 'fauxqs');
  fs.mkdirSync(dataDir, { recursive: true });
  const emulator = await startEmulatorProcess(dataDir);
  try {
    await seedOnce(emulator.endpoint, dataDir, (line) => console.log(line));
  } finally {
    await emulator.stop();
  }
})();
