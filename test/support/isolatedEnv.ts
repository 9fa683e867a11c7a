// Mocha root hooks: every test process runs with an AWS environment of its own, so a developer's ~/.aws,
// AWS_PROFILE or AWS_ENDPOINT_URL can neither break the tests nor be used by them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Fake credentials: the emulator does not check signatures, but the SDK must have something to sign with. */
export const testCredentials = { AWS_ACCESS_KEY_ID: 'AKIDTESTEMULATOR', AWS_SECRET_ACCESS_KEY: 'test-secret-key-never-logged' };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-test-env-'));
let isolated: NodeJS.ProcessEnv = {};

/** Puts `process.env` back as it was: a test may point AWS_CONFIG_FILE, HOME or AWS_PROFILE elsewhere for itself. */
function restore(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) {
    if (!(name in env)) {
      delete process.env[name];
    }
  }
  Object.assign(process.env, env);
}

export const mochaHooks = {
  beforeAll(): void {
    for (const name of Object.keys(process.env)) {
      if (name.startsWith('AWS_')) {
        delete process.env[name];
      }
    }
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    fs.writeFileSync(process.env.AWS_CONFIG_FILE, '');
    fs.writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, '');
    Object.assign(process.env, testCredentials);
    // With no credentials the SDK's chain would ask the EC2 metadata address; tests talk to loopback only.
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    isolated = { ...process.env };
  },
  afterEach(): void {
    restore(isolated);
  },
  afterAll(): void {
    fs.rmSync(dir, { recursive: true, force: true });
  },
};
