import { createBucket } from '../../../support/emulator';
import { putReport, rowAt, type ReportSpec } from '../../../support/inventoryReports';
import { type KindRow } from '../kinds';

// S3 Inventory: a bucket with 1,000 inventory configurations (the API's most, 10 pages of 100), one with twelve daily
// reports, and a 1,000,000-row report of every version in 10 CSV.gz data files, written as AWS writes them.
const SOURCE = 'reliability-inventory';
const DEST = 'reliability-inventory-reports';
const CONFIGS = Array.from({ length: 1000 }, (_, i) => `config-${String(i).padStart(4, '0')}`);
const REPORT: ReportSpec = {
  sourceBucket: SOURCE, destinationBucket: DEST, destinationPrefix: 'inventory', configId: 'config-0000', stamp: '2026-12-01T01-00Z',
  format: 'CSV', rows: 1_000_000, files: 10, versions: true,
};
const DAYS = Array.from({ length: 12 }, (_, d) => `2026-11-${String(20 + d).padStart(2, '0')}T01-00Z`);
const SMALL = (stamp: string): ReportSpec => ({ ...REPORT, stamp, rows: 10, files: 1 });

const rowId = (record: Record<string, unknown>) => `${String(record.Key)}#${String(record.VersionId)}`;

export const s3InventoryRows: readonly KindRow[] = [
  {
    kind: 's3.inventoryConfigs',
    address: `s3-inventory://${SOURCE}?configurations`,
    // ListBucketInventoryConfigurations has no page size: at most 100 a call.
    pageSize: 100,
    operations: ['ListBucketInventoryConfigurations'],
    async seed({ emulator, session }) {
      await createBucket(session, SOURCE);
      await createBucket(session, DEST);
      for (const id of CONFIGS) {
        emulator.inventory.put(SOURCE, { id, destinationBucket: DEST, destinationPrefix: 'inventory', format: 'CSV', versions: 'All' });
      }
    },
    expected: () => CONFIGS,
    idOf: (record) => String(record.Id),
    missing: { what: 'a bucket that does not exist (NoSuchBucket)', address: 's3-inventory://reliability-no-such-bucket?configurations', expect: 'notFound' },
  },
  {
    kind: 's3.inventoryReports',
    address: `s3-inventory://${SOURCE}/config-0000?reports`,
    pageSize: 100,
    operations: ['GetBucketInventoryConfiguration', 'ListObjectsV2'],
    noToken: 'one page, newest first, from every report folder (read with one ListObjectsV2 of up to 1,000 folders)',
    onePage: 'every report folder is read before the list, newest first, is written',
    async seed({ session }) {
      for (const stamp of DAYS) {
        await putReport(session, SMALL(stamp));
      }
    },
    expected: () => [...DAYS, REPORT.stamp].sort().reverse(),
    idOf: (record) => String(record.report),
    missing: { what: 'an inventory configuration that does not exist (NoSuchConfiguration)', address: `s3-inventory://${SOURCE}/no-such-config?reports`, expect: 'notFound' },
  },
  {
    kind: 's3.inventory',
    address: `s3-inventory://${SOURCE}/config-0000@2026-12-01`,
    pageSize: 10_000,
    // The manifest, its checksum and the 10 data files: the token is a position in them, sent nowhere.
    operations: ['GetObject'],
    noToken: 'the position (report/file/row) is ours: the data files are read with plain GetObject',
    async seed({ session }) {
      await putReport(session, REPORT);
    },
    expected: () => Array.from({ length: REPORT.rows }, (_, i) => {
      const row = rowAt(REPORT, i);
      return `${row.Key}#${row.VersionId}`;
    }),
    idOf: rowId,
    missing: { what: 'a report of a day there is none', address: `s3-inventory://${SOURCE}/config-0000@2026-10-01`, expect: 'notFound' },
  },
];

