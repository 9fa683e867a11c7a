// The rows the per-kind tables run: one for every list kind of the registry, so a kind added there cannot be left
// out of `npm run test:reliability` (each table fails for it too, and the report's matrix shows it ✘).
import * as assert from 'node:assert/strict';
import { kindOf } from '../../src/core/services/registry';
import { listOf, registryKinds, rows, seededWorld } from './support/kinds';

describe('every list kind of the registry has a row in the reliability tables', function () {
  it('each kind of the registry has exactly one row, and each row is a kind of the registry', function () {
    const counted = new Map<string, number>();
    for (const row of rows) {
      counted.set(row.kind, (counted.get(row.kind) ?? 0) + 1);
    }
    const missing = registryKinds.filter((kind) => !counted.has(kind));
    assert.deepEqual(missing, [], `kinds without a row in test/reliability/support/rows/: ${missing.join(', ')}`);
    assert.deepEqual([...counted].filter(([, n]) => n > 1).map(([kind]) => kind), [], 'one row per kind');
    assert.deepEqual(rows.map((row) => row.kind).filter((kind) => !registryKinds.includes(kind)), [], 'rows of kinds the registry does not have');
  });

  it('each row\'s address reads (as the CLI reads it) as its kind, and its seeded ground truth is not empty', async function () {
    const world = await seededWorld();
    for (const row of rows) {
      assert.equal(listOf(row).kind, row.kind, `${row.address} names ${row.kind}`);
      assert.ok(row.expected(world).length > 0, `${row.kind}: the row put something into the emulator`);
      assert.ok(row.noRequests !== undefined || row.operations.length > 0, `${row.kind}: the operations to fault`);
      if (row.missing.address) {
        kindOf(listOf({ ...row, address: row.missing.address }));
      }
    }
  });
});
