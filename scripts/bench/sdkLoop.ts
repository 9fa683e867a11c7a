// The baseline: what a developer writes without this project. A plain loop over the SDK's own paginator, one
// request at a time, writing the same JSON Lines records as the exporter (same columns, same order), no checkpoints.
// Usage: sdk-loop.js s3 BUCKET [PAGE_SIZE] OUT | sdk-loop.js s3-count BUCKET OUT | sdk-loop.js sns OUT | sdk-loop.js dynamodb TABLE PAGE_SIZE OUT
// | sdk-loop.js logs GROUP PAGE_SIZE OUT | sdk-loop.js health PAGE_SIZE OUT. Endpoint, region and credentials from the
// environment.
import * as fs from 'node:fs';
import { paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { paginateListTopics, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { CloudWatchLogsClient, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import { HealthClient, paginateDescribeEvents } from '@aws-sdk/client-health';

/** An Event's fields in the API's order (API_Event.html), as the AWS CLI prints them: the exporter's record. */
const EVENT_FIELDS = ['arn', 'service', 'eventTypeCode', 'eventTypeCategory', 'region', 'availabilityZone', 'startTime', 'endTime', 'lastUpdatedTime', 'statusCode',
  'eventScopeCode', 'actionability', 'personas'];

/** Epoch milliseconds as ISO 8601 UTC, null when absent: the exporter's `…Iso` fields. */
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

async function main(): Promise<void> {
  const [service, ...rest] = process.argv.slice(2);
  const out = fs.openSync(rest[rest.length - 1], 'w');
  try {
    if (service === 's3-count') {
      // Only counts and adds up sizes: the least any summary of a listing can do, for the CPU goal of Summarize.
      const client = new S3Client({ forcePathStyle: true });
      let items = 0;
      let bytes = 0;
      for await (const page of paginateListObjectsV2({ client, pageSize: 1000 }, { Bucket: rest[0] })) {
        for (const o of page.Contents ?? []) {
          items++;
          bytes += o.Size ?? 0;
        }
      }
      fs.writeSync(out, `${JSON.stringify({ items, bytes })}\n`);
      client.destroy();
    } else if (service === 's3') {
      const bucket = rest[0];
      const pageSize = rest.length > 2 ? Number(rest[1]) : 1000;
      const client = new S3Client({ forcePathStyle: true });
      for await (const page of paginateListObjectsV2({ client, pageSize }, { Bucket: bucket })) {
        const lines = (page.Contents ?? []).map((o) => `${JSON.stringify({
          Key: o.Key, LastModified: o.LastModified?.toISOString(), ETag: o.ETag, ChecksumAlgorithm: o.ChecksumAlgorithm?.length ? o.ChecksumAlgorithm : undefined,
          ChecksumType: o.ChecksumType, Size: o.Size, StorageClass: o.StorageClass, s3Uri: `s3://${bucket}/${o.Key}`, itemType: 'object',
        })}\n`);
        fs.writeSync(out, lines.join(''));
      }
      client.destroy();
    } else if (service === 'dynamodb') {
      // DynamoDB JSON, one {"Item": …} per line: the exporter's default (the bench items hold no binary values).
      const client = new DynamoDBClient({});
      for await (const page of paginateScan({ client, pageSize: Number(rest[1]) }, { TableName: rest[0] })) {
        fs.writeSync(out, (page.Items ?? []).map((Item) => `${JSON.stringify({ Item })}\n`).join(''));
      }
      client.destroy();
    } else if (service === 'logs') {
      // FilterLogEvents of the whole group (no pattern, no time range), `limit` = the page size. The exporter's
      // record: the API's fields in the order the AWS CLI prints them (JSON.stringify leaves out an absent one), then
      // the two instants in ISO 8601.
      const client = new CloudWatchLogsClient({});
      for await (const page of paginateFilterLogEvents({ client, pageSize: Number(rest[1]) }, { logGroupName: rest[0] })) {
        const lines = (page.events ?? []).map((e) => `${JSON.stringify({
          logStreamName: e.logStreamName, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: e.eventId,
          timestampIso: iso(e.timestamp), ingestionTimeIso: iso(e.ingestionTime),
        })}\n`);
        fs.writeSync(out, lines.join(''));
      }
      client.destroy();
    } else if (service === 'health') {
      // DescribeEvents, the newest update first, `maxResults` = the page size; dates in ISO 8601, the API's order.
      const client = new HealthClient({ region: 'us-east-1' });
      for await (const page of paginateDescribeEvents({ client, pageSize: Number(rest[0]) }, {})) {
        const lines = (page.events ?? []).map((event) => {
          const source = event as Record<string, unknown>;
          const fields = [...EVENT_FIELDS, ...Object.keys(source).filter((key) => !EVENT_FIELDS.includes(key))];
          const record = Object.fromEntries(fields.filter((field) => source[field] !== undefined)
            .map((field) => [field, source[field] instanceof Date ? (source[field] as Date).toISOString() : source[field]]));
          return `${JSON.stringify(record)}\n`;
        });
        fs.writeSync(out, lines.join(''));
      }
      client.destroy();
    } else {
      const client = new SNSClient({});
      for await (const page of paginateListTopics({ client }, {})) {
        const lines = (page.Topics ?? []).map(({ TopicArn: arn = '' }) => {
          const [, , , region, accountId, ...resource] = arn.split(':');
          return `${JSON.stringify({ TopicArn: arn, name: resource.join(':'), region, accountId })}\n`;
        });
        fs.writeSync(out, lines.join(''));
      }
      client.destroy();
    }
  } finally {
    fs.closeSync(out);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
