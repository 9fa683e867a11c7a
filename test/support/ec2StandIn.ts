import { createHash, randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import { type RouteHandler, startServiceRouter } from './serviceRouter';

/**
 * A stand-in for EC2 DescribeInstances, and nothing else: no emulator for EC2 exists on npm or in Debian, so this
 * speaks the real EC2 query protocol to the real SDK client. The request is a form (`Action=DescribeInstances&
 * Version=2016-11-15&…`, lists flattened as `InstanceId.1`, `Filter.1.Name`, `Filter.1.Value.1`), the answer XML in
 * the `http://ec2.amazonaws.com/doc/2016-11-15/` namespace, an error `<Response><Errors><Error><Code>…`
 * (API reference, "Query requests for Amazon EC2": https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html,
 * "Error codes": https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
 *
 * What it does follows the API reference for DescribeInstances
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html, cited below as "DI") and the
 * paging section of the query API page (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html#api-pagination,
 * cited as "Pagination"). Where the reference says nothing, the comment says so and names what the choice rests on.
 */

const NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export type InstanceStateName = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

/**
 * The state codes, DI `InstanceState.Code`: "0 : pending, 16 : running, 32 : shutting-down, 48 : terminated,
 * 64 : stopping, 80 : stopped" (the low byte; the stand-in never sets the high byte).
 */
export const INSTANCE_STATE_CODES: Readonly<Record<InstanceStateName, number>> = {
  pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80,
};

/** What a test says about an instance; everything left out gets a deterministic default. */
export interface InstanceSeed {
  /** `i-` + 8 or 17 hex digits; by default `i-0` + 16 hex digits derived from the store's seed and a counter. */
  instanceId?: string;
  /** Default `running`. */
  state?: InstanceStateName;
  /** Default `t3.micro`. */
  instanceType?: string;
  /** Default `10.0.x.y`, unique within the store. */
  privateIpAddress?: string;
  /** The public IPv4 address (`ipAddress` in the XML, `PublicIpAddress` in the SDK); none by default. */
  publicIpAddress?: string;
  tags?: Record<string, string>;
  /** Default 2024-01-01T00:00:00Z plus one minute per instance created so far. */
  launchTime?: Date;
  vpcId?: string;
  /** Default: one of three subnets (us-east-1a/b/c) in turn. */
  subnetId?: string;
  /** Default: the subnet's zone, or `us-east-1a` for a subnet the store did not make up. */
  availabilityZone?: string;
  imageId?: string;
}

/** One instance as the store holds it. `state` and `tags` may be changed by a test between requests. */
export interface Ec2Instance {
  readonly instanceId: string;
  readonly reservationId: string;
  /** Its place in its launch (`amiLaunchIndex`). */
  readonly launchIndex: number;
  /** Creation order across the store; tokens point at it. */
  readonly sequence: number;
  state: InstanceStateName;
  tags: Record<string, string>;
  readonly instanceType: string;
  readonly privateIpAddress: string;
  readonly publicIpAddress: string | undefined;
  readonly launchTime: Date;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly availabilityZone: string;
  readonly imageId: string;
  readonly architecture: 'x86_64' | 'arm64';
}

export interface Ec2Reservation {
  readonly reservationId: string;
  readonly ownerId: string;
  readonly instances: readonly Ec2Instance[];
}

export interface Ec2StoreOptions {
  /** Varies the generated ids (default `ec2-stand-in`); the same seed and the same calls give the same ids. */
  readonly seed?: string;
  /**
   * Page the way EC2 is seen to page when filters are given: each page looks at the next MaxResults instances and
   * returns those that match, so a page may be short or empty and still carry a `nextToken`. The reference does not
   * promise full pages (DI `MaxResults`: "The maximum number of items to return"); EC2 has been seen to return an
   * empty `reservationSet` with a `nextToken` for a filtered call (aws/aws-sdk-ruby#689), and a short page before
   * the end (seek-oss/aec#405). Off by default: then every page but the last holds exactly MaxResults instances.
   */
  readonly sparseFilteredPages?: boolean;
}

export interface SeedOptions {
  /** The Name tags are `<prefix>-0001`, `<prefix>-0002`, …, numbered on from earlier calls with the same prefix. Default `web`. */
  readonly namePrefix?: string;
}

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const BASE_LAUNCH = Date.UTC(2024, 0, 1);

/**
 * In-memory reservations of instances, in creation order (the order DescribeInstances answers in: DI promises no
 * order, so the stand-in keeps a stable one a test can predict), and a log of the requests received.
 */
export class Ec2Store {
  readonly ownerId = ACCOUNT;
  readonly sparseFilteredPages: boolean;
  /** Every request's form, decoded (`{ Action, Version, MaxResults, NextToken, 'Filter.1.Name', … }`), oldest first. */
  readonly requests: Array<Record<string, string>> = [];
  private readonly seed: string;
  private readonly held: Ec2Reservation[] = [];
  private readonly byId = new Map<string, Ec2Instance>();
  private readonly usedIds = new Set<string>();
  private readonly names = new Map<string, number>();
  private idCounter = 0;
  private created = 0;
  readonly vpcId: string;
  readonly subnets: ReadonlyArray<{ readonly subnetId: string; readonly availabilityZone: string }>;
  /**
   * How a token older than {@link tokenLifetimeMs} is refused. The reference documents InvalidPaginationToken ("The
   * specified pagination token is not valid or is expired.", Error codes), but users report that some Describe* APIs
   * refuse a stale NextToken as InvalidParameterValue instead ("… NextToken is invalid"; the quirks in
   * /work/shared/notes/aws-paging-facts.md): a client must recognise both.
   */
  staleTokenError: 'InvalidPaginationToken' | 'InvalidParameterValue' = 'InvalidPaginationToken';
  /** The reference gives EC2 tokens no lifetime; a day, as the other services' tokens, so tests can age them. */
  tokenLifetimeMs = 24 * 60 * 60 * 1000;
  private advanced = 0;

  constructor(options: Ec2StoreOptions = {}) {
    this.seed = options.seed ?? 'ec2-stand-in';
    this.sparseFilteredPages = options.sparseFilteredPages ?? false;
    this.vpcId = this.newId('vpc');
    this.subnets = ['a', 'b', 'c'].map((zone) => ({ subnetId: this.newId('subnet'), availabilityZone: `${REGION}${zone}` }));
  }

  /** The store's time, which tokens are aged by: now, plus what {@link advanceClock} added. */
  now(): number {
    return Date.now() + this.advanced;
  }

  advanceClock(ms: number): void {
    this.advanced += ms;
  }

  get reservations(): readonly Ec2Reservation[] {
    return this.held;
  }

  /** Every instance, reservation by reservation, in creation order. */
  instances(): Ec2Instance[] {
    return this.held.flatMap((reservation) => reservation.instances);
  }

  instance(instanceId: string): Ec2Instance | undefined {
    return this.byId.get(instanceId);
  }

  /** Launches one reservation (one RunInstances call) of the given instances; returns its id (`r-` + 17 hex digits). */
  addReservation(instances: InstanceSeed[]): string {
    if (instances.length === 0) {
      throw new Error('A reservation holds at least one instance.');
    }
    for (const seed of instances) {
      if (seed.instanceId !== undefined && (!INSTANCE_ID.test(seed.instanceId) || this.usedIds.has(seed.instanceId))) {
        throw new Error(`Instance id ${seed.instanceId} is malformed or already used.`);
      }
    }
    const reservationId = this.newId('r');
    const made = instances.map((seed, launchIndex) => {
      const sequence = ++this.created;
      const subnet = this.subnets[sequence % this.subnets.length];
      const subnetId = seed.subnetId ?? subnet.subnetId;
      const instanceType = seed.instanceType ?? 't3.micro';
      const instanceId = seed.instanceId ?? this.newId('i');
      this.usedIds.add(instanceId);
      const instance: Ec2Instance = {
        instanceId, reservationId, launchIndex, sequence,
        state: seed.state ?? 'running',
        tags: { ...seed.tags },
        instanceType,
        privateIpAddress: seed.privateIpAddress ?? `10.0.${Math.floor(sequence / 250) % 256}.${(sequence % 250) + 4}`,
        publicIpAddress: seed.publicIpAddress,
        launchTime: seed.launchTime ?? new Date(BASE_LAUNCH + sequence * 60_000),
        vpcId: seed.vpcId ?? this.vpcId,
        subnetId,
        availabilityZone: seed.availabilityZone ?? this.subnets.find((s) => s.subnetId === subnetId)?.availabilityZone ?? `${REGION}a`,
        imageId: seed.imageId ?? 'ami-0abcdef1234567890',
        architecture: GRAVITON.test(instanceType) ? 'arm64' : 'x86_64',
      };
      this.byId.set(instanceId, instance);
      return instance;
    });
    this.held.push({ reservationId, ownerId: ACCOUNT, instances: made });
    return reservationId;
  }

  /**
   * Creates `count` instances in reservations of 1 to 3 (sizes cycle 1, 2, 3, 1, 3, 2), with all six states (mostly
   * running), seven instance types (two of them Graviton), Name tags `web-0001`… except every ninth instance, an
   * `env` tag, no tags at all on every thirteenth, and a public IP on every fourth running one. Returns them in order.
   */
  seedInstances(count: number, options: SeedOptions = {}): Ec2Instance[] {
    const prefix = options.namePrefix ?? 'web';
    const first = this.names.get(prefix) ?? 0;
    const width = Math.max(4, String(first + count).length);
    const seeds: InstanceSeed[] = [];
    for (let i = 0; i < count; i++) {
      const n = first + i;
      const state = SEED_STATES[n % SEED_STATES.length];
      const tags: Record<string, string> = n % 13 === 12 ? {} : { env: SEED_ENVS[n % SEED_ENVS.length] };
      if (n % 9 !== 8 && n % 13 !== 12) {
        tags.Name = `${prefix}-${String(n + 1).padStart(width, '0')}`;
      }
      seeds.push({
        state,
        instanceType: SEED_TYPES[n % SEED_TYPES.length],
        tags,
        publicIpAddress: state === 'running' && n % 4 === 0 ? `54.${160 + Math.floor(n / 65_536) % 64}.${Math.floor(n / 256) % 256}.${n % 256}` : undefined,
      });
    }
    this.names.set(prefix, first + count);
    const made: Ec2Instance[] = [];
    for (let i = 0, r = 0; i < seeds.length; r++) {
      const size = Math.min(SEED_SIZES[r % SEED_SIZES.length], seeds.length - i);
      const reservationId = this.addReservation(seeds.slice(i, i + size));
      made.push(...this.held.find((x) => x.reservationId === reservationId)!.instances);
      i += size;
    }
    return made;
  }

  /** `<prefix>-0` + 16 hex digits (the 17-digit form EC2 has used since 2016; its ids start with 0), unique in the store. */
  private newId(prefix: string): string {
    for (;;) {
      const id = `${prefix}-0${createHash('sha256').update(`${this.seed}:${prefix}:${this.idCounter++}`).digest('hex').slice(0, 16)}`;
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }
}

const SEED_SIZES = [1, 2, 3, 1, 3, 2];
const SEED_STATES: InstanceStateName[] = ['running', 'running', 'stopped', 'running', 'pending', 'running', 'stopping', 'running', 'shutting-down', 'terminated', 'running', 'stopped'];
const SEED_TYPES = ['t3.micro', 't3.small', 'm5.large', 'c5.xlarge', 't4g.medium', 'r6g.large', 'm7i-flex.large'];
const SEED_ENVS = ['prod', 'staging', 'dev'];
/** Graviton families carry a `g` after the generation digit (t4g, m6gd, c7gn); `g5` is a GPU family on x86. */
const GRAVITON = /^[a-z]+\d+[a-z]*g[a-z]*\./;

/**
 * DI `InstanceId.N` takes instance ids; EC2 ids are `i-` and 8 hex digits, or 17 since the longer ids
 * (https://aws.amazon.com/blogs/aws/theyre-here-longer-ec2-resource-ids-now-available/).
 */
const INSTANCE_ID = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** A refusal, written as EC2's `<Response><Errors>` document. */
class Ec2Error extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
  }
}

/** Serves DescribeInstances from `store`; any other action is refused with `InvalidAction`. */
export function ec2Handler(store: Ec2Store): RouteHandler {
  return async (req, body, res) => {
    const text = body.length > 0 ? body.toString('utf8') : new URL(req.url ?? '/', 'http://localhost').search.slice(1);
    const form = new URLSearchParams(text);
    store.requests.push(Object.fromEntries(form));
    const requestId = randomUUID();
    try {
      const action = form.get('Action') ?? '';
      if (action !== 'DescribeInstances') {
        // Error codes, common client errors: InvalidAction, "The action or operation requested is not valid";
        // EC2 words it "The action X is not valid for this web service."
        throw new Ec2Error('InvalidAction', `The action ${action} is not valid for this web service.`);
      }
      sendXml(res, 200, requestId, describeInstances(store, form, requestId));
    } catch (error) {
      if (!(error instanceof Ec2Error)) {
        throw error;
      }
      // Error codes, "Error response": `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`.
      sendXml(res, error.status, requestId, `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`);
    }
  };
}

/** A router with only the DescribeInstances route (anything else goes to the closed port 9), for tests. */
export async function startEc2StandIn(store: Ec2Store = new Ec2Store()): Promise<{ endpoint: string; store: Ec2Store; stop(): Promise<void> }> {
  const router = await startServiceRouter({ fallback: 'http://127.0.0.1:9', byTarget: [], byForm: [['2016-11-15', 'DescribeInstances', ec2Handler(store)]] });
  return { endpoint: router.endpoint, store, stop: () => router.stop() };
}

interface Filter {
  readonly name: string;
  readonly patterns: RegExp[];
  readonly values: string[];
}

interface Token {
  /** The `sequence` of the last instance the previous page looked at. */
  readonly after: number;
  /** A hash of what was asked (filters, ids, paging mode): a token is good only for the same question. */
  readonly query: string;
}

function describeInstances(store: Ec2Store, form: URLSearchParams, requestId: string): string {
  const { filters, instanceIds } = readParameters(form);
  const maxResultsText = form.get('MaxResults');
  // DI `MaxResults`: "You cannot specify this parameter and the instance IDs parameter in the same request."
  // EC2 refuses it as InvalidParameterCombination, "The parameter instancesSet cannot be used with the parameter
  // maxResults" (the wording quoted in getmoto/moto#6282 and yuuki/grabeni#7).
  if (maxResultsText !== null && instanceIds.length > 0) {
    throw new Ec2Error('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  const maxResults = maxResultsText === null ? undefined : readMaxResults(maxResultsText);
  // DI `DryRun`: "If you have the required permissions, the error response is DryRunOperation"; EC2 sends it as
  // HTTP 412 with "Request would have succeeded, but DryRun flag is set."
  if (form.get('DryRun') === 'true') {
    throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
  }
  const query = queryHash(filters, instanceIds, store.sparseFilteredPages);
  const tokenText = form.get('NextToken');
  const token = tokenText === null || tokenText === '' ? undefined : readToken(store, tokenText, query);

  let wanted: Ec2Instance[] | undefined;
  if (instanceIds.length > 0) {
    // DI: "If you specify an instance ID that is not valid, an error is returned." Malformed first
    // (InvalidInstanceID.Malformed, `Invalid id: "x"` as EC2 words it, e.g. ClusterLabs/cluster-glue#29), then
    // unknown (InvalidInstanceID.NotFound, "The instance ID 'i-…' does not exist", or "The instance IDs 'a, b' do
    // not exist" for several; Error codes: "The specified instance does not exist").
    const malformed = instanceIds.find((id) => !INSTANCE_ID.test(id));
    if (malformed !== undefined) {
      throw new Ec2Error('InvalidInstanceID.Malformed', `Invalid id: "${malformed}"`);
    }
    const missing = instanceIds.filter((id) => !store.instance(id));
    if (missing.length === 1) {
      throw new Ec2Error('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
    }
    if (missing.length > 1) {
      throw new Ec2Error('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
    }
    const ids = new Set(instanceIds);
    wanted = store.instances().filter((instance) => ids.has(instance.instanceId));
  }

  const after = token?.after ?? 0;
  const candidates = (wanted ?? store.instances()).filter((instance) => instance.sequence > after);
  const reservationOf = new Map(store.reservations.map((r) => [r.reservationId, r]));
  // DI, Filters: several values of one filter are ORed, several filters ANDed (API reference, Filter:
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Filter.html).
  const matches = (instance: Ec2Instance) => filters.every((filter) => {
    const values = FILTERS.get(filter.name.startsWith('tag:') ? 'tag:' : filter.name)!(instance, reservationOf.get(instance.reservationId)!, filter.name);
    return values.some((value) => filter.patterns.some((pattern) => pattern.test(value)));
  });

  let page: Ec2Instance[];
  let more: boolean;
  if (maxResults !== undefined && store.sparseFilteredPages) {
    const looked = candidates.slice(0, maxResults);
    page = looked.filter(matches);
    more = candidates.length > maxResults;
    // Where the next page starts: after the last instance this one looked at, matched or not.
    return describeResponse(requestId, page, more ? writeToken(store, { after: looked[looked.length - 1].sequence, query }) : undefined);
  }
  const matched = candidates.filter(matches);
  // Paging counts instances, not reservations: DI `MaxResults` is "The maximum number of items to return", and an
  // item of a DescribeInstances listing is an instance (one launch may hold up to 1,000, more than any page).
  // Without MaxResults, all of it in one answer and no token. The reference does not promise this (EC2 has been
  // seen to cut an unpaginated answer, seek-oss/aec#405); the stand-in keeps it simple so a client that forgets
  // MaxResults is seen to get everything in one request, which the request log shows.
  page = maxResults === undefined ? matched : matched.slice(0, maxResults);
  more = page.length < matched.length;
  return describeResponse(requestId, page, more ? writeToken(store, { after: page[page.length - 1].sequence, query }) : undefined);
}

/**
 * DI `MaxResults`: "You cannot specify this parameter and the instance IDs parameter in the same request"; the older
 * wording of the same reference gave the range, "This value can be between 5 and 1000" (e.g. aws-sdk-java v1
 * DescribeInstancesRequest). Below 5 EC2 says "Value ( 3 ) for parameter maxResults is invalid. Expecting a value
 * greater than 5." (aws/aws-sdk-ruby#2575; 5 itself is accepted). Above 1000 the reference gives no wording; the
 * stand-in mirrors the same sentence, "Expecting a value less than 1000." — an assumption.
 */
function readMaxResults(text: string): number {
  const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw new Ec2Error('InvalidParameterValue', `Value ( ${text} ) for parameter maxResults is invalid. Expecting a value greater than 5.`);
  }
  if (value < 5) {
    throw new Ec2Error('InvalidParameterValue', `Value ( ${value} ) for parameter maxResults is invalid. Expecting a value greater than 5.`);
  }
  if (value > 1000) {
    throw new Ec2Error('InvalidParameterValue', `Value ( ${value} ) for parameter maxResults is invalid. Expecting a value less than 1000.`);
  }
  return value;
}

/** Parameters EC2 reads besides the lists; SigV2 parameters are let through (the SDK signs SigV4 in headers). */
const SCALARS = new Set(['Action', 'Version', 'MaxResults', 'NextToken', 'DryRun', 'IncludeManagedResources',
  'AWSAccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'Timestamp', 'Expires', 'SecurityToken']);

/**
 * `InstanceId.N` and `Filter.N.Name` / `Filter.N.Value.M` (Query requests, "Query parameters": lists are numbered
 * from 1), in index order. A parameter EC2 does not know is refused with UnknownParameter, "The parameter X is not
 * recognized" (as EC2 answered in aws/aws-sdk-js#54), so a client that serializes wrongly hears about it.
 */
function readParameters(form: URLSearchParams): { filters: Filter[]; instanceIds: string[] } {
  const ids = new Map<number, string>();
  const names = new Map<number, string>();
  const values = new Map<number, Map<number, string>>();
  for (const [key, value] of form) {
    let m: RegExpExecArray | null;
    if ((m = /^InstanceId\.(\d+)$/.exec(key))) {
      ids.set(Number(m[1]), value);
    } else if ((m = /^Filter\.(\d+)\.Name$/.exec(key))) {
      names.set(Number(m[1]), value);
    } else if ((m = /^Filter\.(\d+)\.Value\.(\d+)$/.exec(key))) {
      const of = values.get(Number(m[1])) ?? new Map<number, string>();
      of.set(Number(m[2]), value);
      values.set(Number(m[1]), of);
    } else if (!SCALARS.has(key) && !key.startsWith('X-Amz-')) {
      throw new Ec2Error('UnknownParameter', `The parameter ${key} is not recognized`);
    }
  }
  const ordered = <T>(map: Map<number, T>) => [...map.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
  const filters: Filter[] = [];
  for (const index of new Set([...names.keys(), ...values.keys()].sort((a, b) => a - b))) {
    const name = names.get(index);
    // The reference does not say how a filter without a name or without values is refused; this uses EC2's
    // MissingParameter, "The request must contain the parameter X" (Error codes: "The request is missing a
    // required parameter").
    if (name === undefined) {
      throw new Ec2Error('MissingParameter', `The request must contain the parameter Filter.${index}.Name`);
    }
    const filterValues = ordered(values.get(index) ?? new Map<number, string>());
    if (filterValues.length === 0) {
      throw new Ec2Error('MissingParameter', `The request must contain the parameter Filter.${index}.Value`);
    }
    // An unknown filter name: InvalidParameterValue, "The filter 'NAME' is invalid" (as EC2 answers it, e.g.
    // boto/boto3#1299). Names are case-sensitive (API reference, Filter). A filter EC2 knows but the stand-in does
    // not implement is refused the same way: better a loud refusal than a silent match-everything.
    if (!FILTERS.has(name) && !(name.startsWith('tag:') && name.length > 4)) {
      throw new Ec2Error('InvalidParameterValue', `The filter '${name}' is invalid`);
    }
    filters.push({ name, values: filterValues, patterns: filterValues.map(wildcard) });
  }
  return { filters, instanceIds: ordered(ids) };
}

/**
 * A filter value as a pattern. The EC2 API reference on filtering (the Describe* "Filters" text, as the AWS SDK for
 * Java v1 and jclouds carry it): "You can use wildcards with the filter values: * matches zero or more characters,
 * and ? matches exactly one character. You can escape special characters using a backslash before the character."
 * Values are case-sensitive (API reference, Filter); the whole value must match.
 */
function wildcard(value: string): RegExp {
  let source = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      source += escapeRegExp(value[++i]);
    } else if (c === '*') {
      source += '[\\s\\S]*';
    } else if (c === '?') {
      source += '[\\s\\S]';
    } else {
      source += escapeRegExp(c);
    }
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

type FilterValues = (instance: Ec2Instance, reservation: Ec2Reservation, name: string) => string[];
const one = (value: string | undefined): string[] => (value === undefined ? [] : [value]);

/** The filters of DI `Filter.N` the stand-in implements, each giving an instance's values for it. */
const FILTERS = new Map<string, FilterValues>([
  ['instance-id', (i) => [i.instanceId]],
  ['instance-state-name', (i) => [i.state]],
  ['instance-state-code', (i) => [String(INSTANCE_STATE_CODES[i.state])]],
  ['instance-type', (i) => [i.instanceType]],
  // `tag:<key>`: "Use the tag key in the filter name and the tag value as the filter value."
  ['tag:', (i, _r, name) => one(i.tags[name.slice(4)])],
  // `tag-key`: "Use this filter to find all resources that have a tag with a specific key, regardless of the tag value."
  ['tag-key', (i) => Object.keys(i.tags)],
  ['tag-value', (i) => Object.values(i.tags)],
  ['reservation-id', (i) => [i.reservationId]],
  ['owner-id', (_i, r) => [r.ownerId]],
  ['image-id', (i) => [i.imageId]],
  ['vpc-id', (i) => [i.vpcId]],
  ['subnet-id', (i) => [i.subnetId]],
  ['availability-zone', (i) => [i.availabilityZone]],
  ['architecture', (i) => [i.architecture]],
  ['private-ip-address', (i) => [i.privateIpAddress]],
  ['ip-address', (i) => one(i.publicIpAddress)],
  ['private-dns-name', (i) => [privateDnsName(i)]],
  ['dns-name', (i) => one(publicDnsName(i))],
  ['root-device-type', () => ['ebs']],
  ['platform-details', () => ['Linux/UNIX']],
  // `launch-time`: "in the ISO 8601 format in the UTC time zone (YYYY-MM-DDThh:mm:ss.sssZ) … You can use a wildcard (*)".
  ['launch-time', (i) => [i.launchTime.toISOString()]],
]);

/** The token: base64url of `{"v":1,"after":<sequence>,"q":<hash of the question>,"t":<issued>}`. Opaque to clients. */
function writeToken(store: Ec2Store, token: Token): string {
  return Buffer.from(JSON.stringify({ v: 1, after: token.after, q: token.query, t: store.now() })).toString('base64url');
}

/**
 * A token this listing did not hand out, or handed out for other filters or ids, is refused: InvalidPaginationToken,
 * "The specified pagination token is not valid or is expired." (Error codes).
 */
function readToken(store: Ec2Store, text: string, query: string): Token {
  let stale = false;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) {
      throw new Error('not base64url');
    }
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { v?: unknown; after?: unknown; q?: unknown; t?: unknown };
    stale = typeof token.t === 'number' && store.now() - token.t > store.tokenLifetimeMs;
    if (token.v === 1 && Number.isSafeInteger(token.after) && (token.after as number) > 0 && token.q === query && !stale) {
      return { after: token.after as number, query };
    }
  } catch {
    // refused below
  }
  if (stale && store.staleTokenError === 'InvalidParameterValue') {
    throw new Ec2Error('InvalidParameterValue', 'The specified value for parameter NextToken is invalid.');
  }
  throw new Ec2Error('InvalidPaginationToken', 'The specified pagination token is not valid or is expired.');
}

function queryHash(filters: Filter[], instanceIds: string[], sparse: boolean): string {
  const canonical = JSON.stringify({
    filters: filters.map((f) => [f.name, [...f.values].sort()]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ids: [...instanceIds].sort(),
    sparse,
  });
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

/**
 * The answer (DI, Response Elements: `reservationSet`, `nextToken`; Reservation: `reservationId`, `ownerId`,
 * `groupSet`, `instancesSet`). Consecutive instances of one reservation go in one `item`, so a reservation cut by a
 * page boundary appears on both pages with the same `reservationId`, each holding its own share of the instances.
 * The reference is silent on whether EC2 cuts reservations; it has to, or a launch of more instances than MaxResults
 * could never be listed. The last page has no `nextToken` (DI `NextToken`: "This value is null when there are no
 * more items to return").
 */
function describeResponse(requestId: string, page: Ec2Instance[], nextToken: string | undefined): string {
  const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstancesResponse xmlns="${NAMESPACE}"><requestId>${requestId}</requestId><reservationSet>`];
  for (let i = 0; i < page.length;) {
    const reservationId = page[i].reservationId;
    out.push(`<item><reservationId>${escapeXml(reservationId)}</reservationId><ownerId>${ACCOUNT}</ownerId><groupSet/><instancesSet>`);
    for (; i < page.length && page[i].reservationId === reservationId; i++) {
      out.push(instanceXml(page[i]));
    }
    out.push('</instancesSet></item>');
  }
  out.push('</reservationSet>');
  if (nextToken !== undefined) {
    out.push(`<nextToken>${escapeXml(nextToken)}</nextToken>`);
  }
  out.push('</DescribeInstancesResponse>');
  return out.join('');
}

/** One `Instance` (API reference, Instance: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html). */
function instanceXml(i: Ec2Instance): string {
  const e = escapeXml;
  const stopped = i.state === 'stopped' || i.state === 'stopping' || i.state === 'terminated' || i.state === 'shutting-down';
  const since = i.launchTime.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' GMT');
  const tags = Object.entries(i.tags);
  return [
    '<item>',
    `<instanceId>${e(i.instanceId)}</instanceId>`,
    `<imageId>${e(i.imageId)}</imageId>`,
    `<instanceState><code>${INSTANCE_STATE_CODES[i.state]}</code><name>${i.state}</name></instanceState>`,
    `<privateDnsName>${e(privateDnsName(i))}</privateDnsName>`,
    // `dnsName` is empty, not absent, for an instance without a public name, as EC2 sends it.
    `<dnsName>${e(publicDnsName(i) ?? '')}</dnsName>`,
    `<reason>${stopped ? `User initiated (${since})` : ''}</reason>`,
    `<amiLaunchIndex>${i.launchIndex}</amiLaunchIndex>`,
    '<productCodes/>',
    `<instanceType>${e(i.instanceType)}</instanceType>`,
    `<launchTime>${i.launchTime.toISOString()}</launchTime>`,
    `<placement><availabilityZone>${e(i.availabilityZone)}</availabilityZone><groupName/><tenancy>default</tenancy></placement>`,
    '<monitoring><state>disabled</state></monitoring>',
    `<subnetId>${e(i.subnetId)}</subnetId>`,
    `<vpcId>${e(i.vpcId)}</vpcId>`,
    `<privateIpAddress>${e(i.privateIpAddress)}</privateIpAddress>`,
    i.publicIpAddress === undefined ? '' : `<ipAddress>${e(i.publicIpAddress)}</ipAddress>`,
    '<sourceDestCheck>true</sourceDestCheck>',
    '<groupSet><item><groupId>sg-0a1b2c3d4e5f60718</groupId><groupName>default</groupName></item></groupSet>',
    stopped ? '<stateReason><code>Client.UserInitiatedShutdown</code><message>Client.UserInitiatedShutdown: User initiated shutdown</message></stateReason>' : '',
    `<architecture>${i.architecture}</architecture>`,
    '<rootDeviceType>ebs</rootDeviceType>',
    '<rootDeviceName>/dev/xvda</rootDeviceName>',
    '<virtualizationType>hvm</virtualizationType>',
    // EC2 leaves `tagSet` out for an instance without tags (the SDK's `Tags` is then undefined).
    tags.length === 0 ? '' : `<tagSet>${tags.map(([key, value]) => `<item><key>${e(key)}</key><value>${e(value)}</value></item>`).join('')}</tagSet>`,
    '<hypervisor>xen</hypervisor>',
    '<ebsOptimized>false</ebsOptimized>',
    '<enaSupport>true</enaSupport>',
    '<platformDetails>Linux/UNIX</platformDetails>',
    '<usageOperation>RunInstances</usageOperation>',
    '</item>',
  ].join('');
}

/** `ip-10-0-1-5.ec2.internal`: us-east-1's private names. */
function privateDnsName(i: Ec2Instance): string {
  return `ip-${i.privateIpAddress.replace(/\./g, '-')}.ec2.internal`;
}

/** `ec2-54-1-2-3.compute-1.amazonaws.com` for an instance with a public IP (us-east-1's public names). */
function publicDnsName(i: Ec2Instance): string | undefined {
  return i.publicIpAddress === undefined ? undefined : `ec2-${i.publicIpAddress.replace(/\./g, '-')}.compute-1.amazonaws.com`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function sendXml(res: http.ServerResponse, status: number, requestId: string, xml: string): void {
  res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'content-length': Buffer.byteLength(xml), 'x-amzn-requestid': requestId });
  res.end(xml);
}
