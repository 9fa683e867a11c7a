// What an export must contain, computed from what the harness seeded (not from the extension's own code).
import * as fs from 'node:fs';
import type { DemoData } from '../../../scripts/emulator';

/** The JSON Lines export of "SNS Topics": one line per topic, `TopicArn` as the API names it, then name, region, accountId. */
export function topicsJsonl(data: DemoData): string {
  return data.topics.map((topic) => {
    const [, , , region, accountId] = topic.arn.split(':');
    return `${JSON.stringify({ TopicArn: topic.arn, name: topic.name, region, accountId })}\n`;
  }).join('');
}

/** S3 lists keys in UTF-8 byte order. */
export function byteOrder(keys: readonly string[]): string[] {
  return [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

export interface ExportedObject {
  readonly Key: string;
  readonly Size: number;
  readonly s3Uri: string;
  readonly itemType: string;
}

export function readJsonl<T>(file: string): T[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
}

/** The rows an object export must hold for a bucket: every key, its s3:// URI, and its size (the body is the key). */
export function objectRows(bucket: string, keys: readonly string[]): ExportedObject[] {
  return keys.map((key) => ({ Key: key, Size: Buffer.byteLength(key), s3Uri: `s3://${bucket}/${key}`, itemType: 'object' }));
}

export function pickObjectColumns(rows: readonly ExportedObject[]): ExportedObject[] {
  return rows.map(({ Key, Size, s3Uri, itemType }) => ({ Key, Size, s3Uri, itemType }));
}
