// The EC2 DescribeInstances stand-in, through the real SDK client (@aws-sdk/client-ec2, the ec2Query protocol) and
// its paginator: paging by instances, filters with wildcards, the documented refusals, and the parsed fields.
import * as assert from 'node:assert/strict';
import {
  DescribeInstancesCommand, type DescribeInstancesCommandInput, type DescribeInstancesCommandOutput,
  DescribeInstanceStatusCommand, EC2Client, type Instance, paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
import { type Ec2Instance, Ec2Store, ec2Handler, startEc2StandIn } from '../support/ec2StandIn';
import { startServiceRouter } from '../support/serviceRouter';

type StandIn = Awaited<ReturnType<typeof startEc2StandIn>>;

function clientFor(endpoint: string): EC2Client {
  return new EC2Client({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

/** Every page of a paginated listing, as the SDK parsed it. */
async function allPages(client: EC2Client, pageSize: number, input: DescribeInstancesCommandInput = {}): Promise<DescribeInstancesCommandOutput[]> {
  const pages: DescribeInstancesCommandOutput[] = [];
  for await (const page of paginateDescribeInstances({ client, pageSize }, input)) {
    pages.push(page);
  }
  return pages;
}

const instancesOf = (page: DescribeInstancesCommandOutput): Instance[] => (page.Reservations ?? []).flatMap((r) => r.Instances ?? []);
const idsOf = (pages: DescribeInstancesCommandOutput[]): string[] => pages.flatMap(instancesOf).map((i) => i.InstanceId!);

/** The error a call is refused with: its SDK name, message and HTTP status. */
async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  assert.fail('expected the call to be refused');
}

describe('EC2 DescribeInstances stand-in', function () {
  let standIn: StandIn;
  let client: EC2Client;
  let seeded: Ec2Instance[];

  before(async function () {
    const store = new Ec2Store();
    seeded = store.seedInstances(1500);
    standIn = await startEc2StandIn(store);
    client = clientFor(standIn.endpoint);
  });

  after(async function () {
    client.destroy();
    await standIn.stop();
  });

  beforeEach(function () {
    standIn.store.requests.length = 0;
  });

  describe('the store', function () {
    it('makes deterministic EC2-shaped ids, reservations of 1 to 3, varied states, types, names and public IPs', function () {
      const again = new Ec2Store().seedInstances(1500);
      assert.deepEqual(again.map((i) => i.instanceId), seeded.map((i) => i.instanceId), 'the same seed gives the same ids');
      assert.notDeepEqual(new Ec2Store({ seed: 'other' }).seedInstances(3).map((i) => i.instanceId), seeded.slice(0, 3).map((i) => i.instanceId));
      assert.equal(new Set(seeded.map((i) => i.instanceId)).size, 1500);
      assert.ok(seeded.every((i) => /^i-[0-9a-f]{17}$/.test(i.instanceId) && /^r-[0-9a-f]{17}$/.test(i.reservationId)));
      const sizes = standIn.store.reservations.map((r) => r.instances.length);
      assert.equal(sizes.reduce((a, b) => a + b, 0), 1500);
      assert.deepEqual([...new Set(sizes)].sort(), [1, 2, 3]);
      assert.deepEqual(new Set(seeded.map((i) => i.state)), new Set(['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated']));
      assert.ok(new Set(seeded.map((i) => i.instanceType)).size >= 5);
      assert.equal(seeded[0].tags.Name, 'web-0001');
      assert.equal(seeded[1499].tags.Name, 'web-1500');
      assert.ok(seeded.some((i) => i.tags.Name === undefined && i.tags.env !== undefined), 'some have tags but no Name');
      assert.ok(seeded.some((i) => Object.keys(i.tags).length === 0), 'some have no tags at all');
      assert.ok(seeded.some((i) => i.publicIpAddress) && seeded.some((i) => !i.publicIpAddress));
      assert.ok(seeded.filter((i) => i.publicIpAddress).every((i) => i.state === 'running'));
      assert.deepEqual(new Set(seeded.map((i) => i.architecture)), new Set(['x86_64', 'arm64']));
    });

    it('refuses a malformed or duplicate instance id and an empty reservation', function () {
      const store = new Ec2Store();
      store.addReservation([{ instanceId: 'i-1234abcd' }]);
      assert.throws(() => store.addReservation([{ instanceId: 'i-1234abcd' }]));
      assert.throws(() => store.addReservation([{ instanceId: 'i-xyz' }]));
      assert.throws(() => store.addReservation([]));
    });
  });

  describe('paging', function () {
    it('pages 1,500 instances 100 at a time: each exactly once, in order, MaxResults on every request, the token on every one after the first', async function () {
      const pages = await allPages(client, 100);
      assert.equal(pages.length, 15);
      assert.deepEqual(pages.map((p) => instancesOf(p).length), Array(15).fill(100), 'a page holds MaxResults instances, not reservations');
      assert.deepEqual(idsOf(pages), seeded.map((i) => i.instanceId), 'every instance once, in creation order');
      assert.ok(pages.slice(0, -1).every((p) => typeof p.NextToken === 'string' && p.NextToken.length > 0));
      assert.equal(pages[14].NextToken, undefined, 'no nextToken on the last page');

      const requests = standIn.store.requests;
      assert.equal(requests.length, 15);
      assert.ok(requests.every((r) => r.Action === 'DescribeInstances' && r.Version === '2016-11-15' && r.MaxResults === '100'));
      assert.equal(requests[0].NextToken, undefined);
      assert.deepEqual(requests.slice(1).map((r) => r.NextToken), pages.slice(0, -1).map((p) => p.NextToken));

      // A reservation cut by a page boundary shows up on both pages, under the same id, with its remaining instances.
      let splits = 0;
      for (let n = 1; n < pages.length; n++) {
        const last = pages[n - 1].Reservations!.at(-1)!;
        const first = pages[n].Reservations![0];
        if (last.ReservationId === first.ReservationId) {
          splits++;
          const all = standIn.store.reservations.find((r) => r.reservationId === first.ReservationId)!.instances.map((i) => i.instanceId);
          assert.deepEqual([...last.Instances!, ...first.Instances!].map((i) => i.InstanceId), all);
        }
      }
      assert.ok(splits > 0, 'some reservation straddles a page boundary');
      for (const page of pages) {
        const reservationIds = page.Reservations!.map((r) => r.ReservationId);
        assert.equal(new Set(reservationIds).size, reservationIds.length, 'a reservation appears once per page');
        assert.ok(page.Reservations!.every((r) => r.OwnerId === '123456789012' && Array.isArray(r.Instances)));
      }
    });

    it('answers everything at once, without a token, when MaxResults is not given', async function () {
      const output = await client.send(new DescribeInstancesCommand({}));
      assert.equal(instancesOf(output).length, 1500);
      assert.equal(output.NextToken, undefined);
      assert.equal(output.Reservations!.length, standIn.store.reservations.length);
      assert.equal(standIn.store.requests[0].MaxResults, undefined);
    });

    it('accepts MaxResults 5 and 1000; refuses 3 and 1001 with InvalidParameterValue', async function () {
      const five = await client.send(new DescribeInstancesCommand({ MaxResults: 5 }));
      assert.equal(instancesOf(five).length, 5);
      const thousand = await client.send(new DescribeInstancesCommand({ MaxResults: 1000 }));
      assert.equal(instancesOf(thousand).length, 1000);
      assert.deepEqual(await refusal(client.send(new DescribeInstancesCommand({ MaxResults: 3 }))), {
        name: 'InvalidParameterValue', message: 'Value ( 3 ) for parameter maxResults is invalid. Expecting a value greater than 5.', status: 400,
      });
      assert.equal((await refusal(client.send(new DescribeInstancesCommand({ MaxResults: 1001 })))).name, 'InvalidParameterValue');
    });

    it('refuses MaxResults together with InstanceIds (InvalidParameterCombination), also from the paginator', async function () {
      assert.deepEqual(await refusal(client.send(new DescribeInstancesCommand({ MaxResults: 10, InstanceIds: [seeded[0].instanceId] }))), {
        name: 'InvalidParameterCombination', message: 'The parameter instancesSet cannot be used with the parameter maxResults', status: 400,
      });
      assert.equal((await refusal(allPages(client, 50, { InstanceIds: [seeded[0].instanceId] }))).name, 'InvalidParameterCombination');
    });

    it('refuses a token it did not hand out, or handed out for other filters, with InvalidPaginationToken', async function () {
      const garbage = await refusal(client.send(new DescribeInstancesCommand({ MaxResults: 10, NextToken: 'not-a-token' })));
      assert.deepEqual(garbage, { name: 'InvalidPaginationToken', message: 'The specified pagination token is not valid or is expired.', status: 400 });
      const running = { Filters: [{ Name: 'instance-state-name', Values: ['running'] }] };
      const first = await client.send(new DescribeInstancesCommand({ MaxResults: 10, ...running }));
      assert.ok(first.NextToken);
      const unfiltered = await refusal(client.send(new DescribeInstancesCommand({ MaxResults: 10, NextToken: first.NextToken })));
      assert.equal(unfiltered.name, 'InvalidPaginationToken');
      const stopped = await refusal(client.send(new DescribeInstancesCommand({ MaxResults: 10, NextToken: first.NextToken, Filters: [{ Name: 'instance-state-name', Values: ['stopped'] }] })));
      assert.equal(stopped.name, 'InvalidPaginationToken');
      const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(first.NextToken, 'base64url').toString()), q: 'x' })).toString('base64url');
      assert.equal((await refusal(client.send(new DescribeInstancesCommand({ MaxResults: 10, NextToken: tampered, ...running })))).name, 'InvalidPaginationToken');
      const same = await client.send(new DescribeInstancesCommand({ MaxResults: 10, NextToken: first.NextToken, ...running }));
      assert.equal(instancesOf(same).length, 10, 'the same token with the same filters goes on');
    });

    it('a token older than a day is refused, as InvalidPaginationToken or, as users report of some Describe* APIs, InvalidParameterValue', async function () {
      const first = await client.send(new DescribeInstancesCommand({ MaxResults: 10 }));
      standIn.store.advanceClock(25 * 3_600_000);
      try {
        assert.equal((await refusal(client.send(new DescribeInstancesCommand({ MaxResults: 10, NextToken: first.NextToken })))).name, 'InvalidPaginationToken');
        standIn.store.staleTokenError = 'InvalidParameterValue';
        assert.deepEqual(await refusal(client.send(new DescribeInstancesCommand({ MaxResults: 10, NextToken: first.NextToken }))),
          { name: 'InvalidParameterValue', message: 'The specified value for parameter NextToken is invalid.', status: 400 });
      } finally {
        standIn.store.staleTokenError = 'InvalidPaginationToken';
        standIn.store.advanceClock(-25 * 3_600_000);
      }
    });
  });

  describe('filters', function () {
    it('instance-state-name with a wildcard, paged: exactly the matching instances, in order, filters sent on every request', async function () {
      const pages = await allPages(client, 25, { Filters: [{ Name: 'instance-state-name', Values: ['stop*'] }] });
      const expected = seeded.filter((i) => i.state === 'stopped' || i.state === 'stopping').map((i) => i.instanceId);
      assert.ok(expected.length > 100);
      assert.deepEqual(idsOf(pages), expected);
      assert.equal(pages.length, Math.ceil(expected.length / 25));
      assert.ok(pages.slice(0, -1).every((p) => instancesOf(p).length === 25));
      assert.ok(pages.flatMap(instancesOf).every((i) => i.State?.Name === 'stopped' || i.State?.Name === 'stopping'));
      assert.ok(standIn.store.requests.every((r) => r['Filter.1.Name'] === 'instance-state-name' && r['Filter.1.Value.1'] === 'stop*' && r.MaxResults === '25'));
    });

    it('tag:Name values are ORed (with * and ?), filters ANDed', async function () {
      const pages = await allPages(client, 50, {
        Filters: [
          { Name: 'tag:Name', Values: ['web-00?1', 'web-14*'] },
          { Name: 'instance-state-name', Values: ['running', 'pending'] },
        ],
      });
      const name = (i: Ec2Instance) => i.tags.Name ?? '';
      const expected = seeded.filter((i) => (/^web-00\d1$/.test(name(i)) || name(i).startsWith('web-14')) && (i.state === 'running' || i.state === 'pending'));
      assert.ok(expected.length > 50);
      assert.deepEqual(idsOf(pages), expected.map((i) => i.instanceId));
      assert.equal(standIn.store.requests[0]['Filter.1.Value.2'], 'web-14*');
      assert.equal(standIn.store.requests[0]['Filter.2.Value.2'], 'pending');
    });

    it('tag-key, instance-type and instance-id filters; a backslash escapes a wildcard; values are case-sensitive', async function () {
      const named = idsOf(await allPages(client, 1000, { Filters: [{ Name: 'tag-key', Values: ['Name'] }] }));
      assert.deepEqual(named, seeded.filter((i) => 'Name' in i.tags).map((i) => i.instanceId));
      const graviton = idsOf(await allPages(client, 1000, { Filters: [{ Name: 'instance-type', Values: ['t4g.*', 'r6g.large'] }] }));
      assert.deepEqual(graviton, seeded.filter((i) => i.instanceType === 't4g.medium' || i.instanceType === 'r6g.large').map((i) => i.instanceId));
      const chosen = [seeded[7].instanceId, seeded[3].instanceId];
      const byId = idsOf([await client.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: chosen }] }))]);
      assert.deepEqual(byId, [seeded[3].instanceId, seeded[7].instanceId], 'in store order, not request order');
      const single = await client.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['web-000?'] }] }));
      assert.deepEqual(instancesOf(single).map((i) => i.Tags!.find((t) => t.Key === 'Name')!.Value),
        ['web-0001', 'web-0002', 'web-0003', 'web-0004', 'web-0005', 'web-0006', 'web-0007', 'web-0008'], '? is exactly one character (web-0009 has no Name)');
      const literal = await client.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['web-000\\?'] }] }));
      assert.equal(instancesOf(literal).length, 0);
      const upper = await client.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['RUNNING'] }] }));
      assert.equal(instancesOf(upper).length, 0);
    });

    it('refuses an unknown filter name with InvalidParameterValue', async function () {
      assert.deepEqual(await refusal(client.send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] }))), {
        name: 'InvalidParameterValue', message: "The filter 'colour' is invalid", status: 400,
      });
      assert.equal((await refusal(client.send(new DescribeInstancesCommand({ Filters: [{ Name: 'Instance-State-Name', Values: ['running'] }] })))).name, 'InvalidParameterValue');
    });

    it('with sparseFilteredPages, a filtered page may be short or empty and still carry a token; the paginator gets them all', async function () {
      const store = new Ec2Store({ sparseFilteredPages: true });
      const made = store.seedInstances(60);
      const sparse = await startEc2StandIn(store);
      const sparseClient = clientFor(sparse.endpoint);
      try {
        const pages = await allPages(sparseClient, 5, { Filters: [{ Name: 'instance-state-name', Values: ['terminated'] }] });
        assert.equal(pages.length, 12, 'one page per five instances looked at');
        assert.ok(pages.some((p) => instancesOf(p).length === 0 && p.NextToken), 'an empty page with a token');
        assert.deepEqual(idsOf(pages), made.filter((i) => i.state === 'terminated').map((i) => i.instanceId));
      } finally {
        sparseClient.destroy();
        await sparse.stop();
      }
    });
  });

  describe('InstanceIds', function () {
    it('answers those instances only, in one response', async function () {
      const ids = [seeded[42].instanceId, seeded[0].instanceId, seeded[1499].instanceId];
      const output = await client.send(new DescribeInstancesCommand({ InstanceIds: ids }));
      assert.deepEqual(idsOf([output]), [seeded[0].instanceId, seeded[42].instanceId, seeded[1499].instanceId]);
      assert.equal(output.NextToken, undefined);
      assert.deepEqual(standIn.store.requests[0], { Action: 'DescribeInstances', Version: '2016-11-15', 'InstanceId.1': ids[0], 'InstanceId.2': ids[1], 'InstanceId.3': ids[2] });
      const filtered = await client.send(new DescribeInstancesCommand({ InstanceIds: ids, Filters: [{ Name: 'instance-id', Values: [ids[0]] }] }));
      assert.deepEqual(idsOf([filtered]), [ids[0]], 'ids and filters both apply');
    });

    it('refuses an unknown id (InvalidInstanceID.NotFound) and a malformed one (InvalidInstanceID.Malformed)', async function () {
      assert.deepEqual(await refusal(client.send(new DescribeInstancesCommand({ InstanceIds: [seeded[0].instanceId, 'i-0123456789abcdef0'] }))), {
        name: 'InvalidInstanceID.NotFound', message: "The instance ID 'i-0123456789abcdef0' does not exist", status: 400,
      });
      assert.equal((await refusal(client.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0', 'i-deadbeef'] })))).message,
        "The instance IDs 'i-0123456789abcdef0, i-deadbeef' do not exist");
      assert.deepEqual(await refusal(client.send(new DescribeInstancesCommand({ InstanceIds: ['web-0001'] }))), {
        name: 'InvalidInstanceID.Malformed', message: 'Invalid id: "web-0001"', status: 400,
      });
      assert.equal((await refusal(client.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789ABCDEF0'] })))).name, 'InvalidInstanceID.Malformed');
    });
  });

  describe('the answer', function () {
    it('parses into the SDK types: state, tags, launchTime as a Date, ipAddress as PublicIpAddress, and more', async function () {
      const store = new Ec2Store();
      const launchTime = new Date('2025-03-04T05:06:07.000Z');
      const reservationId = store.addReservation([
        {
          instanceId: 'i-0aaaaaaaaaaaaaaaa', state: 'running', instanceType: 'm7g.large', privateIpAddress: '10.1.2.3', publicIpAddress: '3.4.5.6',
          tags: { Name: 'api <1> & "two"', 'aws:cloudformation:stack-name': "it's" }, launchTime, vpcId: 'vpc-12345678', subnetId: 'subnet-12345678', imageId: 'ami-12345678',
        },
        { instanceId: 'i-bbbbbbbb', state: 'stopped', instanceType: 't3.nano', privateIpAddress: '10.1.2.4' },
      ]);
      const own = await startEc2StandIn(store);
      const ownClient = clientFor(own.endpoint);
      try {
        const output = await ownClient.send(new DescribeInstancesCommand({}));
        assert.equal(output.Reservations!.length, 1);
        const [reservation] = output.Reservations!;
        assert.equal(reservation.ReservationId, reservationId);
        assert.equal(reservation.OwnerId, '123456789012');
        const [a, b] = reservation.Instances!;
        assert.equal(a.InstanceId, 'i-0aaaaaaaaaaaaaaaa');
        assert.deepEqual(a.State, { Code: 16, Name: 'running' });
        assert.equal(a.InstanceType, 'm7g.large');
        assert.equal(a.Architecture, 'arm64');
        assert.ok(a.LaunchTime instanceof Date);
        assert.equal(a.LaunchTime.getTime(), launchTime.getTime());
        assert.equal(a.PublicIpAddress, '3.4.5.6');
        assert.equal(a.PublicDnsName, 'ec2-3-4-5-6.compute-1.amazonaws.com');
        assert.equal(a.PrivateIpAddress, '10.1.2.3');
        assert.equal(a.PrivateDnsName, 'ip-10-1-2-3.ec2.internal');
        assert.equal(a.VpcId, 'vpc-12345678');
        assert.equal(a.SubnetId, 'subnet-12345678');
        assert.equal(a.ImageId, 'ami-12345678');
        assert.equal(a.Placement?.AvailabilityZone, 'us-east-1a');
        assert.equal(a.RootDeviceType, 'ebs');
        assert.equal(a.PlatformDetails, 'Linux/UNIX');
        assert.equal(a.AmiLaunchIndex, 0);
        assert.deepEqual(a.Tags, [{ Key: 'Name', Value: 'api <1> & "two"' }, { Key: 'aws:cloudformation:stack-name', Value: "it's" }]);
        assert.deepEqual(b.State, { Code: 80, Name: 'stopped' });
        assert.equal(b.PublicIpAddress, undefined);
        assert.equal(b.Tags, undefined, 'no tagSet for an instance without tags');
        assert.equal(b.AmiLaunchIndex, 1);
        assert.equal(b.Architecture, 'x86_64');
        assert.equal(b.StateReason?.Code, 'Client.UserInitiatedShutdown');
      } finally {
        ownClient.destroy();
        await own.stop();
      }
    });

    it('answers DryRun with DryRunOperation (412) and another action with InvalidAction', async function () {
      assert.deepEqual(await refusal(client.send(new DescribeInstancesCommand({ DryRun: true }))), {
        name: 'DryRunOperation', message: 'Request would have succeeded, but DryRun flag is set.', status: 412,
      });
      const router = await startServiceRouter({ fallback: 'http://127.0.0.1:9', byTarget: [], byForm: [['2016-11-15', 'DescribeInstanceStatus', ec2Handler(standIn.store)]] });
      const other = clientFor(router.endpoint);
      try {
        assert.deepEqual(await refusal(other.send(new DescribeInstanceStatusCommand({}))), {
          name: 'InvalidAction', message: 'The action DescribeInstanceStatus is not valid for this web service.', status: 400,
        });
      } finally {
        other.destroy();
        await router.stop();
      }
    });
  });
});
