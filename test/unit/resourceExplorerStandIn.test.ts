// The Resource Explorer stand-in (test/support/resourceExplorerStandIn.ts) through the real SDK client and its
// paginators, mounted behind the test router by signing service: the rules a client relies on, as the API reference
// and the user guide document them.
import * as assert from 'node:assert/strict';
import {
  BatchGetViewCommand, GetDefaultViewCommand, GetIndexCommand, GetViewCommand, ListIndexesCommand, ListResourcesCommand,
  ListSupportedResourceTypesCommand, ListTagsForResourceCommand, ListViewsCommand, ResourceExplorer2Client, SearchCommand,
  paginateListIndexes, paginateListResources, paginateListSupportedResourceTypes, paginateListViews, paginateSearch,
  type Resource, type SearchCommandInput,
} from '@aws-sdk/client-resource-explorer-2';
import {
  DEMO_RESOURCE_TYPES, INVALID_TOKEN_MESSAGE, ResourceExplorerStore, SUPPORTED_RESOURCE_TYPES, resourceExplorerHandler,
  startResourceExplorerStandIn, type ViewRecord,
} from '../support/resourceExplorerStandIn';
import { startServiceRouter, type ServiceRouter } from '../support/serviceRouter';

const T0 = Date.UTC(2025, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;
const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const INVALID_TOKEN = { name: 'ValidationException', message: INVALID_TOKEN_MESSAGE };

/** An assert.rejects validator: the SDK error's name, HTTP status and (optionally) message. */
function sdkError(name: string, status: number, message?: string | RegExp): (error: unknown) => true {
  return (error) => {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    assert.equal(e.name, name);
    assert.equal(e.$metadata?.httpStatusCode, status);
    if (typeof message === 'string') {
      assert.equal(e.message, message);
    } else if (message) {
      assert.match(e.message, message);
    }
    return true;
  };
}

const UNAUTHORIZED = sdkError('UnauthorizedException', 401, 'Unauthorized');

async function pagesOf<T>(paginator: AsyncIterable<T>): Promise<T[]> {
  const pages: T[] = [];
  for await (const page of paginator) {
    pages.push(page);
  }
  return pages;
}

function arnsOf(pages: Array<{ Resources?: Resource[] }>): string[] {
  return pages.flatMap((page) => page.Resources?.map((resource) => resource.Arn ?? '') ?? []);
}

describe('Resource Explorer stand-in', function () {
  let store: ResourceExplorerStore;
  let router: ServiceRouter;
  let clients: ResourceExplorer2Client[];

  beforeEach(async function () {
    store = new ResourceExplorerStore({ now: () => T0 });
    // Most tests page a lot; the throttling test turns the quotas back on.
    store.searchesPerSecond = Infinity;
    store.otherOpsPerSecond = Infinity;
    router = await startServiceRouter({ fallback: 'http://127.0.0.1:9', byTarget: [], bySigningService: [['resource-explorer-2', resourceExplorerHandler(store)]] });
    clients = [];
  });

  afterEach(async function () {
    for (const client of clients) {
      client.destroy();
    }
    await router.stop();
  });

  function client(region = 'us-east-1', maxAttempts = 1): ResourceExplorer2Client {
    const made = new ResourceExplorer2Client({ endpoint: router.endpoint, region, credentials: CREDENTIALS, maxAttempts });
    clients.push(made);
    return made;
  }

  /** The demo's shape: four Regions, the aggregator in us-east-1 with a default view that includes tags. */
  function seedDemo(count: number): ViewRecord {
    for (const region of REGIONS) {
      store.addIndex(region, { type: region === 'us-east-1' ? 'AGGREGATOR' : 'LOCAL' });
    }
    const view = store.addView('us-east-1', 'all-resources', { includedProperties: ['tags'], makeDefault: true });
    store.seedResources(count, { regions: REGIONS });
    return view;
  }

  describe('Search', function () {
    it('a plain query over 12,000 resources stops at 1,000: Count {1000, Complete=false} on every page, the first 1,000 by ARN', async function () {
      const view = seedDemo(12000);
      const pages = await pagesOf(paginateSearch({ client: client(), pageSize: 100 }, { QueryString: '' }));
      assert.deepEqual(pages.map((page) => page.Resources?.length), Array(10).fill(100));
      assert.ok(pages.every((page) => page.Count?.TotalResources === 1000 && page.Count.Complete === false));
      assert.ok(pages.every((page) => page.ViewArn === view.arn), 'the default view');
      assert.deepEqual(pages.map((page) => typeof page.NextToken), [...Array(9).fill('string'), 'undefined']);
      const arns = arnsOf(pages);
      assert.equal(new Set(arns).size, 1000);
      assert.deepEqual(arns, store.resources().slice(0, 1000).map((resource) => resource.arn), 'filters only: ARN order');
      assert.deepEqual(store.requestsOf('Search').map((input) => input.MaxResults), Array(10).fill(100));

      const again = arnsOf(await pagesOf(paginateSearch({ client: client(), pageSize: 100 }, { QueryString: '' })));
      assert.deepEqual(again, arns, 'the same order on every call');

      const whole = await client().send(new SearchCommand({ QueryString: '', MaxResults: 1000 }));
      assert.equal(whole.Resources?.length, 1000);
      assert.equal(whole.NextToken, undefined, 'the 1,000 cap: nothing after the first 1,000');
      const byDefault = await client().send(new SearchCommand({ QueryString: '' }));
      assert.equal(byDefault.Resources?.length, 50, 'without MaxResults: 50');

      const [first] = pages[0].Resources ?? [];
      const record = store.resource(first.Arn ?? '');
      assert.ok(record);
      assert.deepEqual({ ...first, LastReportedAt: undefined, Properties: undefined }, {
        Arn: record.arn, OwningAccountId: ACCOUNT, Region: record.region, ResourceType: record.resourceType, Service: record.service,
        CfnResourceType: SUPPORTED_RESOURCE_TYPES.find((t) => t.resourceType === record.resourceType)?.cfnResourceTypes[0],
        LastReportedAt: undefined, Properties: undefined,
      });
      assert.ok(first.LastReportedAt instanceof Date);
      assert.equal(first.LastReportedAt.getTime(), record.lastReportedAt);
      const tagged = (pages[0].Resources ?? []).find((resource) => Object.keys(store.resource(resource.Arn ?? '')?.tags ?? {}).length > 0);
      assert.ok(tagged);
      const tags = store.resource(tagged.Arn ?? '')?.tags ?? {};
      assert.deepEqual(tagged.Properties?.map((property) => property.Name), ['tags']);
      assert.deepEqual(tagged.Properties?.[0].Data, Object.entries(tags).map(([Key, Value]) => ({ Key, Value })));
      assert.ok(tagged.Properties?.[0].LastReportedAt instanceof Date);
    });

    it('a narrower query (region:eu-west-1 service:ec2) under 1,000 is Complete=true and pages through every match at MaxResults 100', async function () {
      seedDemo(12000);
      const expected = store.resources().filter((resource) => resource.region === 'eu-west-1' && resource.service === 'ec2').map((resource) => resource.arn);
      assert.ok(expected.length > 500 && expected.length < 1000, `${expected.length} matches`);
      const pages = await pagesOf(paginateSearch({ client: client(), pageSize: 100 }, { QueryString: 'region:eu-west-1 service:ec2' }));
      assert.equal(pages.length, Math.ceil(expected.length / 100));
      assert.ok(pages.every((page) => page.Count?.TotalResources === expected.length && page.Count.Complete === true));
      assert.deepEqual(arnsOf(pages), expected);
      assert.equal(pages.at(-1)?.NextToken, undefined);
    });

    it('filter syntax: prefixes, comma OR, - negation, trailing * wildcard, tag filters, id:, keywords, quoted phrases, the view filter AND-ed', async function () {
      store.addIndex('us-east-1', { type: 'AGGREGATOR' });
      store.addIndex('eu-west-1');
      store.addView('us-east-1', 'everything', { includedProperties: ['tags'], makeDefault: true });
      const euOnly = store.addView('us-east-1', 'eu-only', { includedProperties: ['tags'], filterString: 'region:eu-west-1' });
      const org = store.addView('us-east-1', 'organization', { scope: 'arn:aws:organizations::123456789012:organization/o-abc123' });
      const added = store.addResources([
        { arn: 'arn:aws:s3:::demo-archive', tags: { env: 'prod', team: 'data' } },
        { arn: 'arn:aws:s3:::demo-logs', region: 'eu-west-1', tags: { env: 'dev' } },
        { arn: 'arn:aws:sns:us-east-1:123456789012:orders-topic', tags: { env: 'Prod', owner: 'alice' } },
        'arn:aws:sns:eu-west-1:123456789012:alerts',
        { arn: 'arn:aws:sqs:us-east-1:123456789012:orders-queue', tags: { team: 'web' } },
        { arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders', tags: { env: 'staging' } },
        { arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc123', tags: { Name: 'web-1', env: 'prod' } },
        'arn:aws:iam::123456789012:role/deployer',
        'arn:aws:logs:us-east-1:123456789012:log-group:/app/orders',
        { arn: 'arn:aws:sns:us-east-1:210987654321:partner-topic', tags: { env: 'prod' } },
      ]);
      assert.deepEqual(added.map((resource) => [resource.resourceType, resource.region, resource.id]), [
        ['s3:bucket', 'us-east-1', 'demo-archive'], ['s3:bucket', 'eu-west-1', 'demo-logs'], ['sns:topic', 'us-east-1', 'orders-topic'],
        ['sns:topic', 'eu-west-1', 'alerts'], ['sqs:queue', 'us-east-1', 'orders-queue'], ['dynamodb:table', 'us-east-1', 'orders'],
        ['ec2:instance', 'eu-west-1', 'i-0abc123'], ['iam:role', 'global', 'deployer'], ['logs:log-group', 'us-east-1', '/app/orders'],
        ['sns:topic', 'us-east-1', 'partner-topic'],
      ], 'type, Region and id derived from the ARN');
      assert.equal(added[9].owningAccountId, '210987654321');

      const short = (arn: string) => arn.replace(/^.*[:/]/, '');
      const find = async (QueryString: string, ViewArn?: string) =>
        arnsOf(await pagesOf(paginateSearch({ client: client() }, { QueryString, ViewArn }))).map(short).sort();
      assert.deepEqual(await find('service:s3'), ['demo-archive', 'demo-logs']);
      assert.deepEqual(await find('SERVICE:S3,sns'), ['alerts', 'demo-archive', 'demo-logs', 'orders-topic'], 'case-insensitive; comma = OR');
      assert.deepEqual(await find('-service:s3,sns,sqs'), ['deployer', 'i-0abc123', 'orders', 'orders']);
      assert.deepEqual(await find('region:eu*'), ['alerts', 'demo-logs', 'i-0abc123']);
      assert.deepEqual(await find('region:global'), ['deployer']);
      assert.deepEqual(await find('resourcetype:ec2:instance'), ['i-0abc123']);
      assert.deepEqual(await find('resourcetype:s3:*'), ['demo-archive', 'demo-logs']);
      assert.deepEqual(await find('id:orders'), ['orders'], 'the table, not orders-topic or the log group /app/orders');
      assert.deepEqual(await find('id:orders*'), ['orders', 'orders-queue', 'orders-topic']);
      assert.deepEqual(await find('tag:env=prod'), ['demo-archive', 'i-0abc123', 'orders-topic'], 'values compare case-insensitively');
      assert.deepEqual(await find('tag:env=prod -region:eu-west-1'), ['demo-archive', 'orders-topic'], 'filters AND-ed');
      assert.deepEqual(await find('tag:env=st*'), ['orders']);
      assert.deepEqual(await find('tag.key:team'), ['demo-archive', 'orders-queue']);
      assert.deepEqual(await find('tag.value:web*'), ['i-0abc123', 'orders-queue']);
      assert.deepEqual(await find('tag:none'), ['alerts', 'deployer', 'orders']);
      assert.equal((await find('tag:all')).length, 6);
      assert.equal((await find('resourcetype.supports:tags')).length, 9);
      assert.deepEqual(await find('ORDERS'), ['orders', 'orders', 'orders-queue', 'orders-topic'], 'a keyword matches the ARN, any case');
      assert.deepEqual(await find('alerts deployer'), ['alerts', 'deployer'], 'keywords OR-ed');
      assert.deepEqual(await find('alice'), ['orders-topic'], 'a keyword matches tag values in a view with tags');
      assert.deepEqual(await find('orders -queue'), ['orders', 'orders', 'orders-topic']);
      assert.deepEqual(await find('"orders-queue"'), ['orders-queue']);
      assert.deepEqual(await find('service:sns orders'), ['orders-topic'], 'filters AND keywords');
      assert.deepEqual(await find('arn:aws:sns:us-east-1:123456789012:orders-topic'), ['orders-topic'], 'a pasted ARN is text, not a filter');
      assert.deepEqual(await find('service:s3', euOnly.arn), ['demo-logs'], 'the view filter AND the query');
      assert.deepEqual(await find('accountid:210987654321'), [], 'an account-scoped view sees its own account only');
      assert.deepEqual(await find('accountid:210987654321', org.arn), ['partner-topic'], 'an organization view sees every account');

      for (const [QueryString, why] of [
        ['region:us-*-1', /only at the end/], ['region:', /empty value/], ['tag:env', /tag:key=value/], ['application:shop', /application/],
        ['region:us-east-1 region:eu-west-1', /region:a,b/], ['"unterminated', /Unterminated/], ['x'.repeat(1281), /length between 0 and 1280/],
      ] as const) {
        await assert.rejects(client().send(new SearchCommand({ QueryString })),
          (error: { name: string; message: string; $metadata: { httpStatusCode?: number }; FieldList?: unknown[] }) => {
            assert.equal(error.name, 'ValidationException', QueryString);
            assert.match(error.message, why);
            assert.equal(error.$metadata.httpStatusCode, 400);
            assert.ok(Array.isArray(error.FieldList) && error.FieldList.length === 1);
            return true;
          });
      }
      await assert.rejects(client().send(new SearchCommand({} as SearchCommandInput)), { name: 'ValidationException', message: /queryString/ },
        'QueryString is required');
      await assert.rejects(client().send(new SearchCommand({ QueryString: '', MaxResults: 1001 })), { name: 'ValidationException', message: /less than or equal to 1000/ });
      await assert.rejects(client().send(new SearchCommand({ QueryString: '', MaxResults: 0 })), { name: 'ValidationException', message: /greater than or equal to 1/ });
    });

    it('keyword results are ranked: the order differs from one query to the next, one paging run neither repeats nor skips', async function () {
      seedDemo(2000);
      const view = store.defaultView('us-east-1');
      assert.ok(view);
      const expected = store.resources().filter((resource) => resource.arn.includes('prod') || Object.values(resource.tags).some((v) => v.includes('prod')))
        .map((resource) => resource.arn).sort();
      assert.ok(expected.length > 300 && expected.length < 1000, `${expected.length} matches`);
      const runs = [];
      for (let i = 0; i < 2; i++) {
        const pages = await pagesOf(paginateSearch({ client: client(), pageSize: 100 }, { QueryString: 'prod' }));
        assert.ok(pages.every((page) => page.Count?.TotalResources === expected.length && page.Count.Complete));
        runs.push(arnsOf(pages));
      }
      for (const run of runs) {
        assert.equal(new Set(run).size, run.length, 'no repeats within a run');
        assert.deepEqual([...run].sort(), expected, 'every match once');
      }
      assert.notDeepEqual(runs[0], runs[1], 'ranked: the order is not stable between queries');
    });

    it('can return an empty page that still carries a token; the paginator goes through it', async function () {
      seedDemo(450);
      store.emptyPageEvery = 3;
      const pages = await pagesOf(paginateSearch({ client: client(), pageSize: 100 }, { QueryString: '' }));
      const sizes = pages.map((page) => page.Resources?.length);
      assert.deepEqual(sizes, [100, 100, 0, 100, 100, 0, 50]);
      assert.ok(pages.slice(0, -1).every((page) => typeof page.NextToken === 'string'), 'an empty page is not the end');
      assert.ok(pages.every((page) => page.Count?.TotalResources === 450 && page.Count.Complete), 'Count on the empty pages too');
      assert.deepEqual(arnsOf(pages), store.resources().map((resource) => resource.arn));

      const listed = await pagesOf(paginateListResources({ client: client(), pageSize: 200 }, {}));
      assert.deepEqual(listed.map((page) => page.Resources?.length).filter((size) => size !== 0), [200, 200, 50]);
      assert.ok(listed.some((page) => page.Resources?.length === 0 && page.NextToken), 'ListResources too');
      assert.deepEqual(arnsOf(listed), store.resources().map((resource) => resource.arn));
    });

    it('refuses a token older than 24 hours, edited, from another store, or for another query, view or operation: ValidationException, not retried', async function () {
      seedDemo(600);
      const eu = store.addView('us-east-1', 'eu', { includedProperties: ['tags'], filterString: 'region:eu-west-1' });
      const retrying = client('us-east-1', 3);
      const first = await retrying.send(new SearchCommand({ QueryString: '', MaxResults: 100 }));
      store.advanceClock(DAY_MS);
      const second = await retrying.send(new SearchCommand({ QueryString: '', MaxResults: 100, NextToken: first.NextToken }));
      assert.equal(second.Resources?.[0].Arn, store.resources()[100].arn, 'exactly 24 hours old is still valid');
      store.advanceClock(DAY_MS + 1);
      await assert.rejects(retrying.send(new SearchCommand({ QueryString: '', MaxResults: 100, NextToken: second.NextToken })),
        (error: { name: string; message: string; FieldList?: unknown; $metadata: { httpStatusCode?: number; attempts?: number } }) => {
          assert.equal(error.name, 'ValidationException');
          assert.equal(error.message, INVALID_TOKEN_MESSAGE);
          assert.deepEqual(error.FieldList, [{ Name: 'NextToken', ValidationIssue: 'not valid or expired' }]);
          assert.equal(error.$metadata.httpStatusCode, 400);
          assert.equal(error.$metadata.attempts, 1, 'a refused token is not retried');
          return true;
        });

      const fresh = await client().send(new SearchCommand({ QueryString: '', MaxResults: 100 }));
      const token = fresh.NextToken ?? '';
      assert.equal((await client().send(new SearchCommand({ QueryString: '', MaxResults: 50, NextToken: token }))).Resources?.[0].Arn,
        store.resources()[100].arn, 'MaxResults may change between pages');
      await assert.rejects(client().send(new SearchCommand({ QueryString: 'service:s3', NextToken: token })), INVALID_TOKEN);
      await assert.rejects(client().send(new SearchCommand({ QueryString: '', ViewArn: eu.arn, NextToken: token })), INVALID_TOKEN);
      await assert.rejects(client().send(new ListResourcesCommand({ NextToken: token })), INVALID_TOKEN);
      const edited = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
      await assert.rejects(client().send(new SearchCommand({ QueryString: '', NextToken: edited })), INVALID_TOKEN);
      await assert.rejects(client().send(new SearchCommand({ QueryString: '', NextToken: 'not-a-token' })), INVALID_TOKEN);
      await assert.rejects(client().send(new SearchCommand({ QueryString: '', NextToken: 'x'.repeat(2049) })),
        { name: 'ValidationException', message: /length between 1 and 2048/ });

      const other = new ResourceExplorerStore({ now: () => store.now() });
      other.searchesPerSecond = Infinity;
      other.addIndex('us-east-1', { type: 'AGGREGATOR' });
      other.addView('us-east-1', 'all-resources', { includedProperties: ['tags'], makeDefault: true });
      other.seedResources(600, { regions: REGIONS });
      const elsewhere = await startResourceExplorerStandIn(other);
      const foreignClient = new ResourceExplorer2Client({ endpoint: elsewhere.endpoint, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
      try {
        const foreign = await foreignClient.send(new SearchCommand({ QueryString: '', MaxResults: 100 }));
        assert.ok(foreign.NextToken);
        await assert.rejects(client().send(new SearchCommand({ QueryString: '', MaxResults: 100, NextToken: foreign.NextToken })), INVALID_TOKEN,
          'another store\'s token');
      } finally {
        foreignClient.destroy();
        await elsewhere.stop();
      }
    });

    it('without a ViewArn and no default view: 401 UnauthorizedException; another Region\'s view is not found either', async function () {
      store.addIndex('us-east-1', { type: 'AGGREGATOR' });
      store.addIndex('eu-west-1');
      const plain = store.addView('us-east-1', 'plain', { includedProperties: ['tags'] });
      const euView = store.addView('eu-west-1', 'eu', {});
      store.addResource('arn:aws:s3:::demo-archive');
      await assert.rejects(client().send(new SearchCommand({ QueryString: '' })), UNAUTHORIZED);
      await assert.rejects(client().send(new ListResourcesCommand({})), UNAUTHORIZED);
      assert.equal((await client().send(new GetDefaultViewCommand({}))).ViewArn, undefined, 'no default view: no ViewArn');

      const found = await client().send(new SearchCommand({ QueryString: '', ViewArn: plain.arn }));
      assert.deepEqual(arnsOf([found]), ['arn:aws:s3:::demo-archive']);
      assert.equal(found.ViewArn, plain.arn);
      await assert.rejects(client().send(new SearchCommand({ QueryString: '', ViewArn: euView.arn })), UNAUTHORIZED, 'views are regional');
      await assert.rejects(client().send(new SearchCommand({ QueryString: '', ViewArn: 'not-an-arn' })), { name: 'ValidationException' });

      store.setDefaultView('us-east-1', plain.arn);
      assert.equal((await client().send(new GetDefaultViewCommand({}))).ViewArn, plain.arn);
      assert.equal((await client().send(new SearchCommand({ QueryString: '' }))).ViewArn, plain.arn);

      const nowhere = client('ap-south-1');
      await assert.rejects(nowhere.send(new SearchCommand({ QueryString: '' })), UNAUTHORIZED, 'a Region without an index has no views');
      await assert.rejects(nowhere.send(new GetIndexCommand({})), sdkError('ResourceNotFoundException', 404));
      assert.deepEqual((await nowhere.send(new ListViewsCommand({}))).Views, []);

      store.removeIndex('eu-west-1');
      assert.equal(store.view(euView.arn), undefined, 'deleting an index deletes the Region\'s views');
    });

    it('a tag filter on a view without tags is ValidationException; that view returns no tag properties and keywords do not see tags', async function () {
      store.addIndex('us-east-1', { type: 'AGGREGATOR' });
      const tagless = store.addView('us-east-1', 'tagless', { makeDefault: true });
      store.addResource('arn:aws:s3:::demo-archive', { tags: { env: 'prod' } });
      for (const QueryString of ['tag:env=prod', 'tag.key:env', 'tag.value:prod', 'tag:none', '-tag:env=dev service:s3']) {
        await assert.rejects(client().send(new SearchCommand({ QueryString })), { name: 'ValidationException', message: /does not include the tags property/ }, QueryString);
      }
      await assert.rejects(client().send(new ListResourcesCommand({ Filters: { FilterString: 'tag:none' } })), { name: 'ValidationException' });
      const page = await client().send(new SearchCommand({ QueryString: 'service:s3' }));
      assert.deepEqual(page.Resources?.[0].Properties, []);
      assert.equal(page.ViewArn, tagless.arn);
      assert.deepEqual((await client().send(new SearchCommand({ QueryString: 'prod' }))).Resources, [], 'no tag data to match a keyword against');
    });
  });

  it('ListResources: no 1,000 cap and no Count; MaxResults=1000 returns no NextToken (use 999); filters only', async function () {
    seedDemo(3000);
    const pages = await pagesOf(paginateListResources({ client: client(), pageSize: 999 }, {}));
    assert.deepEqual(pages.map((page) => page.Resources?.length), [999, 999, 999, 3]);
    assert.deepEqual(arnsOf(pages), store.resources().map((resource) => resource.arn), 'every resource once, in ARN order');
    assert.ok(pages.every((page) => !('Count' in page)));

    const capped = await client().send(new ListResourcesCommand({ MaxResults: 1000 }));
    assert.equal(capped.Resources?.length, 1000);
    assert.equal(capped.NextToken, undefined, '"does not generate a NextToken if you set MaxResults to 1000"');
    assert.equal((await client().send(new ListResourcesCommand({}))).Resources?.length, 50, 'without MaxResults: 50');

    const buckets = await pagesOf(paginateListResources({ client: client(), pageSize: 100 }, { Filters: { FilterString: 'service:s3 region:us-west-2' } }));
    assert.deepEqual(arnsOf(buckets), store.resources().filter((r) => r.service === 's3' && r.region === 'us-west-2').map((r) => r.arn));
    await assert.rejects(client().send(new ListResourcesCommand({ Filters: { FilterString: 'orders' } })),
      { name: 'ValidationException', message: /only filter prefixes/ }, 'no free text');
    await assert.rejects(client().send(new ListResourcesCommand({ MaxResults: 1001 })), { name: 'ValidationException' });

    // A token resumes after the last ARN it returned, even with resources added in between.
    const first = await client().send(new ListResourcesCommand({ MaxResults: 10 }));
    store.addResource('arn:aws:acm:ap-southeast-2:123456789012:certificate/00000000-0000-4000-a000-000000000000');
    assert.ok(store.resources().findIndex((r) => r.arn.endsWith('/00000000-0000-4000-a000-000000000000')) < 10, 'added before the resume point');
    const next = await client().send(new ListResourcesCommand({ MaxResults: 10, NextToken: first.NextToken }));
    assert.equal(next.Resources?.[0].Arn, store.resources()[11].arn);
  });

  it('ListViews, GetView, BatchGetView, GetDefaultView: regional, paged by MaxResults 1–50', async function () {
    for (const region of REGIONS) {
      store.addIndex(region, { type: region === 'us-east-1' ? 'AGGREGATOR' : 'LOCAL' });
    }
    const views = Array.from({ length: 10 }, (_, i) => store.addView('us-east-1', `view-${i}`, {
      includedProperties: i % 2 === 0 ? ['tags'] : [], filterString: i === 3 ? 'service:s3' : '', tags: { n: String(i) },
    }));
    assert.throws(() => store.addView('us-east-1', 'eleventh'), /10 views/, 'the quota: 10 views a Region');
    const euView = store.addView('eu-west-1', 'eu-view');
    store.setDefaultView('us-east-1', views[0].arn);

    const pages = await pagesOf(paginateListViews({ client: client(), pageSize: 3 }, {}));
    assert.deepEqual(pages.map((page) => page.Views?.length), [3, 3, 3, 1]);
    assert.deepEqual(pages.flatMap((page) => page.Views ?? []), views.map((view) => view.arn).sort());
    assert.deepEqual((await client('eu-west-1').send(new ListViewsCommand({}))).Views, [euView.arn]);
    await assert.rejects(client().send(new ListViewsCommand({ MaxResults: 51 })), { name: 'ValidationException', message: /less than or equal to 50/ });

    const got = await client().send(new GetViewCommand({ ViewArn: views[3].arn }));
    assert.deepEqual({ ...got.View, LastUpdatedAt: undefined }, {
      ViewArn: views[3].arn, ViewName: 'view-3', Owner: ACCOUNT, Scope: `arn:aws:iam::${ACCOUNT}:root`, IncludedProperties: [],
      Filters: { FilterString: 'service:s3' }, LastUpdatedAt: undefined,
    });
    assert.equal(got.View?.LastUpdatedAt?.getTime(), T0);
    assert.deepEqual(got.Tags, { n: '3' });
    assert.deepEqual((await client().send(new GetViewCommand({ ViewArn: views[0].arn }))).View?.IncludedProperties, [{ Name: 'tags' }]);
    await assert.rejects(client().send(new GetViewCommand({ ViewArn: euView.arn })), sdkError('ResourceNotFoundException', 404));

    const batch = await client().send(new BatchGetViewCommand({ ViewArns: [views[1].arn, euView.arn, views[2].arn] }));
    assert.deepEqual(batch.Views?.map((view) => view.ViewName), ['view-1', 'view-2']);
    assert.deepEqual(batch.Errors, [{ ViewArn: euView.arn, ErrorMessage: 'View not found' }]);
    await assert.rejects(client().send(new BatchGetViewCommand({ ViewArns: [] })), { name: 'ValidationException' });
    await assert.rejects(client().send(new BatchGetViewCommand({ ViewArns: Array(21).fill(views[0].arn) })), { name: 'ValidationException' });
    assert.equal((await client().send(new GetDefaultViewCommand({}))).ViewArn, views[0].arn);
  });

  it('ListIndexes (Type, Regions, MaxResults 1–100), GetIndex for the signing Region, ListSupportedResourceTypes (MaxResults 1–1000)', async function () {
    for (const region of REGIONS) {
      store.addIndex(region, { type: region === 'us-west-2' ? 'AGGREGATOR' : 'LOCAL', tags: { region } });
    }
    assert.throws(() => store.addIndex('ca-central-1', { type: 'AGGREGATOR' }), /already has an aggregator/);
    const pages = await pagesOf(paginateListIndexes({ client: client(), pageSize: 3 }, {}));
    assert.deepEqual(pages.map((page) => page.Indexes?.map((index) => index.Region)), [['ap-southeast-2', 'eu-west-1', 'us-east-1'], ['us-west-2']]);
    assert.deepEqual(pages[0].Indexes?.[0], { Region: 'ap-southeast-2', Arn: store.index('ap-southeast-2')?.arn, Type: 'LOCAL' });
    assert.deepEqual((await client().send(new ListIndexesCommand({ Type: 'AGGREGATOR' }))).Indexes?.map((index) => index.Region), ['us-west-2'],
      'how a client finds the aggregator');
    assert.deepEqual((await client().send(new ListIndexesCommand({ Regions: ['eu-west-1', 'sa-east-1'] }))).Indexes?.map((index) => index.Region), ['eu-west-1']);
    await assert.rejects(client().send(new ListIndexesCommand({ MaxResults: 101 })), { name: 'ValidationException' });

    const aggregator = await client('us-west-2').send(new GetIndexCommand({}));
    assert.equal(aggregator.Type, 'AGGREGATOR');
    assert.equal(aggregator.State, 'ACTIVE');
    assert.deepEqual(aggregator.ReplicatingFrom, ['ap-southeast-2', 'eu-west-1', 'us-east-1']);
    assert.equal(aggregator.ReplicatingTo, undefined);
    assert.equal(aggregator.CreatedAt?.getTime(), T0);
    assert.deepEqual(aggregator.Tags, { region: 'us-west-2' });
    const local = await client('eu-west-1').send(new GetIndexCommand({}));
    assert.equal(local.Type, 'LOCAL');
    assert.equal(local.Arn, store.index('eu-west-1')?.arn);
    assert.deepEqual(local.ReplicatingTo, ['us-west-2']);
    assert.equal(local.ReplicatingFrom, undefined);

    const types = await pagesOf(paginateListSupportedResourceTypes({ client: client(), pageSize: 20 }, {}));
    assert.equal(types.length, Math.ceil(SUPPORTED_RESOURCE_TYPES.length / 20));
    const listed = types.flatMap((page) => page.ResourceTypes ?? []);
    assert.deepEqual(listed.map((t) => t.ResourceType), SUPPORTED_RESOURCE_TYPES.map((t) => t.resourceType));
    assert.deepEqual(listed.find((t) => t.ResourceType === 's3:bucket'), { Service: 's3', ResourceType: 's3:bucket', CFNResourceTypes: ['AWS::S3::Bucket'] });
    for (const demoType of DEMO_RESOURCE_TYPES) {
      assert.ok(listed.some((t) => t.ResourceType === demoType), demoType);
    }
    await assert.rejects(client().send(new ListSupportedResourceTypesCommand({ MaxResults: 1001 })), { name: 'ValidationException' });
  });

  it('is regional: a LOCAL index answers for its Region (global resources in us-east-1), the aggregator for every indexed Region', async function () {
    store.addIndex('us-east-1');
    store.addIndex('eu-west-1');
    store.addIndex('us-west-2', { type: 'AGGREGATOR' });
    for (const region of ['us-east-1', 'eu-west-1', 'us-west-2']) {
      store.addView(region, 'all', { makeDefault: true });
    }
    store.addResources([
      'arn:aws:sns:us-east-1:123456789012:east', 'arn:aws:sns:eu-west-1:123456789012:west-eu', 'arn:aws:sns:us-west-2:123456789012:oregon',
      'arn:aws:sns:sa-east-1:123456789012:not-indexed', 'arn:aws:iam::123456789012:role/global-role',
    ]);
    const seen = async (region: string) => arnsOf([await client(region).send(new SearchCommand({ QueryString: '' }))]).map((arn) => arn.replace(/^.*[:/]/, '')).sort();
    assert.deepEqual(await seen('us-east-1'), ['east', 'global-role']);
    assert.deepEqual(await seen('eu-west-1'), ['west-eu']);
    assert.deepEqual(await seen('us-west-2'), ['east', 'global-role', 'oregon', 'west-eu'], 'not sa-east-1: no index there');
    assert.deepEqual(store.requests.map((request) => [request.operation, request.region]),
      [['Search', 'us-east-1'], ['Search', 'eu-west-1'], ['Search', 'us-west-2']], 'the signing Region of each request');
  });

  describe('quotas', function () {
    it('5 Search requests a second per Region, 3 of the others: past that, 429 ThrottlingException', async function () {
      seedDemo(100);
      store.searchesPerSecond = 5;
      store.otherOpsPerSecond = 3;
      const searches = await Promise.allSettled(Array.from({ length: 12 }, () => client().send(new SearchCommand({ QueryString: '' }))));
      const ok = searches.filter((result) => result.status === 'fulfilled').length;
      // A second of refill is one more token every 200 ms: on a slow machine a burst of 12 may spread over a few.
      assert.ok(ok >= 5 && ok <= 8, `${ok} of 12 went through`);
      for (const result of searches) {
        if (result.status === 'rejected') {
          assert.equal(result.reason.name, 'ThrottlingException');
          assert.equal(result.reason.$metadata.httpStatusCode, 429);
        }
      }
      assert.equal(store.requests.filter((request) => request.throttled).length, 12 - ok);

      const others = await Promise.allSettled(Array.from({ length: 8 }, () => client().send(new GetIndexCommand({}))));
      const otherOk = others.filter((result) => result.status === 'fulfilled').length;
      assert.ok(otherOk >= 3 && otherOk <= 5, `${otherOk} of 8 went through`);
      const elsewhere = await client('eu-west-1').send(new GetIndexCommand({}));
      assert.equal(elsewhere.Type, 'LOCAL', 'quotas are per Region');
    });

    it('paginateSearch over 3,000 resources in pages of 100 completes through the throttling: the SDK retries the 429s', async function () {
      this.timeout(30000);
      seedDemo(3000);
      store.searchesPerSecond = 5;
      // The SDK's standard retry waits a random time up to 2^n seconds after a throttle; more attempts than the
      // default 3 keep the test from failing on an unlucky run of short waits.
      const pages = await pagesOf(paginateSearch({ client: client('us-east-1', 6), pageSize: 100 }, { QueryString: '' }));
      assert.equal(pages.length, 10);
      assert.equal(new Set(arnsOf(pages)).size, 1000);
      assert.ok(store.requests.some((request) => request.throttled), 'some requests were throttled');
    });
  });

  it('speaks restJson1: POST /<Operation>, JSON, ISO 8601 timestamps, errors with x-amzn-errortype; other operations refused', async function () {
    store.addIndex('us-east-1', { type: 'AGGREGATOR' });
    store.addView('us-east-1', 'all', { makeDefault: true });
    store.addResource('arn:aws:s3:::demo-archive');
    const authorization = 'AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/resource-explorer-2/aws4_request, SignedHeaders=host, Signature=0';
    const post = (path: string, body: string) => fetch(`${router.endpoint}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization }, body,
    });

    const ok = await post('/Search', JSON.stringify({ QueryString: '' }));
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'application/json');
    assert.ok(ok.headers.get('x-amzn-requestid'));
    const body = await ok.json() as { Resources: Array<{ LastReportedAt: string }>; Count: unknown };
    assert.equal(body.Resources[0].LastReportedAt, '2025-01-01T00:00:00.000Z');
    assert.deepEqual(body.Count, { TotalResources: 1, Complete: true });

    const invalid = await post('/Search', JSON.stringify({ QueryString: '', MaxResults: 0 }));
    assert.equal(invalid.status, 400);
    assert.equal(invalid.headers.get('x-amzn-errortype'), 'ValidationException');
    const error = await invalid.json() as { message: string; FieldList: unknown };
    assert.match(error.message, /greater than or equal to 1/);
    assert.deepEqual(error.FieldList, [{ Name: 'MaxResults', ValidationIssue: 'Member must have value greater than or equal to 1' }]);

    assert.equal((await post('/Search', '[1]')).headers.get('x-amzn-errortype'), 'ValidationException');
    const unknown = await post('/CreateView', JSON.stringify({ ViewName: 'x' }));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    await assert.rejects(client().send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:s3:::demo-archive' })), { name: 'UnknownOperationException' });
    assert.deepEqual(store.requests.map((request) => request.operation),
      ['Search', 'Search', 'Search', 'CreateView', `tags/${encodeURIComponent('arn:aws:s3:::demo-archive')}`]);
  });

  it('seedResources is deterministic for a seed and covers the Regions, types and accounts given', function () {
    const a = new ResourceExplorerStore({ now: () => T0 }).seedResources(12000, { regions: REGIONS, seed: 'demo' });
    const b = new ResourceExplorerStore({ now: () => T0 }).seedResources(12000, { regions: REGIONS, seed: 'demo' });
    assert.deepEqual(a.map((resource) => resource.arn), b.map((resource) => resource.arn));
    assert.equal(new Set(a.map((resource) => resource.arn)).size, 12000);
    assert.deepEqual(new Set(a.map((resource) => resource.resourceType)), new Set(DEMO_RESOURCE_TYPES));
    assert.equal(DEMO_RESOURCE_TYPES.length, 40);
    assert.deepEqual(new Set(a.map((resource) => resource.region)), new Set([...REGIONS, 'global']));
    const accounts = new ResourceExplorerStore({ now: () => T0 }).seedResources(200, { accounts: ['111111111111', '222222222222'] });
    assert.deepEqual(new Set(accounts.map((resource) => resource.owningAccountId)), new Set(['111111111111', '222222222222']));
    assert.ok(a.some((resource) => Object.keys(resource.tags).length === 0) && a.some((resource) => resource.tags.env === 'prod'));
  });
});
