// EC2 instances against the EC2 stand-in (test/support/ec2StandIn.ts), through the real SDK client: the tree, the page
// size within 5–1000, Filter by State… and Filter by Tag…, details, and exports.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { describeExportProblem } from '../../src/core/export/errors';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { filterByState, filterByTag } from '../../src/core/services/ec2/filterActions';
import { type Prompter } from '../../src/core/services/service';
import { detailsOf, itemContext, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { useEmulator } from '../support/emulator';
import { idOf, type ListRef } from '../../src/core/lists';
import { parseAddress } from '../../src/core/services/registry';

const instances: ListRef = { kind: 'ec2.instances', params: {} };

describe('EC2 instances against the EC2 stand-in', function () {
  const env = useEmulator(async () => undefined, { maxAttempts: 1 });
  const model = (pageSize: number) => new TreeModel({ clients: async () => env.session, pageSize: () => pageSize });
  const sent = () => env.emulator.ec2.requests.filter((r) => r.Action === 'DescribeInstances');

  before(function () {
    env.emulator.ec2.seedInstances(1500);
  });
  beforeEach(function () {
    env.emulator.ec2.requests.length = 0;
  });

  it('pages of 100 (MaxResults) with Load more, reservations flattened in order; each row named by its Name tag, else its id', async function () {
    const tree = model(100);
    await tree.ensureLoaded(instances);
    const first = tree.snapshot(instances);
    assert.equal(first.items.length, 100);
    assert.equal(rowsOf(first).at(-1)?.type, 'loadMore');
    await tree.loadAll(instances);
    const all = tree.snapshot(instances).items;
    const truth = env.emulator.ec2.instances();
    assert.deepEqual(all.map((item) => item.record.InstanceId), truth.map((instance) => instance.instanceId));
    assert.ok(sent().every((r) => r.MaxResults === '100'));
    assert.equal(sent().length, 15);
    const named = all.find((item) => (item.record.Tags as { Key: string }[] | undefined)?.some((tag) => tag.Key === 'Name'))!;
    const unnamed = all.find((item) => !(item.record.Tags as { Key: string }[] | undefined)?.some((tag) => tag.Key === 'Name'))!;
    assert.match(named.name, /^web-\d{4}$/);
    assert.equal(unnamed.name, unnamed.record.InstanceId);
    const instance = truth.find((candidate) => candidate.instanceId === named.record.InstanceId)!;
    assert.equal(named.description, `${instance.state} · ${instance.instanceType} · ${instance.privateIpAddress}`);
    assert.equal(idOf(named, 'ARN'), `arn:aws:ec2:us-east-1:123456789012:instance/${instance.instanceId}`);
    assert.equal(idOf(named, 'ID'), instance.instanceId);
    assert.deepEqual(named.ids?.map((id) => id.label), ['ARN', 'ID'], 'Copy… offers the ARN and the instance ID; Ctrl+C copies the ARN');
    assert.ok(itemContext(named, instances, false).includes('itemConsole'), 'Open in AWS Console is offered');
  });

  it('instances by id (ec2:instances?id=…, the instance-id filter, paged like any list, not InstanceIds): what Reveal in Explorer opens', async function () {
    const [one, two] = env.emulator.ec2.instances().slice(40, 42);
    const list = parseAddress(`ec2:instances?id=${one.instanceId},${two.instanceId}`);
    const tree = model(100);
    await tree.ensureLoaded(list);
    assert.deepEqual(tree.snapshot(list).items.map((item) => item.record.InstanceId), [one.instanceId, two.instanceId]);
    const [request] = sent();
    assert.equal(request['Filter.1.Name'], 'instance-id');
    assert.equal(request.MaxResults, '100');
    assert.equal(request['InstanceId.1'], undefined, 'no InstanceIds: it cannot go with MaxResults');
    assert.throws(() => parseAddress('ec2:instances?id=web-1'), /"web-1" is not an instance id/);
  });

  it('the page size stays within what DescribeInstances takes: 5 to 1,000', async function () {
    for (const [setting, sentSize] of [[2, '5'], [5000, '1000']] as const) {
      env.emulator.ec2.requests.length = 0;
      const tree = model(setting);
      await tree.ensureLoaded(instances);
      assert.equal(tree.snapshot(instances).failure, undefined);
      assert.equal(sent()[0].MaxResults, sentSize);
    }
  });

  it('Filter by State… and Filter by Tag… open the filtered list under EC2 Instances, filtered by the service', async function () {
    const answers: string[] = ['stopped', 'Name=web-00*'];
    const prompter: Prompter = {
      pick: async ({ choices }) => choices.find((choice) => choice.label === answers[0] && answers.shift())?.value,
      input: async ({ validate }) => {
        assert.match(validate!('=x') ?? '', /not a tag filter/);
        return answers.shift();
      },
    };
    const stopped = (await filterByState.open({ list: instances }, env.session, prompter, {}))!;
    assert.deepEqual(stopped, { kind: 'ec2.instances', params: { state: 'stopped' } });
    const stoppedWeb = (await filterByTag.open({ list: stopped }, env.session, prompter, {}))!;
    assert.deepEqual(stoppedWeb, { kind: 'ec2.instances', params: { state: 'stopped', tag: 'Name=web-00*' } });
    const tree = model(50);
    await tree.loadAll(stoppedWeb);
    const shown = tree.snapshot(stoppedWeb).items;
    const truth = env.emulator.ec2.instances().filter((instance) => instance.state === 'stopped' && /^web-00/.test(instance.tags.Name ?? ''));
    assert.ok(truth.length > 0);
    assert.deepEqual(shown.map((item) => item.record.InstanceId), truth.map((instance) => instance.instanceId));
    const request = sent().at(-1)!;
    assert.equal(request['Filter.1.Name'], 'instance-state-name');
    assert.equal(request['Filter.1.Value.1'], 'stopped');
    assert.equal(request['Filter.2.Name'], 'tag:Name');
    assert.equal(request['Filter.2.Value.1'], 'web-00*');
  });

  it('Show Details asks DescribeInstances for that instance only', async function () {
    const tree = model(5);
    await tree.ensureLoaded(instances);
    const item = tree.snapshot(instances).items[3];
    const details = await detailsOf(instances, item)!.fetch(env.session, {});
    assert.equal(details.InstanceId, item.record.InstanceId);
    assert.equal(sent().at(-1)!['InstanceId.1'], item.record.InstanceId);
    assert.equal(sent().at(-1)!.MaxResults, undefined);
  });

  it('exports as JSON Lines (each instance as the AWS CLI prints it, with our name and arn) and as CSV (the columns a spreadsheet wants)', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-ec2-'));
    try {
      const store = new FileCheckpointStore(path.join(dir, 'state'));
      const running: ListRef = { kind: 'ec2.instances', params: { state: 'running' } };
      const job = (format: 'jsonl' | 'csv'): ExportJob => ({ target: listingTarget(env.session.connection), list: running, pageSize: 200, format, outputPath: path.join(dir, `running.${format}`) });
      const lines = await startExport(env.session, job('jsonl'), { store });
      const truth = env.emulator.ec2.instances().filter((instance) => instance.state === 'running');
      assert.equal(lines.itemsWritten, truth.length);
      const [first] = fs.readFileSync(lines.job.outputPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.equal(first.InstanceId, truth[0].instanceId);
      assert.deepEqual(first.State, { Code: 16, Name: 'running' });
      assert.equal(first.LaunchTime, truth[0].launchTime.toISOString());
      assert.ok(Object.keys(first).indexOf('name') > Object.keys(first).indexOf('InstanceId'), 'ours after the API\'s');
      assert.equal(first.arn, `arn:aws:ec2:us-east-1:123456789012:instance/${truth[0].instanceId}`);
      const csv = await startExport(env.session, job('csv'), { store });
      const [header, row] = fs.readFileSync(csv.job.outputPath, 'utf8').split('\r\n');
      assert.equal(header, 'InstanceId,name,State,InstanceType,LaunchTime,PrivateIpAddress,PublicIpAddress,VpcId,SubnetId,ImageId,Tags');
      assert.ok(row.startsWith(`${truth[0].instanceId},`));
      assert.equal(row.split(',')[2], 'running', 'State as its name');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const error of ['InvalidPaginationToken', 'InvalidParameterValue'] as const) {
    it(`an export resumed after its token went stale (${error}) says so and offers Start Over with the count, instead of "run again to resume"`, async function () {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-ec2-stale-'));
      const ec2 = env.emulator.ec2;
      ec2.staleTokenError = error;
      try {
        const store = new FileCheckpointStore(path.join(dir, 'state'));
        const job: ExportJob = { target: listingTarget(env.session.connection), list: instances, pageSize: 100, format: 'jsonl', outputPath: path.join(dir, 'all.jsonl') };
        const controller = new AbortController();
        let pages = 0;
        await assert.rejects(startExport(env.session, job, { store, signal: controller.signal, onProgress: () => ++pages === 3 && controller.abort() }), { name: 'AbortError' });
        const kept = (await store.load(checkpointId(job)))!;
        ec2.advanceClock(25 * 3_600_000);
        const refusal = await resumeExport(env.session, kept, { store }).then(() => undefined, (e: unknown) => e);
        const problem = describeExportProblem(refusal, { checkpoint: await store.load(checkpointId(job)) });
        assert.equal(problem.kind, 'refusedToken', String(refusal));
        assert.equal(problem.startOver, true);
        assert.equal(problem.resumable, false, 'not "run the same command again": it would fail the same way');
        assert.match(problem.message, new RegExp(`That writes the ${kept.itemsWritten} instances already exported again`));
        assert.ok(await store.load(checkpointId(job)), 'the checkpoint stays until the user decides');
      } finally {
        ec2.staleTokenError = 'InvalidPaginationToken';
        ec2.advanceClock(-25 * 3_600_000);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
