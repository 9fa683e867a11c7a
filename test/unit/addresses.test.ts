// One address grammar: every kind writes its list's address and reads it back, and every form --help names parses.
import * as assert from 'node:assert/strict';
import { parseListArgument } from '../../src/cli/listArgument';
import { parseOptions, usage } from '../../src/cli/options';
import { addressForms, addressOf, kindOf, parseAddress, services } from '../../src/core/services/registry';
import { AddressError } from '../../src/core/services/address';
import { listKey, type ListRef } from '../../src/core/lists';

/** Lists as the tree makes them: roots, items' children, filtered lists. */
const treeLists: ListRef[] = [
  { kind: 'sns.topics', params: {} },
  { kind: 'sns.subscriptions', params: { topicArn: 'arn:aws:sns:eu-west-1:123456789012:orders' } },
  { kind: 's3.buckets', params: {} },
  { kind: 's3.buckets', params: { prefix: 'logs-' } },
  { kind: 's3.objects', params: { bucket: 'b', prefix: '', delimiter: '/' } },
  { kind: 's3.objects', params: { bucket: 'b', prefix: 'a/b c/', delimiter: '/' } },
  { kind: 's3.objects', params: { bucket: 'b', prefix: 'a/', delimiter: '/', filter: 'img-0' } },
  { kind: 's3.objects', params: { bucket: 'b', prefix: 'a//', delimiter: '/' } },
  { kind: 's3.inventoryConfigs', params: { bucket: 'b' } },
  { kind: 's3.inventoryReports', params: { bucket: 'b', config: 'daily-1' } },
  { kind: 's3.inventory', params: { bucket: 'b' } },
  { kind: 's3.inventory', params: { bucket: 'b', config: 'daily.1_x' } },
  { kind: 's3.inventory', params: { bucket: 'b', config: 'daily', report: '2026-12-01' } },
  { kind: 's3.inventory', params: { bucket: 'b', config: 'daily', report: '2026-12-01T01-00Z' } },
  { kind: 'sqs.queues', params: {} },
  { kind: 'sqs.queues', params: { prefix: 'orders & co' } },
  { kind: 'sqs.deadLetterSources', params: { queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dlq' } },
  { kind: 'sqs.deadLetterSources', params: { queueUrl: 'http://sqs.us-east-1.127.0.0.1:4566/000000000000/dlq' } },
  { kind: 'dynamodb.tables', params: {} },
  { kind: 'dynamodb.items', params: { table: 'orders.v2' } },
  { kind: 'dynamodb.items', params: { table: 'orders', segment: '3', segments: '8' } },
  { kind: 'dynamodb.query', params: { table: 'orders', pk: 'customer id', pkValue: 'c&1=2' } },
  { kind: 'dynamodb.query', params: { table: 'orders', index: 'byDate', pk: 'status', pkValue: 'open', sk: 'date', skOp: 'between', skValue: '2024-01', skValue2: '2024-06' } },
  { kind: 'logs.groups', params: {} },
  { kind: 'logs.groups', params: { prefix: '/aws/lambda/' } },
  { kind: 'logs.streams', params: { group: '/aws/lambda/orders' } },
  { kind: 'logs.events', params: { group: '/aws/lambda/orders', stream: '2026/11/30/[$LATEST]0a1b?x=1&y' } },
  { kind: 'logs.search', params: { group: 'app#1' } },
  { kind: 'logs.search', params: { group: '/aws/lambda/orders', start: '1764489600000', end: '1764576000000', pattern: '"timed out" ERROR & more?' } },
  { kind: 'logs.search', params: { group: 'g', start: '-24h', end: 'now', stream: 'web/1' } },
  { kind: 'ec2.instances', params: {} },
  { kind: 'ec2.instances', params: { state: 'running,stopped', tag: 'Name=web-*&?' } },
  { kind: 'health.events', params: {} },
  { kind: 'health.events', params: { status: 'open,upcoming', category: 'issue', service: 'EC2,S3', region: 'eu-west-1,global' } },
  { kind: 'health.entities', params: { event: 'arn:aws:health:us-east-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_OPERATIONAL_ISSUE_ABCDE_0123456789ab' } },
  { kind: 'health.organizationEvents', params: {} },
  { kind: 'health.organizationEvents', params: { status: 'closed', region: 'global' } },
  { kind: 'health.affectedAccounts', params: { event: 'arn:aws:health:global::event/IAM/AWS_IAM_OPERATIONAL_NOTIFICATION/AWS_IAM_OPERATIONAL_NOTIFICATION_X-1' } },
  { kind: 'health.organizationEntities', params: { event: 'arn:aws:health:eu-west-1::event/RDS/AWS_RDS_MAINTENANCE_SCHEDULED/AWS_RDS_MAINTENANCE_SCHEDULED_1', account: '234567890123' } },
  { kind: 'health.organizationEntities', params: { event: 'arn:aws:health:us-west-2::event/S3/AWS_S3_OPERATIONAL_ISSUE/AWS_S3_OPERATIONAL_ISSUE_2' } },
  { kind: 'ec2.instances', params: { id: 'i-0123456789abcdef0,i-89abcdef' } },
  { kind: 'resourceExplorer.home', params: {} },
  { kind: 'resourceExplorer.search', params: { q: '' } },
  { kind: 'resourceExplorer.search', params: { q: 'service:s3 -region:us-east-1,eu-west-1 tag:env=prod & "a b"?', view: 'arn:aws:resource-explorer-2:us-east-1:123456789012:view/all/0a1b' } },
  { kind: 'resourceExplorer.resources', params: {} },
  { kind: 'resourceExplorer.resources', params: { filter: 'resourcetype:ec2:instance', view: 'arn:aws:resource-explorer-2:us-east-1:123456789012:view/v/1' } },
  { kind: 'resourceExplorer.views', params: {} },
  { kind: 'resourceExplorer.indexes', params: {} },
];

describe('addresses: one grammar for the CLI, Go to…, Add by Name and the export quick pick', function () {
  it('every kind of every service has an address form and a list the tree makes of it round-trips', function () {
    const kinds = services.flatMap((service) => service.kinds.map((kind) => kind.id));
    const covered = new Set(treeLists.map((list) => list.kind));
    assert.deepEqual(kinds.filter((kind) => !covered.has(kind)), [], 'a kind without a round-trip case');
    for (const list of treeLists) {
      const address = addressOf(list);
      assert.deepEqual(parseAddress(address), list, address);
      assert.equal(listKey(parseAddress(address)), listKey(list));
    }
    for (const kind of kinds) {
      assert.ok(addressForms.some((form) => parseAddress(form.example).kind === kind), `${kind} has no address form`);
    }
  });

  it('every form --help names is there and its example parses, to a list whose address reads back the same', function () {
    for (const form of addressForms) {
      assert.ok(usage.includes(form.form), `--help does not name ${form.form}`);
      const list = parseAddress(form.example);
      assert.deepEqual(parseAddress(addressOf(list)), list, form.example);
      assert.ok(kindOf(list), form.example);
    }
  });

  it('the kinds\' own options set their parameters; an option of another kind, a bad time, state or tag is a usage error', function () {
    assert.deepEqual(parseListArgument('logs:group/app', false, { start: '-24h', end: '2026-11-30T10:00', 'filter-pattern': 'ERROR', 'log-stream': 'web-1' }).list,
      { kind: 'logs.search', params: { group: 'app', start: '-24h', end: '2026-11-30T10:00', pattern: 'ERROR', stream: 'web-1' } });
    assert.deepEqual(parseListArgument('ec2:instances', false, { state: 'running, stopped', tag: 'Name=web-*' }).list,
      { kind: 'ec2.instances', params: { state: 'running,stopped', tag: 'Name=web-*' } });
    assert.throws(() => parseListArgument('sns:topics', false, { start: '-1h' }), /--start applies to logs:group\/GROUP.* only\./);
    assert.throws(() => parseListArgument('logs:group/app', false, { start: 'yesterday' }), /"yesterday" is not a time: use now, -15m, -24h, -7d/);
    assert.throws(() => parseListArgument('ec2:instances', false, { state: 'runing' }), /"runing" is not an instance state: pending, running/);
    assert.throws(() => parseListArgument('ec2:instances', false, { tag: '=web' }), /is not a tag filter/);
    assert.throws(() => parseAddress('logs:stream/app'), /a stream is logs:stream\/GROUP:STREAM/);
    assert.throws(() => parseAddress('logs:group/bad name'), /is not a log group name/);
    assert.deepEqual(parseAddress('arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/orders:*'), { kind: 'logs.streams', params: { group: '/aws/lambda/orders' } });
    assert.deepEqual(parseAddress('arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/orders'), { kind: 'logs.search', params: { group: '/aws/lambda/orders' } });
    assert.deepEqual(parseAddress('arn:aws:logs:eu-west-1:123456789012:log-group:app:log-stream:web/1').params, { group: 'app', stream: 'web/1' });
  });

  it('the command line takes a relative time after its option as written: --start -24h', function () {
    const options = parseOptions(['logs:group/app', '--start', '-24h', '--end', '-1h', '--filter-pattern', 'ERROR', '--out', 'x.jsonl'], {}, '/tmp');
    assert.ok(typeof options === 'object');
    assert.deepEqual(options.listArgument.list.params, { group: 'app', start: '-24h', end: '-1h', pattern: 'ERROR' });
  });

  it('S3: a key that does not end in "/" is its folder filtered by the rest; the CLI lists every key below, or --folders one level', function () {
    assert.deepEqual(parseAddress('s3://b/logs/app').params, { bucket: 'b', prefix: 'logs/', delimiter: '/', filter: 'app' });
    assert.deepEqual(parseAddress('arn:aws:s3:::b').params, { bucket: 'b', prefix: '', delimiter: '/' });
    assert.deepEqual(parseListArgument('s3://b/logs/app', false).list.params, { bucket: 'b', prefix: 'logs/app', delimiter: '' });
    assert.deepEqual(parseListArgument('s3://b/logs/', true).list.params, { bucket: 'b', prefix: 'logs/', delimiter: '/' });
    assert.equal(parseListArgument('arn:aws:sns:eu-west-1:123456789012:t', false).region, 'eu-west-1');
  });

  it('refuses what names no list, saying what is expected; one parser for everyone', function () {
    assert.throws(() => parseAddress('ftp://x'), (e: Error) => e instanceof AddressError && /Cannot tell which list "ftp:\/\/x" names\. Use one of: sns:topics,/.test(e.message));
    assert.throws(() => parseAddress('arn:aws:sns:us-east-1:123456789012:t:0c7c2d5e'), /is a subscription ARN; name its topic \(arn:aws:sns:us-east-1:123456789012:t\)/);
    assert.throws(() => parseAddress('arn:aws:sqs:us-east-1:q'), /is not an SQS queue ARN/);
    assert.throws(() => parseAddress('sqs:queues?name=x'), /sqs:queues takes \?prefix=… only/);
    assert.throws(() => parseAddress('s3://a bucket/'), /"a bucket" is not a bucket name/);
    assert.throws(() => parseAddress(''), /Enter a list's address/);
    assert.throws(() => parseAddress('dynamodb:table/x'), /"x" is not a DynamoDB table name/);
    assert.throws(() => parseAddress('dynamodb:table/orders?segment=8&segments=8'), /0 <= I < N/);
    assert.throws(() => parseAddress('dynamodb:table/orders/query?pk=a'), /a Query is \?pk=ATTRIBUTE&pkValue=VALUE/);
    assert.throws(() => parseAddress('dynamodb:table/orders/query?pk=a&pkValue=1&sk=b&skOp=between&skValue=1'), /skValue2=V for between/);
    assert.deepEqual(parseAddress('arn:aws:dynamodb:eu-west-1:123456789012:table/orders'), { kind: 'dynamodb.items', params: { table: 'orders' } });
  });
});
