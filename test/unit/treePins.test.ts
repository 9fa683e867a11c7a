import * as assert from 'node:assert/strict';
import { rootLists } from '../../src/core/resources/registry';
import { bucketNameProblem, bucketPin, s3LocationPin, s3UriProblem, topicArnProblem, topicPin } from '../../src/core/tree/pins';
import { detailsOf, failureLabel, itemContext, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { createBucket, createTopics, putObjects, useEmulator } from '../support/emulator';

const [topicsList, bucketsList] = rootLists;

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

    const topic = topicPin(topicArn);
    assert.equal(topic.item.name, 'pinned-topic');
    await tree.ensureLoaded(topic.item.children!);
    assert.equal(tree.snapshot(topic.item.children!).failure, undefined);
  });

  it('Go to S3 URI: a bucket, a folder, or a folder filtered by a partial key', function () {
    assert.deepEqual(s3LocationPin('s3://pinned-bucket').item, bucketPin('pinned-bucket').item);
    const folder = s3LocationPin('s3://pinned-bucket/docs/');
    assert.equal(folder.item.itemKind, 's3Folder');
    assert.equal(folder.item.s3Uri, 's3://pinned-bucket/docs/');
    assert.deepEqual(folder.item.children?.params, { bucket: 'pinned-bucket', prefix: 'docs/', delimiter: '/' });
    assert.equal(folder.filter, undefined);
    const partial = s3LocationPin('pinned-bucket/to');
    assert.equal(partial.item.id, 's3://pinned-bucket/');
    assert.equal(partial.filter, 'to');
  });

  it('refuses bad input with a message that says what is expected', function () {
    assert.match(s3UriProblem('s3://') ?? '', /Not an S3 URI/);
    assert.match(bucketNameProblem('my bucket') ?? '', /not a bucket name/);
    assert.match(bucketNameProblem('') ?? '', /Enter a bucket name/);
    assert.equal(bucketNameProblem('s3://ok-bucket/'), undefined, 'a pasted s3:// URI of a bucket is accepted');
    assert.match(topicArnProblem('my-topic') ?? '', /Enter a topic ARN, e\.g\. arn:aws:sns:/);
    assert.match(topicArnProblem('arn:aws:sqs:us-east-1:000000000000:q') ?? '', /not an SNS topic ARN/);
    assert.match(topicArnProblem(`${topicArn}:0c7c2d5e-sub`) ?? '', /not an SNS topic ARN/, 'a subscription ARN is not a topic');
    assert.throws(() => bucketPin('a/b'), /not a bucket name/);
  });

  it('Show Details fetches GetTopicAttributes for a topic and HeadObject for an object; folders have none', async function () {
    const tree = model();
    await tree.ensureLoaded(topicsList);
    const topic = tree.snapshot(topicsList).items.find((i) => i.arn === topicArn)!;
    const topicDetails = detailsOf(topicsList, topic)!;
    assert.equal(topicDetails.operation, 'GetTopicAttributes');
    assert.equal((await topicDetails.fetch(env.session, {})).TopicArn, topicArn);
    assert.ok(itemContext(topic, topicsList, false).includes('hasDetails'));
    assert.deepEqual(itemContext(topic, topicsList, false).slice(0, 3), ['item', 'snsTopic', 'hasArn']);

    const bucketList = bucketPin('pinned-bucket').item.children!;
    await tree.ensureLoaded(bucketList);
    const [docs, object] = tree.snapshot(bucketList).items;
    assert.equal(detailsOf(bucketList, docs), undefined);
    assert.deepEqual(itemContext(docs, bucketList, false), ['item', 's3Folder', 'hasS3Uri']);
    const head = detailsOf(bucketList, object)!;
    assert.equal(head.operation, 'HeadObject');
    const fields = await head.fetch(env.session, {});
    assert.equal(fields.Key, 'top.txt');
    assert.equal(fields.ContentLength, 'top.txt'.length);
    assert.equal('$metadata' in fields, false, 'no SDK metadata in the details');
  });
});
