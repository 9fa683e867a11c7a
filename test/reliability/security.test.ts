import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { resolveConnection } from '../../src/core/aws/connection';
import { AwsSession } from '../../src/core/aws/session';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { describeExportProblem } from '../../src/core/export/errors';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { failureLabel, failureTooltip } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { createBucket, putObjects, testSession } from '../support/emulator';
import { rateRule, type FaultProxy } from '../support/faultProxy';
import { BIG_BUCKET, BIG_KEYS, capturingLog, cliEnv, compareKeys, exportedKeys, nodeBinary, proxiedCli, root, runProcess } from './support/fixture';
import { rowOf, seededWorld } from './support/kinds';
import { ITEMS_TABLE } from './support/rows/dynamodb';
import { record } from './support/results';
import { type ListRef } from '../../src/core/lists';

/** Credentials whose every value is unmistakable, so a grep for them cannot miss or match by chance. */
const ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAENVKEYRELIABLE01',
  AWS_SECRET_ACCESS_KEY: 'envSecretKey/Reliability+Test0000000000000',
  AWS_SESSION_TOKEN: 'envSessionToken//ReliabilityTestTokenValue+1111111111==',
};
const PROFILE = {
  aws_access_key_id: 'AKIAPROFILEKEYRELI02',
  aws_secret_access_key: 'profileSecretKey/Reliability+Test222222222',
  aws_session_token: 'profileSessionToken//ReliabilityTestTokenValue+3333333333==',
};
const SECRETS = [ENV.AWS_SECRET_ACCESS_KEY, ENV.AWS_SESSION_TOKEN, PROFILE.aws_secret_access_key, PROFILE.aws_session_token];
/** Not secret on their own (every request carries one), but nothing the extension writes needs them either. */
const KEY_IDS = [ENV.AWS_ACCESS_KEY_ID, PROFILE.aws_access_key_id];

const HOSTILE_BUCKET = 'reliability-hostile-keys';
const HOSTILE_KEYS = ['../../escape.txt', '/absolute/path.txt', '$(touch PWNED-subshell)', '`touch PWNED-backtick`', 'C:\\windows\\evil.txt', '..', 'a/./b/../c'];

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => path.join(dir, name)).filter((file) => fs.statSync(file).isFile());
}

/** Which of the secrets (or key ids) occur in `text`; also their URL- and JSON-escaped forms. */
function leaks(text: string, values: readonly string[] = [...SECRETS, ...KEY_IDS]): string[] {
  return values.filter((value) => [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)].some((form) => text.includes(form)));
}

describe('security: secrets never written, file modes, derived checkpoint paths, restricted settings', function () {
  let proxy: FaultProxy;
  let cli: string;
  let dir: string;

  before(async function () {
    const setup = await proxiedCli('security');
    ({ proxy, cli, dir } = setup);
    const seed = testSession(setup.emulator.endpoint);
    await createBucket(seed, HOSTILE_BUCKET);
    await putObjects(seed, HOSTILE_BUCKET, HOSTILE_KEYS);
    seed.dispose();
  });

  afterEach(function () {
    proxy.setRule(undefined);
  });

  after(async function () {
    await proxy?.stop();
  });

  it('known secrets (environment and profile keys, session tokens) appear in no log line, message, export, checkpoint or CLI output', async function () {
    const home = path.join(dir, 'home');
    fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
    fs.writeFileSync(path.join(home, '.aws', 'config'), `[profile secure]\nregion = us-east-1\nendpoint_url = ${proxy.endpoint}\n`);
    fs.writeFileSync(path.join(home, '.aws', 'credentials'), `[secure]\n${Object.entries(PROFILE).map(([k, v]) => `${k} = ${v}`).join('\n')}\n`);
    Object.assign(process.env, ENV, { AWS_CONFIG_FILE: path.join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials') });
    const written: Array<{ source: string; text: string }> = [];
    const from = proxy.log.length;

    // In process, with environment credentials and then the profile: tree, failures and an interrupted export.
    for (const settings of [{ endpointUrl: proxy.endpoint, maxAttempts: 6 }, { profile: 'secure', maxAttempts: 6 }]) {
      const log = capturingLog();
      const session = new AwsSession(await resolveConnection(settings), log);
      const objects: ListRef = { kind: 's3.objects', params: { bucket: BIG_BUCKET, prefix: '', delimiter: '' } };
      const model = new TreeModel({ clients: async () => session, pageSize: () => 1000 });
      proxy.setRule(rateRule(99, 0.3, [{ kind: 'throttle' }, { kind: 'serverError', status: 500 }, { kind: 'resetMidResponse' }]));
      await model.loadAll(objects);
      // Tokens refused, and the listing after the last key (StartAfter) too, so the refusal reaches the tree.
      proxy.setRule((request) => (request.action === 'ListTopics' ? { kind: 'accessDenied' }
        : request.token || request.url.includes('start-after=') ? { kind: 'refuseToken' } : undefined));
      const topics: ListRef = { kind: 'sns.topics', params: {} };
      await model.ensureLoaded(topics);
      const paged: ListRef = { kind: 's3.objects', params: { bucket: BIG_BUCKET, prefix: '', delimiter: '/' } };
      await model.ensureLoaded(paged);
      await model.loadMore(paged, model.snapshot(paged).nextToken!);
      for (const list of [topics, paged]) {
        const failure = model.snapshot(list).failure!;
        assert.ok(failure, 'the failure is shown');
        written.push({ source: 'tree failure row and tooltip', text: `${failureLabel(failure.problem)}\n${failureTooltip(failure, false)}\n${failure.problem.detail}` });
        written.push({ source: 'failure error as logged', text: `${String(failure.error)}\n${(failure.error as Error).stack}\n${util.inspect(failure.error, { depth: 6 })}` });
      }

      const store = new FileCheckpointStore(path.join(dir, 'state', settings.profile ?? 'env'));
      const job: ExportJob = { target: listingTarget(session.connection), list: objects, pageSize: 500, outputPath: path.join(dir, `export-${settings.profile ?? 'env'}.csv`), format: 'csv' };
      let pages = 0;
      proxy.setRule((request) => (request.action === 'ListObjectsV2' && ++pages > 6 ? { kind: 'serverError', status: 503 } : undefined));
      const failed = await startExport(session, job, { store }).then(() => undefined, (e: unknown) => e);
      const kept = await store.load(checkpointId(job));
      assert.ok(kept, 'a checkpoint was kept');
      written.push({ source: 'export failure message', text: describeExportProblem(failed, { checkpoint: kept }).message });
      written.push(...filesUnder(store.directory).map((file) => ({ source: `checkpoint ${path.basename(file)}`, text: fs.readFileSync(file, 'utf8') })));
      proxy.setRule(undefined);
      await resumeExport(session, kept!, { store });
      written.push({ source: `export ${path.basename(job.outputPath)}`, text: fs.readFileSync(job.outputPath, 'utf8') });
      written.push({ source: 'session log', text: log.lines.join('\n') });
      assert.ok(log.lines.some((line) => /attempt 2 of 6/.test(line)), 'the log did record retries');
      session.dispose();
    }

    // The CLI with the profile, verbose, through faults, killed once and resumed.
    const env = { ...process.env, HOME: home, AWS_ENDPOINT_URL: '' };
    const args = [cli, `s3://${BIG_BUCKET}/`, '--out', 'cli-export.json', '--profile', 'secure', '--page-size', '250', '--verbose', '--state-dir', 'cli-state'];
    let listed = 0;
    proxy.setRule((request) => (request.action === 'ListObjectsV2' && ++listed % 4 === 0 ? { kind: 'throttle' } : undefined));
    const killed = await runProcess(nodeBinary, args, {
      env, cwd: dir,
      onSpawn: (child) => {
        const timer = setInterval(() => {
          if (listed >= 12) {
            clearInterval(timer);
            child.kill('SIGKILL');
          }
        }, 5);
        child.on('exit', () => clearInterval(timer));
      },
    });
    assert.equal(killed.signal, 'SIGKILL');
    written.push(...filesUnder(path.join(dir, 'cli-state')).map((file) => ({ source: `CLI checkpoint ${path.basename(file)}`, text: fs.readFileSync(file, 'utf8') })));
    const resumed = await runProcess(nodeBinary, args, { env, cwd: dir });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(`${killed.stderr}${resumed.stderr}`, /SlowDown \(HTTP 503\)/, 'verbose output shows the failed attempts');
    assert.deepEqual(compareKeys(exportedKeys(path.join(dir, 'cli-export.json'), 'json'), BIG_KEYS), { lost: 0, duplicated: 0, unexpected: 0 });
    written.push({ source: 'CLI stdout and stderr', text: `${killed.stdout}${killed.stderr}${resumed.stdout}${resumed.stderr}` });
    written.push({ source: 'CLI export', text: fs.readFileSync(path.join(dir, 'cli-export.json'), 'utf8') });

    // The secrets were really in use: the requests were signed with both key ids.
    const signedWith = new Set(proxy.log.slice(from).map((r) => r.accessKeyId));
    assert.ok(signedWith.has(ENV.AWS_ACCESS_KEY_ID) && signedWith.has(PROFILE.aws_access_key_id), 'requests were signed with the environment and the profile credentials');

    const found = written.flatMap(({ source, text }) => leaks(text).map((value) => `${source}: ${value.slice(0, 12)}…`));
    assert.deepEqual(found, [], 'no secret or key id in anything written');
    const bytes = written.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0);
    record({
      area: 'Security', tried: 'Secrets grep: env and profile secret keys, session tokens and key ids, through tree Load all with 30% faults, access denied, refused token, failed and resumed exports (in process) and a verbose CLI export killed and resumed',
      times: written.length, crashes: 0,
      outcome: `0 occurrences in ${written.length} outputs (${(bytes / 1e6).toFixed(1)} MB: log lines, failure rows and tooltips, error strings/stacks/inspect, messages, exports, checkpoints, CLI output); requests were signed with both credentials`,
    });
  });

  it('exports and checkpoints are written with the default permissions or stricter', async function () {
    const umask = process.umask();
    const session = testSession(proxy.endpoint);
    const store = new FileCheckpointStore(path.join(dir, 'modes', 'state'));
    const job: ExportJob = {
      target: listingTarget(session.connection), list: { kind: 's3.objects', params: { bucket: BIG_BUCKET, prefix: '', delimiter: '' } },
      pageSize: 1000, outputPath: path.join(dir, 'modes', 'out.jsonl'), format: 'jsonl',
    };
    fs.mkdirSync(path.dirname(job.outputPath), { recursive: true });
    const controller = new AbortController();
    await startExport(session, job, { store, signal: controller.signal, onProgress: (p) => p.pagesWritten === 3 && controller.abort() }).catch(() => undefined);
    session.dispose();
    const mode = (file: string) => fs.statSync(file).mode & 0o777;
    const checkpointFile = path.join(store.directory, `${checkpointId(job)}.json`);
    assert.equal(mode(job.outputPath) & ~(0o666 & ~umask), 0, `export ${mode(job.outputPath).toString(8)} is within ${(0o666 & ~umask).toString(8)}`);
    assert.equal(mode(checkpointFile), 0o600, 'checkpoint readable by the user only');
    assert.equal(mode(store.directory), 0o700, 'checkpoint folder for the user only');
    record({
      area: 'Security', tried: `File modes with umask ${umask.toString(8).padStart(3, '0')}`, times: 3, crashes: 0,
      outcome: `export ${mode(job.outputPath).toString(8)} (default for new files), checkpoint ${mode(checkpointFile).toString(8)}, checkpoint folder ${mode(store.directory).toString(8)}`,
    });
  });

  it('checkpoint paths are derived from the job, never taken from input; keys from a response are never used as paths or run', async function () {
    const sandbox = path.join(dir, 'sandbox');
    fs.mkdirSync(path.join(sandbox, 'out', 'nested'), { recursive: true });
    const store = new FileCheckpointStore(path.join(sandbox, 'state'));
    const session = testSession(proxy.endpoint);
    // A list and an output path full of traversal: the checkpoint is still `<32 hex>.json` in the store folder.
    const job: ExportJob = {
      target: listingTarget(session.connection), list: { kind: 's3.objects', params: { bucket: HOSTILE_BUCKET, prefix: '', delimiter: '' } },
      pageSize: 2, outputPath: `${sandbox}/out/nested/../hostile.jsonl`, format: 'jsonl',
    };
    const controller = new AbortController();
    await startExport(session, job, { store, signal: controller.signal, onProgress: (p) => p.pagesWritten === 2 && controller.abort() }).catch(() => undefined);
    const stateFiles = fs.readdirSync(store.directory);
    assert.equal(stateFiles.length, 1);
    assert.match(stateFiles[0], /^[0-9a-f]{32}\.json$/);
    // Ids from outside are not paths.
    for (const id of ['../../../etc/passwd', `../state/${stateFiles[0].slice(0, -5)}`, '/etc/passwd', 'ABC']) {
      assert.equal(await store.load(id), undefined, `load(${id})`);
      await store.delete(id);
    }
    assert.deepEqual(fs.readdirSync(store.directory), stateFiles, 'delete with a foreign id removed nothing');
    const saved = (await store.load(stateFiles[0].slice(0, -5)))!;
    await assert.rejects(store.save({ ...saved, id: '0'.repeat(32) }), /does not match/);
    await assert.rejects(store.save({ ...saved, job: { ...saved.job, outputPath: path.join(sandbox, 'elsewhere.jsonl') } }), /does not match/);
    await resumeExport(session, saved, { store });
    session.dispose();

    // The CLI and the tree with the same keys: nothing but the output and the checkpoint store changes.
    const cwd = path.join(sandbox, 'cwd');
    fs.mkdirSync(cwd);
    const run = await runProcess(nodeBinary, [cli, `s3://${HOSTILE_BUCKET}/`, '--out', 'hostile.csv', '--page-size', '1000', '--state-dir', path.join(sandbox, 'cli-state')], {
      cwd, env: cliEnv(proxy),
    });
    assert.equal(run.code, 0, run.stderr);
    const treeSession = testSession(proxy.endpoint);
    const model = new TreeModel({ clients: async () => treeSession, pageSize: () => 1000 });
    const folders: ListRef = { kind: 's3.objects', params: { bucket: HOSTILE_BUCKET, prefix: '', delimiter: '/' } };
    await model.ensureLoaded(folders);
    treeSession.dispose();
    assert.ok(model.snapshot(folders).items.length > 0);

    const files = filesUnder(sandbox).map((file) => path.relative(sandbox, file)).sort();
    assert.deepEqual(files, ['cwd/hostile.csv', 'out/hostile.jsonl'], 'no file named after a key, no checkpoint left');
    assert.ok(!fs.existsSync(path.join(cwd, 'PWNED-subshell')) && !fs.existsSync(path.join(root, 'PWNED-subshell')) && !fs.existsSync(path.join(cwd, 'PWNED-backtick')), 'no key was run as a command');
    // One page: fauxqs orders these keys with localeCompare but pages on by byte order, so across pages it drops some.
    assert.deepEqual(compareKeys(exportedKeys(path.join(cwd, 'hostile.csv'), 'csv'), HOSTILE_KEYS), { lost: 0, duplicated: 0, unexpected: 0 });
    assert.deepEqual(model.snapshot(folders).items.map((item) => item.record.Key ?? item.record.Prefix).filter((key) => !String(key).endsWith('/')).sort(),
      HOSTILE_KEYS.filter((key) => !key.slice(0, -1).includes('/')).sort(), 'the tree shows the keys as they are');
    record({
      area: 'Security', tried: `Traversal and shell in keys (${HOSTILE_KEYS.map((k) => JSON.stringify(k)).join(', ')}) and in the output path; foreign checkpoint ids (../../../etc/passwd, /etc/passwd, …)`,
      times: HOSTILE_KEYS.length + 4, crashes: 0,
      outcome: 'checkpoint named <sha-256 of the job>.json inside the store only; foreign ids load nothing and delete nothing; a checkpoint under another id is refused; keys exported verbatim as data, no file created from a key, nothing executed',
    });
  });

  it('profile, region and endpoint cannot come from a workspace: machine scope, restricted in untrusted workspaces', function () {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    };
    const restricted = ['pagedAwsExplorer.profile', 'pagedAwsExplorer.region', 'pagedAwsExplorer.endpointUrl'];
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const name of restricted) {
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations?.includes(name), `${name} is restricted in untrusted workspaces`);
      assert.equal(manifest.contributes.configuration.properties[name]?.scope, 'machine', `${name} is machine-scoped (VS Code ignores workspace values)`);
    }
    // How the extension reads them: a plain get() is safe only for machine-scoped settings (VS Code drops workspace values).
    const source = fs.readFileSync(path.join(root, 'src', 'connection', 'connectionManager.ts'), 'utf8');
    const readsWithGet = [...source.matchAll(/\.get<[^>]*>\('([A-Za-z.]+)'\)/g)].map((m) => `pagedAwsExplorer.${m[1]}`);
    const viaInspect = /\.inspect\b[^;]*globalValue/.test(source);
    for (const name of restricted) {
      assert.ok(viaInspect || readsWithGet.includes(name), `${name} is read by the connection manager`);
    }
    for (const name of readsWithGet.filter((n) => restricted.includes(n))) {
      assert.equal(manifest.contributes.configuration.properties[name]?.scope, 'machine', `${name} is read with get(), so it must be machine-scoped`);
    }
    record({
      area: 'Security', tried: 'package.json: untrustedWorkspaces and setting scopes; how src/connection reads them', times: restricted.length, crashes: 0,
      outcome: `supported: "limited"; restrictedConfigurations lists profile, region, endpointUrl; all three scope "machine"; read with ${viaInspect ? 'inspect().globalValue' : 'getConfiguration().get() — relies on machine scope, under which VS Code ignores workspace values (checked in a real VS Code by the e2e suite)'}`,
    });
  });

  it('a verbose CLI export of DynamoDB items (parallel) and SQS queues, through throttling, killed and resumed: no secret or key id in any output, export or checkpoint', async function () {
    await seededWorld();
    const credentials = {
      AWS_ACCESS_KEY_ID: 'AKIADYNAMOSQSRELI03',
      AWS_SECRET_ACCESS_KEY: 'dynamoSqsSecretKey/Reliability+Test44444444',
      AWS_SESSION_TOKEN: 'dynamoSqsSessionToken//ReliabilityTestTokenValue+5555555555==',
    };
    // Every 4th list request throttled, across the parallel segments: enough attempts that one request never runs out.
    const env = { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '10', ...credentials };
    const isList = (action: string) => action === 'Scan' || action === 'ListQueues';
    const written: Array<{ source: string; text: string }> = [];
    const from = proxy.log.length;
    const exports = [
      [`dynamodb:table/${ITEMS_TABLE}`, '--out', 'secret-items.jsonl', '--parallel', '3', '--page-size', '200'],
      [rowOf('sqs.queues').address, '--out', 'secret-queues.csv', '--page-size', '20'],
    ];
    for (const args of exports) {
      const full = [cli, ...args, '--verbose', '--state-dir', 'state-secrets'];
      let listed = 0;
      proxy.setRule((request) => (isList(request.action) && ++listed % 4 === 0 ? { kind: 'throttle' } : { kind: 'latency', ms: 5 }));
      const killed = await runProcess(nodeBinary, full, {
        env, cwd: dir,
        onSpawn: (child) => {
          const timer = setInterval(() => {
            if (listed >= 6) {
              clearInterval(timer);
              child.kill('SIGKILL');
            }
          }, 2);
          child.on('exit', () => clearInterval(timer));
        },
      });
      assert.equal(killed.signal, 'SIGKILL');
      written.push(...filesUnder(path.join(dir, 'state-secrets')).map((file) => ({ source: `checkpoint ${path.basename(file)}`, text: fs.readFileSync(file, 'utf8') })));
      const resumed = await runProcess(nodeBinary, full, { env, cwd: dir });
      proxy.setRule(undefined);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(`${killed.stderr}${resumed.stderr}`, /(ProvisionedThroughputExceededException|ThrottlingException)/, 'verbose output shows the throttled attempts');
      written.push({ source: `CLI output (${args[0]})`, text: `${killed.stdout}${killed.stderr}${resumed.stdout}${resumed.stderr}` });
      written.push({ source: `export ${args[2]}`, text: fs.readFileSync(path.join(dir, args[2]), 'utf8') });
    }
    assert.ok(proxy.log.slice(from).some((r) => r.accessKeyId === credentials.AWS_ACCESS_KEY_ID), 'requests were signed with these credentials');
    const found = written.flatMap(({ source, text }) => leaks(text, Object.values(credentials)).map((value) => `${source}: ${value.slice(0, 10)}…`));
    assert.deepEqual(found, []);
    record({
      area: 'Security', tried: `Secrets grep: secret key, session token and key id of ${exports.length} verbose CLI exports (DynamoDB parallel Scan, SQS queues) through throttling, SIGKILLed and resumed`,
      times: written.length, crashes: 0,
      outcome: `0 occurrences in ${written.length} outputs (CLI stdout/stderr, checkpoints, exports); requests were signed with those credentials`,
    });
  });
});
