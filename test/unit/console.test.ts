import * as assert from 'node:assert/strict';
import { consoleHost, partitionOf } from '../../src/core/aws/partition';
import { type ResourceItem, type Scope } from '../../src/core/lists';
import { kindOf, rootLists } from '../../src/core/services/registry';
import { topicItem } from '../../src/core/services/sns/topics';
import { queueItem } from '../../src/core/services/sqs/queueUrl';
import { namedGroupItem } from '../../src/core/services/logs/groups';

const scopeOf = (region: string): Scope => ({ region, partition: partitionOf(region) });

/** The console page of an item, as Open in AWS Console opens it from a row of `list`. */
function itemPage(kind: string, params: Record<string, string>, item: ResourceItem, region = 'eu-west-1'): string | undefined {
  const scope = scopeOf(region);
  return kindOf({ kind, params }).console?.item?.(item, params, scope, consoleHost(scope.partition)!);
}

describe('Open in AWS Console: the console page of a list or an item, in its partition and region', function () {
  it('the console host follows the partition of the connection\'s region; isolated partitions have none', function () {
    assert.equal(consoleHost(partitionOf('eu-west-1')), 'console.aws.amazon.com');
    assert.equal(consoleHost(partitionOf('cn-north-1')), 'console.amazonaws.cn');
    assert.equal(consoleHost(partitionOf('us-gov-west-1')), 'console.amazonaws-us-gov.com');
    assert.equal(consoleHost('aws-iso'), undefined);
  });

  it('every top-level list has a console page, on the partition\'s host and in the connection\'s region', function () {
    for (const region of ['eu-west-1', 'cn-north-1']) {
      const scope = scopeOf(region);
      for (const list of rootLists) {
        const url = kindOf(list).console?.list?.(list.params, scope, consoleHost(scope.partition)!);
        assert.ok(url, `${list.kind} has a console page`);
        const parsed = new URL(url);
        assert.equal(parsed.host, consoleHost(scope.partition), url);
        assert.equal(parsed.searchParams.get('region'), region, url);
      }
    }
  });

  it('an item\'s page names it as the console\'s own links do (the item\'s region where its name holds one)', function () {
    const topic = topicItem('arn:aws:sns:us-west-2:123456789012:orders');
    assert.equal(itemPage('sns.topics', {}, topic), 'https://console.aws.amazon.com/sns/v3/home?region=us-west-2#/topic/arn:aws:sns:us-west-2:123456789012:orders');
    const queue = queueItem('https://sqs.ap-south-1.amazonaws.com/123456789012/jobs');
    assert.equal(itemPage('sqs.queues', {}, queue), `https://console.aws.amazon.com/sqs/v3/home?region=ap-south-1#/queues/${encodeURIComponent(queue.id)}`);
    const object: ResourceItem = { id: 's3://bucket/reports/2024 q1/a+b.csv', name: 'a+b.csv', itemKind: 's3Object', record: {} };
    const page = new URL(itemPage('s3.objects', { bucket: 'bucket', prefix: 'reports/2024 q1/', delimiter: '/' }, object)!);
    assert.equal(page.pathname, '/s3/object/bucket');
    assert.equal(page.searchParams.get('prefix'), 'reports/2024 q1/a+b.csv', 'the key, encoded once in the query');
    // The Logs console's fragment holds names encoded twice, `%` written `$`.
    assert.equal(itemPage('logs.groups', {}, namedGroupItem('/aws/lambda/x')),
      'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fx');
    assert.equal(itemPage('logs.streams', { group: '/g' }, { id: 's', name: '2026/12/05/[$LATEST]ab', itemKind: 'logStream', record: {} }),
      'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fg/log-events/2026$252F12$252F05$252F$255B$2524LATEST$255Dab');
  });
});
