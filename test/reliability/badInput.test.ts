import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConnection, type Connection, type ConnectionSettings } from '../../src/core/aws/connection';
import { type Problem } from '../../src/core/problems/problem';
import { AwsSession } from '../../src/core/aws/session';
import { failureLabel, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { createBucket, putObjects, testConnection, testSession } from '../support/emulator';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { BIG_BUCKET, BIG_KEYS, cliEnv, compareKeys, exportedKeys, hasStackTrace, nodeBinary, type ProcessRun, proxiedCli, runProcess, tempDir } from './support/fixture';
import { seededWorld } from './support/kinds';
import { record } from './support/results';
import { type ListRef } from '../../src/core/lists';

const topics: ListRef = { kind: 'sns.topics', params: {} };
const buckets: ListRef = { kind: 's3.buckets', params: {} };
const objectsOf = (bucket: string, delimiter = ''): ListRef => ({ kind: 's3.objects', params: { bucket, prefix: '', delimiter } });

/** Keys a user may well have: spaces, Unicode (also outside the BMP), `+`, `%`, line breaks, quotes and commas. */
const ODD_BUCKET = 'reliability-odd-keys';
const ODD_KEYS = [
  'with space.txt',
  'folder with space/nested key.txt',
  'unicode-日本語-ü-é-😀.txt',
  'plus+sign+.txt',
  'percent%20and%.txt',
  'line1\nline2.txt',
  'quote"and,comma.csv',
];

// Bad connections, regions, keys, paths and command lines. A missing resource of every list kind: missingResources.test.ts.
describe('bad input: each gives a clear message, nothing crashes, nothing stays "loading"', function () {
  let proxy: FaultProxy;
  let cli: string;
  let dir: string;
  const sessions: AwsSession[] = [];

  before(async function () {
    const setup = await proxiedCli('bad-input');
    ({ proxy, cli, dir } = setup);
    const seed = testSession(setup.emulator.endpoint);
    await createBucket(seed, ODD_BUCKET);
    await putObjects(seed, ODD_BUCKET, ODD_KEYS);
    seed.dispose();
  });

  afterEach(function () {
    proxy.setRule(undefined);
    for (const session of sessions.splice(0)) {
      session.dispose();
    }
  });

  after(async function () {
    await proxy?.stop();
  });

  /** Points the shared config files (and HOME, for the SSO cache) at files with the given text. */
  function sharedFiles(config: string, credentials = ''): NodeJS.ProcessEnv {
    const home = fs.mkdtempSync(path.join(dir, 'home-'));
    fs.mkdirSync(path.join(home, '.aws'));
    fs.writeFileSync(path.join(home, '.aws', 'config'), config);
    fs.writeFileSync(path.join(home, '.aws', 'credentials'), credentials);
    const env = { HOME: home, AWS_CONFIG_FILE: path.join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials') };
    Object.assign(process.env, env);
    return env;
  }

  function session(connection: Connection): AwsSession {
    const created = new AwsSession(connection);
    sessions.push(created);
    return created;
  }

  /** Loads the first page of `list` in the tree model and returns the failure it shows; asserts nothing is left loading. */
  async function treeFailure(clients: () => Promise<AwsSession>, list: ListRef): Promise<{ problem: Problem; shown: string }> {
    const model = new TreeModel({ clients, pageSize: () => 100 });
    await model.ensureLoaded(list);
    const snapshot = model.snapshot(list);
    assert.equal(snapshot.loading, false, 'not stuck in "loading"');
    const rows = rowsOf(snapshot);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].type, 'failure', 'one failure row');
    const problem = snapshot.failure!.problem;
    assert.ok(failureLabel(problem).startsWith('Failed to load: '));
    return { problem, shown: `${problem.message} [${problem.kind}${problem.retryable ? '; Retry offered' : ''}]` };
  }

  const fromSettings = (settings: ConnectionSettings) => async () => session(await resolveConnection({ maxAttempts: 2, ...settings }));

  /** Runs the CLI; a bad input must end with exit code 1 and one described line, never a stack trace. */
  async function cliFailure(args: readonly string[], env: NodeJS.ProcessEnv = {}, command: readonly string[] = [nodeBinary]): Promise<ProcessRun> {
    const run = await runProcess(command[0], [...command.slice(1), cli, ...args], {
      cwd: dir,
      env: cliEnv(proxy, { AWS_MAX_ATTEMPTS: '2', ...env }),
    });
    assert.equal(run.code, 1, `exit code 1, got ${run.code} ${run.signal ?? ''}: ${run.stderr}`);
    assert.ok(!hasStackTrace(run.stderr), `no stack trace: ${run.stderr}`);
    // A device or a pipe is written to without a checkpoint, and the notice saying so comes first.
    assert.match(run.stderr, /^(Writing to .* without a checkpoint[^\n]*\n)?paged-aws-export: /);
    return run;
  }
  const cliMessage = (run: ProcessRun) => run.stderr.trim().replace(/^paged-aws-export: /, '');

  it('unknown profile', async function () {
    const env = sharedFiles('[profile dev]\nregion = eu-west-1\n');
    const { problem, shown } = await treeFailure(fromSettings({ profile: 'typo' }), topics);
    assert.equal(problem.kind, 'unknownProfile');
    assert.match(problem.message, /AWS profile "typo" was not found.*Available profiles: dev/);
    const run = await cliFailure(['sns:topics', '--out', 'x.jsonl', '--profile', 'typo'], env);
    assert.match(run.stderr, /AWS profile "typo" was not found/);
    record({ area: 'Bad input', tried: 'Unknown profile "typo" (tree and CLI)', times: 2, crashes: 0, outcome: shown });
  });

  it('a profile without credentials', async function () {
    const env = sharedFiles(`[profile empty]\nregion = us-east-1\nendpoint_url = ${proxy.endpoint}\n`);
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const { problem, shown } = await treeFailure(fromSettings({ profile: 'empty' }), topics);
    assert.equal(problem.kind, 'noCredentials');
    assert.match(problem.message, /No AWS credentials for profile "empty"/);
    const run = await cliFailure(['sns:topics', '--out', 'x.jsonl', '--profile', 'empty'], { ...env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_ENDPOINT_URL: '' });
    assert.match(run.stderr, /No AWS credentials for profile "empty"/);
    assert.ok(!fs.existsSync(path.join(dir, 'x.jsonl')), 'no output file');
    record({ area: 'Bad input', tried: 'Profile without credentials (tree and CLI)', times: 2, crashes: 0, outcome: shown });
  });

  it('an expired SSO session says to run aws sso login --profile', async function () {
    const config = [
      '[profile sso-user]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = ReadOnly', 'region = us-east-1', `endpoint_url = ${proxy.endpoint}`,
      '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '',
    ].join('\n');
    const env = sharedFiles(config);
    // The token `aws sso login` cached, expired yesterday (named by the SHA-1 of the session name, as the CLI does).
    const cache = path.join(env.HOME!, '.aws', 'sso', 'cache');
    fs.mkdirSync(cache, { recursive: true });
    fs.writeFileSync(path.join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`), JSON.stringify({
      startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken: 'expired-sso-access-token', expiresAt: new Date(Date.now() - 86_400_000).toISOString(),
    }));
    const { problem, shown } = await treeFailure(fromSettings({ profile: 'sso-user' }), topics);
    assert.equal(problem.kind, 'ssoExpired');
    assert.match(problem.message, /Run: aws sso login --profile sso-user/);
    // Environment keys as well: the named profile wins, and the SDK's console warning about it stays out of the output.
    const run = await cliFailure(['sns:topics', '--out', 'x.jsonl', '--profile', 'sso-user'], { ...env, AWS_ENDPOINT_URL: '' });
    assert.match(run.stderr, /aws sso login --profile sso-user/);
    record({ area: 'Bad input', tried: 'Expired SSO session (sso_session profile, expired token in ~/.aws/sso/cache; tree and CLI)', times: 2, crashes: 0, outcome: shown });
  });

  it('a malformed endpoint URL', async function () {
    const { problem, shown } = await treeFailure(fromSettings({ endpointUrl: 'localhost:4566 oops' }), topics);
    assert.equal(problem.kind, 'invalidEndpoint');
    assert.match(problem.message, /"localhost:4566 oops" \(from the pagedAwsExplorer\.endpointUrl setting\) is not a valid http\(s\) URL/);
    const run = await cliFailure(['sns:topics', '--out', 'x.jsonl'], { AWS_ENDPOINT_URL: 'http//127.0.0.1:4566' });
    assert.match(run.stderr, /"http\/\/127\.0\.0\.1:4566" \(from AWS_ENDPOINT_URL\) is not a valid http\(s\) URL/);
    record({ area: 'Bad input', tried: 'Malformed endpoint URL (setting in the tree, AWS_ENDPOINT_URL in the CLI)', times: 2, crashes: 0, outcome: shown });
  });

  it('an unreachable endpoint: connection refused, DNS failure, and an endpoint that stops answering', async function () {
    const closed = await startFaultProxy('http://127.0.0.1:9');
    const refusedEndpoint = closed.endpoint;
    await closed.stop();
    const refused = await treeFailure(fromSettings({ endpointUrl: refusedEndpoint }), topics);
    assert.equal(refused.problem.kind, 'unreachable');
    assert.match(refused.problem.message, /ECONNREFUSED/);
    assert.ok(refused.problem.retryable);
    const refusedRun = await cliFailure(['sns:topics', '--out', 'x.jsonl'], { AWS_ENDPOINT_URL: refusedEndpoint });
    assert.match(refusedRun.stderr, /Cannot reach the endpoint \(ECONNREFUSED\)/);
    record({ area: 'Bad input', tried: 'Endpoint refuses connections (tree and CLI)', times: 2, crashes: 0, outcome: refused.shown });

    const dns = await treeFailure(fromSettings({ endpointUrl: 'http://paged-aws-explorer.invalid:4566' }), buckets);
    assert.equal(dns.problem.kind, 'unreachable');
    assert.match(dns.problem.message, /ENOTFOUND/);
    const dnsRun = await cliFailure(['s3://', '--out', 'x.jsonl'], { AWS_ENDPOINT_URL: 'http://paged-aws-explorer.invalid:4566' });
    assert.match(dnsRun.stderr, /ENOTFOUND/);
    record({ area: 'Bad input', tried: 'Endpoint host does not resolve (DNS failure, `.invalid`; tree and CLI)', times: 2, crashes: 0, outcome: dns.shown });

    // The proxy holds every answer for 5 s; the session gives up after 300 ms without a byte, on both attempts.
    proxy.setRule(() => ({ kind: 'latency', ms: 5000 }));
    const timedOut = await treeFailure(async () => session(testConnection(proxy.endpoint, { maxAttempts: 2, timeoutMs: 300 })), topics);
    assert.equal(timedOut.problem.kind, 'timeout');
    assert.ok(timedOut.problem.retryable);
    record({ area: 'Bad input', tried: 'Endpoint accepts the connection but never answers (5 s proxy latency, 300 ms timeout, 2 attempts; tree)', times: 2, crashes: 0, outcome: timedOut.shown });
  });

  it('access denied on ListBuckets and ListTopics offers adding a bucket by name or a topic by ARN', async function () {
    proxy.setRule((request) => (request.action === 'ListBuckets' || request.action === 'ListTopics' ? { kind: 'accessDenied' } : undefined));
    const s3 = await treeFailure(async () => session(testConnection(proxy.endpoint)), buckets);
    assert.equal(s3.problem.kind, 'accessDenied');
    assert.match(s3.problem.message, /use Add Bucket by Name…/);
    const sns = await treeFailure(async () => session(testConnection(proxy.endpoint)), topics);
    assert.equal(sns.problem.kind, 'accessDenied');
    assert.match(sns.problem.message, /use Add Topic by ARN…/);
    const run = await cliFailure(['s3://', '--out', 'x.jsonl']);
    assert.match(run.stderr, /Access denied \(AccessDenied\)/);
    // The bucket itself can still be listed by name.
    const model = new TreeModel({ clients: async () => session(testConnection(proxy.endpoint)), pageSize: () => 1000 });
    await model.ensureLoaded(objectsOf(BIG_BUCKET));
    assert.equal(model.snapshot(objectsOf(BIG_BUCKET)).items.length, 1000);
    record({ area: 'Bad input', tried: 'Access denied on ListBuckets (403 AccessDenied) and ListTopics (403 AuthorizationError); tree and CLI', times: 3, crashes: 0, outcome: s3.shown });
  });

  it('a region the service is not in, and a region name that is not one', async function () {
    // No custom endpoint: the SDK builds sns.mars-north-1.amazonaws.com, which does not exist.
    const { problem, shown } = await treeFailure(async () => session(testConnection(undefined as unknown as string, { region: 'mars-north-1', endpointUrl: undefined, maxAttempts: 1 })), topics);
    assert.equal(problem.kind, 'unreachable');
    assert.match(problem.message, /sns\.mars-north-1\.amazonaws\.com does not resolve.*region "mars-north-1" may not exist or may not offer SNS/);
    const run = await cliFailure(['sns:topics', '--out', 'x.jsonl', '--region', 'mars-north-1'], { AWS_ENDPOINT_URL: '' });
    assert.match(run.stderr, /region "mars-north-1" may not exist/);
    record({ area: 'Bad input', tried: 'Region the service is not in ("mars-north-1", no custom endpoint; tree and CLI)', times: 2, crashes: 0, outcome: shown });

    const invalid = await treeFailure(fromSettings({ region: 'not a region!', endpointUrl: proxy.endpoint }), topics);
    assert.equal(invalid.problem.kind, 'invalidRegion');
    assert.match(invalid.problem.message, /"not a region!" is not a valid AWS region name/);
    record({ area: 'Bad input', tried: 'Region name that is not one ("not a region!"; tree)', times: 1, crashes: 0, outcome: invalid.shown });
  });

  it('a bucket in another region (301 PermanentRedirect) names that region', async function () {
    proxy.setRule((request) => (request.action === 'ListObjectsV2' ? { kind: 'permanentRedirect', region: 'eu-west-2' } : undefined));
    const { problem, shown } = await treeFailure(async () => session(testConnection(proxy.endpoint)), objectsOf(BIG_BUCKET, '/'));
    assert.equal(problem.kind, 'wrongRegion');
    assert.match(problem.message, /in another region \(eu-west-2\) than us-east-1/);
    const run = await cliFailure([`s3://${BIG_BUCKET}/`, '--out', 'x.jsonl']);
    assert.match(run.stderr, /eu-west-2/);
    record({ area: 'Bad input', tried: 'Bucket in another region (301 PermanentRedirect, x-amz-bucket-region: eu-west-2; tree and CLI)', times: 2, crashes: 0, outcome: shown });
  });

  it('S3 keys with spaces, Unicode, +, %, a newline, quotes and commas are shown and exported exactly', async function () {
    const model = new TreeModel({ clients: async () => session(testConnection(proxy.endpoint)), pageSize: () => 1000 });
    const folders = objectsOf(ODD_BUCKET, '/');
    await model.ensureLoaded(folders);
    const top = model.snapshot(folders).items;
    const expectedTop = [...new Set(ODD_KEYS.map((key) => (key.includes('/') ? `${key.split('/')[0]}/` : key)))];
    assert.deepEqual(top.map((item) => item.name).sort(), [...expectedTop].sort(), 'the tree shows each name exactly');
    const nested = top.find((item) => item.itemKind === 's3Folder')!;
    await model.ensureLoaded(nested.children!);
    assert.deepEqual(model.snapshot(nested.children!).items.map((item) => item.record.Key), ['folder with space/nested key.txt']);

    const results: string[] = [];
    for (const format of ['jsonl', 'csv', 'json'] as const) {
      for (const pageSize of [1000, 2]) {
        const out = `odd-${pageSize}.${format}`;
        const run = await runProcess(nodeBinary, [cli, `s3://${ODD_BUCKET}/`, '--out', out, '--page-size', String(pageSize), '--state-dir', 'state'], {
          cwd: dir, env: cliEnv(proxy),
        });
        assert.equal(run.code, 0, run.stderr);
        const keys = exportedKeys(path.join(dir, out), format);
        assert.deepEqual([...keys].sort(), [...ODD_KEYS].sort(), `${format}, page size ${pageSize}: every key exactly`);
        results.push(`${format}/${pageSize}`);
      }
    }
    record({
      area: 'Bad input', tried: `S3 keys ${ODD_KEYS.map((k) => JSON.stringify(k)).join(', ')}: tree, and CLI export at page sizes 1000 and 2`, times: 1 + results.length,
      lost: 0, duplicated: 0, crashes: 0, outcome: `tree names and exported keys byte for byte equal to the keys put (${results.join(', ')})`,
    });
  });

  it('keys XML cannot carry (CR LF, a lone CR, a control character) survive when the service url-encodes them, as S3 does', async function () {
    const bucket = 'reliability-xml-hostile-keys';
    const keys = ['windows\r\nline.txt', 'lone\rcarriage.txt', 'bell\u0007char.txt', 'plain key+%.txt'];
    const seed = testSession(proxy.endpoint);
    await createBucket(seed, bucket);
    await putObjects(seed, bucket, keys);
    seed.dispose();
    // fauxqs ignores encoding-type and sends these raw, which no XML parser returns intact; S3 percent-encodes them.
    proxy.setRule((request) => (request.action === 'ListObjectsV2' ? { kind: 'urlEncodeKeys' } : undefined));
    const model = new TreeModel({ clients: async () => session(testConnection(proxy.endpoint)), pageSize: () => 1000 });
    await model.ensureLoaded(objectsOf(bucket, '/'));
    assert.deepEqual(model.snapshot(objectsOf(bucket, '/')).items.map((item) => item.name).sort(), [...keys].sort());
    const out = path.join(dir, 'xml-hostile.csv');
    const run = await runProcess(nodeBinary, [cli, `s3://${bucket}/`, '--out', out, '--page-size', '1000', '--state-dir', 'state'], {
      cwd: dir, env: cliEnv(proxy),
    });
    assert.equal(run.code, 0, run.stderr);
    const comparison = compareKeys(exportedKeys(out, 'csv'), keys);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    record({
      area: 'Bad input', tried: `S3 keys ${keys.map((k) => JSON.stringify(k)).join(', ')} listed with encoding-type=url (answered S3-style by the proxy)`, times: 2, ...comparison, crashes: 0,
      outcome: 'tree names and CSV export equal the keys put, CR and control characters included',
    });
  });

  // What a user can mistype on the command line: each a usage error (exit 2) or the service's words (exit 1).
  const typed: Array<{ tried: string; args: readonly string[]; code: number; message: RegExp }> = [
    { tried: 'A malformed table address (an empty name)', args: ['dynamodb:table/'], code: 2, message: /is not a DynamoDB table name/ },
    { tried: 'A malformed segment address (?segment=4&segments=4)', args: ['dynamodb:table/reliability-items?segment=4&segments=4'], code: 2, message: /segment is \?segment=I&segments=N with 0 <= I < N/ },
    { tried: 'A filter pattern the service cannot read', args: ['logs:group//reliability/search', '--filter-pattern', '{ $.level = '], code: 1, message: /InvalidParameterException/ },
    { tried: 'A time that is not one (--start yesterday)', args: ['logs:group//reliability/search', '--start', 'yesterday'], code: 2, message: /"yesterday" is not a time/ },
    { tried: 'An instance state that is not one (--state runing)', args: ['ec2:instances', '--state', 'runing'], code: 2, message: /"runing" is not an instance state/ },
    { tried: 'An EC2 option on another list (--state on sns:topics)', args: ['sns:topics', '--state', 'running'], code: 2, message: /--state applies to ec2:instances/ },
  ];
  for (const { tried, args, code, message } of typed) {
    it(`${tried}: a clear message, exit ${code}, no file, no stack trace`, async function () {
      await seededWorld();
      const run = await runProcess(nodeBinary, [cli, ...args, '--out', 'typed.jsonl', '--state-dir', 'state-typed'], { cwd: dir, env: cliEnv(proxy, { AWS_MAX_ATTEMPTS: '2' }) });
      assert.equal(run.code, code, run.stderr);
      assert.match(run.stderr, message);
      assert.ok(!hasStackTrace(run.stderr), run.stderr);
      assert.ok(!fs.existsSync(path.join(dir, 'typed.jsonl')), 'no file was created');
      record({ area: 'Bad input', tried: `${tried} (CLI)`, times: 1, crashes: 0, outcome: `exit ${code}: "${run.stderr.trim()}"` });
    });
  }

  it('an export path that cannot be written: missing folder, a folder, a read-only folder', async function () {
    const cases: Array<[string, string, RegExp, string[]]> = [
      ['missing folder', path.join(dir, 'no-such-folder', 'out.jsonl'), /the folder does not exist \(ENOENT\)/, []],
      ['a folder', dir, /it is a folder \(EISDIR\)/, []],
    ];
    const readOnly = path.join(tempDir('read-only'), 'locked');
    fs.mkdirSync(readOnly, { mode: 0o555 });
    fs.chmodSync(path.dirname(readOnly), 0o755);
    cases.push(['read-only folder (run unprivileged)', path.join(readOnly, 'out.jsonl'), /permission denied \(EACCES\)/, unprivileged()]);
    for (const [label, out, message, prefix] of cases) {
      const state = fs.mkdtempSync(path.join(tempDir('state'), 's-'));
      fs.chmodSync(path.dirname(state), 0o777);
      fs.chmodSync(state, 0o777);
      const run = await cliFailure([`s3://${BIG_BUCKET}/`, '--out', out, '--state-dir', state], unprivilegedEnv(), [...prefix, nodeBinary]);
      assert.match(run.stderr, message);
      assert.ok(!fs.existsSync(path.join(state, 'exports')) || fs.readdirSync(path.join(state, 'exports')).length === 0, 'no checkpoint of an export that never wrote');
      record({ area: 'Bad input', tried: `Export path not writable: ${label}`, times: 1, crashes: 0, outcome: cliMessage(run) });
    }
  });

  it('a full disk (/dev/full) and a write that fails mid-export (file size limit, EACCES on the checkpoint folder) keep the checkpoint and say so', async function () {
    // ENOSPC on the first page: nothing was saved, so nothing can be resumed, and the message says why.
    const full = await cliFailure([`s3://${BIG_BUCKET}/`, '--out', '/dev/full', '--state-dir', path.join(dir, 'state-full')]);
    assert.match(full.stderr, /The disk is full \(ENOSPC\)/);
    record({ area: 'Bad input', tried: 'Export to a full disk (/dev/full: ENOSPC on the first write)', times: 1, crashes: 0, outcome: cliMessage(full) });

    const work = tempDir('write-fails');
    fs.chmodSync(work, 0o777);
    const reference = await runProcess(nodeBinary, [cli, `s3://${BIG_BUCKET}/`, '--out', path.join(work, 'reference.jsonl'), '--page-size', '500', '--state-dir', path.join(work, 'state')], {
      env: cliEnv(proxy),
    });
    assert.equal(reference.code, 0, reference.stderr);
    const args = [`s3://${BIG_BUCKET}/`, '--out', path.join(work, 'out.jsonl'), '--page-size', '500', '--state-dir', path.join(work, 'state')];

    // EFBIG: the file size limit (ulimit -f, 512-byte blocks) stops the export after some pages.
    const limited = await cliFailure(args, {}, ['/bin/sh', '-c', 'ulimit -f 1024; exec "$0" "$@"', nodeBinary]);
    assert.match(limited.stderr, /reached the largest size this system allows \(EFBIG\).*The export can be resumed: [\d,]+ items are saved\. Run the same command again to resume\./s);
    const resumedAfterLimit = await runProcess(nodeBinary, [cli, ...args], { env: cliEnv(proxy) });
    assert.equal(resumedAfterLimit.code, 0, resumedAfterLimit.stderr);
    assert.match(resumedAfterLimit.stderr, /^Resuming: /);
    let comparison = compareKeys(exportedKeys(path.join(work, 'out.jsonl'), 'jsonl'), BIG_KEYS);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(fs.readFileSync(path.join(work, 'out.jsonl')).equals(fs.readFileSync(path.join(work, 'reference.jsonl'))));
    record({ area: 'Bad input', tried: 'Write fails mid-export: file size limit reached (EFBIG, `ulimit -f 1024`), then rerun without the limit', times: 1, ...comparison, crashes: 0, outcome: `${cliMessage(limited)} → rerun resumed; file equals the uninterrupted export` });

    // EACCES: the checkpoint folder turns read-only while the export runs (the process runs unprivileged).
    fs.rmSync(path.join(work, 'out.jsonl'));
    fs.mkdirSync(path.join(work, 'state', 'exports'), { recursive: true });
    fs.chmodSync(path.join(work, 'state'), 0o777);
    fs.chmodSync(path.join(work, 'state', 'exports'), 0o777);
    let listed = 0;
    proxy.setRule((request) => {
      if (request.action === 'ListObjectsV2' && ++listed === 4) {
        fs.chmodSync(path.join(work, 'state', 'exports'), 0o555);
        // Let the page before this one reach its checkpoint save, which now fails.
        return { kind: 'latency', ms: 300 };
      }
      return undefined;
    });
    const denied = await cliFailure(args, unprivilegedEnv(), [...unprivileged(), nodeBinary]);
    proxy.setRule(undefined);
    fs.chmodSync(path.join(work, 'state', 'exports'), 0o777);
    assert.match(denied.stderr, /permission denied \(EACCES\).*The export can be resumed: [\d,]+ items are saved\. Run the same command again to resume\./s);
    const resumedAfterDenied = await runProcess(nodeBinary, [cli, ...args], { env: cliEnv(proxy) });
    assert.equal(resumedAfterDenied.code, 0, resumedAfterDenied.stderr);
    assert.match(resumedAfterDenied.stderr, /^Resuming: /);
    comparison = compareKeys(exportedKeys(path.join(work, 'out.jsonl'), 'jsonl'), BIG_KEYS);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(fs.readFileSync(path.join(work, 'out.jsonl')).equals(fs.readFileSync(path.join(work, 'reference.jsonl'))));
    record({ area: 'Bad input', tried: 'Write fails mid-export: the checkpoint folder becomes read-only (EACCES on save), then writable again', times: 1, ...comparison, crashes: 0, outcome: `${cliMessage(denied)} → rerun resumed; file equals the uninterrupted export` });
  });

  /** A command prefix that runs a child as `nobody` when the tests run as root (root ignores file modes). */
  function unprivileged(): string[] {
    return process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  }

  /** Shared config files `nobody` can read: the isolated test ones live in a root-only folder. */
  function unprivilegedEnv(): NodeJS.ProcessEnv {
    return process.getuid?.() === 0 ? { AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', HOME: '/nonexistent' } : {};
  }
});
