import * as assert from 'node:assert/strict';
import { TreeModel } from '../../src/core/tree/treeModel';
import { RefreshThrottle } from '../../src/views/refreshThrottle';
import { countDescription, failureContext, failureLabel, listContext, rowsOf, type Row } from '../../src/core/tree/rows';
import { pinOf } from '../../src/core/tree/pins';
import { createBucket, createTopics, numberedNames, putObjects, subscribeEmails, useEmulator } from '../support/emulator';
import { type ListRef } from '../../src/core/lists';
import { idOf } from '../../src/core/lists';

const topics: ListRef = { kind: 'sns.topics', params: {} };
const folder = (bucket: string, prefix = ''): ListRef => ({ kind: 's3.objects', params: { bucket, prefix, delimiter: '/' } });

function lastRow(model: TreeModel, list: ListRef): Row | undefined {
  return rowsOf(model.snapshot(list)).at(-1);
}

function loadMoreToken(model: TreeModel, list: ListRef): string {
  const row = lastRow(model, list);
  assert.equal(row?.type, 'loadMore', 'the last row is "Load more…"');
  return (row as Extract<Row, { type: 'loadMore' }>).token;
}

function itemNames(model: TreeModel, list: ListRef): string[] {
  return model.snapshot(list).items.map((item) => item.name);
}

// Names of one shape (`topic-0001`, `obj-00001`): fauxqs sorts with localeCompare but resumes after a token with `>`,
// so names that differ in case or punctuation could be dropped or repeated across pages by the emulator itself,
// and the exact page contents asserted here would be the emulator's bug, not the tree's.
describe('tree model against the emulator', function () {
  let topicArns: string[];
  const bigBucket = 'tree-big';
  const bigKeys = numberedNames('obj', 2500, 5);

  function newModel(pageSize = 100): TreeModel {
    return new TreeModel({ clients: async () => env.session, pageSize: () => pageSize });
  }

  function requests(action: string) {
    return env.proxy.log.filter((r) => r.action === action);
  }

  const env = useEmulator(async (seed) => {
    topicArns = await createTopics(seed, numberedNames('topic', 103));
    await subscribeEmails(seed, topicArns[0], numberedNames('user', 3).map((n) => `${n}@example.com`));
    await createBucket(seed, bigBucket);
    await putObjects(seed, bigBucket, bigKeys);
    await createBucket(seed, 'tree-folders');
    await putObjects(seed, 'tree-folders', [
      'logs/2023-12.txt', 'logs/2024-01.txt', 'logs/2024-02.txt', 'logs/2024-q1/summary.txt', 'logs/app/1.txt', 'readme.txt',
    ]);
  }, { maxAttempts: 1 }); // One attempt per request: a fault injected by the proxy reaches the tree instead of being retried away.

  it('expands 103 topics to the first page of 100 and a "Load more…" row holding the next token', async function () {
    const model = newModel();
    await model.ensureLoaded(topics);
    const snapshot = model.snapshot(topics);
    assert.equal(snapshot.items.length, 100);
    assert.equal(countDescription(snapshot), '100 loaded · more');
    assert.equal(loadMoreToken(model, topics), snapshot.nextToken);
    assert.deepEqual(listContext(snapshot, topics, false), ['list', 'sns.topics', 'hasMore', 'listConsole']);
    assert.equal(requests('ListTopics').length, 1, 'only the first page is fetched');
    assert.equal(requests('ListTopics')[0].token, undefined);

    await model.ensureLoaded(topics);
    assert.equal(requests('ListTopics').length, 1, 'expanding again fetches nothing');
  });

  it('"Load more…" fetches exactly the page of its token and appends it: 103 topics, no further "Load more…"', async function () {
    const model = newModel();
    await model.ensureLoaded(topics);
    const token = loadMoreToken(model, topics);
    assert.equal(await model.loadMore(topics, token), true);
    const snapshot = model.snapshot(topics);
    assert.equal(snapshot.items.length, 103);
    assert.deepEqual(new Set(snapshot.items.map((i) => idOf(i, 'ARN'))), new Set(topicArns));
    assert.notEqual(lastRow(model, topics)?.type, 'loadMore');
    assert.equal(countDescription(snapshot), '103');
    assert.deepEqual(listContext(snapshot, topics, false), ['list', 'sns.topics', 'listConsole']);
    assert.deepEqual(requests('ListTopics').map((r) => r.token), [undefined, token]);
  });

  it('a click on a stale "Load more…" (its token already used) fetches nothing and appends nothing', async function () {
    const model = newModel();
    await model.ensureLoaded(topics);
    const token = loadMoreToken(model, topics);
    await model.loadMore(topics, token);
    assert.equal(await model.loadMore(topics, token), false);
    assert.equal(model.snapshot(topics).items.length, 103);
    assert.equal(model.snapshot(topics).pages.length, 2);
    assert.equal(requests('ListTopics').length, 2);
  });

  it('a double click while the page is loading fetches it once', async function () {
    const model = newModel();
    await model.ensureLoaded(topics);
    const token = loadMoreToken(model, topics);
    env.proxy.setRule((r) => (r.token ? { kind: 'latency', ms: 150 } : undefined));
    const first = model.loadMore(topics, token);
    const loadingRow = lastRow(model, topics);
    assert.deepEqual(loadingRow?.type === 'loadMore' && loadingRow.loading, true, 'the row shows that it is loading');
    const second = model.loadMore(topics, token);
    assert.deepEqual(await Promise.all([first, second]), [true, false]);
    assert.equal(model.snapshot(topics).pages.length, 2);
    assert.equal(model.snapshot(topics).items.length, 103);
    assert.equal(requests('ListTopics').filter((r) => r.token === token).length, 1);
  });

  it('an empty page that still has a token shows "Load more…", not "No items", and the next click goes on', async function () {
    const model = newModel();
    env.proxy.setRule((r) => (r.action === 'ListTopics' && r.index === 0 ? { kind: 'emptyPage' } : undefined));
    await model.ensureLoaded(topics);
    const snapshot = model.snapshot(topics);
    assert.equal(snapshot.items.length, 0);
    assert.deepEqual(rowsOf(snapshot).map((r) => r.type), ['loadMore']);
    assert.equal(countDescription(snapshot), '0 loaded · more');
    await model.loadMore(topics, loadMoreToken(model, topics));
    assert.equal(model.snapshot(topics).items.length, 100);
    await model.loadMore(topics, loadMoreToken(model, topics));
    assert.equal(model.snapshot(topics).items.length, 103);
  });

  it('a failed first page shows "Failed to load: …" and Retry loads it', async function () {
    const model = newModel();
    const failures: string[] = [];
    model.onDidFail((_list, failure) => failures.push(failure.problem.kind));
    const missing = folder('tree-created-later');
    await model.ensureLoaded(missing);
    const rows = rowsOf(model.snapshot(missing));
    assert.equal(rows.length, 1);
    assert.equal(rows[0].type, 'failure');
    const failure = (rows[0] as Extract<Row, { type: 'failure' }>).failure;
    assert.equal(failure.problem.kind, 'notFound');
    assert.match(failureLabel(failure.problem), /^Failed to load: Not found \(NoSuchBucket\)/);
    assert.deepEqual(failures, ['notFound'], 'the failure is reported once, for the log');

    await model.ensureLoaded(missing);
    assert.equal(requests('ListObjectsV2').length, 1, 'a failed list is not fetched again by expanding it');

    await createBucket(env.session, 'tree-created-later');
    await putObjects(env.session, 'tree-created-later', ['a.txt']);
    await model.retry(missing);
    assert.deepEqual(itemNames(model, missing), ['a.txt']);
    assert.equal(model.snapshot(missing).failure, undefined);
  });

  it('a failed "Load more…" keeps the loaded items, and Retry sends the same token again', async function () {
    const model = newModel();
    await model.ensureLoaded(topics);
    const token = loadMoreToken(model, topics);
    env.proxy.setRule((r) => (r.token ? { kind: 'serverError', status: 500 } : undefined));
    await model.loadMore(topics, token);
    let snapshot = model.snapshot(topics);
    assert.equal(snapshot.items.length, 100);
    assert.equal(snapshot.failure?.problem.kind, 'serviceError');
    assert.equal(snapshot.failure?.token, token);
    assert.deepEqual(rowsOf(snapshot).slice(-1).map((r) => r.type), ['failure']);

    env.proxy.setRule(undefined);
    await model.retry(topics);
    snapshot = model.snapshot(topics);
    assert.equal(snapshot.items.length, 103);
    assert.equal(snapshot.failure, undefined);
    assert.deepEqual(requests('ListTopics').map((r) => r.token), [undefined, token, token]);
  });

  it('a refused token says so, offers Start over instead of Retry, and Start over loads the first page again', async function () {
    const model = newModel();
    await model.ensureLoaded(topics);
    const token = loadMoreToken(model, topics);
    env.proxy.setRule((r) => (r.token ? { kind: 'refuseToken' } : undefined));
    await model.loadMore(topics, token);
    const snapshot = model.snapshot(topics);
    const row = rowsOf(snapshot).at(-1) as Extract<Row, { type: 'failure' }>;
    assert.equal(row.type, 'failure');
    assert.equal(row.failure.problem.kind, 'refusedToken');
    assert.equal(row.startOver, true);
    assert.deepEqual(failureContext(row.startOver), ['failure', 'refusedToken']);
    assert.deepEqual(listContext(snapshot, topics, false), ['list', 'sns.topics', 'listConsole'], 'no Load All on a refused token');
    assert.equal(await model.loadMore(topics, token), false, 'the refused token is not sent again');

    env.proxy.setRule(undefined);
    await model.startOver(topics);
    assert.equal(model.snapshot(topics).items.length, 100);
    assert.equal(model.snapshot(topics).failure, undefined);
    assert.deepEqual(requests('ListTopics').map((r) => r.token), [undefined, token, undefined]);
  });

  it('S3 (key order): a Load more whose token is refused loads the page after the last row instead, folders included: the rows equal an undisturbed listing', async function () {
    const expected = async (list: ListRef) => {
      const model = newModel(1);
      await model.loadAll(list);
      return itemNames(model, list);
    };
    for (const list of [folder('tree-folders'), folder('tree-folders', 'logs/')]) {
      const undisturbed = await expected(list);
      const model = newModel(1);
      const resumed: string[] = [];
      model.onDidResume((_list, after) => resumed.push(after));
      await model.ensureLoaded(list);
      env.proxy.setRule((r) => (r.action === 'ListObjectsV2' && r.token ? { kind: 'refuseToken' } : undefined));
      while (lastRow(model, list)?.type === 'loadMore') {
        const before = model.snapshot(list).items.length;
        assert.equal(await model.loadMore(list, loadMoreToken(model, list)), true);
        assert.equal(model.snapshot(list).failure, undefined, 'no failure row');
        assert.ok(model.snapshot(list).items.length > before);
      }
      env.proxy.setRule(undefined);
      assert.deepEqual(itemNames(model, list), undisturbed, `${list.params.prefix || '(root)'}: the same rows, none twice, none missing`);
      assert.ok(resumed.length > 0 && resumed.length === undisturbed.length - 1, 'every refused token was replaced by the position');
    }
  });

  it('a service that hands back the token it was sent stops with Start over instead of loading forever', async function () {
    const model = newModel();
    await model.ensureLoaded(topics);
    env.proxy.setRule((r) => (r.token ? { kind: 'repeatToken' } : undefined));
    await model.loadMore(topics, loadMoreToken(model, topics));
    const snapshot = model.snapshot(topics);
    assert.equal(snapshot.failure?.problem.kind, 'repeatedToken');
    assert.equal((rowsOf(snapshot).at(-1) as Extract<Row, { type: 'failure' }>).startOver, true);
    const result = await model.loadAll(topics);
    assert.equal(result.outcome, 'failed');
    assert.equal(requests('ListTopics').length, 2, 'Load all does not follow the repeated token');
  });

  it('topics expand to their subscriptions', async function () {
    const model = newModel();
    await model.ensureLoaded(topics);
    const topic = model.snapshot(topics).items.find((item) => idOf(item, 'ARN') === topicArns[0]);
    assert.ok(topic?.children);
    await model.ensureLoaded(topic.children);
    assert.deepEqual(itemNames(model, topic.children).sort(), ['user-0001@example.com', 'user-0002@example.com', 'user-0003@example.com']);
  });

  it('Load all loads 2,500 objects page by page with progress, and keeps each item once', async function () {
    const model = newModel(100);
    const list = folder(bigBucket);
    await model.ensureLoaded(list);
    const progress: number[] = [];
    const result = await model.loadAll(list, { onProgress: (n) => progress.push(n) });
    assert.equal(result.outcome, 'complete');
    assert.equal(result.items, 2500);
    assert.deepEqual(progress, Array.from({ length: 24 }, (_, i) => 200 + i * 100));
    const snapshot = model.snapshot(list);
    assert.deepEqual(snapshot.items.map((i) => i.record.Key), bigKeys);
    assert.equal(countDescription(snapshot), '2,500');
    assert.equal(requests('ListObjectsV2').length, 25);
    assert.ok(requests('ListObjectsV2').every((r) => r.pageSize === 100), 'every request asks for the configured page size');
  });

  it('while Load all fills a list, the view redraws it a few times, not after each of its 250 pages, and draws the end', async function () {
    // The wiring of views/resourcesProvider.ts: every change of the list goes through the throttle.
    const model = newModel(10);
    const list = folder(bigBucket);
    await model.ensureLoaded(list);
    const drawn: number[] = [];
    const redraws = new RefreshThrottle<string>(() => drawn.push(model.snapshot(list).items.length));
    const subscription = model.onDidChange((changed) => {
      const { items, loadingAll } = model.progressOf(changed);
      redraws.changed('list', items, loadingAll);
    });
    try {
      const result = await model.loadAll(list);
      assert.equal(result.items, 2500);
      assert.equal(requests('ListObjectsV2').length, 250);
      assert.ok(drawn.length >= 3 && drawn.length <= 6, `redrawn ${drawn.length} times: ${drawn.join(', ')}`);
      assert.equal(drawn.at(-1), 2500, 'the last redraw shows every row');
      for (const [i, rows] of drawn.slice(1, -1).entries()) {
        assert.ok(rows >= 4 * Math.max(drawn[i], 50), `each redraw while loading holds four times the rows of the one before: ${drawn.join(', ')}`);
      }
    } finally {
      subscription.dispose();
      redraws.dispose();
    }
  });

  it('Load all stops when cancelled, keeps what it loaded, and a second Load all goes on from there', async function () {
    const model = newModel(250);
    const list = folder(bigBucket);
    const cancel = new AbortController();
    const first = await model.loadAll(list, {
      signal: cancel.signal,
      onProgress: (n) => {
        if (n >= 750) {
          cancel.abort();
        }
      },
    });
    assert.equal(first.outcome, 'cancelled');
    const afterCancel = model.snapshot(list);
    assert.equal(afterCancel.items.length, 750);
    assert.equal(afterCancel.loading, false);
    assert.equal(afterCancel.failure, undefined, 'cancelling is not a failure');
    assert.equal(countDescription(afterCancel), '750 loaded · more');

    const second = await model.loadAll(list);
    assert.equal(second.outcome, 'complete');
    assert.deepEqual(model.snapshot(list).items.map((i) => i.record.Key), bigKeys);
  });

  it('Load all pauses at a threshold so the user can be asked first, with the next token kept', async function () {
    const model = newModel(500);
    const list = folder(bigBucket);
    const paused = await model.loadAll(list, { maxItems: 1000 });
    assert.equal(paused.outcome, 'paused');
    assert.equal(paused.items, 1000);
    assert.equal(lastRow(model, list)?.type, 'loadMore');
    const rest = await model.loadAll(list);
    assert.equal(rest.outcome, 'complete');
    assert.equal(rest.items, 2500);
  });

  it('a bucket expands to folders and objects in key order; a folder expands the same way', async function () {
    const model = newModel();
    const bucket = folder('tree-folders');
    await model.ensureLoaded(bucket);
    assert.deepEqual(itemNames(model, bucket), ['logs/', 'readme.txt']);
    const logs = model.snapshot(bucket).items[0];
    assert.equal(logs.itemKind, 's3Folder');
    await model.ensureLoaded(logs.children!);
    assert.deepEqual(itemNames(model, logs.children!), ['2023-12.txt', '2024-01.txt', '2024-02.txt', '2024-q1/', 'app/']);
  });

  it('Filter by prefix lists only the keys under it, server-side, with names relative to the folder; Clear filter restores', async function () {
    const model = newModel();
    const logs = folder('tree-folders', 'logs/');
    await model.ensureLoaded(logs);
    env.proxy.reset();

    const filtered = model.setFilter(logs, '2024');
    assert.deepEqual(model.filtersOf(logs), { filter: '2024' });
    await model.ensureLoaded(filtered);
    assert.deepEqual(itemNames(model, filtered), ['2024-01.txt', '2024-02.txt', '2024-q1/']);
    const sent = new URL(requests('ListObjectsV2')[0].url, 'http://proxy').searchParams;
    assert.equal(sent.get('prefix'), 'logs/2024', 'the filter is the request\'s Prefix');
    assert.deepEqual(model.snapshot(filtered).items.find((i) => i.name === '2024-q1/')?.children?.params,
      { bucket: 'tree-folders', prefix: 'logs/2024-q1/', delimiter: '/' }, 'a folder in a filtered list is not filtered itself');

    const cleared = model.setFilter(logs, undefined);
    assert.deepEqual(cleared, logs);
    assert.deepEqual(model.filtersOf(logs), {});
    await model.ensureLoaded(cleared);
    assert.equal(itemNames(model, cleared).length, 5);
  });

  it('Go to S3 URI with a partial key opens its folder filtered by the rest', async function () {
    const model = newModel();
    const pin = pinOf('s3://tree-folders/logs/2024-0', { region: 'us-east-1', partition: 'aws' });
    assert.equal(pin.item.name, 'tree-folders/logs/');
    assert.equal(pin.filter, '2024-0');
    const list = model.setFilter(pin.item.children!, pin.filter);
    await model.ensureLoaded(list);
    assert.deepEqual(itemNames(model, list), ['2024-01.txt', '2024-02.txt']);
  });

  it('Refresh of a list forgets the lists under it, so nothing stale stays', async function () {
    const model = newModel();
    const bucket = folder('tree-folders');
    await model.ensureLoaded(bucket);
    const logs = model.snapshot(bucket).items[0].children!;
    await model.ensureLoaded(logs);
    assert.equal(model.snapshot(logs).loaded, true);
    model.reset(bucket);
    assert.equal(model.snapshot(bucket).loaded, false);
    assert.equal(model.snapshot(logs).loaded, false);
  });

  it('a page that arrives after its list was reset is dropped', async function () {
    const model = newModel();
    await model.ensureLoaded(topics);
    const token = loadMoreToken(model, topics);
    env.proxy.setRule((r) => (r.token ? { kind: 'latency', ms: 100 } : undefined));
    const loading = model.loadMore(topics, token);
    model.reset(topics);
    await loading;
    const snapshot = model.snapshot(topics);
    assert.equal(snapshot.loaded, false);
    assert.equal(snapshot.items.length, 0);
    assert.equal(snapshot.failure, undefined);
  });
});
