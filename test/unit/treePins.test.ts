import * as assert from 'node:assert/strict';
import { adders, addressProblem, rootLists } from '../../src/core/services/registry';
import { adderPin, adderProblem, pinOf } from '../../src/core/tree/pins';
import { detailsOf, failureLabel, itemContext, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { createBucket, createTopics, putObjects, useEmulator } from '../support/emulator';
import { idOf } from '../../src/core/lists';

const [topicsList, bucketsList] = rootLists;
const addBucket = adders.find((adder) => adder.root === 's3.buckets')!;
const addTopic = adders.find((adder) => adder.root === 'sns.topics')!;
const scope = { region: 'us-east-1', partition: 'aws' };
const bucketPin = (name: string) => adderPin(addBucket, name, scope);

describe('tree: added buckets, topics and S3 locations; item details', function () {
  let topicArn: string;

  const env = useEmulator(async (seed) => {
    [topicArn] = await createTopics(seed, ['pinned-topic']);
    await createBucket(seed, 'pinned-bucket');
    await putObjects(seed, 'pinned-bucket', ['docs/a.txt', 'docs/b.txt', 'top.txt']);
  }, { maxAttempts: 1 });

  const model = () => new TreeModel({ clients: async () => env.session, pageSize: () => 100 });

  it('when listing buckets and topics is denied, the tree says so and a bucket or topic added by hand still opens', async function () {
    env.proxy.setRule((r) => (r.action === 'ListBuckets' || r.action === 'ListTopics' ? { kind: 'accessDenied' } : undefined));
    const tree = model();
    await tree.ensureLoaded(bucketsList);
    await tree.ensureLoaded(topicsList);
    for (const list of [bucketsList, topicsList]) {
      const rows = rowsOf(tree.snapshot(list), { hasOtherRows: true });
      assert.equal(rows.length, 1);
      assert.equal(rows[0].type === 'failure' && rows[0].failure.problem.kind, 'accessDenied');
      assert.match(rows[0].type === 'failure' ? failureLabel(rows[0].failure.problem) : '', /^Failed to load: Access denied/);
    }

    const bucket = bucketPin('pinned-bucket');
    assert.equal(bucket.item.id, 's3://pinned-bucket/');
    await tree.ensureLoaded(bucket.item.children!);
    assert.deepEqual(tree.snapshot(bucket.item.children!).items.map((i) => i.name), ['docs/', 'top.txt']);

    const topic = adderPin(addTopic, topicArn, scope);
    assert.equal(topic.item.name, 'pinned-topic');
    await tree.ensureLoaded(topic.item.children!);
    assert.equal(tree.snapshot(topic.item.children!).failure, undefined);
  });

  it('Go to S3 URI: a bucket, a folder, or a folder filtered by a partial key', function () {
    assert.deepEqual(pinOf('s3://pinned-bucket', scope).item, bucketPin('pinned-bucket').item);
    const folder = pinOf('s3://pinned-bucket/docs/', scope);
    assert.equal(folder.item.itemKind, 's3Folder');
    assert.equal(idOf(folder.item, 'S3 URI'), 's3://pinned-bucket/docs/');
    assert.deepEqual(folder.item.children?.params, { bucket: 'pinned-bucket', prefix: 'docs/', delimiter: '/' });
    assert.equal(folder.filter, undefined);
    const partial = pinOf('s3://pinned-bucket/to', scope);
    assert.equal(partial.item.id, 's3://pinned-bucket/');
    assert.equal(partial.filter, 'to');
  });

  it('refuses bad input with a message that says what is expected', function () {
    assert.match(addressProblem('s3:/bucket') ?? '', /Cannot tell which list/);
    assert.match(adderProblem(addBucket, 'my bucket', scope) ?? '', /not a bucket name/);
    assert.match(adderProblem(addBucket, '', scope) ?? '', /Enter a bucket name/);
    assert.equal(adderProblem(addBucket, 's3://ok-bucket/', scope), undefined, 'a pasted s3:// URI of a bucket is accepted');
    assert.match(adderProblem(addTopic, 'my-topic', scope) ?? '', /Cannot tell which list "my-topic" names/);
    assert.match(adderProblem(addTopic, 'arn:aws:sqs:us-east-1:000000000000:q', scope) ?? '', /Add Topic by ARN takes e\.g\. arn:aws:sns:|Cannot tell which list/);
    assert.match(adderProblem(addTopic, `${topicArn}:0c7c2d5e-sub`, scope) ?? '', /is a subscription ARN; name its topic/, 'a subscription ARN is not a topic');
    assert.match(adderProblem(addBucket, 'a/b', scope) ?? '', /not a bucket name.*Go to/);
  });

  it('Show Details fetches GetTopicAttributes for a topic and HeadObject for an object; folders have none', async function () {
    const tree = model();
    await tree.ensureLoaded(topicsList);
    const topic = tree.snapshot(topicsList).items.find((i) => idOf(i, 'ARN') === topicArn)!;
    const topicDetails = detailsOf(topicsList, topic)!;
    assert.equal(topicDetails.operation, 'GetTopicAttributes');
    assert.equal((await topicDetails.fetch(env.session, {})).TopicArn, topicArn);
    assert.ok(itemContext(topic, topicsList, false).includes('hasDetails'));
    assert.deepEqual(itemContext(topic, topicsList, false).slice(0, 2), ['item', 'snsTopic']);
    assert.deepEqual(topic.ids, [{ label: 'ARN', value: topicArn }], 'Copy… and Ctrl+C copy the topic\'s ARN');

    const bucketList = bucketPin('pinned-bucket').item.children!;
    await tree.ensureLoaded(bucketList);
    const [docs, object] = tree.snapshot(bucketList).items;
    assert.equal(detailsOf(bucketList, docs), undefined);
    assert.deepEqual(itemContext(docs, bucketList, false), ['item', 's3Folder', 'itemConsole'], 'a folder has no details, and a page in the console');
    assert.deepEqual(docs.ids, [{ label: 'S3 URI', value: 's3://pinned-bucket/docs/' }]);
    const head = detailsOf(bucketList, object)!;
    assert.equal(head.operation, 'HeadObject');
    const fields = await head.fetch(env.session, {});
    assert.equal(fields.Key, 'top.txt');
    assert.equal(fields.ContentLength, 'top.txt'.length);
    assert.equal('$metadata' in fields, false, 'no SDK metadata in the details');
  });
});
