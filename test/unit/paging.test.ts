import * as assert from 'node:assert/strict';
import { streamPages, type Page } from '../../src/core/paging/pager';
import { listingPage } from '../../src/core/listing';
import { pagedListOf } from '../../src/core/services/registry';
import { idOf } from '../../src/core/lists';
import { RepeatedTokenError } from '../../src/core/paging/errors';
import { createBucket, createTopics, numberedNames, putObjects, subscribeEmails, useEmulator } from '../support/emulator';
import { type ListRef } from '../../src/core/lists';

const topics: ListRef = { kind: 'sns.topics', params: {} };
const objects = (bucket: string, prefix = '', delimiter = ''): ListRef => ({ kind: 's3.objects', params: { bucket, prefix, delimiter } });

async function collect(pages: AsyncIterable<Page>): Promise<Page[]> {
  const all: Page[] = [];
  for await (const page of pages) {
    all.push(page);
  }
  return all;
}

// Names of one shape (`topic-0001`, `obj-00001`): fauxqs sorts with localeCompare but resumes with `>`,
// so mixed case or punctuation could make the emulator itself drop or repeat items across pages.
describe('paging against the emulator', function () {
  let topicArns: string[];
  const bigBucket = 'paging-big';
  const bigKeys = numberedNames('obj', 2500, 5);

  const env = useEmulator(async (seed) => {
    topicArns = await createTopics(seed, numberedNames('topic', 250));
    await subscribeEmails(seed, topicArns[0], numberedNames('user', 150).map((n) => `${n}@example.com`));
    await createBucket(seed, bigBucket);
    await putObjects(seed, bigBucket, bigKeys);
    await createBucket(seed, 'paging-folders');
    await putObjects(seed, 'paging-folders', ['a/1.txt', 'a/2.txt', 'b/c/3.txt', 'root-1.txt', 'root-2.txt']);
  });

  it('lists 250 SNS topics as pages of 100, 100 and 50, the first request without a token', async function () {
    const pages = await collect(streamPages(env.session, pagedListOf(topics), { pageSize: 100 }));
    assert.deepEqual(pages.map((p) => p.items.length), [100, 100, 50]);
    assert.equal(pages[0].token, undefined);
    assert.equal(env.proxy.log[0].token, undefined, 'the first request carries no token');
    assert.deepEqual(env.proxy.log.slice(1).map((r) => r.token), [pages[0].nextToken, pages[1].nextToken]);
    assert.equal(pages[2].nextToken, undefined);
    assert.deepEqual(pages.flatMap((p) => p.items.map((i) => idOf(i, 'ARN'))).sort(), [...topicArns].sort());
  });

  it('lists the subscriptions of a topic page by page', async function () {
    const pages = await collect(streamPages(env.session, pagedListOf({ kind: 'sns.subscriptions', params: { topicArn: topicArns[0] } }), { pageSize: 100 }));
    assert.deepEqual(pages.map((p) => p.items.length), [100, 50]);
    const endpoints = pages.flatMap((p) => p.items.map((i) => i.record.Endpoint));
    assert.equal(new Set(endpoints).size, 150);
    assert.ok(endpoints.includes('user-0150@example.com'));
  });

  for (const pageSize of [1000, 7]) {
    it(`lists 2,500 objects with page size ${pageSize}, sending the same size on every request`, async function () {
      const pages = await collect(streamPages(env.session, pagedListOf(objects(bigBucket)), { pageSize }));
      const expectedPages = Math.ceil(bigKeys.length / pageSize);
      assert.equal(pages.length, expectedPages);
      assert.ok(pages.slice(0, -1).every((p) => p.items.length === pageSize));
      const listed = env.proxy.log.filter((r) => r.action === 'ListObjectsV2');
      assert.equal(listed.length, expectedPages);
      assert.ok(listed.every((r) => r.pageSize === pageSize), 'max-keys is the same on every request');
      assert.deepEqual(pages.flatMap((p) => p.items.map((i) => i.record.Key)), bigKeys, 'every key once, in order');
    });
  }

  it('shows common prefixes as folders and objects in key order with a delimiter', async function () {
    const page = await listingPage(env.session, { list: objects('paging-folders', '', '/'), pageSize: 100 }, {}, {});
    assert.deepEqual(page.items.map((i) => [i.itemKind, i.name]), [
      ['s3Folder', 'a/'], ['s3Folder', 'b/'], ['s3Object', 'root-1.txt'], ['s3Object', 'root-2.txt'],
    ]);
    assert.deepEqual(page.items[1].children, objects('paging-folders', 'b/', '/'));
    const inner = await listingPage(env.session, { list: page.items[1].children!, pageSize: 100 }, {}, {});
    assert.deepEqual(inner.items.map((i) => [i.itemKind, i.name, idOf(i, 'S3 URI')]), [['s3Folder', 'c/', 's3://paging-folders/b/c/']]);
  });

  it('lists buckets with MaxBuckets on the request', async function () {
    const page = await listingPage(env.session, { list: { kind: 's3.buckets', params: {} }, pageSize: 50 }, {}, {});
    assert.deepEqual(page.items.map((i) => i.name).sort(), [bigBucket, 'paging-folders']);
    assert.equal(env.proxy.log.find((r) => r.action === 'ListBuckets')?.pageSize, 50);
  });

  it('fetches exactly the page a saved token names, and resumes a stream from it', async function () {
    const first = await listingPage(env.session, { list: topics, pageSize: 100 }, {}, {});
    assert.equal(env.proxy.log.length, 1, 'one page, one request');
    const second = await listingPage(env.session, { list: topics, pageSize: 100 }, { token: first.nextToken }, {});
    assert.equal(env.proxy.log.length, 2);
    assert.equal(env.proxy.log[1].token, first.nextToken);
    const rest = await collect(streamPages(env.session, pagedListOf(topics), { pageSize: 100, startingToken: first.nextToken }));
    assert.deepEqual(rest.map((p) => p.items.length), [100, 50]);
    assert.deepEqual(rest[0].items, second.items);
    const all = [...first.items, ...rest.flatMap((p) => p.items)].map((i) => idOf(i, 'ARN'));
    assert.deepEqual([...all].sort(), [...topicArns].sort(), 'first page plus resumed pages give every topic once');
  });

  it('keeps going after an empty page that still carries a token', async function () {
    env.proxy.setRule((r) => (r.index === 1 || r.index === 3 ? { kind: 'emptyPage' } : undefined));
    const pages = await collect(streamPages(env.session, pagedListOf(objects(bigBucket)), { pageSize: 1000 }));
    assert.deepEqual(pages.map((p) => p.items.length), [1000, 0, 1000, 0, 500]);
    assert.deepEqual(pages.flatMap((p) => p.items.map((i) => i.record.Key)), bigKeys);

    env.proxy.reset();
    env.proxy.setRule((r) => (r.index === 0 ? { kind: 'emptyPage' } : undefined));
    const snsPages = await collect(streamPages(env.session, pagedListOf(topics), { pageSize: 100 }));
    assert.deepEqual(snsPages.map((p) => p.items.length), [0, 100, 100, 50]);
    assert.equal(env.proxy.log[1].token?.startsWith('fault-proxy-empty-page:'), true, 'the empty page token was sent on');
  });

  it('stops with an error when the service repeats a token instead of looping forever', async function () {
    env.proxy.setRule((r) => (r.index >= 1 ? { kind: 'repeatToken' } : undefined));
    await assert.rejects(collect(streamPages(env.session, pagedListOf(topics), { pageSize: 100 })), RepeatedTokenError);
    assert.equal(env.proxy.log.length, 2, 'stopped at the first repeat');
  });

  it('stops between pages when cancelled', async function () {
    const controller = new AbortController();
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const page of streamPages(env.session, pagedListOf(topics), { pageSize: 100, signal: controller.signal })) {
        seen.push(page.items.length);
        controller.abort();
      }
    }, { name: 'AbortError' });
    assert.deepEqual(seen, [100]);
    assert.equal(env.proxy.log.length, 1, 'no request after the abort');
  });

  it('stops inside a request when cancelled', async function () {
    env.proxy.setRule(() => ({ kind: 'latency', ms: 5000 }));
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(listingPage(env.session, { list: topics, pageSize: 100 }, {}, { signal: controller.signal }), { name: 'AbortError' });
    assert.ok(Date.now() - started < 4000, 'the request was abandoned, not awaited');
  });
});
