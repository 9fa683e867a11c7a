import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBucket, createTopics, numberedNames, putObjects, startEmulator, subscribeEmails, testSession, type Emulator } from '../support/emulator';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { builtCli, nodeBinary, runProcess, type ProcessRun } from '../support/cli';

type Run = ProcessRun;

// The CLI runs as a separate process built the way it ships (an esbuild bundle), so it can be interrupted and killed.
describe('paged-aws-export command line (a separate process against the emulator)', function () {
  let emulator: Emulator;
  let proxy: FaultProxy;
  let dir: string;
  let cli: string;
  let topicArn: string;
  const keys = numberedNames('key', 2600, 5);
  let onListRequest: ((index: number, child: ChildProcess) => void) | undefined;
  let current: ChildProcess | undefined;
  let listRequests = 0;

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-cli-test-'));
    cli = await builtCli();
    emulator = await startEmulator();
    proxy = await startFaultProxy(emulator.endpoint);
    const seed = testSession(emulator.endpoint);
    await createBucket(seed, 'cli-big');
    await putObjects(seed, 'cli-big', keys);
    [topicArn] = await createTopics(seed, numberedNames('cli-topic', 130));
    await subscribeEmails(seed, topicArn, ['a@example.com', 'b,c@example.com']);
    seed.dispose();
  });

  after(async function () {
    await proxy?.stop();
    await emulator?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(function () {
    onListRequest = undefined;
    listRequests = 0;
    proxy.setRule((request) => {
      if (request.action === 'ListObjectsV2' || request.action === 'ListTopics') {
        listRequests++;
        if (current) {
          onListRequest?.(listRequests, current);
        }
      }
      return undefined;
    });
    for (const name of fs.readdirSync(dir)) {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  });

  async function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
    listRequests = 0;
    try {
      return await runProcess(nodeBinary, [cli, ...args, '--state-dir', path.join(dir, 'state')], {
        cwd: dir,
        env: { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1', ...env },
        onSpawn: (child) => (current = child),
      });
    } finally {
      current = undefined;
    }
  }

  const stateFiles = () => (fs.existsSync(path.join(dir, 'state', 'exports')) ? fs.readdirSync(path.join(dir, 'state', 'exports')) : []);
  // A process killed inside a save also leaves that save's temporary file; the next run removes it.
  const checkpoints = () => stateFiles().filter((name) => name.endsWith('.json'));

  async function reference(list: string, file: string, extra: readonly string[] = []): Promise<Buffer> {
    const done = await run([list, '--out', file, ...extra]);
    assert.equal(done.code, 0, done.stderr);
    return fs.readFileSync(path.join(dir, file));
  }

  it('exports every key under a prefix as JSON Lines and exits 0 with one line on stderr (no progress line off a terminal)', async function () {
    const done = await run(['s3://cli-big/', '--out', 'all.jsonl']);
    assert.equal(done.code, 0, done.stderr);
    assert.equal(done.stderr, 'Exported 2,600 objects to all.jsonl\n');
    assert.equal(done.stdout, '');
    const lines = fs.readFileSync(path.join(dir, 'all.jsonl'), 'utf8').trim().split('\n');
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { Key: string }).Key), keys);
    assert.deepEqual(checkpoints(), []);
  });

  it('on a terminal, rewrites one progress line per page on stderr, then the result', async function () {
    // `script` (util-linux) runs the CLI on a pseudo-terminal, as in an interactive shell.
    const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
    const command = [nodeBinary, cli, 's3://cli-big/', '--out', 'tty.jsonl', '--page-size', '1000', '--state-dir', path.join(dir, 'state')].map(quote).join(' ');
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qefc', command, '/dev/null'], {
        cwd: dir, env: { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1' }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}: ${text}`))));
    });
    const updates = output.split('\r\x1b[K').slice(1);
    assert.equal(updates.length, 3, JSON.stringify(output));
    assert.match(updates[0], /^1,000 objects · 1 page · [\d.]+ KB$/);
    assert.match(updates[1], /^2,000 objects · 2 pages · [\d.]+ KB$/);
    assert.match(updates[2], /^2,600 objects · 3 pages · [\d.]+ KB\r?\nExported 2,600 objects to tty\.jsonl\r?\n$/);
  });

  for (const killAt of [2, 3, 5, 9]) {
    it(`SIGKILL while request ${killAt} is in flight, then the same command resumes to the identical file`, async function () {
      const expected = await reference('s3://cli-big/', 'expected.csv', ['--page-size', '200']);
      onListRequest = (index, child) => index === killAt && child.kill('SIGKILL');
      const killed = await run(['s3://cli-big/', '--out', 'killed.csv', '--page-size', '200']);
      assert.equal(killed.signal, 'SIGKILL');
      onListRequest = undefined;
      // Request N goes out as page N-1 arrives, and page N-2 was written after checkpoint N-3 was saved: request 4
      // goes out only after page 1 was checkpointed.
      const kept = checkpoints().length;
      assert.equal(kept, killAt >= 4 ? 1 : kept);
      const resumed = await run(['s3://cli-big/', '--out', 'killed.csv']);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.equal(/^Resuming: [\d,]+ objects written/.test(resumed.stderr), kept === 1);
      assert.ok(fs.readFileSync(path.join(dir, 'killed.csv')).equals(expected), 'byte for byte the uninterrupted file');
      assert.deepEqual(stateFiles(), []);
    });
  }

  it('SIGINT stops with exit code 130 and keeps the checkpoint; running again resumes', async function () {
    const expected = await reference('s3://cli-big/', 'expected.json', ['--page-size', '300']);
    onListRequest = (index, child) => index === 4 && child.kill('SIGINT');
    const interrupted = await run(['s3://cli-big/', '--out', 'interrupted.json', '--page-size', '300']);
    assert.equal(interrupted.code, 130, interrupted.stderr);
    assert.match(interrupted.stderr, /Interrupted; [\d,]+ objects saved\. Run the same command again to resume\./);
    assert.equal(checkpoints().length, 1);
    onListRequest = undefined;
    const resumed = await run(['s3://cli-big/', '--out', 'interrupted.json', '--resume']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.ok(fs.readFileSync(path.join(dir, 'interrupted.json')).equals(expected));
  });

  it('SIGTERM stops with exit code 143 and keeps the checkpoint, as SIGINT does with 130', async function () {
    onListRequest = (index, child) => index === 4 && child.kill('SIGTERM');
    const terminated = await run(['s3://cli-big/', '--out', 'terminated.jsonl', '--page-size', '300']);
    assert.equal(terminated.code, 143, terminated.stderr);
    assert.match(terminated.stderr, /Interrupted; [\d,]+ objects saved/);
    assert.equal(checkpoints().length, 1);
  });

  it('--out - streams to standard output with no checkpoint, saying so on standard error; --version prints the version', async function () {
    const piped = await run(['s3://cli-big/', '--out', '-', '--page-size', '700']);
    assert.equal(piped.code, 0, piped.stderr);
    assert.deepEqual(piped.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { Key: string }).Key), keys);
    assert.match(piped.stderr, /^Writing to standard output without a checkpoint: an interrupted export starts over\./);
    assert.match(piped.stderr, /Exported 2,600 objects\.\n$/);
    assert.deepEqual(stateFiles(), [], 'no checkpoint');
    const csv = await run(['sns:topics', '--out', '-', '--format', 'csv']);
    assert.match(csv.stdout, /^TopicArn,name,region,accountId\r\n/);
    assert.equal(csv.stdout.trim().split('\r\n').length, 131);
    const resume = await run(['s3://cli-big/', '--out', '-', '--resume']);
    assert.equal(resume.code, 2);
    assert.match(resume.stderr, /--resume needs a file/);
    const version = await run(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.stdout, `paged-aws-export ${(JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('a pipe (| head) and /dev/stdout are streamed to; a reader that goes away stops the listing quietly', async function () {
    const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
    const cliCommand = [nodeBinary, cli, 's3://cli-big/', '--page-size', '100', '--state-dir', path.join(dir, 'state')].map(quote).join(' ');
    const shell = (pipeline: string) => runProcess('bash', ['-o', 'pipefail', '-c', pipeline], { cwd: dir, env: { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1' } });
    const devStdout = await shell(`${cliCommand} --out /dev/stdout | wc -l`);
    assert.equal(devStdout.code, 0, devStdout.stderr);
    assert.equal(devStdout.stdout.trim(), '2600');
    listRequests = 0;
    const head = await shell(`${cliCommand} --out - | head -3`);
    assert.equal(head.code, 0, head.stderr);
    assert.equal(head.stdout.trim().split('\n').length, 3);
    assert.ok(listRequests < 26, `stopped listing after the reader went (${listRequests} requests)`);
    assert.deepEqual(stateFiles(), []);
  });

  it('CSV: hostile cells are inert by default; --csv-raw writes them as they are; --csv-bom starts with a byte-order mark', async function () {
    const hostile = testSession(emulator.endpoint);
    try {
      await createBucket(hostile, 'cli-hostile');
      await putObjects(hostile, 'cli-hostile', ['=HYPERLINK("http://x")', '@SUM(1)', 'plain.txt']);
    } finally {
      hostile.dispose();
    }
    const safe = await run(['s3://cli-hostile/', '--out', 'safe.csv']);
    assert.equal(safe.code, 0, safe.stderr);
    // Sorted: fauxqs orders these keys by localeCompare, S3 by bytes.
    const rows = fs.readFileSync(path.join(dir, 'safe.csv'), 'utf8').split('\r\n').slice(1, -1).map((row) => row.split(',')[0]).sort();
    assert.deepEqual(rows, ['"\'=HYPERLINK(""http://x"")"', "'@SUM(1)", 'plain.txt']);
    assert.equal((await run(['s3://cli-hostile/', '--out', 'raw.csv', '--csv-raw', '--csv-bom'])).code, 0);
    const raw = fs.readFileSync(path.join(dir, 'raw.csv'), 'utf8');
    assert.ok(raw.startsWith('\uFEFFKey,'));
    assert.deepEqual(raw.split('\r\n').slice(1, -1).map((row) => row.split(',')[0]).sort(), ['"=HYPERLINK(""http://x"")"', '@SUM(1)', 'plain.txt']);
  });

  it('a refused token on resume of S3 objects goes on after the last key written and says so (exit 0, the same bytes)', async function () {
    const expected = await reference('s3://cli-big/', 'expected.jsonl', ['--page-size', '500']);
    onListRequest = (index, child) => index === 3 && child.kill('SIGINT');
    assert.equal((await run(['s3://cli-big/', '--out', 'refused.jsonl', '--page-size', '500'])).code, 130);
    onListRequest = undefined;
    proxy.setRule((request) => (request.token ? { kind: 'refuseToken' } : undefined));
    const resumed = await run(['s3://cli-big/', '--out', 'refused.jsonl']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /refused the page token of s3:\/\/cli-big\/ \(it may have expired\); the export went on with StartAfter after the last object written \("[^"]+"\): nothing is missing or written twice\./);
    assert.ok(fs.readFileSync(path.join(dir, 'refused.jsonl')).equals(expected), 'byte for byte the uninterrupted export');
    assert.deepEqual(checkpoints(), []);
  });

  it('a refused token on resume of SNS topics (no position) exits 1 saying to --restart and how many topics that writes again', async function () {
    onListRequest = (index, child) => index === 2 && child.kill('SIGINT');
    assert.equal((await run(['sns:topics', '--out', 'topics.jsonl'])).code, 130);
    onListRequest = undefined;
    proxy.setRule((request) => (request.token ? { kind: 'refuseToken' } : undefined));
    const refused = await run(['sns:topics', '--out', 'topics.jsonl']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /refused the page token \(InvalidParameterException\).*Start over from the first page\. That writes the 100 topics already exported again; the checkpoint is kept until then\. Run again with --restart to start over\./s);
    assert.equal(checkpoints().length, 1);
    proxy.setRule(undefined);
    assert.equal((await run(['sns:topics', '--out', 'topics.jsonl', '--restart'])).code, 0);
    assert.deepEqual(checkpoints(), []);
  });

  it('refuses to append to an output file changed since the interruption (exit 1) and leaves it alone', async function () {
    onListRequest = (index, child) => index === 3 && child.kill('SIGINT');
    assert.equal((await run(['s3://cli-big/', '--out', 'changed.jsonl', '--page-size', '500'])).code, 130);
    onListRequest = undefined;
    fs.writeFileSync(path.join(dir, 'changed.jsonl'), 'my own notes\n');
    const refused = await run(['s3://cli-big/', '--out', 'changed.jsonl']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /changed\.jsonl was (modified|shortened) since the export was interrupted.*--restart/s);
    assert.equal(fs.readFileSync(path.join(dir, 'changed.jsonl'), 'utf8'), 'my own notes\n');
  });

  it('exports SNS topics, a topic\'s subscriptions (region from the ARN) and the buckets', async function () {
    const topicsRun = await run(['sns:topics', '--out', 'topics.jsonl']);
    assert.equal(topicsRun.code, 0, topicsRun.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'topics.jsonl'), 'utf8').trim().split('\n').length, 130);
    const subs = await run([topicArn, '--out', 'subs.csv'], { AWS_REGION: '' });
    assert.equal(subs.code, 0, subs.stderr);
    assert.equal(subs.stderr, 'Exported 2 subscriptions to subs.csv\n');
    assert.match(fs.readFileSync(path.join(dir, 'subs.csv'), 'utf8'), /^SubscriptionArn,Owner,Protocol,Endpoint,TopicArn\r\n.*"b,c@example\.com"/s);
    const buckets = await run(['s3://', '--out', 'buckets.json']);
    assert.equal(buckets.code, 0, buckets.stderr);
    assert.ok((JSON.parse(fs.readFileSync(path.join(dir, 'buckets.json'), 'utf8')) as Array<{ Name: string }>).some((b) => b.Name === 'cli-big'));
  });

  it('exits 2 with a message on usage errors, and prints help on stdout', async function () {
    for (const [args, message] of [
      [['s3://cli-big/'], /--out FILE is required/],
      [['ftp://x', '--out', 'x.jsonl'], /Cannot tell which list "ftp:\/\/x" names/],
      [['s3://cli-big/', '--out', 'x', '--format', 'xml'], /--format must be one of jsonl, csv, json/],
      [['s3://cli-big/', '--out', 'x', '--page-size', '0'], /--page-size must be a whole number from 1 to 10,000/],
      [['s3://cli-big/', '--out', 'x', '--resume', '--restart'], /exclude each other/],
      [['arn:aws:sns:us-east-1:123456789012:orders:5f2c8e3a', '--out', 'x'], /is a subscription ARN; name its topic \(arn:aws:sns:us-east-1:123456789012:orders\)/],
      [['s3://a bucket/', '--out', 'x'], /"a bucket" is not a bucket name/],
    ] as const) {
      const result = await run(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: paged-aws-export/);
  });

  it('--resume without an unfinished export exits 1; other options than the checkpoint\'s exit 2', async function () {
    const none = await run(['s3://cli-big/', '--out', 'none.jsonl', '--resume']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no unfinished export of this list into .*none\.jsonl/);
    onListRequest = (index, child) => index === 3 && child.kill('SIGINT');
    assert.equal((await run(['s3://cli-big/', '--out', 'conflict.jsonl', '--page-size', '500'])).code, 130);
    onListRequest = undefined;
    const conflict = await run(['s3://cli-big/', '--out', 'conflict.jsonl', '--page-size', '100']);
    assert.equal(conflict.code, 2);
    assert.match(conflict.stderr, /uses --page-size 500\. Run with --restart/);
  });

  it('reports an unreachable endpoint with exit code 1', async function () {
    const result = await run(['sns:topics', '--out', 'x.jsonl'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Cannot reach the endpoint/);
    assert.ok(!fs.existsSync(path.join(dir, 'x.jsonl')), 'no file is created when the first page fails');
  });
});
