// S3 objects you can open, download and share: the reads behind Open and Download… (HeadObject, GetObject), the
// presigned URL (signed locally, fetched over HTTP as anyone with the link would) and the object URL.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { headObject, objectBytes, objectUrl, presignedUrl, unreadable } from '../../src/core/services/s3/objectAccess';
import { s3Client } from '../../src/core/services/s3/client';
import { createBucket, useEmulator } from '../support/emulator';

describe('S3 objects: open, download, share (against the emulator)', function () {
  const content = randomBytes(3 * 1024 * 1024 + 17);
  const env = useEmulator(async (seed) => {
    await createBucket(seed, 'objects');
    const client = await seed.client(s3Client);
    await client.send(new PutObjectCommand({ Bucket: 'objects', Key: 'data/blob.bin', Body: content, ContentType: 'application/octet-stream' }));
    await client.send(new PutObjectCommand({ Bucket: 'objects', Key: 'notes/read me.txt', Body: 'hello\n', ContentType: 'text/plain' }));
  });

  it('HeadObject gives the size and type; GetObject the bytes, exactly', async function () {
    const head = await headObject(env.session, 'objects', 'data/blob.bin', {});
    assert.equal(head.size, content.length);
    assert.equal(head.contentType, 'application/octet-stream');
    assert.equal(unreadable(head, 's3://objects/data/blob.bin'), undefined);
    assert.ok(Buffer.from(await objectBytes(env.session, 'objects', 'data/blob.bin', {})).equals(content));
  });

  it('an archived object that is not restored says how to restore it; a restored one opens', function () {
    const archived = { size: 1, storageClass: 'DEEP_ARCHIVE', restored: false };
    assert.match(unreadable(archived, 's3://b/k')!, /s3:\/\/b\/k is archived in DEEP_ARCHIVE: restore it first/);
    assert.equal(unreadable({ ...archived, restored: true }, 's3://b/k'), undefined);
    assert.equal(unreadable({ size: 1, storageClass: 'STANDARD_IA', restored: false }, 's3://b/k'), undefined);
  });

  it('a presigned URL is signed here (no request) and fetching it returns the object, until it expires', async function () {
    const before = env.emulator.requests.length;
    const url = await presignedUrl(env.session, 'objects', 'notes/read me.txt', 900);
    assert.equal(env.emulator.requests.length, before, 'signing sends nothing');
    const query = new URL(url).searchParams;
    assert.equal(query.get('X-Amz-Expires'), '900');
    assert.equal(query.get('X-Amz-Algorithm'), 'AWS4-HMAC-SHA256');
    assert.match(query.get('X-Amz-Signature') ?? '', /^[0-9a-f]{64}$/);
    const answer = await fetch(url);
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), 'hello\n');
    const week = new URL(await presignedUrl(env.session, 'objects', 'data/blob.bin', 7 * 86_400)).searchParams.get('X-Amz-Expires');
    assert.equal(week, '604800');
  });

  it('the object URL: virtual-hosted on AWS, path style for dotted buckets and custom endpoints, the key encoded', function () {
    assert.equal(objectUrl('my-bucket', 'a b/c+d.txt', { region: 'eu-west-1' }), 'https://my-bucket.s3.eu-west-1.amazonaws.com/a%20b/c%2Bd.txt');
    assert.equal(objectUrl('my.bucket', 'k', { region: 'us-east-1' }), 'https://s3.us-east-1.amazonaws.com/my.bucket/k');
    assert.equal(objectUrl('b', 'k', { region: 'cn-north-1' }), 'https://b.s3.cn-north-1.amazonaws.com.cn/k');
    assert.equal(objectUrl('b', 'dir/k', { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566/' }), 'http://127.0.0.1:4566/b/dir/k');
  });
});
