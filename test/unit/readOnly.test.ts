// Read-only by design, proven from the code that ships: every AWS SDK operation the extension's bundles and the CLI's
// can send, read from what esbuild bundles (not from a list kept by hand), is a read.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { root } from '../support/cli';

/** Reads, by the operation's name (Resource Explorer's `Search` reads its index). */
const READ = /^(List|Describe|Get|Head|FilterLogEvents$|Scan$|Query$|Search$|BatchGet)/;
/**
 * Sessions and credentials the SDK obtains by itself, which change nothing in the account: the credential chain's
 * (an assumed role, web identity, IAM Identity Center, `aws login`'s OAuth token) and the S3 client's own session for
 * S3 Express directory buckets (CreateSession: the signing credentials of a ListObjectsV2 in a directory bucket).
 */
const CREDENTIALS = new Set(['AssumeRole', 'AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML', 'GetRoleCredentials', 'CreateToken', 'CreateOAuth2Token', 'CreateOAuth2TokenWithIAM', 'CreateSession']);

describe('read-only by design', function () {
  it('every SDK operation any shipped bundle can send is a read (or the credential chain\'s own)', async function () {
    const esbuild = await import('esbuild');
    const { bundles } = await import(path.join(root, 'scripts/lib/esbuildConfig.mjs')) as { bundles: (o: { production: boolean }) => import('esbuild').BuildOptions[] };
    const operations = new Map<string, string[]>();
    const wholePackages: string[] = [];
    for (const options of bundles({ production: true })) {
      const { metafile } = await esbuild.build({ ...options, write: false, metafile: true });
      // What each output holds, after tree shaking (`inputs` would also list the modules esbuild read and dropped).
      const kept = Object.values(metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, use]) => use.bytesInOutput > 0).map(([input]) => input));
      for (const input of kept) {
        const command = /@aws-sdk\/([\w-]+)\/dist-(?:es|cjs)\/(?:submodules\/([\w-]+)\/)?commands\/(\w+)Command\.js$/.exec(input);
        if (command) {
          const [, pkg, sub, operation] = command;
          operations.set(operation, [...(operations.get(operation) ?? []), `${pkg}${sub ? `/${sub}` : ''} → ${options.outfile}`]);
        }
        // A client's CommonJS build is the whole client, every operation of it, whether sent or not: pieces must take
        // the SDK's ES modules, which esbuild trims to what they name.
        if (/@aws-sdk\/client-[\w-]+\/dist-cjs\/index\.js$/.test(input)) {
          wholePackages.push(`${input} → ${options.outfile}`);
        }
      }
    }
    assert.deepEqual(wholePackages, [], 'a whole SDK client is bundled');
    const names = [...operations.keys()].sort();
    for (const expected of ['ListObjectsV2', 'ListTopics', 'ListQueues', 'Scan', 'Query', 'DescribeTable', 'HeadObject']) {
      assert.ok(names.includes(expected), `${expected} is found in the bundles: ${names.join(', ')}`);
    }
    const writes = names.filter((name) => !READ.test(name) && !CREDENTIALS.has(name));
    assert.deepEqual(writes.map((name) => `${name} (${operations.get(name)!.join('; ')})`), [], 'operations that are not reads');
    console.log(`      (${names.length} operations in the bundles: ${names.join(', ')})`);
  });
});
