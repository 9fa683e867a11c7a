import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeConnection, InvalidEndpointError, listProfiles, ProfileNotFoundError, resolveConnection } from '../../src/core/aws/connection';
import { AwsSession, SessionCache } from '../../src/core/aws/session';
import { scopeOf } from '../../src/core/paging/pager';
import { pinOf } from '../../src/core/tree/pins';
import { describeProblem } from '../../src/core/problems/problem';
import { listingPage } from '../../src/core/listing';
import { idOf } from '../../src/core/lists';
import { createBucket, createTopics, startEmulator, testSession, type Emulator } from '../support/emulator';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';

/** Runs `body` with AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE pointing at files with the given text (the root hooks restore the environment). */
async function withSharedFiles<T>(config: string, credentials: string, body: () => Promise<T>, extraEnv: Record<string, string> = {}): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-profiles-'));
  try {
    fs.writeFileSync(path.join(dir, 'config'), config);
    fs.writeFileSync(path.join(dir, 'credentials'), credentials);
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    Object.assign(process.env, extraEnv);
    return await body();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('connections: profile, region and endpoint as the AWS CLI resolves them', function () {
  let emulator: Emulator;
  let proxy: FaultProxy;

  before(async function () {
    emulator = await startEmulator();
    proxy = await startFaultProxy(emulator.endpoint);
    const seed = testSession(emulator.endpoint);
    await createBucket(seed, 'partition-bucket');
    seed.dispose();
  });
  after(async function () {
    await proxy?.stop();
    await emulator?.stop();
  });

  it('lists profiles from both shared files', async function () {
    await withSharedFiles('[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n', '[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = x\n', async () => {
      assert.deepEqual(await listProfiles(), ['default', 'dev', 'prod']);
    });
  });

  it('takes region and endpoint_url from the selected profile, and its keys over environment keys', async function () {
    const config = `[profile emu]\nregion = eu-central-1\nendpoint_url = ${proxy.endpoint}\n`;
    const credentials = '[emu]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = profile-secret\n';
    await withSharedFiles(config, credentials, async () => {
      const connection = await resolveConnection({ profile: 'emu' });
      assert.equal(connection.region, 'eu-central-1');
      assert.equal(connection.endpointUrl, proxy.endpoint);
      assert.equal(connection.endpointSource, 'profile');
      assert.equal(describeConnection(connection), 'emu · eu-central-1 · custom endpoint');

      const session = new AwsSession(connection);
      try {
        await createTopics(session, ['profile-topic']);
        (proxy.log as unknown[]).length = 0;
        const page = await listingPage(session, { list: { kind: 'sns.topics', params: {} }, pageSize: 100 }, {}, {});
        assert.ok(page.items.some((i) => i.name === 'profile-topic'));
      } finally {
        session.dispose();
      }
    });
  });

  it('uses the profile\'s credentials, not AWS_ACCESS_KEY_ID, when a profile is selected', async function () {
    const config = `[profile emu]\nregion = us-east-1\nendpoint_url = ${proxy.endpoint}\n`;
    const credentials = '[emu]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = profile-secret\n';
    await withSharedFiles(config, credentials, async () => {
      const session = new AwsSession(await resolveConnection({ profile: 'emu' }));
      const before = proxy.log.length;
      try {
        await listingPage(session, { list: { kind: 'sns.topics', params: {} }, pageSize: 100 }, {}, {});
      } finally {
        session.dispose();
      }
      assert.deepEqual(proxy.log.slice(before).map((r) => r.accessKeyId), ['AKIDFROMPROFILE'], 'signed with the profile\'s key');
    });
  });

  it('honours AWS_ENDPOINT_URL and AWS_PROFILE, and a setting overrides both', async function () {
    await withSharedFiles('[profile other]\nregion = ap-southeast-2\n', '', async () => {
      const fromEnv = await resolveConnection({});
      assert.equal(fromEnv.profile, 'other');
      assert.equal(fromEnv.region, 'ap-southeast-2');
      assert.equal(fromEnv.endpointUrl, 'http://127.0.0.1:4566');
      assert.equal(fromEnv.endpointSource, 'environment');
      const fromSettings = await resolveConnection({ region: 'us-west-2', endpointUrl: proxy.endpoint });
      assert.equal(fromSettings.region, 'us-west-2');
      assert.equal(fromSettings.endpointUrl, proxy.endpoint);
      assert.equal(fromSettings.endpointSource, 'setting');
    }, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_PROFILE: 'other' });
  });

  it('falls back to us-east-1 and no custom endpoint when nothing is configured', async function () {
    await withSharedFiles('', '', async () => {
      const connection = await resolveConnection({});
      assert.equal(connection.profile, 'default');
      assert.equal(connection.region, 'us-east-1');
      assert.equal(connection.endpointUrl, undefined);
      assert.equal(describeConnection(connection), 'default · us-east-1');
    });
  });

  it('takes the region as the AWS CLI does: the setting, AWS_REGION, AWS_DEFAULT_REGION, the profile\'s, us-east-1', async function () {
    await withSharedFiles('[profile dev]\nregion = eu-west-1\n', '[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = x\n', async () => {
      assert.equal((await resolveConnection({ profile: 'dev' })).region, 'eu-west-1');
      process.env.AWS_DEFAULT_REGION = 'ap-south-1';
      assert.equal((await resolveConnection({ profile: 'dev' })).region, 'ap-south-1', 'AWS_DEFAULT_REGION before the profile');
      process.env.AWS_REGION = 'sa-east-1';
      assert.equal((await resolveConnection({ profile: 'dev' })).region, 'sa-east-1', 'AWS_REGION before AWS_DEFAULT_REGION');
      assert.equal((await resolveConnection({ profile: 'dev', region: 'us-gov-west-1' })).region, 'us-gov-west-1', 'the setting first');
    });
  });

  it('names buckets in the partition of the connection\'s region: GovCloud and China ARNs', async function () {
    await withSharedFiles('', '', async () => {
      for (const [region, partition] of [['us-gov-west-1', 'aws-us-gov'], ['cn-north-1', 'aws-cn'], ['eu-west-1', 'aws']]) {
        const session = new AwsSession(await resolveConnection({ region, endpointUrl: proxy.endpoint }));
        try {
          const page = await listingPage(session, { list: { kind: 's3.buckets', params: {} }, pageSize: 100 }, {}, {});
          assert.ok(page.items.length > 0);
          assert.ok(page.items.every((item) => idOf(item, 'ARN') === `arn:${partition}:s3:::${item.name}` && item.record.arn === idOf(item, 'ARN')), `${region}: ${idOf(page.items[0], 'ARN')}`);
          assert.equal(idOf(pinOf('s3://govbucket/', scopeOf(session)).item, 'ARN'), `arn:${partition}:s3:::govbucket`);
        } finally {
          session.dispose();
        }
      }
    });
  });

  it('refuses an unknown profile with a message naming it and the profiles that exist', async function () {
    await withSharedFiles('[profile dev]\nregion = eu-west-1\n', '', async () => {
      const error = await resolveConnection({ profile: 'typo' }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ProfileNotFoundError);
      assert.match(describeProblem(error).message, /profile "typo" was not found.*Available profiles: dev/);
    });
  });

  it('refuses a malformed endpoint URL with a message naming where it came from', async function () {
    await withSharedFiles('', '', async () => {
      const error = await resolveConnection({ endpointUrl: 'localhost:4566 oops' }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof InvalidEndpointError);
      assert.match((error as Error).message, /pagedAwsExplorer\.endpointUrl/);
    });
  });

  it('says which profile has no credentials, without crashing', async function () {
    await withSharedFiles(`[profile empty]\nregion = us-east-1\nendpoint_url = ${proxy.endpoint}\n`, '', async () => {
      const session = new AwsSession(await resolveConnection({ profile: 'empty' }));
      try {
        const error = await listingPage(session, { list: { kind: 'sns.topics', params: {} }, pageSize: 100 }, {}, {}).then(() => undefined, (e: unknown) => e);
        const problem = describeProblem(error, { profile: 'empty' });
        assert.equal(problem.kind, 'noCredentials');
        assert.match(problem.message, /profile "empty"/);
      } finally {
        session.dispose();
      }
    }, { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
  });

  it('reports an unreachable endpoint as such', async function () {
    const closed = await startFaultProxy('http://127.0.0.1:9');
    const endpoint = closed.endpoint;
    await closed.stop();
    await withSharedFiles('', '', async () => {
      const session = new AwsSession(await resolveConnection({ endpointUrl: endpoint, maxAttempts: 1 }));
      try {
        const error = await listingPage(session, { list: { kind: 'sns.topics', params: {} }, pageSize: 100 }, {}, {}).then(() => undefined, (e: unknown) => e);
        assert.equal(describeProblem(error).kind, 'unreachable');
      } finally {
        session.dispose();
      }
    });
  });

  it('keeps one session per connection and replaces it when the connection changes', async function () {
    await withSharedFiles('', '', async () => {
      const cache = new SessionCache();
      const a = cache.get(await resolveConnection({ region: 'us-east-1', endpointUrl: proxy.endpoint }));
      assert.equal(cache.get(await resolveConnection({ region: 'us-east-1', endpointUrl: proxy.endpoint })), a);
      const b = cache.get(await resolveConnection({ region: 'eu-west-1', endpointUrl: proxy.endpoint }));
      assert.notEqual(b, a);
      assert.equal(b.connection.region, 'eu-west-1');
      cache.dispose();
    });
  });
});
