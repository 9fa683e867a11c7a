import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { NODE } from './paths';

/** The emulator in its own process (fauxqs, persisted in `dataDir`), on 127.0.0.1. */
export interface EmulatorProcess {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startEmulatorProcess(dataDir: string): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(NODE, [path.join(__dirname, 'emulatorServer.mjs'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        resolve((JSON.parse(text.split('\n')[0]) as { port: number }).port);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
