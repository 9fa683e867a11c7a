import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type * as http from 'node:http';
import { type RouteHandler, startServiceRouter } from './serviceRouter';

/**
 * An AWS Health stand-in: no emulator for it exists on npm or in Debian, so this serves the Health read operations
 * from an in-memory {@link HealthStore} in the real wire protocol, AWS JSON 1.1 (`POST /`,
 * `X-Amz-Target: AWSHealth_20160804.<Operation>`, `Content-Type: application/x-amz-json-1.1`, timestamps as epoch
 * seconds, errors as `{"__type", "message"}` with `x-amzn-ErrorType`), so the real `@aws-sdk/client-health` client
 * and its paginators talk to it unchanged.
 *
 * Sources, cited beside each rule:
 * - the API reference, https://docs.aws.amazon.com/health/latest/APIReference/ (cited as `API_<Name>.html`);
 * - the service model the SDK is generated from, for limits, patterns and enums
 *   (https://github.com/aws/aws-sdk-js-v3/blob/main/codegen/sdk-codegen/aws-models/health.json, cited as "model");
 *   where older texts and the current model disagree (DescribeEvents and DescribeAffectedEntities took 10 to 100 in
 *   older models and in the facts note; the current model gives them `maxResultsLowerRange`, 1 to 100, and the
 *   @aws-sdk/client-health 3.1047 docs say "between 1 and 100"), the current model wins: it is what the service
 *   validates against;
 * - /work/shared/notes/aws-paging-facts.md, "AWS Health" (cited as "facts"), and issues users reported.
 *
 * Served: DescribeEvents, DescribeEventsForOrganization, DescribeEventDetails, DescribeEventDetailsForOrganization,
 * DescribeAffectedEntities, DescribeAffectedEntitiesForOrganization, DescribeAffectedAccountsForOrganization,
 * DescribeEventTypes, DescribeEventAggregates and DescribeHealthServiceStatusForOrganization. Anything else is
 * refused with `UnknownOperationException`; a request member the stand-in does not implement (`filter.tags`, which
 * the reference itself says "isn't supported") with a `ValidationException` naming it, never silently ignored.
 */

export const TARGET_PREFIX = 'AWSHealth_20160804.';
export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_ORGANIZATION_ACCOUNTS: readonly string[] = [DEFAULT_ACCOUNT, '234567890123', '345678901234'];
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/**
 * How long a `nextToken` stays valid. The reference says nothing about it: 24 hours is the facts note's figure
 * ("24 hours is documented for some services (e.g. AWS Health ...)"), an assumption here.
 */
export const TOKEN_LIFETIME_MS = DAY_MS;
/** The model's documentation of the error: "The specified pagination token (nextToken) is not valid." */
export const INVALID_TOKEN_MESSAGE = 'The specified pagination token (nextToken) is not valid.';
/**
 * The page size when a request has no `maxResults`. Documented only for DescribeEventTypes ("returns a maximum of 30
 * items by default", API_DescribeEventTypes.html); for the others the reference names none. The stand-in uses 10,
 * the smallest size the 10-to-100 operations accept: users who sent no maxResults saw many small pages and were
 * told by AWS Support to send maxResults=100
 * (https://github.com/aws-samples/aws-health-organizational-view-alerts/issues/3).
 */
export const DEFAULT_PAGE_SIZE = 10;
export const EVENT_TYPES_DEFAULT_PAGE_SIZE = 30;
/**
 * Names and messages for items the DescribeEventDetails* and DescribeAffectedEntitiesForOrganization calls cannot
 * return. The reference shows the shape (`errorName`, `errorMessage`) but names only `InvalidAccountInputError`
 * (OrganizationAffectedEntitiesErrorItem, errorMessage); `NotFoundException` for an event that cannot be found is
 * the stand-in's choice. The two organization messages are the reference's own (API_OrganizationEventDetailsErrorItem.html).
 */
export const EVENT_NOT_FOUND = 'NotFoundException';
export const INVALID_ACCOUNT_INPUT = 'InvalidAccountInputError';
export const PUBLIC_EVENT_NOT_FOUND = "We couldn't find a public event that matches your request. To find an event that is account specific, you must enter an Amazon Web Services account ID in the request.";
export const ACCOUNT_EVENT_NOT_FOUND = "We couldn't find an account specific event for the specified Amazon Web Services account. To find an event that is public, you must enter a null value for the Amazon Web Services account ID in the request.";
const EVENT_NOT_FOUND_MESSAGE = "We couldn't find an event that matches your request.";

export type EventStatusCode = 'open' | 'closed' | 'upcoming';
export type EventTypeCategory = 'issue' | 'accountNotification' | 'scheduledChange' | 'investigation';
export type EventScopeCode = 'PUBLIC' | 'ACCOUNT_SPECIFIC' | 'NONE';
export type EntityStatusCode = 'IMPAIRED' | 'UNIMPAIRED' | 'UNKNOWN' | 'PENDING' | 'RESOLVED';
export type Actionability = 'ACTION_REQUIRED' | 'ACTION_MAY_BE_REQUIRED' | 'INFORMATIONAL';
export type Persona = 'OPERATIONS' | 'SECURITY' | 'BILLING';
/** "Valid values are ENABLED | DISABLED | PENDING" (API_DescribeHealthServiceStatusForOrganization.html). */
export type OrganizationAccess = 'ENABLED' | 'DISABLED' | 'PENDING';

const STATUS_CODES: readonly EventStatusCode[] = ['open', 'closed', 'upcoming'];
const CATEGORIES: readonly EventTypeCategory[] = ['issue', 'accountNotification', 'scheduledChange', 'investigation'];
const ENTITY_STATUS_CODES: readonly EntityStatusCode[] = ['IMPAIRED', 'UNIMPAIRED', 'UNKNOWN', 'PENDING', 'RESOLVED'];
const ACTIONABILITIES: readonly Actionability[] = ['ACTION_REQUIRED', 'ACTION_MAY_BE_REQUIRED', 'INFORMATIONAL'];
const PERSONAS: readonly Persona[] = ['OPERATIONS', 'SECURITY', 'BILLING'];

export interface HealthEventRecord {
  /** `arn:aws:health:<region|global>::event/<SERVICE>/<EVENT_TYPE_CODE>/<EVENT_TYPE_PLUS_ID>` (API_Event.html). */
  readonly arn: string;
  readonly service: string;
  readonly eventTypeCode: string;
  readonly eventTypeCategory: EventTypeCategory;
  /** A Region name, or `global` for global services (`arn:aws:health:global::event/...` in real listings). */
  readonly region: string;
  availabilityZone?: string;
  /** Epoch milliseconds, as every time in the store. */
  startTime: number;
  endTime?: number;
  lastUpdatedTime: number;
  statusCode: EventStatusCode;
  eventScopeCode: EventScopeCode;
  actionability?: Actionability;
  personas?: Persona[];
  description: string;
  metadata: Record<string, string>;
  /** The accounts an ACCOUNT_SPECIFIC event affects; empty for a PUBLIC event. */
  accounts: string[];
}

export interface AffectedEntityRecord {
  /** `arn:aws:health:<entity-region>:<account>:entity/<entity-id>` (API_AffectedEntity.html). */
  readonly entityArn: string;
  readonly eventArn: string;
  readonly entityValue: string;
  entityUrl?: string;
  readonly awsAccountId: string;
  lastUpdatedTime: number;
  statusCode: EntityStatusCode;
  tags: Record<string, string>;
  entityMetadata?: Record<string, string>;
}

export interface EventInput {
  service: string;
  eventTypeCode: string;
  eventTypeCategory: EventTypeCategory;
  /** Default `us-east-1`. */
  region?: string;
  availabilityZone?: string;
  /** Default: the store's now. */
  startTime?: number;
  endTime?: number;
  /** Default: the store's now. */
  lastUpdatedTime?: number;
  /** Default `open`. */
  statusCode?: EventStatusCode;
  /** Default `ACCOUNT_SPECIFIC`. */
  eventScopeCode?: EventScopeCode;
  /** ACCOUNT_SPECIFIC: the accounts affected (default: the store's account). Ignored for PUBLIC. */
  accounts?: readonly string[];
  actionability?: Actionability;
  personas?: readonly Persona[];
  description?: string;
  metadata?: Record<string, string>;
  /** The ARN's last part (`[\w-]+`); default `<EVENT_TYPE_CODE>_<n>`. */
  id?: string;
}

export interface EntityInput {
  entityValue: string;
  /** Default: the store's account. */
  awsAccountId?: string;
  entityUrl?: string;
  /** Default `IMPAIRED`. */
  statusCode?: EntityStatusCode;
  /** Default: the event's lastUpdatedTime. */
  lastUpdatedTime?: number;
  tags?: Record<string, string>;
  entityMetadata?: Record<string, string>;
  entityArn?: string;
}

export interface EventTypeRecord {
  readonly service: string;
  readonly code: string;
  readonly category: EventTypeCategory;
  readonly actionability?: Actionability;
  readonly personas?: readonly Persona[];
}

export interface SeedOptions {
  /** The same seed, store state and count give the same events. Default: the store's seed. */
  seed?: string;
  /** Accounts ACCOUNT_SPECIFIC events are spread over. Default: the organization's. */
  accounts?: readonly string[];
  /** Default `['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2']` (global services get `global`). */
  regions?: readonly string[];
  /** Share of `issue` events that are PUBLIC. Default 0.3. */
  publicShare?: number;
  /** Share of ACCOUNT_SPECIFIC events with affected entities. Default 0.5. */
  entityShare?: number;
  /** At most this many entities per affected account. Default 5. */
  maxEntities?: number;
}

/** What the store logs of each request: the operation, the Region of its SigV4 credential scope, its JSON input. */
export interface RecordedRequest {
  readonly operation: string;
  readonly region: string;
  readonly input: Record<string, unknown>;
}

/** Event types the seeder draws from (codes in the style of real ones; `global` ones get the Region `global`). */
export const EVENT_TYPE_CATALOG: readonly (EventTypeRecord & { readonly global?: boolean })[] = [
  { service: 'EC2', code: 'AWS_EC2_OPERATIONAL_ISSUE', category: 'issue', actionability: 'ACTION_MAY_BE_REQUIRED', personas: ['OPERATIONS'] },
  { service: 'EC2', code: 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED', category: 'scheduledChange', actionability: 'ACTION_REQUIRED', personas: ['OPERATIONS'] },
  { service: 'EC2', code: 'AWS_EC2_SYSTEM_REBOOT_MAINTENANCE_SCHEDULED', category: 'scheduledChange', actionability: 'ACTION_REQUIRED', personas: ['OPERATIONS'] },
  { service: 'EBS', code: 'AWS_EBS_VOLUME_LOST', category: 'issue', actionability: 'ACTION_REQUIRED', personas: ['OPERATIONS'] },
  { service: 'EBS', code: 'AWS_EBS_DEGRADED_EBS_VOLUME_PERFORMANCE', category: 'issue', actionability: 'ACTION_MAY_BE_REQUIRED', personas: ['OPERATIONS'] },
  { service: 'RDS', code: 'AWS_RDS_OPERATIONAL_ISSUE', category: 'issue', actionability: 'ACTION_MAY_BE_REQUIRED', personas: ['OPERATIONS'] },
  { service: 'RDS', code: 'AWS_RDS_MAINTENANCE_SCHEDULED', category: 'scheduledChange', actionability: 'ACTION_REQUIRED', personas: ['OPERATIONS'] },
  { service: 'LAMBDA', code: 'AWS_LAMBDA_OPERATIONAL_ISSUE', category: 'issue', actionability: 'ACTION_MAY_BE_REQUIRED', personas: ['OPERATIONS'] },
  { service: 'LAMBDA', code: 'AWS_LAMBDA_PLANNED_LIFECYCLE_EVENT', category: 'accountNotification', actionability: 'ACTION_REQUIRED', personas: ['OPERATIONS'] },
  { service: 'S3', code: 'AWS_S3_OPERATIONAL_ISSUE', category: 'issue', actionability: 'INFORMATIONAL', personas: ['OPERATIONS'] },
  { service: 'DYNAMODB', code: 'AWS_DYNAMODB_OPERATIONAL_ISSUE', category: 'issue', actionability: 'INFORMATIONAL', personas: ['OPERATIONS'] },
  { service: 'SQS', code: 'AWS_SQS_OPERATIONAL_ISSUE', category: 'issue', actionability: 'INFORMATIONAL', personas: ['OPERATIONS'] },
  { service: 'EKS', code: 'AWS_EKS_PLANNED_LIFECYCLE_EVENT', category: 'scheduledChange', actionability: 'ACTION_REQUIRED', personas: ['OPERATIONS'] },
  { service: 'ACM', code: 'AWS_ACM_RENEWAL_STATE_CHANGE', category: 'accountNotification', actionability: 'ACTION_MAY_BE_REQUIRED', personas: ['SECURITY'] },
  { service: 'IAM', code: 'AWS_IAM_OPERATIONAL_NOTIFICATION', category: 'accountNotification', actionability: 'INFORMATIONAL', personas: ['SECURITY'], global: true },
  { service: 'RISK', code: 'AWS_RISK_CREDENTIALS_EXPOSED', category: 'issue', actionability: 'ACTION_REQUIRED', personas: ['SECURITY'], global: true },
  { service: 'BILLING', code: 'AWS_BILLING_NOTIFICATION', category: 'accountNotification', actionability: 'INFORMATIONAL', personas: ['BILLING'], global: true },
  { service: 'CLOUDFRONT', code: 'AWS_CLOUDFRONT_OPERATIONAL_ISSUE', category: 'issue', actionability: 'INFORMATIONAL', personas: ['OPERATIONS'], global: true },
];

/**
 * In-memory Health events of one organization seen from its management account (`account`), their affected
 * entities per account, the organizational-view status, a clock for token age, and the requests received.
 */
export class HealthStore {
  /** The caller: the account whose view DescribeEvents gives, and the organization's management account. */
  readonly account: string;
  organizationAccounts: string[];
  /**
   * DescribeHealthServiceStatusForOrganization reports it; the `...ForOrganization` calls need `ENABLED` (see
   * {@link requireOrganizationAccess}). Default `ENABLED`, a fixture's choice (a real organization starts `DISABLED`
   * until EnableHealthServiceAccessForOrganization).
   */
  organizationAccess: OrganizationAccess;
  /**
   * Every call fails with SubscriptionRequiredException: "If you call the Health API from an Amazon Web Services
   * account that doesn't have a Business, Enterprise On-Ramp, or Enterprise Support plan, you receive a
   * SubscriptionRequiredException error" (https://docs.aws.amazon.com/health/latest/APIReference/Welcome.html).
   */
  subscriptionRequired = false;
  /**
   * Regions a request may be signed for. "You can use the Health endpoint health.us-east-1.amazonaws.com" (Welcome.html);
   * the global endpoint is signed for us-east-1 (model, endpoint rules: `aws-global` → `global.health.amazonaws.com`,
   * `signingRegion: us-east-1`). A request signed for another Region is refused, as an endpoint refuses a credential
   * scoped to the wrong Region.
   */
  acceptedSigningRegions: string[] = ['us-east-1'];
  /**
   * Tokens are padded to at least this many characters: the model allows up to 10,000 ("Length Constraints: Minimum
   * length of 4. Maximum length of 10000", nextToken), so a client must carry long ones.
   */
  tokenMinLength = 1024;
  readonly requests: RecordedRequest[] = [];
  /** Signs tokens: one from another store, or edited, is refused. */
  readonly tokenSecret = randomBytes(32);
  private readonly clock: () => number;
  private advanced = 0;
  private readonly seed: string;
  private seeded = 0;
  private idCounter = 0;
  private readonly eventByArn = new Map<string, HealthEventRecord>();
  private readonly entitiesByEvent = new Map<string, AffectedEntityRecord[]>();
  private readonly entityByArn = new Map<string, AffectedEntityRecord>();
  private readonly extraTypes = new Map<string, EventTypeRecord>();
  private sortedCache: HealthEventRecord[] | undefined;

  constructor(options: { now?: () => number; account?: string; organizationAccounts?: readonly string[]; organizationAccess?: OrganizationAccess; seed?: string } = {}) {
    this.clock = options.now ?? Date.now;
    this.account = options.account ?? DEFAULT_ACCOUNT;
    this.organizationAccounts = [...(options.organizationAccounts ?? (options.account ? [options.account, ...DEFAULT_ORGANIZATION_ACCOUNTS.slice(1)] : DEFAULT_ORGANIZATION_ACCOUNTS))];
    this.organizationAccess = options.organizationAccess ?? 'ENABLED';
    this.seed = options.seed ?? 'health';
  }

  /** The store's time: the clock given (default `Date.now`) plus everything {@link advanceClock} added. */
  now(): number {
    return this.clock() + this.advanced;
  }

  /** Moves the store's time on, to age the tokens it has handed out. */
  advanceClock(ms: number): void {
    this.advanced += ms;
  }

  /** The inputs of the requests received for one operation. */
  requestsOf(operation: string): Array<Record<string, unknown>> {
    return this.requests.filter((request) => request.operation === operation).map((request) => request.input);
  }

  /** Adds an event (see {@link EventInput} for the defaults) and returns it. */
  addEvent(input: EventInput): HealthEventRecord {
    const region = input.region ?? 'us-east-1';
    this.idCounter += 1;
    const id = input.id ?? `${input.eventTypeCode}_${String(this.idCounter).padStart(6, '0')}`;
    const arn = `arn:aws:health:${region}::event/${input.service}/${input.eventTypeCode}/${id}`;
    if (!EVENT_ARN.test(arn)) {
      throw new Error(`Not a valid event ARN: ${arn}`);
    }
    if (this.eventByArn.has(arn)) {
      throw new Error(`Event ${arn} already exists`);
    }
    const scope = input.eventScopeCode ?? 'ACCOUNT_SPECIFIC';
    const now = this.now();
    const event: HealthEventRecord = {
      arn, service: input.service, eventTypeCode: input.eventTypeCode, eventTypeCategory: input.eventTypeCategory, region,
      ...(input.availabilityZone !== undefined ? { availabilityZone: input.availabilityZone } : {}),
      startTime: input.startTime ?? now,
      ...(input.endTime !== undefined ? { endTime: input.endTime } : {}),
      lastUpdatedTime: input.lastUpdatedTime ?? now,
      statusCode: input.statusCode ?? 'open',
      eventScopeCode: scope,
      ...(input.actionability !== undefined ? { actionability: input.actionability } : {}),
      ...(input.personas !== undefined ? { personas: [...input.personas] } : {}),
      description: input.description ?? `${input.service} ${input.eventTypeCategory} ${input.eventTypeCode} in ${region}.`,
      metadata: { ...input.metadata },
      accounts: scope === 'ACCOUNT_SPECIFIC' ? [...new Set(input.accounts ?? [this.account])].sort() : [],
    };
    this.eventByArn.set(arn, event);
    this.entitiesByEvent.set(arn, []);
    const typeKey = `${event.service}/${event.eventTypeCode}`;
    if (!EVENT_TYPE_CATALOG.some((t) => `${t.service}/${t.code}` === typeKey)) {
      this.extraTypes.set(typeKey, {
        service: event.service, code: event.eventTypeCode, category: event.eventTypeCategory,
        ...(event.actionability ? { actionability: event.actionability } : {}), ...(event.personas ? { personas: event.personas } : {}),
      });
    }
    this.sortedCache = undefined;
    return event;
  }

  /**
   * Adds affected entities to an event. An entity of an account the event did not list adds that account to an
   * ACCOUNT_SPECIFIC event's accounts.
   */
  addEntities(eventArn: string, entities: readonly EntityInput[]): AffectedEntityRecord[] {
    const event = this.requireEvent(eventArn);
    const list = this.entitiesByEvent.get(eventArn) ?? [];
    const region = event.region === 'global' ? 'us-east-1' : event.region;
    const added = entities.map((input) => {
      const awsAccountId = input.awsAccountId ?? this.account;
      this.idCounter += 1;
      const entityArn = input.entityArn ?? `arn:aws:health:${region}:${awsAccountId}:entity/${entityId(`${this.seed}/${eventArn}/${this.idCounter}`)}`;
      if (this.entityByArn.has(entityArn)) {
        throw new Error(`Entity ${entityArn} already exists`);
      }
      const entity: AffectedEntityRecord = {
        entityArn, eventArn, entityValue: input.entityValue,
        ...(input.entityUrl !== undefined ? { entityUrl: input.entityUrl } : {}),
        awsAccountId, lastUpdatedTime: input.lastUpdatedTime ?? event.lastUpdatedTime, statusCode: input.statusCode ?? 'IMPAIRED',
        tags: { ...input.tags }, ...(input.entityMetadata ? { entityMetadata: { ...input.entityMetadata } } : {}),
      };
      if (event.eventScopeCode === 'ACCOUNT_SPECIFIC' && !event.accounts.includes(awsAccountId)) {
        event.accounts = [...event.accounts, awsAccountId].sort();
      }
      this.entityByArn.set(entityArn, entity);
      list.push(entity);
      return entity;
    });
    this.entitiesByEvent.set(eventArn, list);
    return added;
  }

  /**
   * Changes an event and sets its lastUpdatedTime to the store's now, so it moves to the front of the newest-first
   * order ("Results are sorted by lastModifiedTime, starting with the most recent event", API_DescribeEvents.html).
   */
  updateEvent(arn: string, changes: Partial<Pick<HealthEventRecord, 'statusCode' | 'endTime' | 'description' | 'metadata' | 'availabilityZone'>> = {}): HealthEventRecord {
    const event = this.requireEvent(arn);
    Object.assign(event, changes, { lastUpdatedTime: this.now() });
    this.sortedCache = undefined;
    return event;
  }

  /** Changes an affected entity and sets its lastUpdatedTime to the store's now. */
  updateEntity(entityArn: string, changes: Partial<Pick<AffectedEntityRecord, 'statusCode' | 'entityUrl' | 'tags'>> = {}): AffectedEntityRecord {
    const entity = this.entityByArn.get(entityArn);
    if (!entity) {
      throw new Error(`No entity ${entityArn}`);
    }
    Object.assign(entity, changes, { lastUpdatedTime: this.now() });
    return entity;
  }

  event(arn: string): HealthEventRecord | undefined {
    return this.eventByArn.get(arn);
  }

  /** Every event, in the service's order: lastUpdatedTime newest first, then ARN (see {@link compareEvents}). */
  events(): HealthEventRecord[] {
    this.sortedCache ??= [...this.eventByArn.values()].sort(compareEvents);
    return this.sortedCache;
  }

  /** The affected entities of one event, in every account. */
  entities(eventArn: string): AffectedEntityRecord[] {
    return [...(this.entitiesByEvent.get(eventArn) ?? [])];
  }

  /** Whether DescribeEvents (the caller's own view) shows the event: PUBLIC, or affecting the caller's account. */
  visibleToAccount(event: HealthEventRecord): boolean {
    return event.eventScopeCode === 'PUBLIC' || event.accounts.includes(this.account);
  }

  /** Whether the organizational view shows the event: PUBLIC, or affecting an account of the organization. */
  visibleToOrganization(event: HealthEventRecord): boolean {
    return event.eventScopeCode === 'PUBLIC' || event.accounts.some((account) => this.organizationAccounts.includes(account));
  }

  /** The catalogue's event types and those of events added since, by service then code. */
  eventTypes(): EventTypeRecord[] {
    const types = new Map<string, EventTypeRecord>();
    for (const t of EVENT_TYPE_CATALOG) {
      types.set(`${t.service}/${t.code}`, {
        service: t.service, code: t.code, category: t.category,
        ...(t.actionability ? { actionability: t.actionability } : {}), ...(t.personas ? { personas: t.personas } : {}),
      });
    }
    for (const [key, t] of this.extraTypes) {
      types.set(key, t);
    }
    return [...types.values()].sort((a, b) => byteCompare(a.service, b.service) || byteCompare(a.code, b.code));
  }

  /**
   * Adds `count` made-up events, deterministic for a seed: types from {@link EVENT_TYPE_CATALOG}; about 60% closed,
   * 25% open, 15% upcoming (an upcoming `issue` is open instead); a share of the issues PUBLIC, the rest affecting
   * one or more of the accounts (so some are not in the caller's own view); start times in the 90 days before the
   * store's time ("Events are kept 90 days", facts), upcoming ones in the 30 days after; every lastUpdatedTime
   * before the store's time, so {@link updateEvent} moves an event to the front; entities for a share of them.
   * The `investigation` category is never seeded: the reference says "the investigation value isn't supported at
   * this time" (API_Event.html, eventTypeCategory).
   */
  seedEvents(count: number, options: SeedOptions = {}): HealthEventRecord[] {
    const random = prng(`${options.seed ?? this.seed}/${this.seeded}`);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const regions = options.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
    const accounts = options.accounts ?? this.organizationAccounts;
    const publicShare = options.publicShare ?? 0.3;
    const entityShare = options.entityShare ?? 0.5;
    const maxEntities = options.maxEntities ?? 5;
    const now = this.now();
    const made: HealthEventRecord[] = [];
    for (let i = 0; i < count; i++) {
      const n = ++this.seeded;
      const type = pick(EVENT_TYPE_CATALOG);
      const region = type.global ? 'global' : pick(regions);
      const roll = random();
      let status: EventStatusCode = roll < 0.6 ? 'closed' : roll < 0.85 ? 'open' : 'upcoming';
      if (status === 'upcoming' && type.category === 'issue') {
        status = 'open';
      }
      const scope: EventScopeCode = type.category === 'issue' && type.service !== 'RISK' && random() < publicShare ? 'PUBLIC' : 'ACCOUNT_SPECIFIC';
      const affected = scope === 'PUBLIC' ? [] : accounts.filter(() => random() < 0.5);
      if (scope === 'ACCOUNT_SPECIFIC' && affected.length === 0) {
        affected.push(pick(accounts));
      }
      let startTime: number;
      let endTime: number | undefined;
      let lastUpdatedTime: number;
      if (status === 'upcoming') {
        startTime = now + HOUR_MS + Math.floor(random() * 30 * DAY_MS);
        endTime = startTime + 2 * HOUR_MS;
        lastUpdatedTime = now - 1 - Math.floor(random() * 10 * DAY_MS);
      } else {
        startTime = now - HOUR_MS - Math.floor(random() * 89 * DAY_MS);
        endTime = status === 'closed' ? Math.min(now - 2, startTime + 60_000 + Math.floor(random() * 2 * DAY_MS)) : undefined;
        const from = endTime ?? startTime;
        lastUpdatedTime = Math.min(now - 1, from + Math.floor(random() * (status === 'closed' ? HOUR_MS : now - from)));
      }
      const availabilityZone = (type.service === 'EC2' || type.service === 'EBS') && region !== 'global' && random() < 0.3
        ? `${region}${pick(['a', 'b', 'c'])}` : undefined;
      const suffix = `${Array.from({ length: 5 }, () => String.fromCharCode(65 + Math.floor(random() * 26))).join('')}_${hex(random, 12)}`;
      const event = this.addEvent({
        service: type.service, eventTypeCode: type.code, eventTypeCategory: type.category, region,
        ...(availabilityZone ? { availabilityZone } : {}),
        startTime, ...(endTime !== undefined ? { endTime } : {}), lastUpdatedTime, statusCode: status, eventScopeCode: scope,
        accounts: affected, ...(type.actionability ? { actionability: type.actionability } : {}), ...(type.personas ? { personas: type.personas } : {}),
        description: `[${status.toUpperCase()}] ${type.service} ${type.category} ${n} in ${region}.\n\nSeeded by the Health stand-in.`,
        metadata: type.category === 'scheduledChange' ? { maintenance_window: `${iso(startTime)}/${iso(startTime + 2 * HOUR_MS)}` } : {},
        id: `${type.code}_${suffix}`,
      });
      if (scope === 'ACCOUNT_SPECIFIC' && random() < entityShare) {
        const entities: EntityInput[] = [];
        for (const account of event.accounts) {
          const howMany = 1 + Math.floor(random() * maxEntities);
          for (let k = 0; k < howMany; k++) {
            entities.push({
              entityValue: entityValueFor(type.service, region, account, random), awsAccountId: account,
              statusCode: status === 'closed' ? pick(['RESOLVED', 'UNIMPAIRED'] as const) : status === 'upcoming' ? 'PENDING' : pick(['IMPAIRED', 'UNKNOWN', 'PENDING'] as const),
              lastUpdatedTime: Math.max(startTime < lastUpdatedTime ? startTime : 0, lastUpdatedTime - Math.floor(random() * HOUR_MS)),
            });
          }
        }
        this.addEntities(event.arn, entities);
      }
      made.push(event);
    }
    return made;
  }

  private requireEvent(arn: string): HealthEventRecord {
    const event = this.eventByArn.get(arn);
    if (!event) {
      throw new Error(`No event ${arn}`);
    }
    return event;
  }
}

/**
 * The service's order: "Results are sorted by lastModifiedTime, starting with the most recent event"
 * (API_DescribeEvents.html, API_DescribeEventsForOrganization.html). The reference gives no rule for ties: the
 * stand-in puts equal times in UTF-8 byte order of the ARN, so the order is total and the same on every call.
 */
export function compareEvents(a: HealthEventRecord, b: HealthEventRecord): number {
  return b.lastUpdatedTime - a.lastUpdatedTime || byteCompare(a.arn, b.arn);
}

/**
 * Entities come "sorted by the lastUpdatedTime of the entity, starting with the most recent" (the DescribeAffectedEntities
 * reference of 2019-2020, as the AWS Tools for PowerShell help carries it:
 * https://www.powershellgallery.com/packages/AWS.Tools.AWSHealth/4.0.2.0/Content/AWS.Tools.AWSHealth.dll-Help.xml);
 * ties by account, then entity ARN, in byte order (the stand-in's rule).
 */
export function compareEntities(a: AffectedEntityRecord, b: AffectedEntityRecord): number {
  return b.lastUpdatedTime - a.lastUpdatedTime || byteCompare(a.awsAccountId, b.awsAccountId) || byteCompare(a.entityArn, b.entityArn);
}

/** Serves the Health operations above from `store` (route it by the `AWSHealth_20160804.` target prefix). */
export function healthHandler(store: HealthStore): RouteHandler {
  return async (req, body, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    const authorization = String(req.headers.authorization ?? '');
    const region = /Credential=[^/]+\/[^/]+\/([^/]+)\/[^/]+\//.exec(authorization)?.[1] ?? '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8') || '{}');
    } catch {
      parsed = undefined;
    }
    const isObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
    const input = isObject ? parsed as Record<string, unknown> : {};
    store.requests.push({ operation, region, input });
    try {
      // Signatures are not checked (the tests' keys are fake), but a request must be signed, and for the Region of
      // the endpoint (see acceptedSigningRegions); the words are those AWS endpoints answer, HTTP 403.
      if (!authorization) {
        throw new HealthError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
      }
      if (!store.acceptedSigningRegions.includes(region)) {
        throw new HealthError(403, 'InvalidSignatureException', `Credential should be scoped to a valid region, not '${region}'. `);
      }
      const spec = Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
      if (!spec) {
        throw new HealthError(400, 'UnknownOperationException', `The stand-in does not serve the operation ${operation || '(none)'}.`);
      }
      if (store.subscriptionRequired) {
        // Every call, before its input is even looked at. Users see it with no message at all: "An error occurred (SubscriptionRequiredException) when calling the
        // DescribeEventsForOrganization operation: " (https://github.com/aws-samples/aws-health-aware/issues/47).
        throw new HealthError(400, 'SubscriptionRequiredException', '');
      }
      if (!isObject) {
        throw new HealthError(400, 'SerializationException', 'The request body is not a JSON object.');
      }
      validate(spec.input, input, '');
      checkLocale(input);
      if (spec.organization) {
        requireOrganizationAccess(store);
      }
      sendJson(res, 200, spec.run(store, input, operation));
    } catch (error) {
      if (error instanceof HealthError) {
        return sendError(res, error);
      }
      throw error;
    }
  };
}

/** A server on 127.0.0.1 with only this handler behind it (anything else goes to a closed port). */
export async function startHealthStandIn(store: HealthStore = new HealthStore()): Promise<{ endpoint: string; store: HealthStore; stop(): Promise<void> }> {
  const router = await startServiceRouter({ fallback: 'http://127.0.0.1:9', byTarget: [[TARGET_PREFIX, healthHandler(store)]] });
  return { endpoint: router.endpoint, store, stop: () => router.stop() };
}

/**
 * The organizational view needs Health enabled for the organization: "Before you can call this operation, you must
 * first enable Health to work with Organizations" (API_DescribeEventsForOrganization.html and the other
 * `...ForOrganization` pages); after DisableHealthServiceAccessForOrganization, "If you call the Health API operations
 * for organizational view, Health returns an error" (API_DisableHealthServiceAccessForOrganization.html). The
 * reference does not name the error: the stand-in sends AccessDeniedException ("You do not have sufficient access to
 * perform this action", HTTP 400, from the Common Errors every AWS API reference lists,
 * https://docs.aws.amazon.com/health/latest/APIReference/CommonErrors.html), the most plausible documented one.
 * PENDING (enabling still in progress) is refused the same way.
 */
function requireOrganizationAccess(store: HealthStore): void {
  if (store.organizationAccess !== 'ENABLED') {
    throw new HealthError(400, 'AccessDeniedException',
      `Health organizational view is ${store.organizationAccess === 'PENDING' ? 'still being enabled' : 'not enabled'} for this organization. Call EnableHealthServiceAccessForOrganization from the management account.`);
  }
}

/**
 * "English (en) is the default and the only supported value at this time" (`locale` in every operation); another
 * value is UnsupportedLocale, "The specified locale is not supported." (model), HTTP 400.
 */
function checkLocale(input: Record<string, unknown>): void {
  if (input.locale !== undefined && input.locale !== null && input.locale !== 'en') {
    throw new HealthError(400, 'UnsupportedLocale', 'The specified locale is not supported.');
  }
}

// ---- request shapes and validation ----

/**
 * The request shapes, with the model's constraints. The model validates before the operation runs, and a value
 * outside them is a ValidationException whose message lists every violation in the service framework's words:
 * "1 validation error detected: Value ... at 'filter.entityValues' failed to satisfy constraint: Member must have
 * length less than or equal to 99" (reported by users of the real service:
 * https://github.com/cloud-custodian/cloud-custodian/issues/6822). A value of the wrong JSON type is a
 * SerializationException. Members marked `unsupported` are refused with a ValidationException naming them.
 */
type Shape =
  | { readonly t: 'string'; readonly min?: number; readonly max?: number; readonly pattern?: string }
  | { readonly t: 'int'; readonly min: number; readonly max: number }
  | { readonly t: 'timestamp' }
  | { readonly t: 'enum'; readonly values: readonly string[] }
  | { readonly t: 'list'; readonly member: Shape; readonly min?: number; readonly max?: number }
  | { readonly t: 'map'; readonly max?: number }
  | { readonly t: 'struct'; readonly members: Readonly<Record<string, Shape>>; readonly required?: readonly string[]; readonly unsupported?: Readonly<Record<string, string>> };

const str = (min: number | undefined, max: number | undefined, pattern?: string): Shape => ({ t: 'string', min, max, pattern });
const list = (member: Shape, min?: number, max?: number): Shape => ({ t: 'list', member, min, max });
const enumOf = (values: readonly string[]): Shape => ({ t: 'enum', values });
const struct = (members: Record<string, Shape>, required: readonly string[] = [], unsupported: Record<string, string> = {}): Shape => ({ t: 'struct', members, required, unsupported });

// Primitive shapes of the model (com.amazonaws.health#...).
const EVENT_ARN_PATTERN = '^arn:aws(-[a-z]+(-[a-z]+)?)?:health:[^:]*:[^:]*:event(?:/[\\w-]+){3}$';
const EVENT_ARN = new RegExp(EVENT_ARN_PATTERN);
const eventArn = str(0, 1600, EVENT_ARN_PATTERN);
/** `nextToken`: "Minimum length of 4. Maximum length of 10000. Pattern: [a-zA-Z0-9=/+_.-]{4,10000}". */
const nextToken = str(4, 10000, '^[a-zA-Z0-9=/+_.-]{4,10000}$');
const locale = str(2, 256, '^.{2,256}$');
/** `maxResults` 10–100 and `maxResultsLowerRange` 1–100 (model). */
const maxResults: Shape = { t: 'int', min: 10, max: 100 };
const maxResultsLowerRange: Shape = { t: 'int', min: 1, max: 100 };
const accountId = str(0, 12, '^\\S+$');
const dateTimeRange = struct({ from: { t: 'timestamp' }, to: { t: 'timestamp' } });
const dateTimeRangeList = list(dateTimeRange, 1, 10);
const serviceList = list(str(2, 30, '^[^:/]{2,30}$'), 1, 10);
const regionList = list(str(2, 25, '^[^:/]{2,25}$'), 1, 10);
const eventTypeList2 = list(str(3, 100, '^[^:/]{3,100}$'), 1, 10);
const eventTypeCodeList = list(str(3, 100, '^[a-zA-Z0-9\\_\\-]{3,100}$'), 1, 10);
const entityArnList = list(str(0, 1600, '^.{0,1600}$'), 1, 99);
const entityValueList = list(str(0, 1224, '^.{0,1224}$'), 1, 99);
const categoryList = list(enumOf(CATEGORIES), 1, 10);
const statusCodeList = list(enumOf(STATUS_CODES), 1, 6);
const entityStatusCodeList = list(enumOf(ENTITY_STATUS_CODES), 1, 5);
const actionabilityList = list(enumOf(ACTIONABILITIES), 1, 3);
const personaList = list(enumOf(PERSONAS), 1, 3);
const tagFilter = list({ t: 'map', max: 50 }, 0, 50);
/** "Currently, the tags property isn't supported." (API_EventFilter.html, API_EntityFilter.html, tags) */
const TAGS_UNSUPPORTED = "the reference says 'Currently, the tags property isn't supported'";

/** EventFilter (API_EventFilter.html). */
const eventFilter = struct({
  actionabilities: actionabilityList, eventArns: list(eventArn, 1, 10), eventTypeCodes: eventTypeList2, services: serviceList,
  regions: regionList, availabilityZones: list(str(6, 18, '^[a-z]{2,4}\\-[0-9a-z\\-]{4,16}$')), startTimes: dateTimeRangeList,
  endTimes: dateTimeRangeList, lastUpdatedTimes: dateTimeRangeList, entityArns: entityArnList, entityValues: entityValueList,
  eventTypeCategories: categoryList, tags: tagFilter, eventStatusCodes: statusCodeList, personas: personaList,
}, [], { tags: TAGS_UNSUPPORTED });

/** OrganizationEventFilter (API_OrganizationEventFilter.html): single DateTimeRanges, and awsAccountIds 1–50. */
const organizationEventFilter = struct({
  actionabilities: actionabilityList, eventTypeCodes: eventTypeList2, awsAccountIds: list(accountId, 1, 50), services: serviceList,
  regions: regionList, startTime: dateTimeRange, endTime: dateTimeRange, lastUpdatedTime: dateTimeRange, entityArns: entityArnList,
  entityValues: entityValueList, eventTypeCategories: categoryList, eventStatusCodes: statusCodeList, personas: personaList,
});

/** EntityFilter (API_EntityFilter.html): eventArns required, 1–10. */
const entityFilter = struct({
  eventArns: list(eventArn, 1, 10), entityArns: entityArnList, entityValues: entityValueList, lastUpdatedTimes: dateTimeRangeList,
  tags: tagFilter, statusCodes: entityStatusCodeList,
}, ['eventArns'], { tags: TAGS_UNSUPPORTED });

const eventAccountFilter = struct({ eventArn, awsAccountId: accountId }, ['eventArn']);
const entityAccountFilter = struct({ eventArn, awsAccountId: accountId, statusCodes: entityStatusCodeList }, ['eventArn']);
const eventTypeFilter = struct({
  eventTypeCodes: eventTypeCodeList, services: serviceList, eventTypeCategories: list(enumOf(CATEGORIES), 1, 10),
  actionabilities: actionabilityList, personas: personaList,
});

class HealthError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function validationError(messages: readonly string[]): HealthError {
  return new HealthError(400, 'ValidationException',
    `${messages.length} validation error${messages.length === 1 ? '' : 's'} detected: ${messages.join('; ')}`);
}

function validate(shape: Shape, value: Record<string, unknown>, path: string): void {
  const problems: string[] = [];
  check(shape, value, path, problems);
  if (problems.length > 0) {
    throw validationError(problems);
  }
}

/** Collects the constraint violations of `value` against `shape` (messages in the service framework's wording). */
function check(shape: Shape, value: unknown, path: string, problems: string[]): void {
  const at = (v: unknown, constraint: string) => problems.push(`Value ${v === null ? 'null' : `'${show(v)}'`} at '${path}' failed to satisfy constraint: ${constraint}`);
  const wrongType = () => {
    throw new HealthError(400, 'SerializationException', `Unexpected value type at '${path || '(input)'}'.`);
  };
  switch (shape.t) {
    case 'string':
      if (typeof value !== 'string') {
        return wrongType();
      }
      if (shape.min !== undefined && value.length < shape.min) {
        at(value, `Member must have length greater than or equal to ${shape.min}`);
      }
      if (shape.max !== undefined && value.length > shape.max) {
        at(value, `Member must have length less than or equal to ${shape.max}`);
      }
      if (shape.pattern !== undefined && !compiled(shape.pattern).test(value)) {
        at(value, `Member must satisfy regular expression pattern: ${shape.pattern}`);
      }
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return wrongType();
      }
      if (value < shape.min) {
        at(value, `Member must have value greater than or equal to ${shape.min}`);
      } else if (value > shape.max) {
        at(value, `Member must have value less than or equal to ${shape.max}`);
      }
      return;
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return wrongType();
      }
      return;
    case 'enum':
      if (typeof value !== 'string') {
        return wrongType();
      }
      if (!shape.values.includes(value)) {
        at(value, `Member must satisfy enum value set: [${shape.values.join(', ')}]`);
      }
      return;
    case 'map':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return wrongType();
      }
      if (shape.max !== undefined && Object.keys(value).length > shape.max) {
        at(value, `Member must have length less than or equal to ${shape.max}`);
      }
      return;
    case 'list':
      if (!Array.isArray(value)) {
        return wrongType();
      }
      if (shape.min !== undefined && value.length < shape.min) {
        at(value, `Member must have length greater than or equal to ${shape.min}`);
      }
      if (shape.max !== undefined && value.length > shape.max) {
        at(value, `Member must have length less than or equal to ${shape.max}`);
      }
      value.forEach((item, i) => check(shape.member, item, `${path}.${i + 1}.member`, problems));
      return;
    case 'struct': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return wrongType();
      }
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null) {
          problems.push(`Value null at '${join(path, name)}' failed to satisfy constraint: Member must not be null`);
        }
      }
      for (const [name, member] of Object.entries(record)) {
        if (member === undefined || member === null) {
          continue;
        }
        const reason = shape.unsupported?.[name];
        if (reason !== undefined) {
          throw new HealthError(400, 'ValidationException', `The stand-in does not support '${join(path, name)}': ${reason}.`);
        }
        const memberShape = shape.members[name];
        if (!memberShape) {
          throw new HealthError(400, 'ValidationException', `The stand-in does not know the member '${join(path, name)}'.`);
        }
        check(memberShape, member, join(path, name), problems);
      }
      return;
    }
  }
}

const patterns = new Map<string, RegExp>();

/** The model's patterns are Java regular expressions (`\-` escapes and all): compiled without the `u` flag. */
function compiled(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern);
    patterns.set(pattern, regex);
  }
  return regex;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** A value as the service framework prints it in a message: lists as `[a, b]`, objects as `{k=v}`. */
function show(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(show).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${show(v)}`).join(', ')}}`;
  }
  return String(value);
}

// ---- operations ----

type Input = Record<string, unknown>;
interface OperationSpec {
  readonly input: Shape;
  /** A `...ForOrganization` call: needs the organizational view enabled. */
  readonly organization?: boolean;
  readonly run: (store: HealthStore, input: Input, operation: string) => Record<string, unknown>;
}

const operations: Record<string, OperationSpec> = {
  DescribeEvents: {
    input: struct({ filter: eventFilter, nextToken, maxResults: maxResultsLowerRange, locale }),
    run: describeEvents,
  },
  DescribeEventsForOrganization: {
    input: struct({ filter: organizationEventFilter, nextToken, maxResults: maxResultsLowerRange, locale }),
    organization: true,
    run: describeEventsForOrganization,
  },
  DescribeEventDetails: {
    input: struct({ eventArns: list(eventArn, 1, 10), locale }, ['eventArns']),
    run: describeEventDetails,
  },
  DescribeEventDetailsForOrganization: {
    input: struct({ organizationEventDetailFilters: list(eventAccountFilter, 1, 10), locale }, ['organizationEventDetailFilters']),
    organization: true,
    run: describeEventDetailsForOrganization,
  },
  DescribeAffectedEntities: {
    input: struct({ filter: entityFilter, locale, nextToken, maxResults: maxResultsLowerRange }, ['filter']),
    run: describeAffectedEntities,
  },
  DescribeAffectedEntitiesForOrganization: {
    input: struct({
      organizationEntityFilters: list(eventAccountFilter, 1, 10), locale, nextToken, maxResults: maxResultsLowerRange,
      organizationEntityAccountFilters: list(entityAccountFilter, 1, 10),
    }),
    organization: true,
    run: describeAffectedEntitiesForOrganization,
  },
  DescribeAffectedAccountsForOrganization: {
    input: struct({ eventArn, nextToken, maxResults }, ['eventArn']),
    organization: true,
    run: describeAffectedAccountsForOrganization,
  },
  DescribeEventTypes: {
    input: struct({ filter: eventTypeFilter, locale, nextToken, maxResults }),
    run: describeEventTypes,
  },
  DescribeEventAggregates: {
    input: struct({ filter: eventFilter, aggregateField: enumOf(['eventTypeCategory']), maxResults, nextToken }, ['aggregateField']),
    run: describeEventAggregates,
  },
  DescribeHealthServiceStatusForOrganization: {
    input: struct({}),
    run: (store) => ({ healthServiceAccessStatusForOrganization: store.organizationAccess }),
  },
};

/**
 * DescribeEvents (https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeEvents.html):
 * - the caller's own view: PUBLIC events and those specific to the caller's account ("Health events can be public or
 *   account-specific", API_Event.html);
 * - "If no filter criteria are specified, all events are returned. Results are sorted by lastModifiedTime, starting
 *   with the most recent event" ({@link compareEvents});
 * - `maxResults` 1–100 (model: `maxResultsLowerRange`), default {@link DEFAULT_PAGE_SIZE};
 * - paged by offset into the current order (see {@link page}): a moving window.
 */
function describeEvents(store: HealthStore, input: Input, operation: string): Record<string, unknown> {
  const filter = readEventFilter(input.filter as Input | undefined);
  const events = store.events().filter((e) => store.visibleToAccount(e) && matchesEvent(store, e, filter, 'account'));
  const { items, nextToken: token } = page(store, operation, input, events, intOr(input.maxResults, DEFAULT_PAGE_SIZE));
  return { events: items.map(eventShape), ...(token ? { nextToken: token } : {}) };
}

/**
 * DescribeEventsForOrganization (https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeEventsForOrganization.html):
 * every event of the organization ("If you don't specify a filter, the DescribeEventsForOrganizations returns all
 * events across your organization"), one OrganizationEvent per event (no account in it: API_OrganizationEvent.html,
 * which also has no availabilityZone), in the same newest-first order; `maxResults` 1–100 (model).
 */
function describeEventsForOrganization(store: HealthStore, input: Input, operation: string): Record<string, unknown> {
  const filter = readOrganizationEventFilter(input.filter as Input | undefined);
  const events = store.events().filter((e) => store.visibleToOrganization(e) && matchesEvent(store, e, filter, 'organization'));
  const { items, nextToken: token } = page(store, operation, input, events, intOr(input.maxResults, DEFAULT_PAGE_SIZE));
  return { events: items.map(organizationEventShape), ...(token ? { nextToken: token } : {}) };
}

/**
 * DescribeEventDetails (https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeEventDetails.html): 1–10
 * ARNs, not paged; "If a specified event can't be retrieved, an error message is returned for that event": each one
 * found in the caller's view goes to `successfulSet` (event, `eventDescription.latestDescription`, `eventMetadata`),
 * each other one to `failedSet` (`eventArn`, `errorName`, `errorMessage`), in the order asked.
 */
function describeEventDetails(store: HealthStore, input: Input): Record<string, unknown> {
  const successfulSet: unknown[] = [];
  const failedSet: unknown[] = [];
  for (const arn of input.eventArns as string[]) {
    const event = store.event(arn);
    if (event && store.visibleToAccount(event)) {
      successfulSet.push({ event: eventShape(event), eventDescription: { latestDescription: event.description }, eventMetadata: { ...event.metadata } });
    } else {
      failedSet.push({ eventArn: arn, errorName: EVENT_NOT_FOUND, errorMessage: EVENT_NOT_FOUND_MESSAGE });
    }
  }
  return { successfulSet, failedSet };
}

/**
 * DescribeEventDetailsForOrganization (https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeEventDetailsForOrganization.html):
 * 1–10 filters `{eventArn, awsAccountId?}`. "To return event details for a public event, you must specify a null value
 * for the awsAccountId parameter. If you specify an account ID for a public event, Health returns an error message";
 * "To return event details for an event that is specific to an account in your organization, you must specify the
 * awsAccountId parameter"; the messages are the reference's (OrganizationEventDetailsErrorItem, errorMessage).
 */
function describeEventDetailsForOrganization(store: HealthStore, input: Input): Record<string, unknown> {
  const successfulSet: unknown[] = [];
  const failedSet: unknown[] = [];
  for (const filter of input.organizationEventDetailFilters as Array<{ eventArn: string; awsAccountId?: string | null }>) {
    const account = filter.awsAccountId ?? undefined;
    const event = store.event(filter.eventArn);
    const found = event !== undefined && store.visibleToOrganization(event) && (account === undefined
      ? event.eventScopeCode === 'PUBLIC'
      : event.eventScopeCode === 'ACCOUNT_SPECIFIC' && event.accounts.includes(account) && store.organizationAccounts.includes(account));
    if (event && found) {
      successfulSet.push({
        ...(account !== undefined ? { awsAccountId: account } : {}),
        event: eventShape(event), eventDescription: { latestDescription: event.description }, eventMetadata: { ...event.metadata },
      });
    } else {
      failedSet.push({
        ...(account !== undefined ? { awsAccountId: account } : {}), eventArn: filter.eventArn, errorName: EVENT_NOT_FOUND,
        errorMessage: account === undefined ? PUBLIC_EVENT_NOT_FOUND : ACCOUNT_EVENT_NOT_FOUND,
      });
    }
  }
  return { successfulSet, failedSet };
}

/**
 * DescribeAffectedEntities (https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeAffectedEntities.html):
 * "At least one event ARN is required" (`filter.eventArns`, 1–10, model); the caller's own entities of those events
 * (events outside the caller's view have none for it), narrowed by `entityArns`, `entityValues`, `lastUpdatedTimes`
 * and `statusCodes` (API_EntityFilter.html); newest update first ({@link compareEntities}); `maxResults` 1–100
 * (model: `maxResultsLowerRange`, "between 1 and 100, inclusive"), default {@link DEFAULT_PAGE_SIZE}.
 */
function describeAffectedEntities(store: HealthStore, input: Input, operation: string): Record<string, unknown> {
  const filter = input.filter as Input;
  const arns = new Set(filter.eventArns as string[]);
  const entityArns = setOf(filter.entityArns);
  const entityValues = setOf(filter.entityValues);
  const statuses = setOf(filter.statusCodes);
  const updated = rangesOf(filter.lastUpdatedTimes);
  const entities: AffectedEntityRecord[] = [];
  for (const arn of arns) {
    const event = store.event(arn);
    if (!event || !store.visibleToAccount(event)) {
      continue;
    }
    for (const entity of store.entities(arn)) {
      if (entity.awsAccountId === store.account && (!entityArns || entityArns.has(entity.entityArn)) && (!entityValues || entityValues.has(entity.entityValue))
        && (!statuses || statuses.has(entity.statusCode)) && (!updated || inAnyRange(entity.lastUpdatedTime, updated))) {
        entities.push(entity);
      }
    }
  }
  entities.sort(compareEntities);
  const { items, nextToken: token } = page(store, operation, input, entities, intOr(input.maxResults, DEFAULT_PAGE_SIZE));
  return { entities: items.map(entityShape), ...(token ? { nextToken: token } : {}) };
}

/**
 * DescribeAffectedEntitiesForOrganization (https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeAffectedEntitiesForOrganization.html):
 * - `organizationEntityAccountFilters` (1–10 of `{eventArn, awsAccountId?, statusCodes?}`) or the deprecated
 *   `organizationEntityFilters` (1–10 of `{eventArn, awsAccountId?}`); "At least one event Amazon Resource Name (ARN)
 *   and account ID are required". The reference does not say what both or neither do: the stand-in refuses both
 *   with ValidationException;
 * - a filter whose event cannot be found goes to `failedSet` ({@link EVENT_NOT_FOUND}); one for an account-specific
 *   event without an account goes there as InvalidAccountInputError ("the InvalidAccountInputError error message
 *   appears if you ... specify the AccountSpecific value for the EventScopeCode parameter, but don't specify an Amazon
 *   Web Services account", OrganizationAffectedEntitiesErrorItem). Each page evaluates the filters again, so every
 *   page carries the same `failedSet`;
 * - the entities of the other filters (the account's, or every organization account's for a public event), each once,
 *   newest update first ({@link compareEntities}); `maxResults` 1–100 (model), default {@link DEFAULT_PAGE_SIZE}.
 */
function describeAffectedEntitiesForOrganization(store: HealthStore, input: Input, operation: string): Record<string, unknown> {
  const accountFilters = input.organizationEntityAccountFilters as Array<{ eventArn: string; awsAccountId?: string | null; statusCodes?: string[] | null }> | undefined;
  const legacyFilters = input.organizationEntityFilters as Array<{ eventArn: string; awsAccountId?: string | null }> | undefined;
  if (accountFilters && legacyFilters) {
    throw new HealthError(400, 'ValidationException', 'Specify organizationEntityAccountFilters or organizationEntityFilters, not both.');
  }
  const filters = accountFilters ?? legacyFilters;
  if (!filters) {
    throw validationError(["Value null at 'organizationEntityAccountFilters' failed to satisfy constraint: Member must not be null"]);
  }
  const failedSet: unknown[] = [];
  const chosen = new Map<string, AffectedEntityRecord>();
  for (const filter of filters) {
    const account = filter.awsAccountId ?? undefined;
    const statuses = 'statusCodes' in filter ? setOf(filter.statusCodes) : undefined;
    const event = store.event(filter.eventArn);
    if (!event || !store.visibleToOrganization(event)) {
      failedSet.push({ ...(account !== undefined ? { awsAccountId: account } : {}), eventArn: filter.eventArn, errorName: EVENT_NOT_FOUND, errorMessage: EVENT_NOT_FOUND_MESSAGE });
      continue;
    }
    if (event.eventScopeCode === 'ACCOUNT_SPECIFIC' && account === undefined) {
      failedSet.push({ eventArn: filter.eventArn, errorName: INVALID_ACCOUNT_INPUT, errorMessage: 'This event is account specific: specify an Amazon Web Services account ID.' });
      continue;
    }
    for (const entity of store.entities(event.arn)) {
      if ((account === undefined ? store.organizationAccounts.includes(entity.awsAccountId) : entity.awsAccountId === account && store.organizationAccounts.includes(account))
        && (!statuses || statuses.has(entity.statusCode))) {
        chosen.set(entity.entityArn, entity);
      }
    }
  }
  const entities = [...chosen.values()].sort(compareEntities);
  const { items, nextToken: token } = page(store, operation, input, entities, intOr(input.maxResults, DEFAULT_PAGE_SIZE));
  return { entities: items.map(entityShape), failedSet, ...(token ? { nextToken: token } : {}) };
}

/**
 * DescribeAffectedAccountsForOrganization (https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeAffectedAccountsForOrganization.html):
 * "If the eventScopeCode value is PUBLIC, then the affectedAccounts value is always empty"; "If ... ACCOUNT_SPECIFIC,
 * then the affectedAccounts value lists the affected Amazon Web Services accounts in your organization"; "If ... NONE,
 * then the eventArn that you specified in the request is invalid or doesn't exist" (so an unknown event is not an
 * error). Accounts in ascending order (the reference names none); `maxResults` 10–100 (model), default
 * {@link DEFAULT_PAGE_SIZE}; `eventScopeCode` on every page.
 */
function describeAffectedAccountsForOrganization(store: HealthStore, input: Input, operation: string): Record<string, unknown> {
  const event = store.event(input.eventArn as string);
  const known = event !== undefined && store.visibleToOrganization(event);
  const scope: EventScopeCode = known ? event.eventScopeCode : 'NONE';
  const accounts = known && scope === 'ACCOUNT_SPECIFIC' ? event.accounts.filter((a) => store.organizationAccounts.includes(a)).sort(byteCompare) : [];
  const { items, nextToken: token } = page(store, operation, input, accounts, intOr(input.maxResults, DEFAULT_PAGE_SIZE));
  return { affectedAccounts: items, eventScopeCode: scope, ...(token ? { nextToken: token } : {}) };
}

/**
 * DescribeEventTypes (https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeEventTypes.html): "If you
 * don't specify a filter criteria, the API operation returns all event types, in no particular order" (here: by
 * service, then code); `maxResults` 10–100, "If you don't specify the maxResults parameter, this operation returns a
 * maximum of 30 items by default"; filter by `eventTypeCodes`, `services`, `eventTypeCategories`, `actionabilities`,
 * `personas` (API_EventTypeFilter.html).
 */
function describeEventTypes(store: HealthStore, input: Input, operation: string): Record<string, unknown> {
  const filter = (input.filter ?? {}) as Input;
  const codes = setOf(filter.eventTypeCodes);
  const services = setOf(filter.services);
  const categories = setOf(filter.eventTypeCategories);
  const actionabilities = setOf(filter.actionabilities);
  const personas = setOf(filter.personas);
  const types = store.eventTypes().filter((t) => (!codes || codes.has(t.code)) && (!services || services.has(t.service))
    && (!categories || categories.has(t.category)) && (!actionabilities || (t.actionability !== undefined && actionabilities.has(t.actionability)))
    && (!personas || (t.personas ?? []).some((p) => personas.has(p))));
  const { items, nextToken: token } = page(store, operation, input, types, intOr(input.maxResults, EVENT_TYPES_DEFAULT_PAGE_SIZE));
  return {
    eventTypes: items.map((t) => ({ service: t.service, code: t.code, category: t.category, ...(t.actionability ? { actionability: t.actionability } : {}), ...(t.personas ? { personas: [...t.personas] } : {}) })),
    ...(token ? { nextToken: token } : {}),
  };
}

/**
 * DescribeEventAggregates (https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeEventAggregates.html):
 * "Returns the number of events of each event type (issue, scheduled change, and account notification)" over the
 * events DescribeEvents would return for the same filter; `aggregateField` required, "The only currently supported
 * value is eventTypeCategory"; categories with no events are left out (the stand-in's reading); by category name;
 * `maxResults` 10–100 ("Valid Range: Minimum value of 10. Maximum value of 100").
 */
function describeEventAggregates(store: HealthStore, input: Input, operation: string): Record<string, unknown> {
  const filter = readEventFilter(input.filter as Input | undefined);
  const counts = new Map<string, number>();
  for (const event of store.events()) {
    if (store.visibleToAccount(event) && matchesEvent(store, event, filter, 'account')) {
      counts.set(event.eventTypeCategory, (counts.get(event.eventTypeCategory) ?? 0) + 1);
    }
  }
  const aggregates = [...counts.entries()].sort(([a], [b]) => byteCompare(a, b)).map(([aggregateValue, count]) => ({ aggregateValue, count }));
  const { items, nextToken: token } = page(store, operation, input, aggregates, intOr(input.maxResults, DEFAULT_PAGE_SIZE));
  return { eventAggregates: items, ...(token ? { nextToken: token } : {}) };
}

// ---- filters ----

interface TimeRange {
  readonly from?: number;
  readonly to?: number;
}

/** An EventFilter or OrganizationEventFilter, read: absent members are undefined (no condition). */
interface EventQuery {
  readonly eventArns?: Set<string>;
  readonly eventTypeCodes?: Set<string>;
  readonly services?: Set<string>;
  readonly regions?: Set<string>;
  readonly availabilityZones?: Set<string>;
  readonly startTimes?: TimeRange[];
  readonly endTimes?: TimeRange[];
  readonly lastUpdatedTimes?: TimeRange[];
  readonly entityArns?: Set<string>;
  readonly entityValues?: Set<string>;
  readonly eventTypeCategories?: Set<string>;
  readonly eventStatusCodes?: Set<string>;
  readonly actionabilities?: Set<string>;
  readonly personas?: Set<string>;
  readonly awsAccountIds?: Set<string>;
}

function readEventFilter(filter: Input | undefined): EventQuery {
  const f = filter ?? {};
  return {
    eventArns: setOf(f.eventArns), eventTypeCodes: setOf(f.eventTypeCodes), services: setOf(f.services), regions: setOf(f.regions),
    availabilityZones: setOf(f.availabilityZones), startTimes: rangesOf(f.startTimes), endTimes: rangesOf(f.endTimes),
    lastUpdatedTimes: rangesOf(f.lastUpdatedTimes), entityArns: setOf(f.entityArns), entityValues: setOf(f.entityValues),
    eventTypeCategories: setOf(f.eventTypeCategories), eventStatusCodes: setOf(f.eventStatusCodes), actionabilities: setOf(f.actionabilities),
    personas: setOf(f.personas),
  };
}

/** OrganizationEventFilter: one DateTimeRange each for startTime, endTime, lastUpdatedTime (API_OrganizationEventFilter.html). */
function readOrganizationEventFilter(filter: Input | undefined): EventQuery {
  const f = filter ?? {};
  const one = (range: unknown) => (range === undefined || range === null ? undefined : rangesOf([range]));
  return {
    eventTypeCodes: setOf(f.eventTypeCodes), services: setOf(f.services), regions: setOf(f.regions), startTimes: one(f.startTime),
    endTimes: one(f.endTime), lastUpdatedTimes: one(f.lastUpdatedTime), entityArns: setOf(f.entityArns), entityValues: setOf(f.entityValues),
    eventTypeCategories: setOf(f.eventTypeCategories), eventStatusCodes: setOf(f.eventStatusCodes), actionabilities: setOf(f.actionabilities),
    personas: setOf(f.personas), awsAccountIds: setOf(f.awsAccountIds),
  };
}

/**
 * Whether an event passes a filter. Each member given is a condition, all must hold (AND), and a list matches when
 * any of its values does (OR): the reference states neither, it is the stand-in's reading of "Values to narrow the
 * results returned". Time ranges follow DateTimeRange: "If from is set and to is set: match items where the timestamp
 * ... is between from and to inclusive. If from is set and to is not set: match items where the timestamp value is
 * equal to or after from. If from is not set and to is set: match items where the timestamp value is equal to or
 * before to" (https://docs.aws.amazon.com/health/latest/APIReference/API_DateTimeRange.html); an event without an
 * endTime matches no `endTimes` range. `entityArns`/`entityValues` match events with such an entity in the view's
 * accounts, and in the caller's own view also every PUBLIC event: "When you call the DescribeEvents operation and
 * specify an entity for the entityValues parameter, Health might return public events that aren't specific to that
 * resource ... events that aren't specific to that resource or service" (API_DescribeEvents.html). `awsAccountIds`
 * (organization only) matches events affecting one of the accounts, so never a PUBLIC one ("A list of 12-digit Amazon
 * Web Services account numbers that contains the affected entities", API_OrganizationEventFilter.html).
 */
function matchesEvent(store: HealthStore, e: HealthEventRecord, q: EventQuery, view: 'account' | 'organization'): boolean {
  if ((q.eventArns && !q.eventArns.has(e.arn)) || (q.eventTypeCodes && !q.eventTypeCodes.has(e.eventTypeCode)) || (q.services && !q.services.has(e.service))
    || (q.regions && !q.regions.has(e.region)) || (q.availabilityZones && (e.availabilityZone === undefined || !q.availabilityZones.has(e.availabilityZone)))
    || (q.eventTypeCategories && !q.eventTypeCategories.has(e.eventTypeCategory)) || (q.eventStatusCodes && !q.eventStatusCodes.has(e.statusCode))
    || (q.actionabilities && (e.actionability === undefined || !q.actionabilities.has(e.actionability)))
    || (q.personas && !(e.personas ?? []).some((p) => q.personas?.has(p)))
    || (q.startTimes && !inAnyRange(e.startTime, q.startTimes)) || (q.endTimes && (e.endTime === undefined || !inAnyRange(e.endTime, q.endTimes)))
    || (q.lastUpdatedTimes && !inAnyRange(e.lastUpdatedTime, q.lastUpdatedTimes))
    || (q.awsAccountIds && !e.accounts.some((a) => q.awsAccountIds?.has(a)))) {
    return false;
  }
  if (q.entityArns || q.entityValues) {
    if (view === 'account' && e.eventScopeCode === 'PUBLIC') {
      return true;
    }
    const accounts = view === 'account' ? [store.account] : store.organizationAccounts;
    return store.entities(e.arn).some((entity) => accounts.includes(entity.awsAccountId)
      && (!q.entityArns || q.entityArns.has(entity.entityArn)) && (!q.entityValues || q.entityValues.has(entity.entityValue)));
  }
  return true;
}

function setOf(value: unknown): Set<string> | undefined {
  return Array.isArray(value) ? new Set(value as string[]) : undefined;
}

/** DateTimeRanges in epoch milliseconds (the wire carries epoch seconds, possibly fractional). */
function rangesOf(value: unknown): TimeRange[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  return (value as Array<{ from?: number | null; to?: number | null }>).map((range) => ({
    ...(typeof range.from === 'number' ? { from: Math.round(range.from * 1000) } : {}),
    ...(typeof range.to === 'number' ? { to: Math.round(range.to * 1000) } : {}),
  }));
}

function inAnyRange(ms: number, ranges: readonly TimeRange[]): boolean {
  return ranges.some((r) => (r.from === undefined || ms >= r.from) && (r.to === undefined || ms <= r.to));
}

function intOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

// ---- output shapes ----

/** Timestamps on the wire: epoch seconds, fractional ("startTime": 1589077890.53 in the CLI's own example output). */
function seconds(ms: number): number {
  return ms / 1000;
}

/** An Event (API_Event.html). */
function eventShape(e: HealthEventRecord): Record<string, unknown> {
  return {
    arn: e.arn, service: e.service, eventTypeCode: e.eventTypeCode, eventTypeCategory: e.eventTypeCategory, region: e.region,
    ...(e.availabilityZone !== undefined ? { availabilityZone: e.availabilityZone } : {}),
    startTime: seconds(e.startTime), ...(e.endTime !== undefined ? { endTime: seconds(e.endTime) } : {}),
    lastUpdatedTime: seconds(e.lastUpdatedTime), statusCode: e.statusCode, eventScopeCode: e.eventScopeCode,
    ...(e.actionability !== undefined ? { actionability: e.actionability } : {}), ...(e.personas !== undefined ? { personas: [...e.personas] } : {}),
  };
}

/** An OrganizationEvent (API_OrganizationEvent.html): an Event without availabilityZone. */
function organizationEventShape(e: HealthEventRecord): Record<string, unknown> {
  const { availabilityZone: _availabilityZone, ...rest } = eventShape(e);
  return rest;
}

/** An AffectedEntity (API_AffectedEntity.html); `tags` only when there are some. */
function entityShape(entity: AffectedEntityRecord): Record<string, unknown> {
  return {
    entityArn: entity.entityArn, eventArn: entity.eventArn, entityValue: entity.entityValue,
    ...(entity.entityUrl !== undefined ? { entityUrl: entity.entityUrl } : {}),
    awsAccountId: entity.awsAccountId, lastUpdatedTime: seconds(entity.lastUpdatedTime), statusCode: entity.statusCode,
    ...(Object.keys(entity.tags).length > 0 ? { tags: { ...entity.tags } } : {}),
    ...(entity.entityMetadata ? { entityMetadata: { ...entity.entityMetadata } } : {}),
  };
}

// ---- paging and tokens ----

/**
 * One page of `items` (already in the service's order) and the token for the next, if any: "If the results of a
 * search are large, only a portion of the results are returned, and a nextToken pagination token is returned in the
 * response ... When all results have been returned, the response does not contain a pagination token value" (every
 * paged operation). The token holds an offset into the ordering as it is when the next request comes, not a position
 * in it: results move as events are updated ("sorted by lastModifiedTime", a moving window, facts). An event not yet
 * returned that is updated while a client pages jumps to page 1: everything before it shifts forward by one, so the
 * next page repeats the last item of the page before, and the updated event is never returned. An event already
 * returned that leaves a filtered window (say `lastUpdatedTimes: [{to: T}]`) shifts what follows back by one, so
 * the next page skips an item. A page that starts past the end is empty, without a token.
 */
function page<T>(store: HealthStore, operation: string, input: Input, items: readonly T[], size: number): { items: T[]; nextToken?: string } {
  const context = contextOf(operation, input);
  const offset = typeof input.nextToken === 'string' ? readToken(store, input.nextToken, context) : 0;
  const slice = items.slice(offset, offset + size);
  const end = offset + slice.length;
  return { items: slice, ...(end < items.length ? { nextToken: writeToken(store, context, end) } : {}) };
}

interface TokenBody {
  /** Digest of the operation and the request's other members (not nextToken, maxResults or locale). */
  c: string;
  /** Offset of the next page. */
  o: number;
  /** The store's time when it was handed out. */
  i: number;
  /** Filler up to {@link HealthStore.tokenMinLength}. */
  p?: string;
}

/** The operation and what the request asks for, whatever page: a token is valid only for the same query. */
function contextOf(operation: string, input: Input): string {
  const { nextToken: _nextToken, maxResults: _maxResults, locale: _locale, ...query } = input;
  return createHash('sha256').update(JSON.stringify([operation, canonical(query)])).digest('base64url').slice(0, 22);
}

/**
 * An opaque token: base64url of JSON {@link TokenBody}, `.`, and an HMAC of it with the store's secret; every
 * character in the model's pattern `[a-zA-Z0-9=/+_.-]`, at least {@link HealthStore.tokenMinLength} long.
 */
function writeToken(store: HealthStore, context: string, offset: number): string {
  const body: TokenBody = { c: context, o: offset, i: store.now() };
  const make = () => {
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${payload}.${createHmac('sha256', store.tokenSecret).update(payload).digest('base64url')}`;
  };
  let token = make();
  const short = Math.min(store.tokenMinLength, 9000) - token.length;
  if (short > 0) {
    const filler = createHash('sha512').update(`${context}/${offset}`).digest('base64url');
    body.p = filler.repeat(Math.ceil(short / filler.length)).slice(0, Math.ceil((short * 3) / 4));
    token = make();
  }
  return token;
}

/**
 * The offset a token holds, or InvalidPaginationToken ("The specified pagination token (nextToken) is not valid.",
 * HTTP 400, listed for every paged operation) when it is not one of this store's, was edited, was handed out for
 * another operation or query, or is more than {@link TOKEN_LIFETIME_MS} old by the store's clock (an assumption: the
 * reference gives no lifetime). A token that breaks the model's pattern never gets here: it is a ValidationException.
 */
function readToken(store: HealthStore, token: string, context: string): number {
  const refuse = () => new HealthError(400, 'InvalidPaginationToken', INVALID_TOKEN_MESSAGE);
  const [payload, signature, extra] = token.split('.');
  if (extra !== undefined || !payload || !signature) {
    throw refuse();
  }
  const expected = Buffer.from(createHmac('sha256', store.tokenSecret).update(payload).digest('base64url'));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw refuse();
  }
  let body: Partial<TokenBody> | null;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    body = null;
  }
  if (body === null || typeof body !== 'object' || body.c !== context || typeof body.i !== 'number'
    || typeof body.o !== 'number' || !Number.isSafeInteger(body.o) || body.o < 0 || store.now() - body.i > TOKEN_LIFETIME_MS) {
    throw refuse();
  }
  return body.o;
}

/** JSON with object keys sorted, so equal queries give equal text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

// ---- wire ----

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID(), ...headers,
  });
  res.end(text);
}

/**
 * An error as AWS JSON 1.1 sends it: the status, `x-amzn-ErrorType`, and `{"__type", "message"}` in the body; the SDK
 * takes the error's name from `__type` first (`loadJsonRpcErrorCode` in @smithy/core: type, then code, then header).
 */
function sendError(res: http.ServerResponse, error: HealthError): void {
  sendJson(res, error.status, { __type: error.code, message: error.message }, { 'x-amzn-errortype': error.code });
}

// ---- helpers ----

/** Byte order of the UTF-8 encodings. */
function byteCompare(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function hex(random: () => number, length: number): string {
  return Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
}

/** 20 letters and digits, like `AVh5GGT7ul1arKr1sE1K` in the reference's example entity ARN. */
function entityId(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = createHash('sha256').update(seed).digest();
  return Array.from({ length: 20 }, (_, i) => alphabet[bytes[i] % alphabet.length]).join('');
}

/** An entity value of the kind the service names (an instance or volume id, a database, a function ARN...). */
function entityValueFor(service: string, region: string, account: string, random: () => number): string {
  const where = region === 'global' ? 'us-east-1' : region;
  switch (service) {
    case 'EC2': return `i-${hex(random, 17)}`;
    case 'EBS': return `vol-${hex(random, 17)}`;
    case 'RDS': return `db-${hex(random, 8)}`;
    case 'LAMBDA': return `arn:aws:lambda:${where}:${account}:function:fn-${hex(random, 6)}`;
    case 'EKS': return `arn:aws:eks:${where}:${account}:cluster/cluster-${hex(random, 6)}`;
    case 'ACM': return `arn:aws:acm:${where}:${account}:certificate/${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 12)}`;
    case 'IAM': return `arn:aws:iam::${account}:role/role-${hex(random, 6)}`;
    case 'RISK': return `AKIA${hex(random, 16).toUpperCase()}`;
    default: return `${service.toLowerCase()}-${hex(random, 10)}`;
  }
}

/** mulberry32 seeded from a SHA-256 of the seed string: the same seed gives the same sequence. */
function prng(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
