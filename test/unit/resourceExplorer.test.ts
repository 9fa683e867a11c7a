// Resource Explorer through the real SDK client against the stand-in (test/support/resourceExplorerStandIn.ts): the
// tree's Resource Explorer node, a search capped at 1,000 with its node saying so, the export of every match past the
// cap by splitting the query, a refused token in the middle of it, the rows that say what is missing, and where a
// found resource is browsed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsSession } from '../../src/core/aws/session';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { type ListRef } from '../../src/core/lists';
import { kindOf } from '../../src/core/services/registry';
import { browsableAddress } from '../../src/core/services/resourceExplorer/reveal';
import { filterResources, searchResources } from '../../src/core/services/resourceExplorer/searchAction';
import { type Prompter } from '../../src/core/services/service';
import { countDescription, listContext, listDescription, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { useEmulator } from '../support/emulator';

const home: ListRef = { kind: 'resourceExplorer.home', params: {} };
const REGIONS = ['us-east-1', 'eu-west-1'];
/** Four types of three services: 2,400 resources, so a plain query passes the cap and one split by Region does too. */
const TYPES = ['s3:bucket', 'sqs:queue', 'ec2:instance', 'ec2:volume'];

/** The answers a user gives to the prompts, in order. */
function answers(...values: Array<string | undefined>): Prompter {
  const queue = [...values];
  return { pick: async () => queue.shift() as never, input: async () => queue.shift() };
}

describe('Resource Explorer against its stand-in', function () {
  const env = useEmulator(async () => undefined, { maxAttempts: 8 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-re-'));
  let arns: string[];
  const tree = (pageSize = 100) => new TreeModel({ clients: async () => env.session, pageSize: () => pageSize });
  const store = () => env.emulator.resourceExplorer;

  before(function () {
    store().addIndex('us-east-1', { type: 'AGGREGATOR' });
    store().addIndex('eu-west-1');
    store().addView('us-east-1', 'everything', { includedProperties: ['tags'], makeDefault: true });
    store().addView('us-east-1', 'untagged-view', {});
    arns = store().seedResources(2400, { regions: REGIONS, types: TYPES, seed: 'unit' }).map((resource) => resource.arn).sort();
  });
  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function exportOf(list: ListRef, name: string, options: { pageSize?: number } = {}) {
    const checkpoints = new FileCheckpointStore(path.join(dir, `state-${name}`));
    const job: ExportJob = { target: listingTarget(env.session.connection), list: { kind: list.kind, params: kindOf(list).flatten?.(list.params) ?? list.params }, pageSize: options.pageSize ?? 100, format: 'jsonl', outputPath: path.join(dir, name) };
    return { job, checkpoints, lines: () => fs.readFileSync(job.outputPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
  }

  it('Resource Explorer is a top-level node whose rows are Search… (an action), All Resources, Views and Indexes, shown without a request', async function () {
    const model = tree();
    const before = env.emulator.requests.length;
    await model.ensureLoaded(home);
    const rows = rowsOf(model.snapshot(home));
    assert.deepEqual(rows.map((row) => row.type === 'item' && [row.item.name, row.item.action ?? row.item.children?.kind]), [
      ['Search…', 'searchResources'], ['All Resources', 'resourceExplorer.resources'], ['Views', 'resourceExplorer.views'], ['Indexes', 'resourceExplorer.indexes'],
    ]);
    assert.equal(env.emulator.requests.length, before, 'no request');
  });

  it('Search… asks a query and which view (the Region has two), and the results page at the page size; past 1,000 the node says so', async function () {
    const list = await searchResources.open({ list: home }, env.session, answers('', ''), {});
    assert.deepEqual(list, { kind: 'resourceExplorer.search', params: { q: '' } });
    const model = tree(250);
    await model.loadAll(list!);
    const snapshot = model.snapshot(list!);
    assert.equal(snapshot.items.length, 1000, 'the service stops at 1,000');
    assert.deepEqual(store().requestsOf('Search').slice(-4).map((input) => input.MaxResults), [250, 250, 250, 250]);
    assert.equal(countDescription(snapshot), '1,000');
    assert.equal(listDescription(snapshot, list!, {}), '1,000 · 1,000 of more (Resource Explorer stops at 1,000 a query)');
    assert.ok(listContext(snapshot, list!, false).includes('noted'), 'Export All Matches… is offered on the node');
    const row = snapshot.items[0];
    assert.equal(row.itemKind, 'resourceExplorerResource');
    assert.deepEqual(row.ids, [{ label: 'ARN', value: row.id }]);
    assert.equal(row.description, `${row.record.ResourceType} · ${row.record.Region}`);
    assert.deepEqual(Object.keys(row.record).slice(0, 5), ['Arn', 'OwningAccountId', 'Region', 'ResourceType', 'Service'], 'the API\'s fields under its names');
  });

  it('a narrower query is complete: no note, every match in the tree', async function () {
    const list: ListRef = { kind: 'resourceExplorer.search', params: { q: 'region:eu-west-1 service:s3' } };
    const model = tree(100);
    await model.loadAll(list);
    const snapshot = model.snapshot(list);
    const truth = store().resources().filter((r) => r.region === 'eu-west-1' && r.service === 's3');
    assert.deepEqual(snapshot.items.map((item) => item.id).sort(), truth.map((r) => r.arn).sort());
    assert.equal(snapshot.note, undefined);
  });

  it('exports every match past the cap, each once, by splitting the query by Region, service and type; no search is throttled', async function () {
    const list: ListRef = { kind: 'resourceExplorer.search', params: { q: '' } };
    const { job, checkpoints, lines } = await exportOf(list, 'all.jsonl', { pageSize: 1000 });
    const from = store().requests.length;
    const result = await startExport(env.session, job, { store: checkpoints });
    const written = lines().map((record) => String(record.Arn));
    assert.equal(result.itemsWritten, 2400);
    assert.deepEqual([...written].sort(), arns, 'every resource, none twice');
    const searches = store().requests.slice(from).filter((request) => request.operation === 'Search');
    assert.equal(searches.filter((request) => request.throttled).length, 0, 'paced under 5 searches a second');
    const queries = searches.map((request) => String(request.input.QueryString));
    assert.equal(queries[0], '', 'the query as given first: it is not complete');
    assert.ok(queries.includes('region:eu-west-1 service:ec2'), 'split by Region, then service');
    assert.equal(fs.existsSync(path.join(dir, '.all.jsonl.keys')), false, 'the written keys go with the checkpoint at the end');
    // Again: the same bytes (the split and each part's order are deterministic).
    const again = await exportOf(list, 'again.jsonl', { pageSize: 1000 });
    await startExport(env.session, again.job, { store: again.checkpoints });
    assert.ok(fs.readFileSync(again.job.outputPath).equals(fs.readFileSync(job.outputPath)));
  });

  it('an export whose token is refused mid-part (expired) lists that part again from the last one written and ends byte for byte', async function () {
    const list: ListRef = { kind: 'resourceExplorer.search', params: { q: '' } };
    const reference = await exportOf(list, 'reference.jsonl', { pageSize: 100 });
    await startExport(env.session, reference.job, { store: reference.checkpoints });
    const refused = await exportOf(list, 'refused.jsonl', { pageSize: 100 });
    // The 3rd and the 7th request with a token find it expired, as a token left for a day would be.
    let tokens = 0;
    env.proxy.setRule((request) => (request.action === 'Search' && request.token !== undefined && [3, 7].includes(++tokens) ? { kind: 'refuseToken' } : undefined));
    const resumedAt: string[] = [];
    await startExport(env.session, refused.job, { store: refused.checkpoints, onResumedAt: (after) => resumedAt.push(after) });
    env.proxy.setRule(undefined);
    assert.equal(resumedAt.length, 2, 'two tokens were refused, each replaced by the position');
    assert.ok(fs.readFileSync(refused.job.outputPath).equals(fs.readFileSync(reference.job.outputPath)));
  });

  it('a cancelled export resumes from its checkpoint to the same bytes, the written ARNs still known', async function () {
    const list: ListRef = { kind: 'resourceExplorer.search', params: { q: '' } };
    const reference = await exportOf(list, 'whole.jsonl', { pageSize: 200 });
    await startExport(env.session, reference.job, { store: reference.checkpoints });
    const cut = await exportOf(list, 'cut.jsonl', { pageSize: 200 });
    const controller = new AbortController();
    let pages = 0;
    await assert.rejects(startExport(env.session, cut.job, { store: cut.checkpoints, signal: controller.signal, onProgress: () => ++pages === 5 && controller.abort() }), { name: 'AbortError' });
    const checkpoint = await cut.checkpoints.load(checkpointId(cut.job));
    assert.ok(checkpoint?.keys, 'the checkpoint counts the keys written');
    await resumeExport(env.session, checkpoint, { store: cut.checkpoints });
    assert.ok(fs.readFileSync(cut.job.outputPath).equals(fs.readFileSync(reference.job.outputPath)));
  });

  it('All Resources lists every resource of the default view (no cap) at most 999 a page; Filter… narrows it server-side', async function () {
    const list: ListRef = { kind: 'resourceExplorer.resources', params: {} };
    const model = tree(1000);
    await model.loadAll(list);
    assert.equal(model.snapshot(list).items.length, 2400);
    assert.ok(store().requestsOf('ListResources').every((input) => input.MaxResults === 999), 'MaxResults 1000 would give no NextToken');
    const narrowed = await filterResources.open({ list }, env.session, answers('service:sqs'), {});
    assert.deepEqual(narrowed, { kind: 'resourceExplorer.resources', params: { filter: 'service:sqs' } });
    await model.loadAll(narrowed!);
    assert.equal(model.snapshot(narrowed!).items.length, store().resources().filter((r) => r.service === 'sqs').length);
  });

  it('Views lists the Region\'s views, the default one said, each expanding to its resources; Indexes their Regions and types', async function () {
    const model = tree();
    const views: ListRef = { kind: 'resourceExplorer.views', params: {} };
    await model.ensureLoaded(views);
    const rows = model.snapshot(views).items;
    assert.deepEqual(rows.map((row) => [row.name, row.description]), [['everything', 'default view'], ['untagged-view', undefined]]);
    assert.deepEqual(rows[1].children, { kind: 'resourceExplorer.resources', params: { view: rows[1].id } });
    const indexes: ListRef = { kind: 'resourceExplorer.indexes', params: {} };
    await model.ensureLoaded(indexes);
    assert.deepEqual(model.snapshot(indexes).items.map((row) => [row.name, row.record.Type]), [['eu-west-1', 'LOCAL'], ['us-east-1', 'AGGREGATOR']]);
  });

  it('what is missing is said in a row, not a stack trace: no default view in a Region, a tag filter on a view without tags', async function () {
    const model = tree();
    const view = store().views().find((v) => v.name === 'untagged-view')!.arn;
    const tagged: ListRef = { kind: 'resourceExplorer.search', params: { q: 'tag:env=prod', view } };
    await model.ensureLoaded(tagged);
    const [row] = rowsOf(model.snapshot(tagged));
    assert.equal(row.type, 'notice');
    assert.match(row.type === 'notice' ? row.problem.message : '', /does not include tags/);

    const other = new AwsSession({ ...env.session.connection, region: 'ap-southeast-2' });
    try {
      const model2 = new TreeModel({ clients: async () => other, pageSize: () => 100 });
      const search: ListRef = { kind: 'resourceExplorer.search', params: { q: '' } };
      await model2.ensureLoaded(search);
      const [notice] = rowsOf(model2.snapshot(search));
      assert.equal(notice.type, 'notice');
      assert.match(notice.type === 'notice' ? notice.problem.message : '', /no index or no default view/);
      assert.equal(notice.type === 'notice' && notice.problem.link?.url.startsWith('https://console.aws.amazon.com/resource-explorer/'), true);
    } finally {
      other.dispose();
    }
  });

  it('Reveal in Explorer: a found bucket, topic, queue, table, log group or instance opens as the list the tree shows for it, in its Region', function () {
    assert.deepEqual(browsableAddress('arn:aws:s3:::demo-archive', 'us-east-1'), { address: 's3://demo-archive/', region: 'us-east-1' });
    assert.deepEqual(browsableAddress('arn:aws:sns:eu-west-1:123456789012:orders'), { address: 'arn:aws:sns:eu-west-1:123456789012:orders', region: 'eu-west-1' });
    assert.deepEqual(browsableAddress('arn:aws:sqs:eu-west-1:123456789012:jobs'), { address: 'arn:aws:sqs:eu-west-1:123456789012:jobs', region: 'eu-west-1' });
    assert.deepEqual(browsableAddress('arn:aws:dynamodb:us-east-1:123456789012:table/orders'), { address: 'dynamodb:table/orders', region: 'us-east-1' });
    assert.deepEqual(browsableAddress('arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x'), { address: 'logs:streams//aws/lambda/x', region: 'us-east-1' });
    assert.deepEqual(browsableAddress('arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0'), { address: 'ec2:instances?id=i-0123456789abcdef0', region: 'us-east-1' });
    assert.equal(browsableAddress('arn:aws:ec2:us-east-1:123456789012:volume/vol-0123'), undefined);
    assert.equal(browsableAddress('arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/byStatus'), undefined);
  });
});
