// The S3 Inventory reports of the benchmark: generated once into .bench-cache/inventory/ by the tests' own generator
// (test/support/inventoryReports.ts, the same rows, keys, manifest and checksum as the tests read), served by
// inventoryServer.ts, read by this project's exporter over HTTP and by DuckDB from the files.
//
// On disk: BUCKET/KEY under the data directory (the keys hold no characters a path cannot), one directory per bucket;
// the source bucket is an empty directory (HeadBucket must find it). A report is written data file by data file, so
// memory stays that of one file whatever the rows: each data file is generated as a report of its own (its rows, from
// its first row on: `rowAt` of the sub-report is `rowAt` of the report), and the manifest is written last, from the
// sub-reports' files. A marker beside the data says which version of this data set is there.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileRange, manifestKey, reportObjects, reportRoot, type ReportSpec } from '../../test/support/inventoryReports';
import { type InventoryConfiguration } from '../../test/support/s3InventoryStandIn';
import { CACHE } from './paths';

export const INVENTORY_DIR = path.join(CACHE, 'inventory');
const VERSION = 1;
const SOURCE = 'bench-inventory';
const DESTINATION = 'bench-inventory-reports';
const STAMP = '2026-12-01T01-00Z';
/** Rows of every data file: the 10M reports have ten files of the 1M reports' size. */
const ROWS_PER_FILE = 1_000_000;
/** Rows per Parquet row group (the reader holds one group's rows at a time). */
export const ROW_GROUP_SIZE = 100_000;

export type InventoryBenchId = 'csv-1m' | 'csv-10m' | 'parquet-1m' | 'parquet-10m';

const spec = (configId: InventoryBenchId, format: 'CSV' | 'Parquet', rows: number): ReportSpec => ({
  sourceBucket: SOURCE, destinationBucket: DESTINATION, configId, stamp: STAMP, format, rows, files: rows / ROWS_PER_FILE,
  ...(format === 'Parquet' ? { rowGroupSize: ROW_GROUP_SIZE } : {}),
});

export const INVENTORY_REPORTS: Readonly<Record<InventoryBenchId, ReportSpec>> = {
  'csv-1m': spec('csv-1m', 'CSV', 1_000_000),
  'csv-10m': spec('csv-10m', 'CSV', 10_000_000),
  'parquet-1m': spec('parquet-1m', 'Parquet', 1_000_000),
  'parquet-10m': spec('parquet-10m', 'Parquet', 10_000_000),
};

/** The list the exporter reads: the newest report of the configuration (found by listing the destination). */
export const inventoryList = (id: InventoryBenchId) => `s3-inventory://${SOURCE}/${id}`;

/** The inventory configurations the server answers, by source bucket. */
export function inventoryConfigurations(): Record<string, InventoryConfiguration[]> {
  return {
    [SOURCE]: Object.values(INVENTORY_REPORTS).map((report) => ({
      id: report.configId, destinationBucket: report.destinationBucket, format: report.format as 'CSV' | 'Parquet', frequency: 'Daily', versions: 'Current',
    })),
  };
}

/** A report's data files on disk, in manifest order (for DuckDB), read from its manifest. */
export function dataFilesOf(id: InventoryBenchId): string[] {
  const report = INVENTORY_REPORTS[id];
  const manifest = JSON.parse(fs.readFileSync(path.join(INVENTORY_DIR, report.destinationBucket, manifestKey(report)), 'utf8')) as { files: Array<{ key: string }> };
  return manifest.files.map((file) => path.join(INVENTORY_DIR, report.destinationBucket, file.key));
}

/** The bytes of a report's data files. */
export function reportBytes(id: InventoryBenchId): number {
  return dataFilesOf(id).reduce((sum, file) => sum + fs.statSync(file).size, 0);
}

/** Writes the reports unless the marker says they are there; returns whether it wrote them. */
export async function generateInventoryOnce(ids: readonly InventoryBenchId[], say: (line: string) => void): Promise<boolean> {
  const marker = path.join(INVENTORY_DIR, 'generated.json');
  const done = fs.existsSync(marker) ? (JSON.parse(fs.readFileSync(marker, 'utf8')) as { version: number; reports: string[] }) : undefined;
  const valid = done?.version === VERSION ? new Set(done.reports) : new Set<string>();
  const missing = ids.filter((id) => !valid.has(id));
  fs.mkdirSync(path.join(INVENTORY_DIR, SOURCE), { recursive: true });
  for (const id of missing) {
    await generateReport(INVENTORY_REPORTS[id], say);
    valid.add(id);
    fs.writeFileSync(marker, JSON.stringify({ version: VERSION, reports: [...valid] }));
  }
  return missing.length > 0;
}

async function generateReport(report: ReportSpec, say: (line: string) => void): Promise<void> {
  const started = performance.now();
  const bucketDir = path.join(INVENTORY_DIR, report.destinationBucket);
  fs.rmSync(path.join(bucketDir, reportRoot(report)), { recursive: true, force: true });
  const files: Array<{ key: string; size: number; MD5checksum: string }> = [];
  let manifest: Record<string, unknown> | undefined;
  for (let file = 0; file < report.files; file++) {
    const { start, end } = fileRange(report, file);
    // A report of this file's rows alone: its one data file is this file, its manifest gives the schema.
    const objects = await reportObjects({ ...report, rows: end - start, files: 1, firstRow: start });
    const [data, manifestObject] = objects;
    const key = data.key.replace(/-0000-([^/]+)$/, `-${String(file).padStart(4, '0')}-$1`);
    writeObject(bucketDir, key, data.body);
    files.push({ key, size: data.body.length, MD5checksum: createHash('md5').update(data.body).digest('hex') });
    manifest ??= JSON.parse(manifestObject.body.toString('utf8')) as Record<string, unknown>;
    say(`  ${report.configId}: data file ${file + 1}/${report.files}, ${(data.body.length / 2 ** 20).toFixed(0)} MB (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  // As reportObjects writes it (test/support/inventoryReports.ts), with every file: the manifest, then its checksum.
  const body = Buffer.from(JSON.stringify({ ...manifest, files }, undefined, 2));
  writeObject(bucketDir, manifestKey(report), body);
  writeObject(bucketDir, manifestKey(report).replace(/manifest\.json$/, 'manifest.checksum'), Buffer.from(createHash('md5').update(body).digest('hex')));
}

function writeObject(bucketDir: string, key: string, body: Buffer): void {
  const file = path.join(bucketDir, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
}
