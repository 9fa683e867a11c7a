// `npm run demo`: the extension in a real VS Code (code-server, in your browser) against seeded local emulators.
// Everything binds to 127.0.0.1; Ctrl-C stops everything this started.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProfile, ensureCodeServer, freeLoopbackPort, installExtension, startCodeServer, CODE_SERVER_VERSION } from './lib/codeServer';
import { cacheRoot } from './lib/paths';
import { buildVsix } from './lib/vsix';
import { isolatedAwsEnv, startDemoEmulators } from './emulator';

const demoRoot = path.join(cacheRoot, 'demo');

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function portToUse(): Promise<number> {
  const asked = argValue('--port') ?? process.env.DEMO_PORT;
  if (asked) {
    return Number(asked);
  }
  // A stable URL when 8080 is free, any free loopback port otherwise.
  const free = await freeLoopbackPort();
  return (await isFree(8080)) ? 8080 : free;
}

async function isFree(port: number): Promise<boolean> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nStopping code-server and the emulators…');
    for (const stop of stops.reverse()) {
      await stop().catch((e: unknown) => console.error(e));
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const entry = await ensureCodeServer();
    const vsix = buildVsix();

    // A fresh profile each run: the demo starts from what a new user sees.
    fs.rmSync(demoRoot, { recursive: true, force: true });
    const workspace = path.join(demoRoot, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });

    console.log('Starting the emulators on 127.0.0.1 and seeding demo data…');
    const demo = await startDemoEmulators({ awsDir: path.join(demoRoot, 'aws') });
    stops.push(() => demo.stop());
    const objects = demo.mainData.buckets.reduce((n, b) => n + b.keys.length, 0);
    console.log(`  profile "demo":       ${demo.main.endpoint}: ${demo.mainData.topics.length} SNS topics, buckets ${demo.mainData.buckets.map((b) => b.name).join(', ')} (${objects} objects),`);
    console.log(`                        ${demo.mainData.queues.length} SQS queues, ${demo.mainData.tables.length} DynamoDB tables (demo-items: ${demo.mainData.items['demo-items'].length} items)`);
    console.log(`  profile "demo-other": ${demo.other.endpoint}: ${demo.otherData.topics.length} SNS topics, bucket ${demo.otherData.buckets.map((b) => b.name).join(', ')}`);

    const profile = createProfile(demoRoot, {
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'pagedAwsExplorer.profile': 'demo',
      // The demo folder sits inside this repository: keep the Git extension from offering to open it.
      'git.openRepositoryInParentFolders': 'never',
    });
    console.log(`Installing ${path.basename(vsix)} into code-server ${CODE_SERVER_VERSION}…`);
    installExtension(entry, profile, vsix);

    const server = await startCodeServer(entry, {
      profile,
      port: await portToUse(),
      // The standard AWS mechanisms: a config file with the demo profiles (endpoint_url) and a credentials file.
      env: isolatedAwsEnv(demo.awsEnv),
    });
    stops.push(() => server.stop());
    server.process.once('exit', (code) => {
      if (!stopping) {
        console.error(`code-server exited (code ${code}):\n${server.output().split('\n').slice(-20).join('\n')}`);
        void stopAll(1);
      }
    });

    console.log('');
    console.log(`Open ${server.folderUrl(workspace)}`);
    console.log('Then click "Paged AWS Explorer" in the activity bar. Select Profile… switches between "demo" and "demo-other".');
    console.log('Press Ctrl-C to stop.');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stopAll(1);
  }
}

void main();
