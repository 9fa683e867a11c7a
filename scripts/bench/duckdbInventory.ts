// The anchor of the S3 Inventory rows: DuckDB (@duckdb/node-api, its native engine on every core) reading the same
// report's data files from local disk and writing JSON Lines, one process per run like the exporter. Two queries:
// - `star`: `SELECT *` of the files as they are (CSV keys still URL-encoded, Parquet times as DuckDB prints them): the
//   least a reader of those files does;
// - `records`: the exporter's records, column for column (keys decoded, the ETag quoted, s3Uri, itemType,
//   inventoryDate), byte for byte the exporter's file (checked by the benchmark) — for a report of current versions.
// Neither reads the manifest, checks an MD5 or goes through HTTP: DuckDB reads the local files.
// Usage: node duckdb-inventory.js csv|parquet star|records SOURCE_BUCKET INVENTORY_DATE OUT FILE…
import { DuckDBInstance } from '@duckdb/node-api';

/** The columns of the bench's CSV reports (fileSchema "Bucket, Key, Size, LastModifiedDate, ETag, StorageClass"). */
const COLUMNS = "{'Bucket': 'VARCHAR', 'Key': 'VARCHAR', 'Size': 'BIGINT', 'LastModifiedDate': 'VARCHAR', 'ETag': 'VARCHAR', 'StorageClass': 'VARCHAR'}";
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

function query(format: string, mode: string, bucket: string, inventoryDate: string, files: readonly string[]): string {
  const list = `[${files.map(quote).join(', ')}]`;
  if (format === 'csv') {
    const source = `read_csv(${list}, header = false, quote = '"', escape = '"', columns = ${COLUMNS})`;
    if (mode === 'star') {
      return `SELECT * FROM ${source}`;
    }
    // Keys as Java's URLEncoder writes them: "+" is a space, then percent-decoding.
    const key = "url_decode(replace(Key, '+', ' '))";
    return `SELECT ${key} AS Key, LastModifiedDate AS LastModified, '"' || ETag || '"' AS ETag, Size, StorageClass, `
      + `'s3://' || ${quote(bucket)} || '/' || ${key} AS s3Uri, 'object' AS itemType, ${quote(inventoryDate)} AS inventoryDate FROM ${source}`;
  }
  const source = `read_parquet(${list})`;
  if (mode === 'star') {
    return `SELECT * FROM ${source}`;
  }
  return `SELECT key AS Key, strftime(last_modified_date, '%Y-%m-%dT%H:%M:%S.%gZ') AS LastModified, '"' || e_tag || '"' AS ETag, size AS Size, `
    + `storage_class AS StorageClass, 's3://' || ${quote(bucket)} || '/' || key AS s3Uri, 'object' AS itemType, ${quote(inventoryDate)} AS inventoryDate FROM ${source}`;
}

async function main(): Promise<void> {
  const [format, mode, bucket, inventoryDate, out, ...files] = process.argv.slice(2);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // In the files' order (DuckDB's default, said here as the byte-for-byte check relies on it).
  await connection.run('SET preserve_insertion_order = true');
  await connection.run(`COPY (${query(format, mode, bucket, inventoryDate, files)}) TO ${quote(out)} (FORMAT JSON)`);
  connection.closeSync();
  instance.closeSync();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
