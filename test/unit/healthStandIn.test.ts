// The AWS Health stand-in (test/support/healthStandIn.ts) through the real SDK client and its paginators: the paging
// behaviours a client meets, as the API reference and the service model document them, the moving window included.
import * as assert from 'node:assert/strict';
import {
  DescribeAffectedAccountsForOrganizationCommand, DescribeAffectedEntitiesCommand, DescribeAffectedEntitiesForOrganizationCommand,
  DescribeEventAggregatesCommand, DescribeEventDetailsCommand, DescribeEventDetailsForOrganizationCommand, DescribeEventsCommand,
  DescribeEventsForOrganizationCommand, DescribeEventTypesCommand, DescribeHealthServiceStatusForOrganizationCommand, type Event,
  type EventFilter, HealthClient, paginateDescribeAffectedAccountsForOrganization, paginateDescribeAffectedEntities,
  paginateDescribeAffectedEntitiesForOrganization, paginateDescribeEvents, paginateDescribeEventsForOrganization, paginateDescribeEventTypes,
} from '@aws-sdk/client-health';
import {
  ACCOUNT_EVENT_NOT_FOUND, DEFAULT_ACCOUNT, EVENT_NOT_FOUND, type HealthEventRecord, HealthStore, INVALID_ACCOUNT_INPUT, INVALID_TOKEN_MESSAGE,
  PUBLIC_EVENT_NOT_FOUND, startHealthStandIn,
} from '../support/healthStandIn';

const T0 = Date.UTC(2025, 5, 1, 12);
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const OTHER = '234567890123';
const THIRD = '345678901234';
const TOKEN_PATTERN = /^[a-zA-Z0-9=/+_.-]{4,10000}$/;
const INVALID_TOKEN = { name: 'InvalidPaginationToken', message: INVALID_TOKEN_MESSAGE };
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

async function pagesOf<T>(paginator: AsyncIterable<T>): Promise<T[]> {
  const pages: T[] = [];
  for await (const page of paginator) {
    pages.push(page);
  }
  return pages;
}

/** The service's order, computed here rather than asked of the store: newest update first, ties by ARN bytes. */
function newestFirst(events: readonly HealthEventRecord[]): string[] {
  return [...events].sort((a, b) => b.lastUpdatedTime - a.lastUpdatedTime || Buffer.compare(Buffer.from(a.arn), Buffer.from(b.arn))).map((e) => e.arn);
}

function arnsOf(pages: ReadonlyArray<{ events?: Event[] }>): string[] {
  return pages.flatMap((page) => page.events?.map((event) => event.arn ?? '') ?? []);
}

/** Asserts the call fails with this error name and HTTP status, after one attempt (not retried), and its message. */
async function refusedWith(promise: Promise<unknown>, name: string, status: number, message?: RegExp | string): Promise<void> {
  await assert.rejects(promise, (error: Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }) => {
    assert.equal(error.name, name);
    assert.equal(error.$metadata?.httpStatusCode, status);
    assert.equal(error.$metadata?.attempts, 1);
    if (typeof message === 'string') {
      assert.equal(error.message, message);
    } else if (message) {
      assert.match(error.message, message);
    }
    return true;
  });
}

function duplicates(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item) ? true : (seen.add(item), false)));
}

describe('AWS Health stand-in', function () {
  let store: HealthStore;
  let endpoint: string;
  let stop: () => Promise<void>;
  let client: HealthClient;

  beforeEach(async function () {
    store = new HealthStore({ now: () => T0 });
    ({ endpoint, stop } = await startHealthStandIn(store));
    client = new HealthClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  });

  afterEach(async function () {
    client.destroy();
    await stop();
  });

  it('DescribeEvents: 2,345 events through paginateDescribeEvents, each once, newest update first (ties by ARN), long opaque tokens', async function () {
    const seeded = store.seedEvents(2340, { accounts: [DEFAULT_ACCOUNT] });
    const tied = ['E', 'A', 'D', 'B', 'C'].map((id) => store.addEvent({
      service: 'EC2', eventTypeCode: 'AWS_EC2_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', id: `TIE_${id}`, lastUpdatedTime: T0 - 5 * DAY_MS,
    }));
    const expected = newestFirst([...seeded, ...tied]);

    const pages = await pagesOf(paginateDescribeEvents({ client, pageSize: 100 }, {}));
    assert.deepEqual(pages.map((page) => page.events?.length), [...Array<number>(23).fill(100), 45]);
    assert.deepEqual(arnsOf(pages), expected);
    assert.equal(pages.at(-1)?.nextToken, undefined, 'no token on the last page');
    for (const page of pages.slice(0, -1)) {
      assert.match(page.nextToken ?? '', TOKEN_PATTERN);
      assert.ok((page.nextToken ?? '').length >= 1024, 'tokens are long');
    }
    const tieOrder = arnsOf(pages).filter((arn) => arn.includes('/TIE_')).map((arn) => arn.slice(-1));
    assert.deepEqual(tieOrder, ['A', 'B', 'C', 'D', 'E']);

    const sent = store.requestsOf('DescribeEvents');
    assert.equal(sent.length, 24);
    assert.deepEqual([...new Set(sent.map((input) => input.maxResults))], [100]);
    assert.deepEqual(sent.slice(1).map((input) => input.nextToken), pages.slice(0, -1).map((page) => page.nextToken));
    assert.deepEqual([...new Set(store.requests.map((request) => request.region))], ['us-east-1'], 'signed for us-east-1');

    const first = seeded.find((event) => event.arn === expected[0]);
    const got = pages[0].events?.[0];
    assert.equal(got?.lastUpdatedTime?.getTime(), first?.lastUpdatedTime);
    assert.equal(got?.startTime?.getTime(), first?.startTime);
    assert.equal(got?.service, first?.service);
    assert.equal(got?.eventScopeCode, first?.eventScopeCode);
  });

  it('maxResults: 1–100 for DescribeEvents and the organization and entity calls, 10–100 for the others; defaults 10 and 30 (DescribeEventTypes)', async function () {
    const seeded = store.seedEvents(60, { accounts: [DEFAULT_ACCOUNT] });
    const withEntities = store.addEvent({ service: 'EC2', eventTypeCode: 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED', eventTypeCategory: 'scheduledChange' });
    store.addEntities(withEntities.arn, Array.from({ length: 3 }, (_, i) => ({ entityValue: `i-${i}` })));
    const below = (min: number) => ({ name: 'ValidationException', message: new RegExp(`at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to ${min}$`) });
    const above = { name: 'ValidationException', message: /at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100$/ };

    await assert.rejects(client.send(new DescribeEventsCommand({ maxResults: 0 })), {
      name: 'ValidationException', message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    await assert.rejects(client.send(new DescribeEventsCommand({ maxResults: 101 })), above);
    const one = await client.send(new DescribeEventsCommand({ maxResults: 1 }));
    assert.equal(one.events?.length, 1);
    assert.ok(one.nextToken);
    const unsized = await client.send(new DescribeEventsCommand({}));
    assert.equal(unsized.events?.length, 10, 'no maxResults: pages of 10');
    assert.equal((await client.send(new DescribeEventsCommand({ maxResults: 100 }))).events?.length, seeded.length + 1);

    await assert.rejects(client.send(new DescribeEventsForOrganizationCommand({ maxResults: 0 })), below(1));
    await assert.rejects(client.send(new DescribeEventsForOrganizationCommand({ maxResults: 101 })), above);
    assert.equal((await client.send(new DescribeEventsForOrganizationCommand({ maxResults: 1 }))).events?.length, 1);

    await assert.rejects(client.send(new DescribeAffectedEntitiesCommand({ filter: { eventArns: [withEntities.arn] }, maxResults: 0 })), below(1));
    assert.equal((await client.send(new DescribeAffectedEntitiesCommand({ filter: { eventArns: [withEntities.arn] }, maxResults: 1 }))).entities?.length, 1);
    await assert.rejects(client.send(new DescribeAffectedEntitiesForOrganizationCommand({
      organizationEntityAccountFilters: [{ eventArn: withEntities.arn, awsAccountId: DEFAULT_ACCOUNT }], maxResults: 101,
    })), above);

    await assert.rejects(client.send(new DescribeAffectedAccountsForOrganizationCommand({ eventArn: withEntities.arn, maxResults: 9 })), below(10));
    assert.deepEqual((await client.send(new DescribeAffectedAccountsForOrganizationCommand({ eventArn: withEntities.arn, maxResults: 10 }))).affectedAccounts, [DEFAULT_ACCOUNT]);
    await assert.rejects(client.send(new DescribeEventTypesCommand({ maxResults: 9 })), below(10));
    await assert.rejects(client.send(new DescribeEventAggregatesCommand({ aggregateField: 'eventTypeCategory', maxResults: 9 })), below(10));

    for (let i = 0; i < 20; i++) {
      store.addEvent({ service: 'CUSTOM', eventTypeCode: `AWS_CUSTOM_TYPE_${String(i).padStart(2, '0')}`, eventTypeCategory: 'accountNotification' });
    }
    const typePages = await pagesOf(paginateDescribeEventTypes({ client }, {}));
    assert.deepEqual(typePages.map((page) => page.eventTypes?.length), [30, 8], 'DescribeEventTypes: 30 by default');
  });

  it('the moving window: an event updated while a plain paginator pages jumps to page 1, so a later page repeats one event and the updated one is never returned', async function () {
    const seeded = store.seedEvents(250, { accounts: [DEFAULT_ACCOUNT] });
    const before = newestFirst(seeded);
    const target = before[25]; // on page 3 when pages hold 10

    const seen: string[] = [];
    let index = 0;
    for await (const page of paginateDescribeEvents({ client, pageSize: 10 }, {})) {
      seen.push(...(page.events?.map((event) => event.arn ?? '') ?? []));
      if (index++ === 0) {
        store.updateEvent(target, { statusCode: 'closed', endTime: T0 });
      }
    }
    assert.equal(seen.length, 250, 'as many rows as events...');
    assert.deepEqual(duplicates(seen), [before[9]], '...but the last event of page 1 comes again at the top of page 2');
    assert.ok(!seen.includes(target), 'and the updated event is never returned');
    assert.deepEqual(seen.slice(9, 12), [before[9], before[9], before[10]]);

    const fresh = await client.send(new DescribeEventsCommand({ maxResults: 10 }));
    assert.equal(fresh.events?.[0].arn, target, 'a new listing starts with it');
    assert.equal(fresh.events?.[0].statusCode, 'closed');
    assert.equal(fresh.events?.[0].lastUpdatedTime?.getTime(), T0);

    // An event already returned that is updated shifts nothing: it moves from before the cursor to before the cursor.
    const page1 = await client.send(new DescribeEventsCommand({ maxResults: 10 }));
    store.advanceClock(1000);
    store.updateEvent(page1.events?.[3].arn ?? '');
    const page2 = await client.send(new DescribeEventsCommand({ maxResults: 10, nextToken: page1.nextToken }));
    assert.equal(page2.events?.[0].arn, newestFirst(seeded.filter((e) => e.arn !== page1.events?.[3].arn))[9]);
  });

  it('a frozen filter lastUpdatedTimes [{to: T}] (both ends inclusive) leaves out events updated after T, before or during paging', async function () {
    const seeded = store.seedEvents(120, { accounts: [DEFAULT_ACCOUNT] });
    const atT = store.addEvent({ service: 'S3', eventTypeCode: 'AWS_S3_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', lastUpdatedTime: T0, id: 'AT_T' });
    const all = newestFirst([...seeded, atT]);
    assert.equal(all[0], atT.arn);
    const frozen: EventFilter = { lastUpdatedTimes: [{ to: new Date(T0) }] };
    store.advanceClock(MINUTE_MS);

    const updatedBefore = all[50];
    store.updateEvent(updatedBefore);
    const updatedDuring = all[60];
    const seen: string[] = [];
    let index = 0;
    for await (const page of paginateDescribeEvents({ client, pageSize: 10 }, { filter: frozen })) {
      seen.push(...(page.events?.map((event) => event.arn ?? '') ?? []));
      if (index++ === 0) {
        store.updateEvent(updatedDuring);
      }
    }
    assert.deepEqual(seen, all.filter((arn) => arn !== updatedBefore && arn !== updatedDuring), 'every other event once, in order; the event at T included');

    const since = await pagesOf(paginateDescribeEvents({ client, pageSize: 10 }, { filter: { lastUpdatedTimes: [{ from: new Date(T0 + MINUTE_MS) }] } }));
    assert.deepEqual(arnsOf(since).sort(), [updatedBefore, updatedDuring].sort(), 'the updated ones are in a listing from T on');
    const fromT = await client.send(new DescribeEventsCommand({ filter: { lastUpdatedTimes: [{ from: new Date(T0), to: new Date(T0) }] } }));
    assert.deepEqual(fromT.events?.map((event) => event.arn), [atT.arn], 'from and to both inclusive');

    // The token is an offset: an event that leaves the frozen window after it was returned shifts the rest by one,
    // so the next page skips an event that never changed (a listing of the updated events cannot show which).
    const frozenNow = all.filter((arn) => arn !== updatedBefore && arn !== updatedDuring);
    const first = await client.send(new DescribeEventsCommand({ filter: frozen, maxResults: 10 }));
    store.updateEvent(frozenNow[2]);
    const second = await client.send(new DescribeEventsCommand({ filter: frozen, maxResults: 10, nextToken: first.nextToken }));
    assert.deepEqual(second.events?.map((event) => event.arn), frozenNow.slice(11, 21), `${frozenNow[10]} is skipped`);
  });

  it('filters: EventFilter fields AND together, values within one OR; entity filters also return public events; limits and unsupported members refused', async function () {
    const ec2 = store.addEvent({
      service: 'EC2', eventTypeCode: 'AWS_EC2_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', region: 'us-east-1', availabilityZone: 'us-east-1a',
      startTime: T0 - 3 * DAY_MS, lastUpdatedTime: T0 - DAY_MS, statusCode: 'open', actionability: 'ACTION_MAY_BE_REQUIRED', personas: ['OPERATIONS'],
    });
    store.addEntities(ec2.arn, [{ entityValue: 'i-0aaaaaaaaaaaaaaaa' }]);
    const rds = store.addEvent({
      service: 'RDS', eventTypeCode: 'AWS_RDS_MAINTENANCE_SCHEDULED', eventTypeCategory: 'scheduledChange', region: 'eu-west-1',
      startTime: T0 + 2 * DAY_MS, endTime: T0 + 2 * DAY_MS + 3600_000, lastUpdatedTime: T0 - 2 * DAY_MS, statusCode: 'upcoming', actionability: 'ACTION_REQUIRED',
    });
    const s3 = store.addEvent({
      service: 'S3', eventTypeCode: 'AWS_S3_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', region: 'us-west-2', eventScopeCode: 'PUBLIC',
      startTime: T0 - 10 * DAY_MS, endTime: T0 - 9 * DAY_MS, lastUpdatedTime: T0 - 9 * DAY_MS, statusCode: 'closed',
    });
    store.addEvent({ service: 'EC2', eventTypeCode: 'AWS_EC2_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', accounts: [OTHER], lastUpdatedTime: T0 - 1 });
    const find = async (filter: EventFilter) => (await client.send(new DescribeEventsCommand({ filter, maxResults: 100 }))).events?.map((e) => e.arn);

    assert.deepEqual(await find({}), [ec2.arn, rds.arn, s3.arn], "another account's event is not in the caller's view");
    assert.deepEqual(await find({ services: ['EC2'] }), [ec2.arn]);
    assert.deepEqual(await find({ services: ['EC2', 'S3'] }), [ec2.arn, s3.arn]);
    assert.deepEqual(await find({ regions: ['eu-west-1'] }), [rds.arn]);
    assert.deepEqual(await find({ eventStatusCodes: ['closed', 'upcoming'] }), [rds.arn, s3.arn]);
    assert.deepEqual(await find({ eventTypeCategories: ['scheduledChange'] }), [rds.arn]);
    assert.deepEqual(await find({ eventTypeCodes: ['AWS_S3_OPERATIONAL_ISSUE'] }), [s3.arn]);
    assert.deepEqual(await find({ availabilityZones: ['us-east-1a'] }), [ec2.arn]);
    assert.deepEqual(await find({ eventArns: [rds.arn, s3.arn] }), [rds.arn, s3.arn]);
    assert.deepEqual(await find({ actionabilities: ['ACTION_REQUIRED'] }), [rds.arn]);
    assert.deepEqual(await find({ personas: ['OPERATIONS'] }), [ec2.arn]);
    assert.deepEqual(await find({ startTimes: [{ from: new Date(T0 - 3 * DAY_MS), to: new Date(T0) }] }), [ec2.arn], 'startTime range, inclusive');
    assert.deepEqual(await find({ startTimes: [{ to: new Date(T0 - 10 * DAY_MS) }, { from: new Date(T0 + DAY_MS) }] }), [rds.arn, s3.arn], 'ranges OR');
    assert.deepEqual(await find({ endTimes: [{ from: new Date(0) }] }), [rds.arn, s3.arn], 'an event without endTime matches no endTimes range');
    assert.deepEqual(await find({ services: ['EC2'], eventStatusCodes: ['closed'] }), [], 'fields AND');
    assert.deepEqual(await find({ entityValues: ['i-0aaaaaaaaaaaaaaaa'] }), [ec2.arn, s3.arn], 'an entity filter also returns public events');
    assert.deepEqual(await find({ entityValues: ['i-0aaaaaaaaaaaaaaaa'], services: ['EC2'] }), [ec2.arn], '...unless services narrows them');
    assert.deepEqual(await find({ entityArns: [store.entities(ec2.arn)[0].entityArn] }), [ec2.arn, s3.arn]);

    await assert.rejects(find({ entityValues: Array.from({ length: 100 }, (_, i) => `i-${i}`) }), {
      name: 'ValidationException', message: /^1 validation error detected: Value '\[i-0, i-1, .*, i-99\]' at 'filter.entityValues' failed to satisfy constraint: Member must have length less than or equal to 99$/,
    });
    await assert.rejects(find({ eventArns: ['not-an-arn'], services: Array.from({ length: 11 }, (_, i) => `S${i}`) }), {
      name: 'ValidationException',
      message: /^2 validation errors detected: Value 'not-an-arn' at 'filter.eventArns.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: .*; Value '\[S0, .*\]' at 'filter.services' failed to satisfy constraint: Member must have length less than or equal to 10$/,
    });
    await assert.rejects(find({ eventStatusCodes: ['resolved' as 'open'] }), {
      name: 'ValidationException', message: /Value 'resolved' at 'filter.eventStatusCodes.1.member' failed to satisfy constraint: Member must satisfy enum value set: \[open, closed, upcoming\]/,
    });
    await assert.rejects(find({ tags: [{ team: 'web' }] }), { name: 'ValidationException', message: /stand-in does not support 'filter.tags'/ });
    await assert.rejects(client.send(new DescribeAffectedEntitiesCommand({ filter: { eventArns: [ec2.arn], tags: [{ team: 'web' }] } })),
      { name: 'ValidationException', message: /'filter.tags'/ });
  });

  it('DescribeAffectedEntities: pages of the caller\'s entities, newest update first; eventArns required, 1–10; statusCodes narrows', async function () {
    const event = store.addEvent({ service: 'EC2', eventTypeCode: 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED', eventTypeCategory: 'scheduledChange', accounts: [DEFAULT_ACCOUNT, OTHER] });
    store.addEntities(event.arn, Array.from({ length: 250 }, (_, i) => ({
      entityValue: `i-${String(i).padStart(17, '0')}`, lastUpdatedTime: T0 - DAY_MS + i * 1000, statusCode: i % 5 === 0 ? 'RESOLVED' as const : 'IMPAIRED' as const,
    })));
    store.addEntities(event.arn, Array.from({ length: 30 }, (_, i) => ({ entityValue: `i-other-${i}`, awsAccountId: OTHER })));

    const pages = await pagesOf(paginateDescribeAffectedEntities({ client, pageSize: 100 }, { filter: { eventArns: [event.arn] } }));
    assert.deepEqual(pages.map((page) => page.entities?.length), [100, 100, 50]);
    const entities = pages.flatMap((page) => page.entities ?? []);
    assert.deepEqual(entities.map((e) => e.entityValue), Array.from({ length: 250 }, (_, i) => `i-${String(249 - i).padStart(17, '0')}`));
    assert.ok(entities.every((e) => e.awsAccountId === DEFAULT_ACCOUNT && e.eventArn === event.arn));
    assert.match(entities[0].entityArn ?? '', /^arn:aws:health:us-east-1:123456789012:entity\/[A-Za-z0-9]{20}$/);
    assert.equal(entities[0].lastUpdatedTime?.getTime(), T0 - DAY_MS + 249_000);
    assert.equal(pages.at(-1)?.nextToken, undefined);

    const resolved = await pagesOf(paginateDescribeAffectedEntities({ client, pageSize: 100 }, { filter: { eventArns: [event.arn], statusCodes: ['RESOLVED'] } }));
    assert.equal(resolved.flatMap((page) => page.entities ?? []).length, 50);
    const unknown = await client.send(new DescribeAffectedEntitiesCommand({ filter: { eventArns: ['arn:aws:health:us-east-1::event/EC2/AWS_EC2_X/none'] } }));
    assert.deepEqual(unknown.entities, [], 'an unknown event has no entities, and no error');

    await assert.rejects(client.send(new DescribeAffectedEntitiesCommand({ filter: {} as { eventArns: string[] } })), {
      name: 'ValidationException', message: "1 validation error detected: Value null at 'filter.eventArns' failed to satisfy constraint: Member must not be null",
    });
    await assert.rejects(client.send(new DescribeAffectedEntitiesCommand({ filter: { eventArns: Array.from({ length: 11 }, () => event.arn) } })),
      { name: 'ValidationException', message: /at 'filter.eventArns' failed to satisfy constraint: Member must have length less than or equal to 10/ });
    await assert.rejects(client.send(new DescribeAffectedEntitiesCommand({ filter: { eventArns: [] } })),
      { name: 'ValidationException', message: /Member must have length greater than or equal to 1/ });
  });

  it('organizational view: ENABLED serves the organization calls (events, affected accounts and entities, details); DISABLED and PENDING refuse them', async function () {
    const pub = store.addEvent({ service: 'S3', eventTypeCode: 'AWS_S3_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', eventScopeCode: 'PUBLIC', lastUpdatedTime: T0 - 3000 });
    const mine = store.addEvent({ service: 'EC2', eventTypeCode: 'AWS_EC2_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', availabilityZone: 'us-east-1b', lastUpdatedTime: T0 - 2000 });
    const theirs = store.addEvent({ service: 'RDS', eventTypeCode: 'AWS_RDS_MAINTENANCE_SCHEDULED', eventTypeCategory: 'scheduledChange', accounts: [OTHER, THIRD], lastUpdatedTime: T0 - 1000 });
    store.addEntities(theirs.arn, [{ entityValue: 'db-1', awsAccountId: OTHER }, { entityValue: 'db-2', awsAccountId: OTHER }, { entityValue: 'db-3', awsAccountId: THIRD }]);

    assert.equal((await client.send(new DescribeHealthServiceStatusForOrganizationCommand({}))).healthServiceAccessStatusForOrganization, 'ENABLED');
    const orgEvents = arnsOf(await pagesOf(paginateDescribeEventsForOrganization({ client, pageSize: 1 }, {})));
    assert.deepEqual(orgEvents, [theirs.arn, mine.arn, pub.arn]);
    assert.deepEqual(arnsOf([await client.send(new DescribeEventsCommand({}))]), [mine.arn, pub.arn], "the caller's own view lacks the other accounts' event");
    const orgMine = (await client.send(new DescribeEventsForOrganizationCommand({ filter: { eventTypeCodes: ['AWS_EC2_OPERATIONAL_ISSUE'] } }))).events?.[0];
    assert.equal(orgMine?.arn, mine.arn);
    assert.ok(!('availabilityZone' in (orgMine ?? {})), 'an OrganizationEvent has no availabilityZone');
    assert.deepEqual(arnsOf([await client.send(new DescribeEventsForOrganizationCommand({ filter: { awsAccountIds: [THIRD] } }))]), [theirs.arn]);
    assert.deepEqual(arnsOf([await client.send(new DescribeEventsForOrganizationCommand({ filter: { lastUpdatedTime: { to: new Date(T0 - 2000) } } }))]), [mine.arn, pub.arn]);

    const affected = async (eventArn: string) => client.send(new DescribeAffectedAccountsForOrganizationCommand({ eventArn }));
    const specific = await affected(theirs.arn);
    assert.deepEqual([specific.affectedAccounts, specific.eventScopeCode, specific.nextToken], [[OTHER, THIRD], 'ACCOUNT_SPECIFIC', undefined]);
    assert.deepEqual((await affected(pub.arn)).affectedAccounts, []);
    assert.equal((await affected(pub.arn)).eventScopeCode, 'PUBLIC');
    const none = await affected('arn:aws:health:us-east-1::event/EC2/AWS_EC2_X/nothing');
    assert.deepEqual([none.affectedAccounts, none.eventScopeCode], [[], 'NONE']);

    const many = Array.from({ length: 25 }, (_, i) => String(100000000000 + i));
    store.organizationAccounts = [DEFAULT_ACCOUNT, ...many];
    const wide = store.addEvent({ service: 'IAM', eventTypeCode: 'AWS_IAM_OPERATIONAL_NOTIFICATION', eventTypeCategory: 'accountNotification', region: 'global', accounts: many });
    const accountPages = await pagesOf(paginateDescribeAffectedAccountsForOrganization({ client, pageSize: 10 }, { eventArn: wide.arn }));
    assert.deepEqual(accountPages.map((page) => page.affectedAccounts?.length), [10, 10, 5]);
    assert.deepEqual(accountPages.flatMap((page) => page.affectedAccounts), many);
    store.organizationAccounts = [DEFAULT_ACCOUNT, OTHER, THIRD];

    const unknownArn = 'arn:aws:health:us-east-1::event/EC2/AWS_EC2_X/gone';
    const entityPages = await pagesOf(paginateDescribeAffectedEntitiesForOrganization({ client, pageSize: 1 }, {
      organizationEntityAccountFilters: [{ eventArn: theirs.arn, awsAccountId: OTHER }, { eventArn: theirs.arn }, { eventArn: unknownArn, awsAccountId: OTHER }],
    }));
    assert.deepEqual(entityPages.flatMap((page) => page.entities?.map((e) => e.entityValue)).sort(), ['db-1', 'db-2']);
    assert.ok(entityPages.flatMap((page) => page.entities ?? []).every((e) => e.awsAccountId === OTHER));
    assert.deepEqual(entityPages[0].failedSet?.map((f) => [f.eventArn, f.awsAccountId, f.errorName]), [
      [theirs.arn, undefined, INVALID_ACCOUNT_INPUT], [unknownArn, OTHER, EVENT_NOT_FOUND],
    ]);
    const legacy = await client.send(new DescribeAffectedEntitiesForOrganizationCommand({ organizationEntityFilters: [{ eventArn: theirs.arn, awsAccountId: THIRD }] }));
    assert.deepEqual(legacy.entities?.map((e) => e.entityValue), ['db-3'], 'the deprecated organizationEntityFilters still work');

    const details = await client.send(new DescribeEventDetailsForOrganizationCommand({
      organizationEventDetailFilters: [{ eventArn: theirs.arn, awsAccountId: OTHER }, { eventArn: pub.arn }, { eventArn: pub.arn, awsAccountId: OTHER }, { eventArn: theirs.arn }],
    }));
    assert.deepEqual(details.successfulSet?.map((s) => [s.awsAccountId, s.event?.arn]), [[OTHER, theirs.arn], [undefined, pub.arn]]);
    assert.deepEqual(details.failedSet?.map((f) => [f.eventArn, f.awsAccountId, f.errorName, f.errorMessage]), [
      [pub.arn, OTHER, EVENT_NOT_FOUND, ACCOUNT_EVENT_NOT_FOUND], [theirs.arn, undefined, EVENT_NOT_FOUND, PUBLIC_EVENT_NOT_FOUND],
    ]);

    for (const access of ['DISABLED', 'PENDING'] as const) {
      store.organizationAccess = access;
      assert.equal((await client.send(new DescribeHealthServiceStatusForOrganizationCommand({}))).healthServiceAccessStatusForOrganization, access);
      const refused = (call: Promise<unknown>) => refusedWith(call, 'AccessDeniedException', 400, /organizational view/);
      await refused(client.send(new DescribeEventsForOrganizationCommand({})));
      await refused(client.send(new DescribeAffectedAccountsForOrganizationCommand({ eventArn: theirs.arn })));
      await refused(client.send(new DescribeAffectedEntitiesForOrganizationCommand({ organizationEntityAccountFilters: [{ eventArn: theirs.arn, awsAccountId: OTHER }] })));
      await refused(client.send(new DescribeEventDetailsForOrganizationCommand({ organizationEventDetailFilters: [{ eventArn: pub.arn }] })));
      assert.equal((await client.send(new DescribeEventsCommand({}))).events?.length, 2, 'the account calls still work');
    }
  });

  it('without Business, Enterprise On-Ramp or Enterprise Support every call fails with SubscriptionRequiredException', async function () {
    store.seedEvents(5);
    store.subscriptionRequired = true;
    const refused = (call: Promise<unknown>) => refusedWith(call, 'SubscriptionRequiredException', 400);
    await refused(client.send(new DescribeEventsCommand({})));
    await refused(client.send(new DescribeEventsForOrganizationCommand({})));
    await refused(client.send(new DescribeEventTypesCommand({})));
    await refused(client.send(new DescribeEventDetailsCommand({ eventArns: [store.events()[0].arn] })));
    await refused(client.send(new DescribeAffectedEntitiesCommand({ filter: { eventArns: [store.events()[0].arn] } })));
    await refused(client.send(new DescribeHealthServiceStatusForOrganizationCommand({})));
    await refused(client.send(new DescribeEventsCommand({ maxResults: 0 }))); // before any validation
    store.subscriptionRequired = false;
    assert.equal((await client.send(new DescribeEventsCommand({}))).events?.length, store.events().filter((e) => store.visibleToAccount(e)).length);
  });

  it('tokens: foreign, made up, edited, for another query or operation, or older than 24 hours are refused with InvalidPaginationToken; off-pattern ones with ValidationException', async function () {
    store.seedEvents(40, { accounts: [DEFAULT_ACCOUNT] });
    const query = { filter: { eventStatusCodes: ['open', 'closed', 'upcoming'] as Array<'open' | 'closed' | 'upcoming'> }, maxResults: 10 };
    const first = await client.send(new DescribeEventsCommand(query));
    assert.ok(first.nextToken);

    const other = await startHealthStandIn(new HealthStore({ now: () => T0 }));
    try {
      other.store.seedEvents(40, { accounts: [DEFAULT_ACCOUNT] });
      const otherClient = new HealthClient({ endpoint: other.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
      await assert.rejects(otherClient.send(new DescribeEventsCommand({ ...query, nextToken: first.nextToken })), INVALID_TOKEN, "another store's token");
      otherClient.destroy();
    } finally {
      await other.stop();
    }
    await assert.rejects(client.send(new DescribeEventsCommand({ ...query, nextToken: 'bm90LWEtdG9rZW4' })), INVALID_TOKEN, 'made up');
    const token = first.nextToken ?? '';
    const edited = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    await assert.rejects(client.send(new DescribeEventsCommand({ ...query, nextToken: edited })), INVALID_TOKEN, 'edited');
    await assert.rejects(client.send(new DescribeEventsCommand({ filter: { eventStatusCodes: ['open'] }, nextToken: token })), INVALID_TOKEN, 'another filter');
    const unfiltered = (await client.send(new DescribeEventsCommand({ maxResults: 10 }))).nextToken;
    await assert.rejects(client.send(new DescribeEventsForOrganizationCommand({ nextToken: unfiltered })), INVALID_TOKEN, 'another operation, same (no) filter');
    const resized = await client.send(new DescribeEventsCommand({ ...query, maxResults: 5, nextToken: token }));
    assert.equal(resized.events?.length, 5, 'another maxResults is the same query');

    await assert.rejects(client.send(new DescribeEventsCommand({ ...query, nextToken: 'not a token!' })), {
      name: 'ValidationException', message: "1 validation error detected: Value 'not a token!' at 'nextToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9=/+_.-]{4,10000}$",
    });
    await assert.rejects(client.send(new DescribeEventsCommand({ ...query, nextToken: 'abc' })), { name: 'ValidationException', message: /Member must have length greater than or equal to 4/ });

    store.advanceClock(DAY_MS);
    const second = await client.send(new DescribeEventsCommand({ ...query, nextToken: token }));
    assert.equal(second.events?.length, 10, 'exactly 24 hours old is still valid');
    store.advanceClock(DAY_MS + 1);
    await refusedWith(client.send(new DescribeEventsCommand({ ...query, nextToken: second.nextToken })), 'InvalidPaginationToken', 400, INVALID_TOKEN_MESSAGE);
    const again = await client.send(new DescribeEventsCommand(query));
    assert.equal((await client.send(new DescribeEventsCommand({ ...query, nextToken: again.nextToken }))).events?.length, 10, 'a fresh one works');
  });

  it('DescribeEventDetails: 1–10 ARNs; found events in successfulSet with description and metadata, the others in failedSet, in the order asked', async function () {
    const a = store.addEvent({
      service: 'EC2', eventTypeCode: 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED', eventTypeCategory: 'scheduledChange', description: 'Instance retirement on 2025-06-10.',
      metadata: { maintenance_window: '2025-06-10T00:00:00Z/2025-06-10T02:00:00Z' }, endTime: T0 + DAY_MS,
    });
    const b = store.addEvent({ service: 'S3', eventTypeCode: 'AWS_S3_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', eventScopeCode: 'PUBLIC' });
    const notMine = store.addEvent({ service: 'RDS', eventTypeCode: 'AWS_RDS_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', accounts: [OTHER] });
    const missing = 'arn:aws:health:us-west-2::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_OPERATIONAL_ISSUE_NOPE';

    const details = await client.send(new DescribeEventDetailsCommand({ eventArns: [b.arn, missing, a.arn, notMine.arn] }));
    assert.deepEqual(details.successfulSet?.map((s) => s.event?.arn), [b.arn, a.arn]);
    const detailA = details.successfulSet?.[1];
    assert.equal(detailA?.eventDescription?.latestDescription, 'Instance retirement on 2025-06-10.');
    assert.deepEqual(detailA?.eventMetadata, { maintenance_window: '2025-06-10T00:00:00Z/2025-06-10T02:00:00Z' });
    assert.equal(detailA?.event?.endTime?.getTime(), T0 + DAY_MS);
    assert.deepEqual(details.failedSet?.map((f) => [f.eventArn, f.errorName]), [[missing, EVENT_NOT_FOUND], [notMine.arn, EVENT_NOT_FOUND]]);
    assert.ok(details.failedSet?.every((f) => typeof f.errorMessage === 'string' && f.errorMessage.length > 0));

    await assert.rejects(client.send(new DescribeEventDetailsCommand({ eventArns: Array.from({ length: 11 }, () => a.arn) })),
      { name: 'ValidationException', message: /at 'eventArns' failed to satisfy constraint: Member must have length less than or equal to 10/ });
    await assert.rejects(client.send(new DescribeEventDetailsCommand({ eventArns: [] })),
      { name: 'ValidationException', message: /at 'eventArns' failed to satisfy constraint: Member must have length greater than or equal to 1/ });
  });

  it('DescribeEventTypes filters and pages the catalogue; DescribeEventAggregates counts events by category', async function () {
    const seeded = store.seedEvents(300, { accounts: [DEFAULT_ACCOUNT] });
    const types = (await pagesOf(paginateDescribeEventTypes({ client, pageSize: 10 }, {}))).flatMap((page) => page.eventTypes ?? []);
    assert.equal(types.length, 18);
    assert.equal(new Set(types.map((t) => t.code)).size, 18);
    const ec2 = await client.send(new DescribeEventTypesCommand({ filter: { services: ['EC2'] } }));
    assert.deepEqual(ec2.eventTypes?.map((t) => t.code), ['AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED', 'AWS_EC2_OPERATIONAL_ISSUE', 'AWS_EC2_SYSTEM_REBOOT_MAINTENANCE_SCHEDULED']);
    const billing = await client.send(new DescribeEventTypesCommand({ filter: { personas: ['BILLING'] } }));
    assert.deepEqual(billing.eventTypes, [{ service: 'BILLING', code: 'AWS_BILLING_NOTIFICATION', category: 'accountNotification', actionability: 'INFORMATIONAL', personas: ['BILLING'] }]);

    const aggregates = await client.send(new DescribeEventAggregatesCommand({ aggregateField: 'eventTypeCategory' }));
    const expected = new Map<string, number>();
    for (const event of seeded) {
      expected.set(event.eventTypeCategory, (expected.get(event.eventTypeCategory) ?? 0) + 1);
    }
    assert.deepEqual(aggregates.eventAggregates, [...expected.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([aggregateValue, count]) => ({ aggregateValue, count })));
    const open = await client.send(new DescribeEventAggregatesCommand({ aggregateField: 'eventTypeCategory', filter: { eventStatusCodes: ['open'] } }));
    assert.equal(open.eventAggregates?.reduce((sum, a) => sum + (a.count ?? 0), 0), seeded.filter((e) => e.statusCode === 'open').length);
    await assert.rejects(client.send(new DescribeEventAggregatesCommand({} as { aggregateField: 'eventTypeCategory' })),
      { name: 'ValidationException', message: /Value null at 'aggregateField'/ });
  });

  it('seedEvents is deterministic and varied: statuses, services, categories, public and account events, entities, events outside the caller\'s view', async function () {
    const again = new HealthStore({ now: () => T0 });
    const a = store.seedEvents(400);
    const b = again.seedEvents(400);
    assert.deepEqual(a.map((e) => [e.arn, e.lastUpdatedTime, e.statusCode, e.accounts]), b.map((e) => [e.arn, e.lastUpdatedTime, e.statusCode, e.accounts]));
    assert.notDeepEqual(store.seedEvents(3).map((e) => e.arn), a.slice(0, 3).map((e) => e.arn), 'the next call continues the sequence');

    assert.deepEqual(new Set(a.map((e) => e.statusCode)), new Set(['open', 'closed', 'upcoming']));
    assert.ok(new Set(a.map((e) => e.service)).size >= 10);
    assert.deepEqual(new Set(a.map((e) => e.eventTypeCategory)), new Set(['issue', 'scheduledChange', 'accountNotification']));
    assert.ok(a.some((e) => e.eventScopeCode === 'PUBLIC') && a.some((e) => e.eventScopeCode === 'ACCOUNT_SPECIFIC'));
    assert.ok(a.some((e) => e.region === 'global') && a.some((e) => e.availabilityZone !== undefined));
    assert.ok(a.filter((e) => store.entities(e.arn).length > 0).length > 50);
    assert.ok(a.some((e) => !store.visibleToAccount(e)), 'some events concern only other accounts of the organization');
    assert.ok(a.every((e) => e.lastUpdatedTime < T0), 'every update before now, so updateEvent moves an event to the front');
    assert.ok(a.every((e) => /^arn:aws:health:[^:]*::event(?:\/[\w-]+){3}$/.test(e.arn)));
    assert.ok(a.filter((e) => e.statusCode === 'upcoming').every((e) => e.startTime > T0));
    assert.ok(a.filter((e) => e.statusCode === 'closed').every((e) => e.endTime !== undefined && e.endTime <= e.lastUpdatedTime));

    const orgTotal = (await pagesOf(paginateDescribeEventsForOrganization({ client, pageSize: 100 }, {}))).flatMap((page) => page.events ?? []).length;
    assert.equal(orgTotal, store.events().length);
  });

  it('speaks AWS JSON 1.1 signed for us-east-1: another signing Region, no signature, unknown operations and locales are refused', async function () {
    store.seedEvents(3, { accounts: [DEFAULT_ACCOUNT] });
    const elsewhere = new HealthClient({ endpoint, region: 'eu-west-1', credentials, maxAttempts: 1 });
    await refusedWith(elsewhere.send(new DescribeEventsCommand({})), 'InvalidSignatureException', 403, /Credential should be scoped to a valid region/);
    elsewhere.destroy();
    assert.deepEqual(store.requests.map((r) => [r.operation, r.region]), [['DescribeEvents', 'eu-west-1']]);
    await assert.rejects(client.send(new DescribeEventsCommand({ locale: 'fr' })), { name: 'UnsupportedLocale', message: 'The specified locale is not supported.' });
    assert.equal((await client.send(new DescribeEventsCommand({ locale: 'en' }))).events?.length, 3);

    const post = (target: string, body: unknown, signed = true) => fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target,
        ...(signed ? { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250601/us-east-1/health/aws4_request, SignedHeaders=host, Signature=0' } : {}),
      },
      body: JSON.stringify(body),
    });
    const ok = await post('AWSHealth_20160804.DescribeEvents', { maxResults: 2 });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.ok(ok.headers.get('x-amzn-requestid'));
    const page = await ok.json() as { events: Array<Record<string, unknown>>; nextToken: string };
    assert.equal(typeof page.events[0].lastUpdatedTime, 'number', 'timestamps are epoch seconds');
    assert.equal(page.events[0].lastUpdatedTime, (store.events()[0].lastUpdatedTime) / 1000);
    assert.equal(typeof page.nextToken, 'string');

    const unknown = await post('AWSHealth_20160804.EnableHealthServiceAccessForOrganization', {});
    assert.equal(unknown.status, 400);
    assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    assert.equal(((await unknown.json()) as { __type: string }).__type, 'UnknownOperationException');
    const unsigned = await post('AWSHealth_20160804.DescribeEvents', {}, false);
    assert.equal(unsigned.status, 403);
    assert.deepEqual(await unsigned.json(), { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    const wrongType = await post('AWSHealth_20160804.DescribeEvents', { maxResults: '10' });
    assert.equal(((await wrongType.json()) as { __type: string }).__type, 'SerializationException');
  });
});
