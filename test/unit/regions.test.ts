// The region picker's list comes from the SDK's partition data at build time (esbuild, as the extension is built).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { partitionOf } from '../../src/core/aws/partition';
import { root } from '../support/cli';

describe('the region list', function () {
  it('holds every region of every partition the SDK knows, named, by partition, without the global pseudo-regions', async function () {
    const esbuild = await import('esbuild');
    const { partitionData } = await import(path.join(root, 'scripts/lib/esbuildConfig.mjs')) as { partitionData: import('esbuild').Plugin };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-regions-'));
    try {
      const outfile = path.join(dir, 'regions.js');
      await esbuild.build({ entryPoints: [path.join(root, 'src/connection/regions.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', plugins: [partitionData], logLevel: 'warning' });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { knownRegions } = require(outfile) as typeof import('../../src/connection/regions');
      const byId = new Map(knownRegions.map((region) => [region.id, region]));
      assert.equal(byId.get('eu-west-1')?.name, 'Europe (Ireland)');
      assert.equal(byId.get('cn-north-1')?.partition, 'aws-cn');
      assert.equal(byId.get('us-gov-west-1')?.partition, 'aws-us-gov');
      assert.ok(knownRegions.length >= 40, `${knownRegions.length} regions`);
      assert.deepEqual(knownRegions.filter((region) => region.id.startsWith('aws-')), []);
      assert.deepEqual(knownRegions.filter((region) => partitionOf(region.id) !== region.partition), [], 'the partition the SDK gives each region');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
