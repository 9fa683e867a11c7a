import { createBucket, numberedNames, putObjects } from '../../../support/emulator';
import { type KindRow } from '../kinds';

// Buckets of their own prefix: other suites add buckets (odd keys, hostile keys…) to the shared emulator.
const BUCKET_PREFIX = 'reliability-bucket-';
const BUCKETS = numberedNames('reliability-bucket', 60, 2);
/** 12 folders of 100 keys, all of one shape (fauxqs sorts with localeCompare but resumes with `>`). */
const OBJECTS_BUCKET = 'reliability-objects';
const OBJECT_KEYS = Array.from({ length: 12 }, (_, f) => numberedNames(`folder-${String(f + 1).padStart(2, '0')}/object`, 100)).flat();

export const s3Rows: readonly KindRow[] = [
  {
    kind: 's3.buckets',
    address: `s3://?prefix=${BUCKET_PREFIX}`,
    pageSize: 5,
    operations: ['ListBuckets'],
    async seed({ session }) {
      for (const bucket of BUCKETS) {
        await createBucket(session, bucket);
      }
    },
    expected: () => BUCKETS,
    idOf: (record) => String(record.Name),
    missing: { what: 'ListBuckets denied (403 AccessDenied)', expect: 'accessDenied' },
  },
  {
    kind: 's3.objects',
    // The CLI exports a bucket recursively (the kind's flatten): every key below it, not the folders the tree shows.
    address: `s3://${OBJECTS_BUCKET}/`,
    pageSize: 100,
    operations: ['ListObjectsV2'],
    async seed({ session }) {
      await createBucket(session, OBJECTS_BUCKET);
      await putObjects(session, OBJECTS_BUCKET, OBJECT_KEYS, 64);
    },
    expected: () => OBJECT_KEYS,
    idOf: (record) => String(record.Key),
    missing: { what: 'a bucket that does not exist', address: 's3://reliability-no-such-bucket/', expect: 'notFound' },
  },
];
