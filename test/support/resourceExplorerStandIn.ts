import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { type RouteHandler, startServiceRouter } from './serviceRouter';

/**
 * An AWS Resource Explorer (`resource-explorer-2`) stand-in: no emulator for it exists on npm or in Debian, so this
 * serves the read operations from an in-memory {@link ResourceExplorerStore} in the real wire protocol, REST-JSON
 * (Smithy `restJson1`): `POST /Search`, `POST /ListResources`, … with JSON bodies, timestamps as ISO 8601 strings, and
 * errors as an HTTP status, an `x-amzn-errortype` header and a `{ "message": … }` body (paths, methods, members and
 * error statuses from the service model: https://github.com/boto/botocore/blob/develop/botocore/data/resource-explorer-2/2022-07-28/service-2.json,
 * the same model `@aws-sdk/client-resource-explorer-2` is generated from).
 *
 * Served: Search, ListResources, ListViews, GetView, BatchGetView, GetDefaultView, ListIndexes, GetIndex and
 * ListSupportedResourceTypes, each with the rules of the API reference (https://docs.aws.amazon.com/resource-explorer/latest/apireference/,
 * cited per operation as API_<Operation>.html) and of the user guide's search query syntax
 * (https://docs.aws.amazon.com/resource-explorer/latest/userguide/using-search-query-syntax.html, cited as "Syntax").
 * Anything else is refused: another operation with `UnknownOperationException`, a query form the stand-in does not
 * implement with a `ValidationException` that says so, rather than an answer that silently differs.
 *
 * Resource Explorer is regional: the Region a request is signed for (the SigV4 credential scope) picks the index and
 * the views that answer it. A LOCAL index holds its own Region's resources; the AGGREGATOR index holds every indexed
 * Region's ("Terms and concepts": https://docs.aws.amazon.com/resource-explorer/latest/userguide/getting-started-terms-and-concepts.html).
 */

export const DEFAULT_ACCOUNT = '123456789012';
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Search "can return only the first 1,000 results" (API_Search.html, QueryString; API_ResourceCount.html). */
export const SEARCH_RESULT_CAP = 1000;
/** "Number of views in an AWS Region: 10" (quotas: https://docs.aws.amazon.com/resource-explorer/latest/userguide/quotas.html). */
const VIEWS_PER_REGION = 10;
/**
 * Global resources (IAM, CloudFront, Route 53) carry the Region `global` and are indexed in us-east-1 only
 * (/work/shared/notes/aws-paging-facts.md, "Resource Explorer 2").
 */
const GLOBAL_REGION = 'global';
const GLOBAL_INDEX_REGION = 'us-east-1';
const GLOBAL_SERVICES = new Set(['iam', 'cloudfront', 'route53', 'organizations']);
const UNAUTHORIZED = 'Unauthorized';

export type IndexType = 'LOCAL' | 'AGGREGATOR';
export type IndexState = 'CREATING' | 'ACTIVE' | 'DELETING' | 'DELETED' | 'UPDATING';

export interface IndexRecord {
  readonly arn: string;
  readonly region: string;
  readonly type: IndexType;
  state: IndexState;
  readonly createdAt: number;
  lastUpdatedAt: number;
  readonly tags: Record<string, string>;
}

export interface ViewRecord {
  readonly arn: string;
  readonly name: string;
  readonly region: string;
  readonly owner: string;
  /** An account root (`arn:aws:iam::123456789012:root`, the default), an organization or an OU ARN. */
  readonly scope: string;
  /** Filters only, no free text (API_SearchFilter.html); `''` for none. */
  readonly filterString: string;
  /** Property names, e.g. `['tags']`; `[]` for none. */
  readonly includedProperties: readonly string[];
  readonly lastUpdatedAt: number;
  readonly tags: Record<string, string>;
}

export interface ResourceRecord {
  readonly arn: string;
  /** The resource's Region, or `global`. */
  readonly region: string;
  readonly service: string;
  /** `service:type`, e.g. `s3:bucket`. */
  readonly resourceType: string;
  readonly owningAccountId: string;
  /** What `id:` matches: the part of the ARN after the resource type (an instance id, a bucket or topic name). */
  readonly id: string;
  readonly lastReportedAt: number;
  readonly tags: Record<string, string>;
}

export interface ResourceOptions {
  /** Required for an ARN without a Region that is not a global service's (an S3 bucket: default `us-east-1`). */
  region?: string;
  /** Default: derived from the ARN (see {@link ResourceExplorerStore.addResource}). */
  resourceType?: string;
  owningAccountId?: string;
  tags?: Record<string, string>;
  lastReportedAt?: number;
}

export interface SeedOptions {
  /** Default `['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2']`. */
  regions?: readonly string[];
  /** Default {@link DEMO_RESOURCE_TYPES} (40 types). */
  types?: readonly string[];
  /** Default: the store's account. */
  accounts?: readonly string[];
  /** The same seed, store state and count give the same resources. Default `resource-explorer`. */
  seed?: string;
}

/** A resource type as ListSupportedResourceTypes reports it, and how the seeder builds an ARN of that type. */
export interface SupportedResourceType {
  readonly service: string;
  readonly resourceType: string;
  readonly cfnResourceTypes: readonly string[];
  /** Matches `resourcetype.supports:tags` (Syntax, filters). */
  readonly supportsTags: boolean;
  /** `{r}` Region, `{a}` account, `{n}` name, `{h}` 17 hex digits, `{u}` a UUID. */
  readonly arnTemplate: string;
}

function catalogType(resourceType: string, arnTemplate: string, cfn: string, supportsTags = true): SupportedResourceType {
  return { service: resourceType.slice(0, resourceType.indexOf(':')), resourceType, cfnResourceTypes: cfn ? [cfn] : [], supportsTags, arnTemplate };
}

/**
 * The resource types the stand-in knows (a subset of the real list, which has several hundred), ordered by
 * `ResourceType`. The first 40 are {@link DEMO_RESOURCE_TYPES}.
 */
export const SUPPORTED_RESOURCE_TYPES: readonly SupportedResourceType[] = [
  catalogType('s3:bucket', 'arn:aws:s3:::{n}', 'AWS::S3::Bucket'),
  catalogType('sns:topic', 'arn:aws:sns:{r}:{a}:{n}', 'AWS::SNS::Topic'),
  catalogType('sqs:queue', 'arn:aws:sqs:{r}:{a}:{n}', 'AWS::SQS::Queue'),
  catalogType('dynamodb:table', 'arn:aws:dynamodb:{r}:{a}:table/{n}', 'AWS::DynamoDB::Table'),
  catalogType('logs:log-group', 'arn:aws:logs:{r}:{a}:log-group:/app/{n}', 'AWS::Logs::LogGroup'),
  catalogType('ec2:instance', 'arn:aws:ec2:{r}:{a}:instance/i-{h}', 'AWS::EC2::Instance'),
  catalogType('ec2:volume', 'arn:aws:ec2:{r}:{a}:volume/vol-{h}', 'AWS::EC2::Volume'),
  catalogType('ec2:security-group', 'arn:aws:ec2:{r}:{a}:security-group/sg-{h}', 'AWS::EC2::SecurityGroup'),
  catalogType('ec2:vpc', 'arn:aws:ec2:{r}:{a}:vpc/vpc-{h}', 'AWS::EC2::VPC'),
  catalogType('ec2:subnet', 'arn:aws:ec2:{r}:{a}:subnet/subnet-{h}', 'AWS::EC2::Subnet'),
  catalogType('ec2:network-interface', 'arn:aws:ec2:{r}:{a}:network-interface/eni-{h}', 'AWS::EC2::NetworkInterface'),
  catalogType('ec2:snapshot', 'arn:aws:ec2:{r}:{a}:snapshot/snap-{h}', ''),
  catalogType('ec2:image', 'arn:aws:ec2:{r}:{a}:image/ami-{h}', ''),
  catalogType('ec2:internet-gateway', 'arn:aws:ec2:{r}:{a}:internet-gateway/igw-{h}', 'AWS::EC2::InternetGateway'),
  catalogType('ec2:route-table', 'arn:aws:ec2:{r}:{a}:route-table/rtb-{h}', 'AWS::EC2::RouteTable'),
  catalogType('lambda:function', 'arn:aws:lambda:{r}:{a}:function:{n}', 'AWS::Lambda::Function'),
  catalogType('iam:role', 'arn:aws:iam::{a}:role/{n}', 'AWS::IAM::Role'),
  catalogType('iam:policy', 'arn:aws:iam::{a}:policy/{n}', 'AWS::IAM::ManagedPolicy'),
  catalogType('rds:db', 'arn:aws:rds:{r}:{a}:db:{n}', 'AWS::RDS::DBInstance'),
  catalogType('rds:snapshot', 'arn:aws:rds:{r}:{a}:snapshot:{n}', ''),
  catalogType('kms:key', 'arn:aws:kms:{r}:{a}:key/{u}', 'AWS::KMS::Key'),
  catalogType('secretsmanager:secret', 'arn:aws:secretsmanager:{r}:{a}:secret:{n}', 'AWS::SecretsManager::Secret'),
  catalogType('ssm:parameter', 'arn:aws:ssm:{r}:{a}:parameter/{n}', 'AWS::SSM::Parameter'),
  catalogType('cloudformation:stack', 'arn:aws:cloudformation:{r}:{a}:stack/{n}/{u}', 'AWS::CloudFormation::Stack'),
  catalogType('ecs:cluster', 'arn:aws:ecs:{r}:{a}:cluster/{n}', 'AWS::ECS::Cluster'),
  catalogType('ecs:task-definition', 'arn:aws:ecs:{r}:{a}:task-definition/{n}:1', 'AWS::ECS::TaskDefinition'),
  catalogType('ecr:repository', 'arn:aws:ecr:{r}:{a}:repository/{n}', 'AWS::ECR::Repository'),
  catalogType('elasticloadbalancing:loadbalancer/app', 'arn:aws:elasticloadbalancing:{r}:{a}:loadbalancer/app/{n}/{h}', 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
  catalogType('elasticloadbalancing:targetgroup', 'arn:aws:elasticloadbalancing:{r}:{a}:targetgroup/{n}/{h}', 'AWS::ElasticLoadBalancingV2::TargetGroup'),
  catalogType('kinesis:stream', 'arn:aws:kinesis:{r}:{a}:stream/{n}', 'AWS::Kinesis::Stream'),
  catalogType('states:stateMachine', 'arn:aws:states:{r}:{a}:stateMachine:{n}', 'AWS::StepFunctions::StateMachine'),
  catalogType('events:rule', 'arn:aws:events:{r}:{a}:rule/{n}', 'AWS::Events::Rule'),
  catalogType('cloudwatch:alarm', 'arn:aws:cloudwatch:{r}:{a}:alarm:{n}', 'AWS::CloudWatch::Alarm'),
  catalogType('elasticache:cluster', 'arn:aws:elasticache:{r}:{a}:cluster:{n}', 'AWS::ElastiCache::CacheCluster'),
  catalogType('elasticfilesystem:file-system', 'arn:aws:elasticfilesystem:{r}:{a}:file-system/fs-{h}', 'AWS::EFS::FileSystem'),
  catalogType('glue:database', 'arn:aws:glue:{r}:{a}:database/{n}', 'AWS::Glue::Database'),
  catalogType('codebuild:project', 'arn:aws:codebuild:{r}:{a}:project/{n}', 'AWS::CodeBuild::Project'),
  catalogType('athena:workgroup', 'arn:aws:athena:{r}:{a}:workgroup/{n}', 'AWS::Athena::WorkGroup'),
  catalogType('backup:backup-vault', 'arn:aws:backup:{r}:{a}:backup-vault:{n}', 'AWS::Backup::BackupVault'),
  catalogType('acm:certificate', 'arn:aws:acm:{r}:{a}:certificate/{u}', 'AWS::CertificateManager::Certificate'),
  // Known to the stand-in but not in the demo's 40.
  catalogType('route53:hostedzone', 'arn:aws:route53:::hostedzone/Z{h}', 'AWS::Route53::HostedZone'),
  catalogType('cloudfront:distribution', 'arn:aws:cloudfront::{a}:distribution/E{h}', 'AWS::CloudFront::Distribution'),
  catalogType('redshift:cluster', 'arn:aws:redshift:{r}:{a}:cluster:{n}', 'AWS::Redshift::Cluster'),
  catalogType('es:domain', 'arn:aws:es:{r}:{a}:domain/{n}', 'AWS::OpenSearchService::Domain'),
  catalogType('ec2:natgateway', 'arn:aws:ec2:{r}:{a}:natgateway/nat-{h}', 'AWS::EC2::NatGateway'),
  catalogType('ec2:elastic-ip', 'arn:aws:ec2:{r}:{a}:elastic-ip/eipalloc-{h}', 'AWS::EC2::EIP'),
  catalogType('sns:subscription', 'arn:aws:sns:{r}:{a}:{n}:{u}', '', false),
  catalogType('rds:subgrp', 'arn:aws:rds:{r}:{a}:subgrp:{n}', 'AWS::RDS::DBSubnetGroup'),
  catalogType('sagemaker:notebook-instance', 'arn:aws:sagemaker:{r}:{a}:notebook-instance/{n}', 'AWS::SageMaker::NotebookInstance'),
  catalogType('apigateway:restapis', 'arn:aws:apigateway:{r}::/restapis/{h}', 'AWS::ApiGateway::RestApi'),
].sort((a, b) => byteCompare(a.resourceType, b.resourceType));

/** The 40 types the demo seeds. */
export const DEMO_RESOURCE_TYPES: readonly string[] = [
  's3:bucket', 'sns:topic', 'sqs:queue', 'dynamodb:table', 'logs:log-group', 'ec2:instance', 'ec2:volume', 'ec2:security-group',
  'ec2:vpc', 'ec2:subnet', 'ec2:network-interface', 'ec2:snapshot', 'ec2:image', 'ec2:internet-gateway', 'ec2:route-table',
  'lambda:function', 'iam:role', 'iam:policy', 'rds:db', 'rds:snapshot', 'kms:key', 'secretsmanager:secret', 'ssm:parameter',
  'cloudformation:stack', 'ecs:cluster', 'ecs:task-definition', 'ecr:repository', 'elasticloadbalancing:loadbalancer/app',
  'elasticloadbalancing:targetgroup', 'kinesis:stream', 'states:stateMachine', 'events:rule', 'cloudwatch:alarm',
  'elasticache:cluster', 'elasticfilesystem:file-system', 'glue:database', 'codebuild:project', 'athena:workgroup',
  'backup:backup-vault', 'acm:certificate',
];

const TYPES_BY_NAME = new Map(SUPPORTED_RESOURCE_TYPES.map((t) => [t.resourceType, t]));

/** What the store logs of each request: the operation (`Search`), the Region it was signed for, its JSON input. */
export interface RecordedRequest {
  readonly operation: string;
  readonly region: string;
  readonly input: Record<string, unknown>;
  /** Refused with 429 ThrottlingException. */
  throttled: boolean;
}

/**
 * In-memory indexes, views, default views and resources of one account; a clock for token age; the rate limits; and
 * the requests received.
 */
export class ResourceExplorerStore {
  readonly account: string;
  /**
   * "Maximum Search operations per second: 5" and "Maximum non-Search operations per second: 3", per Region (quotas:
   * https://docs.aws.amazon.com/resource-explorer/latest/userguide/quotas.html: "Unless otherwise noted, quotas are
   * Region-specific"). A token bucket on real time, holding one second's worth; `Infinity` turns it off.
   */
  searchesPerSecond = 5;
  otherOpsPerSecond = 3;
  /**
   * Every Nth paged response that has more to give comes back empty, with a token that resumes where it stood: the
   * reference warns these operations "can occasionally return an empty set of results even when there are more
   * results available. The NextToken response parameter value is null only when there are no more results to
   * display" (API_ListViews.html). 0 (the default) turns it off.
   */
  emptyPageEvery = 0;
  readonly requests: RecordedRequest[] = [];
  private readonly clock: () => number;
  private advanced = 0;
  private readonly seed: string;
  /** Signs tokens: a token from another store (or edited) is refused. */
  readonly tokenSecret = randomBytes(32);
  private readonly indexByRegion = new Map<string, IndexRecord>();
  private readonly viewByArn = new Map<string, ViewRecord>();
  private readonly defaultViews = new Map<string, string>();
  private readonly resourceByArn = new Map<string, ResourceRecord>();
  private sortedCache: ResourceRecord[] | undefined;
  private idCounter = 0;
  private seeded = 0;
  /** @internal Counts paged responses for {@link emptyPageEvery}. */
  pagedResponses = 0;
  /** @internal Varies keyword ranking from one query to the next. */
  rankingSeed = 0;
  /** @internal Token buckets by `region|kind`. */
  readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: { now?: () => number; account?: string; seed?: string } = {}) {
    this.clock = options.now ?? Date.now;
    this.account = options.account ?? DEFAULT_ACCOUNT;
    this.seed = options.seed ?? 'resource-explorer';
  }

  /** The store's time: the clock given (default `Date.now`) plus everything {@link advanceClock} added. */
  now(): number {
    return this.clock() + this.advanced;
  }

  /** Moves the store's time on, to age the tokens it has handed out. */
  advanceClock(ms: number): void {
    this.advanced += ms;
  }

  /** The inputs of the requests received for one operation (throttled ones included). */
  requestsOf(operation: string): Array<Record<string, unknown>> {
    return this.requests.filter((request) => request.operation === operation).map((request) => request.input);
  }

  /**
   * Turns Resource Explorer on in a Region. One index per Region ("You can create only one index in a Region",
   * API_CreateIndex.html) and one AGGREGATOR per account ("You can have only one aggregator index per AWS account",
   * API_UpdateIndexType.html).
   */
  addIndex(region: string, options: { type?: IndexType; state?: IndexState; tags?: Record<string, string>; createdAt?: number } = {}): IndexRecord {
    if (this.indexByRegion.has(region)) {
      throw new Error(`Region ${region} already has an index`);
    }
    const indexType = options.type ?? 'LOCAL';
    if (indexType === 'AGGREGATOR' && this.aggregator()) {
      throw new Error(`The account already has an aggregator index in ${this.aggregator()?.region}`);
    }
    const createdAt = options.createdAt ?? this.now();
    const index: IndexRecord = {
      arn: `arn:aws:resource-explorer-2:${region}:${this.account}:index/${this.uuid()}`, region, type: indexType,
      state: options.state ?? 'ACTIVE', createdAt, lastUpdatedAt: createdAt, tags: { ...options.tags },
    };
    this.indexByRegion.set(region, index);
    return index;
  }

  /** Turns Resource Explorer off in a Region: "Resource Explorer also deletes all views in that Region" (API_DeleteIndex.html). */
  removeIndex(region: string): void {
    this.indexByRegion.delete(region);
    for (const view of this.views(region)) {
      this.viewByArn.delete(view.arn);
    }
    this.defaultViews.delete(region);
  }

  index(region: string): IndexRecord | undefined {
    return this.indexByRegion.get(region);
  }

  /** Every index, by Region name. */
  indexes(): IndexRecord[] {
    return [...this.indexByRegion.values()].sort((a, b) => byteCompare(a.region, b.region));
  }

  aggregator(): IndexRecord | undefined {
    return [...this.indexByRegion.values()].find((index) => index.type === 'AGGREGATOR');
  }

  /**
   * Creates a view in a Region that has an index ("A view is stored in an AWS Region and returns results from only
   * that Region's index": https://docs.aws.amazon.com/resource-explorer/latest/userguide/manage-views-about.html),
   * at most 10 a Region (quotas), its name 1–64 letters, digits and dashes (API_CreateView.html, ViewName). The
   * filter string is checked as CreateView would: filters only. Returns the view; `makeDefault` also sets it as the
   * Region's default.
   */
  addView(region: string, name: string, options: {
    filterString?: string; includedProperties?: readonly string[]; scope?: string; tags?: Record<string, string>; makeDefault?: boolean;
  } = {}): ViewRecord {
    if (!this.indexByRegion.has(region)) {
      throw new Error(`Region ${region} has no index: create one before a view`);
    }
    if (!/^[a-zA-Z0-9-]{1,64}$/.test(name)) {
      throw new Error(`Bad view name ${name}`);
    }
    if (this.views(region).length >= VIEWS_PER_REGION) {
      throw new Error(`Region ${region} already has ${VIEWS_PER_REGION} views`);
    }
    if (this.views(region).some((view) => view.name === name)) {
      throw new Error(`Region ${region} already has a view named ${name}`);
    }
    const filterString = options.filterString ?? '';
    parseQuery(filterString, 'Filters.FilterString', false);
    const view: ViewRecord = {
      arn: `arn:aws:resource-explorer-2:${region}:${this.account}:view/${name}/${this.uuid()}`, name, region, owner: this.account,
      scope: options.scope ?? `arn:aws:iam::${this.account}:root`, filterString,
      includedProperties: [...(options.includedProperties ?? [])], lastUpdatedAt: this.now(), tags: { ...options.tags },
    };
    this.viewByArn.set(view.arn, view);
    if (options.makeDefault) {
      this.setDefaultView(region, view.arn);
    }
    return view;
  }

  view(arn: string): ViewRecord | undefined {
    return this.viewByArn.get(arn);
  }

  /** The views of one Region (or all), by ARN. */
  views(region?: string): ViewRecord[] {
    return [...this.viewByArn.values()].filter((view) => region === undefined || view.region === region).sort((a, b) => byteCompare(a.arn, b.arn));
  }

  /** Sets (or, with `undefined`, clears) a Region's default view; the view must be in that Region (API_AssociateDefaultView.html). */
  setDefaultView(region: string, viewArn: string | undefined): void {
    if (viewArn === undefined) {
      this.defaultViews.delete(region);
      return;
    }
    if (this.viewByArn.get(viewArn)?.region !== region) {
      throw new Error(`No view ${viewArn} in ${region}`);
    }
    this.defaultViews.set(region, viewArn);
  }

  defaultView(region: string): ViewRecord | undefined {
    const arn = this.defaultViews.get(region);
    return arn === undefined ? undefined : this.viewByArn.get(arn);
  }

  /**
   * Adds (or replaces) a resource named by its ARN. Service, Region and account come from the ARN; the type from
   * the stand-in's list of types when the ARN matches one, else `service:` + the resource part up to its first `/`
   * or `:` (`table/orders` → `dynamodb:table`), and for the ARNs with neither, by service (`s3` → `bucket`, `sns` →
   * `topic`, `sqs` → `queue`). An ARN without a Region is a global service's (Region `global`) or needs
   * `options.region` (an S3 bucket, default `us-east-1`).
   */
  addResource(arn: string, options: ResourceOptions = {}): ResourceRecord {
    const parts = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/.exec(arn);
    if (!parts) {
      throw new Error(`Not an ARN: ${arn}`);
    }
    const [, service, arnRegion, arnAccount, rest] = parts;
    const resourceType = options.resourceType ?? deriveType(arn, service, rest);
    const separator = rest.search(/[/:]/);
    const typePart = resourceType.slice(resourceType.indexOf(':') + 1);
    const id = separator < 0 ? rest : rest.startsWith(`${typePart}/`) || rest.startsWith(`${typePart}:`) ? rest.slice(typePart.length + 1) : rest.slice(separator + 1);
    const region = options.region ?? (arnRegion || (GLOBAL_SERVICES.has(service) ? GLOBAL_REGION : 'us-east-1'));
    const record: ResourceRecord = {
      arn, region, service, resourceType, owningAccountId: options.owningAccountId ?? (arnAccount || this.account), id,
      lastReportedAt: options.lastReportedAt ?? this.now(), tags: { ...options.tags },
    };
    this.resourceByArn.set(arn, record);
    this.sortedCache = undefined;
    return record;
  }

  addResources(resources: ReadonlyArray<string | ({ arn: string } & ResourceOptions)>): ResourceRecord[] {
    return resources.map((resource) => typeof resource === 'string' ? this.addResource(resource) : this.addResource(resource.arn, resource));
  }

  /**
   * Adds `count` made-up resources, deterministic for a seed: Regions, types and accounts drawn from the lists given
   * by a seeded PRNG; names `<word>-<word>-<n>`; tags `env` (prod, staging, dev) and `team` on most, `tag:none` on
   * every seventh; LastReportedAt in the 30 days before the store's time. Global types (IAM) get Region `global`.
   */
  seedResources(count: number, options: SeedOptions = {}): ResourceRecord[] {
    const regions = options.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
    const types = (options.types ?? DEMO_RESOURCE_TYPES).map((name) => {
      const known = TYPES_BY_NAME.get(name);
      if (!known) {
        throw new Error(`The stand-in has no ARN template for ${name}`);
      }
      return known;
    });
    const accounts = options.accounts ?? [this.account];
    const random = prng(`${options.seed ?? this.seed}/${this.seeded}`);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const made: ResourceRecord[] = [];
    for (let i = 0; i < count; i++) {
      const n = ++this.seeded;
      const kind = pick(types);
      const region = pick(regions);
      const account = pick(accounts);
      const name = `${pick(ADJECTIVES)}-${pick(NOUNS)}-${String(n).padStart(5, '0')}`;
      const hex = Array.from({ length: 17 }, () => Math.floor(random() * 16).toString(16)).join('');
      const arn = kind.arnTemplate.replace('{r}', region).replace('{a}', account).replace('{n}', name).replace('{h}', hex)
        .replace('{u}', uuidFrom(`${name}/${hex}`));
      const tags: Record<string, string> = n % 7 === 0 ? {} : { env: pick(['prod', 'staging', 'dev']), team: pick(['web', 'data', 'platform', 'billing']) };
      if (n % 5 === 0 && n % 7 !== 0) {
        tags.Name = name;
      }
      made.push(this.addResource(arn, {
        resourceType: kind.resourceType, region: GLOBAL_SERVICES.has(kind.service) ? GLOBAL_REGION : region, owningAccountId: account, tags,
        lastReportedAt: this.now() - Math.floor(random() * 30 * DAY_MS),
      }));
    }
    return made;
  }

  resource(arn: string): ResourceRecord | undefined {
    return this.resourceByArn.get(arn);
  }

  /** Every resource, in UTF-8 byte order of the ARN. */
  resources(): ResourceRecord[] {
    this.sortedCache ??= [...this.resourceByArn.values()].sort((a, b) => byteCompare(a.arn, b.arn));
    return this.sortedCache;
  }

  /** The Region of the index that holds a resource: its own, or us-east-1 for a global one. */
  static indexRegionOf(resource: ResourceRecord): string {
    return resource.region === GLOBAL_REGION ? GLOBAL_INDEX_REGION : resource.region;
  }

  private uuid(): string {
    this.idCounter += 1;
    return uuidFrom(`${this.seed}/${this.idCounter}`);
  }
}

/** Serves the operations above from `store`. Mount it with `bySigningService: [['resource-explorer-2', handler]]`. */
export function resourceExplorerHandler(store: ResourceExplorerStore): RouteHandler {
  return async (req, body, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const operation = path.replace(/^\/+/, '') || '(none)';
    const region = /Credential=[^/]+\/[^/]+\/([^/]+)\/[^/]+\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    const text = body.toString('utf8').trim();
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const bodyIsObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
    const input = bodyIsObject ? parsed as Record<string, unknown> : {};
    const request: RecordedRequest = { operation, region, input, throttled: false };
    store.requests.push(request);
    try {
      if (!region) {
        // Not reachable through the router, which routes on the credential scope; kept for direct use.
        throw new ReError(403, 'AccessDeniedException', 'Missing Authentication Token');
      }
      const handler = req.method === 'POST' && Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
      if (!handler) {
        throw new ReError(404, 'UnknownOperationException', `The stand-in does not serve ${req.method} ${path}.`);
      }
      if (!takeToken(store, region, operation === 'Search' ? 'search' : 'other')) {
        request.throttled = true;
        throw new ReError(429, 'ThrottlingException', 'Rate exceeded');
      }
      if (!bodyIsObject) {
        throw validation('The request body is not a JSON object.', [{ Name: 'body', ValidationIssue: 'not a JSON object' }]);
      }
      sendJson(res, 200, handler(store, region, input));
    } catch (error) {
      if (error instanceof ReError) {
        return sendError(res, error);
      }
      throw error;
    }
  };
}

/** A server on 127.0.0.1 with only this handler behind it (anything else goes to a closed port). */
export async function startResourceExplorerStandIn(store: ResourceExplorerStore = new ResourceExplorerStore()):
  Promise<{ endpoint: string; store: ResourceExplorerStore; stop(): Promise<void> }> {
  const router = await startServiceRouter({ fallback: 'http://127.0.0.1:9', byTarget: [], bySigningService: [['resource-explorer-2', resourceExplorerHandler(store)]] });
  return { endpoint: router.endpoint, store, stop: () => router.stop() };
}

/** Takes one request's token from the Region's bucket for `kind`; false when the bucket is empty. */
function takeToken(store: ResourceExplorerStore, region: string, kind: 'search' | 'other'): boolean {
  const rate = kind === 'search' ? store.searchesPerSecond : store.otherOpsPerSecond;
  if (rate === Infinity) {
    return true;
  }
  const now = performance.now();
  const key = `${region}|${kind}`;
  const bucket = store.buckets.get(key) ?? { tokens: rate, at: now };
  bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
  bucket.at = now;
  store.buckets.set(key, bucket);
  if (bucket.tokens < 1) {
    return false;
  }
  bucket.tokens -= 1;
  return true;
}

type Operation = (store: ResourceExplorerStore, region: string, input: Record<string, unknown>) => Record<string, unknown>;

const operations: Record<string, Operation> = {
  Search: search,
  ListResources: listResources,
  ListViews: listViews,
  GetView: getView,
  BatchGetView: batchGetView,
  GetDefaultView: getDefaultView,
  ListIndexes: listIndexes,
  GetIndex: getIndex,
  ListSupportedResourceTypes: listSupportedResourceTypes,
};

// ---- Search and ListResources ----

/**
 * Search (https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_Search.html):
 * - `QueryString` required, 0–1280 characters; "You can specify an empty string to return all results up to the
 *   limit of 1,000 total results"; "The search is completely case insensitive";
 * - `MaxResults` 1–1000; without it the reference says only "a value appropriate to the operation": the stand-in
 *   uses 50;
 * - `ViewArn` 0–1000 characters; without it "the default view for the AWS Region in which you called this
 *   operation. If the Region either doesn't have a default view or if you don't have permission to use the default
 *   view, then the operation fails with a 401 Unauthorized exception"; the results are "the logical intersection" of
 *   the QueryString and the view's filter (API_Search.html, description);
 * - "The operation can return only the first 1,000 results": the first 1,000 matches in the stand-in's order are the
 *   result set, paged by MaxResults; `Count` is in every page ("This field is included in every page when you
 *   paginate the results", API_ResourceCount.html): `TotalResources` the matches counted, at most 1,000, and
 *   `Complete` false when more than 1,000 match;
 * - order (the reference promises none): filters only → UTF-8 byte order of the ARN, the same on every call;
 *   with free-text keywords → ranked (more keywords matched first), ties in an order that differs from one query to
 *   the next, as a relevance ranking may: the token carries the ranking, so one paging run never repeats or skips.
 */
function search(store: ResourceExplorerStore, region: string, input: Record<string, unknown>): Record<string, unknown> {
  const queryString = stringParam(input, 'QueryString', 0, 1280);
  if (queryString === undefined) {
    throw validation('1 validation error detected: Value null at \'queryString\' failed to satisfy constraint: Member must not be null',
      [{ Name: 'QueryString', ValidationIssue: 'Member must not be null' }]);
  }
  const maxResults = intParam(input, 'MaxResults', 1, 1000) ?? 50;
  const nextToken = stringParam(input, 'NextToken', 1, 2048);
  const view = resolveView(store, region, stringParam(input, 'ViewArn', 0, 1000));
  const viewFilter = parseQuery(view.filterString, 'Filters.FilterString', false);
  const query = parseQuery(queryString, 'QueryString', true);
  requireTagData(view, [viewFilter, query]);

  const context = JSON.stringify(['Search', region, view.arn, queryString]);
  let offset = 0;
  let ranking = query.keywords.some((keyword) => !keyword.negated) ? store.rankingSeed++ : 0;
  if (nextToken !== undefined) {
    const token = readToken(store, nextToken, context);
    if (typeof token.pos !== 'number' || !Number.isSafeInteger(token.pos) || token.pos < 0 || typeof token.ranking !== 'number') {
      throw invalidToken();
    }
    offset = token.pos;
    ranking = token.ranking;
  }
  const matches = visibleResources(store, region, view).filter((resource) => matchesQuery(resource, viewFilter, view)
    && matchesQuery(resource, query, view));
  const ordered = query.keywords.some((keyword) => !keyword.negated) ? rank(matches, query, view, ranking) : matches;
  const results = ordered.slice(0, SEARCH_RESULT_CAP);
  const count = { TotalResources: Math.min(matches.length, SEARCH_RESULT_CAP), Complete: matches.length <= SEARCH_RESULT_CAP };
  const token = (pos: number) => writeToken(store, context, { pos, ranking });
  if (offset < results.length && emptyPageNow(store)) {
    return { Resources: [], NextToken: token(offset), ViewArn: view.arn, Count: count };
  }
  const page = results.slice(offset, offset + maxResults);
  const end = offset + page.length;
  return {
    Resources: page.map((resource) => resourceShape(resource, view)),
    ...(end < results.length ? { NextToken: token(end) } : {}),
    ViewArn: view.arn,
    Count: count,
  };
}

/**
 * ListResources (https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_ListResources.html):
 * - `Filters.FilterString` "supports only filter prefixes with optional operators. It doesn't support free-form
 *   text" (0–2048 characters); no total cap and no `Count`: it pages through every match;
 * - `MaxResults` 1–1000 (default 50, the reference naming none); `ViewArn` as for Search (default view, else 401);
 * - "The ListResources operation does not generate a NextToken if you set MaxResults to 1000" (NextToken): a page of
 *   1,000 ends the listing even when more match, so a client must ask for 999 or fewer;
 * - order: UTF-8 byte order of the ARN; the token holds the last ARN returned, so a page resumes after it even when
 *   resources are added in between.
 */
function listResources(store: ResourceExplorerStore, region: string, input: Record<string, unknown>): Record<string, unknown> {
  const filters = input.Filters;
  if (filters !== undefined && filters !== null && (typeof filters !== 'object' || Array.isArray(filters))) {
    throw validation('Filters must be a structure.', [{ Name: 'Filters', ValidationIssue: 'must be a structure' }]);
  }
  const filterString = filters ? stringParam(filters as Record<string, unknown>, 'FilterString', 0, 2048, 'Filters.FilterString') ?? '' : '';
  const maxResults = intParam(input, 'MaxResults', 1, 1000) ?? 50;
  const nextToken = stringParam(input, 'NextToken', 1, 2048);
  const view = resolveView(store, region, stringParam(input, 'ViewArn', 0, 1000));
  const viewFilter = parseQuery(view.filterString, 'Filters.FilterString', false);
  const query = parseQuery(filterString, 'Filters.FilterString', false);
  requireTagData(view, [viewFilter, query]);

  const context = JSON.stringify(['ListResources', region, view.arn, filterString]);
  let after: string | undefined;
  if (nextToken !== undefined) {
    const pos = readToken(store, nextToken, context).pos;
    if (typeof pos !== 'string') {
      throw invalidToken();
    }
    after = pos;
  }
  const matches = visibleResources(store, region, view).filter((resource) => matchesQuery(resource, viewFilter, view)
    && matchesQuery(resource, query, view));
  const start = after === undefined ? 0 : firstIndex(matches, (resource) => byteCompare(resource.arn, after) > 0);
  if (start < matches.length && emptyPageNow(store)) {
    return { Resources: [], NextToken: writeToken(store, context, { pos: after ?? '' }), ViewArn: view.arn };
  }
  const page = matches.slice(start, start + maxResults);
  const more = start + page.length < matches.length && maxResults !== 1000;
  return {
    Resources: page.map((resource) => resourceShape(resource, view)),
    ...(more ? { NextToken: writeToken(store, context, { pos: page[page.length - 1].arn }) } : {}),
    ViewArn: view.arn,
  };
}

/**
 * The view a Search or ListResources uses: the one named, or the Region's default. Views are regional ("A view is
 * stored in an AWS Region and returns results from only that Region's index": https://docs.aws.amazon.com/resource-explorer/latest/userguide/manage-views-about.html),
 * so only a view of the signing Region is found. No default view, or a view not found there (another Region's, a
 * deleted one), is 401 UnauthorizedException "Unauthorized": the reference names 401 for a missing default view
 * (API_Search.html, ViewArn), and users report the same 401 with an explicit ViewArn
 * (https://github.com/hashicorp/terraform-provider-aws/issues/36721) and the message "Unauthorized"
 * (https://github.com/aws/aws-sdk-js-v3/issues/5874). A string that is not a view ARN at all is ValidationException.
 * An empty ViewArn (its length may be 0) counts as none.
 */
function resolveView(store: ResourceExplorerStore, region: string, viewArn: string | undefined): ViewRecord {
  if (viewArn === undefined || viewArn === '') {
    const fallback = store.defaultView(region);
    if (!fallback) {
      throw new ReError(401, 'UnauthorizedException', UNAUTHORIZED);
    }
    return fallback;
  }
  if (!VIEW_ARN.test(viewArn)) {
    throw validation(`The value of ViewArn is not a valid view ARN: ${viewArn}`, [{ Name: 'ViewArn', ValidationIssue: 'not a valid view ARN' }]);
  }
  const view = store.view(viewArn);
  if (!view || view.region !== region) {
    throw new ReError(401, 'UnauthorizedException', UNAUTHORIZED);
  }
  return view;
}

const VIEW_ARN = /^arn:aws[a-z-]*:resource-explorer-2:[a-z0-9-]+:\d{12}:view\/[a-zA-Z0-9-]{1,64}\/[0-9a-f-]+$/;

/**
 * The resources a view in `region` can see: those of the index there — its own Region's for a LOCAL index, every
 * indexed Region's for the AGGREGATOR ("Searches made in this Region can include results from all Regions in the
 * account", https://docs.aws.amazon.com/resource-explorer/latest/userguide/getting-started-terms-and-concepts.html).
 * A Region without an index is not indexed at all ("its resources can't be searched", same page). Then the view's
 * scope: an account root sees that account's resources; an organization (or OU, which the stand-in does not model)
 * every account's (API_View.html, Scope).
 */
function visibleResources(store: ResourceExplorerStore, region: string, view: ViewRecord): ResourceRecord[] {
  const index = store.index(region);
  if (!index) {
    return [];
  }
  const accountScope = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(view.scope)?.[1];
  return store.resources().filter((resource) => {
    const home = ResourceExplorerStore.indexRegionOf(resource);
    const indexed = index.type === 'AGGREGATOR' ? store.index(home) !== undefined : home === region;
    return indexed && (accountScope === undefined || resource.owningAccountId === accountScope);
  });
}

/**
 * A resource as the reference describes it (API_Resource.html): Arn, OwningAccountId, Region, ResourceType,
 * Service, LastReportedAt (an ISO 8601 timestamp, `timestampFormat: iso8601` in the model), CfnResourceType where
 * known, and Properties: the `tags` property only when the view includes it (API_View.html, IncludedProperties:
 * "Specifies optional fields that you want included in search results from this view"), `Data` a list of
 * `{Key, Value}`. A resource without tags gets no `tags` property; `Properties` is always present (the reference is
 * silent on both).
 */
function resourceShape(resource: ResourceRecord, view: ViewRecord): Record<string, unknown> {
  const cfn = TYPES_BY_NAME.get(resource.resourceType)?.cfnResourceTypes[0];
  const tags = Object.entries(resource.tags);
  return {
    Arn: resource.arn,
    OwningAccountId: resource.owningAccountId,
    Region: resource.region,
    ResourceType: resource.resourceType,
    Service: resource.service,
    ...(cfn ? { CfnResourceType: cfn } : {}),
    LastReportedAt: iso(resource.lastReportedAt),
    Properties: includesTags(view) && tags.length > 0
      ? [{ Name: 'tags', LastReportedAt: iso(resource.lastReportedAt), Data: tags.map(([Key, Value]) => ({ Key, Value })) }]
      : [],
  };
}

function includesTags(view: ViewRecord): boolean {
  return view.includedProperties.some((name) => name.toLowerCase() === 'tags');
}

/**
 * A tag filter (`tag:`, `tag.key:`, `tag.value:`) on a view without the `tags` property is ValidationException:
 * the view holds no tag data to filter on (/work/shared/notes/aws-paging-facts.md; users see a ValidationException
 * from a default view without tags, https://github.com/cloud-custodian/cloud-custodian/pull/11021).
 */
function requireTagData(view: ViewRecord, queries: ParsedQuery[]): void {
  const tagFilter = queries.flatMap((query) => query.filters).find((filter) => filter.prefix.startsWith('tag'));
  if (tagFilter && !includesTags(view)) {
    throw validation(`The view ${view.arn} does not include the tags property, so a query cannot filter on ${tagFilter.prefix}:.`,
      [{ Name: 'QueryString', ValidationIssue: `${tagFilter.prefix}: needs a view that includes tags` }]);
  }
}

// ---- the query syntax ----

type FilterPrefix = 'accountid' | 'application' | 'id' | 'region' | 'resourcetype' | 'resourcetype.supports' | 'service' | 'tag' | 'tag.key' | 'tag.value';
const FILTER_PREFIXES: ReadonlySet<string> = new Set<FilterPrefix>(
  ['accountid', 'application', 'id', 'region', 'resourcetype', 'resourcetype.supports', 'service', 'tag', 'tag.key', 'tag.value']);

interface Pattern {
  /** Lower case. */
  readonly text: string;
  /** A trailing `*`: matches any value that starts with `text`. */
  readonly prefix: boolean;
}

interface FilterTerm {
  readonly prefix: FilterPrefix;
  readonly negated: boolean;
  readonly values: readonly Pattern[];
}

interface KeywordTerm {
  /** Lower case. */
  readonly text: string;
  readonly negated: boolean;
}

interface ParsedQuery {
  readonly filters: readonly FilterTerm[];
  readonly keywords: readonly KeywordTerm[];
}

/**
 * The query syntax (Syntax: https://docs.aws.amazon.com/resource-explorer/latest/userguide/using-search-query-syntax.html):
 * - free-form keywords separated by spaces, "implicitly joined by a logical OR operator" (#query-syntax-basics):
 *   a resource matches when any keyword is in its ARN or, in a view with tags, a tag key or value (the service
 *   searches "resource metadata like names, tags, and IDs", API reference Welcome.html); `"a phrase"` is one keyword
 *   with its spaces; a trailing `*` adds nothing to a substring match and is dropped;
 * - filters `prefix:value` (#query-syntax-filters): accountid, id, region (`global` for global resources),
 *   resourcetype (`resourcetype:ec2:instance`), resourcetype.supports (`tags`), service, tag (`tag:key=value`,
 *   `tag:none` for resources without tags; `tag:all`, any tag, accepted as its counterpart), tag.key, tag.value;
 *   several filters are AND-ed ("region:us* service:ec2 -tag:stage=prod includes all Amazon EC2 resources in any AWS
 *   Region that begins with the letters us and is not tagged with a key Stage that has the value prod",
 *   API_ListResources.html, Filters); a comma separates values of one filter, OR-ed
 *   (/work/shared/notes/aws-paging-facts.md, "Resource Explorer 2");
 * - operators (#query-syntax-operators): a leading `-` negates a filter or keyword; a trailing `*` makes a value a
 *   prefix; everything compares case-insensitively ("The search is completely case insensitive", API_Search.html);
 * - a view's filter and ListResources' FilterString take "only filter prefixes with optional operators. It doesn't
 *   support free-form text" (API_ListResources.html): a keyword there is ValidationException.
 * A word whose `name:` is not a filter prefix is a keyword, so a pasted ARN (`arn:aws:sns:…`) searches as text.
 * Refused with ValidationException, as the stand-in cannot say what the service does with them: `*` anywhere but
 * at the end of a value, an empty value, `tag:` without `=` (other than none/all), `application:` (myApplications is
 * not modelled), `resourcetype.supports:` other than `tags`, and the same prefix twice in one string (the reference
 * does not say whether `region:a region:b` means AND or OR; write `region:a,b`).
 */
function parseQuery(text: string, field: string, allowKeywords: boolean): ParsedQuery {
  const filters: FilterTerm[] = [];
  const keywords: KeywordTerm[] = [];
  const bad = (message: string) => validation(message, [{ Name: field, ValidationIssue: message }]);
  for (const token of tokenize(text, bad)) {
    const negated = token.startsWith('-') && token.length > 1;
    const body = negated ? token.slice(1) : token;
    const colon = body.startsWith('"') ? -1 : body.indexOf(':');
    const prefix = colon > 0 ? body.slice(0, colon).toLowerCase() : '';
    if (!FILTER_PREFIXES.has(prefix)) {
      if (!allowKeywords) {
        throw bad(`${field} supports only filter prefixes with optional operators, not free-form text: ${token}`);
      }
      const keyword = unquote(body).replace(/\*$/, '').toLowerCase();
      if (keyword !== '') {
        keywords.push({ text: keyword, negated });
      }
      continue;
    }
    const name = prefix as FilterPrefix;
    if (name === 'application') {
      throw bad('The stand-in does not support the application: filter.');
    }
    if (filters.some((filter) => filter.prefix === name)) {
      throw bad(`The stand-in does not combine two ${name}: filters in one string; separate values with a comma (${name}:a,b).`);
    }
    const values = splitValues(body.slice(colon + 1)).map((raw) => {
      const value = unquote(raw);
      if (value === '') {
        throw bad(`The filter ${name}: has an empty value.`);
      }
      const star = value.indexOf('*');
      if (star >= 0 && star !== value.length - 1) {
        throw bad(`The stand-in supports * only at the end of a value: ${name}:${value}`);
      }
      if (name === 'tag' && !/^(none|all)$/i.test(value) && !value.includes('=')) {
        throw bad(`The stand-in supports tag:key=value, tag:none and tag:all, not tag:${value}`);
      }
      if (name === 'tag' && value.slice(0, value.indexOf('=')).includes('*')) {
        throw bad(`The stand-in does not support a wildcard in a tag key: tag:${value}`);
      }
      if (name === 'resourcetype.supports' && value.toLowerCase() !== 'tags') {
        throw bad(`resourcetype.supports: takes only tags, not ${value}`);
      }
      return { text: (star >= 0 ? value.slice(0, -1) : value).toLowerCase(), prefix: star >= 0 };
    });
    filters.push({ prefix: name, negated, values });
  }
  return { filters, keywords };
}

/** Splits on spaces outside double quotes; an unterminated quote is ValidationException. */
function tokenize(text: string, bad: (message: string) => ReError): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (!quoted && /\s/.test(char)) {
      if (current !== '') {
        tokens.push(current);
      }
      current = '';
    } else {
      current += char;
    }
  }
  if (quoted) {
    throw bad(`Unterminated quotation mark in the query: ${text}`);
  }
  if (current !== '') {
    tokens.push(current);
  }
  return tokens;
}

/** Splits a filter's value on commas outside double quotes. */
function splitValues(text: string): string[] {
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === ',' && !quoted) {
      values.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  values.push(current);
  return values;
}

function unquote(text: string): string {
  return text.replace(/"/g, '');
}

function matchesPattern(value: string, pattern: Pattern): boolean {
  const lower = value.toLowerCase();
  return pattern.prefix ? lower.startsWith(pattern.text) : lower === pattern.text;
}

/** Filters AND-ed (each one's values OR-ed, `-` inverting it); then keywords: none negated may match, and if any are positive, one must. */
function matchesQuery(resource: ResourceRecord, query: ParsedQuery, view: ViewRecord): boolean {
  for (const filter of query.filters) {
    const hit = filter.values.some((pattern) => matchesFilter(resource, filter.prefix, pattern));
    if (hit === filter.negated) {
      return false;
    }
  }
  const positive = query.keywords.filter((keyword) => !keyword.negated);
  if (query.keywords.some((keyword) => keyword.negated && keywordHits(resource, keyword.text, view))) {
    return false;
  }
  return positive.length === 0 || positive.some((keyword) => keywordHits(resource, keyword.text, view));
}

function matchesFilter(resource: ResourceRecord, prefix: FilterPrefix, pattern: Pattern): boolean {
  const tags = Object.entries(resource.tags);
  switch (prefix) {
    case 'accountid':
      return matchesPattern(resource.owningAccountId, pattern);
    case 'id':
      return matchesPattern(resource.id, pattern);
    case 'region':
      return matchesPattern(resource.region, pattern);
    case 'resourcetype':
      return matchesPattern(resource.resourceType, pattern);
    case 'resourcetype.supports':
      return TYPES_BY_NAME.get(resource.resourceType)?.supportsTags ?? false;
    case 'service':
      return matchesPattern(resource.service, pattern);
    case 'tag.key':
      return tags.some(([key]) => matchesPattern(key, pattern));
    case 'tag.value':
      return tags.some(([, value]) => matchesPattern(value, pattern));
    case 'tag': {
      if (!pattern.prefix && pattern.text === 'none') {
        return tags.length === 0;
      }
      if (!pattern.prefix && pattern.text === 'all') {
        return tags.length > 0;
      }
      const equals = pattern.text.indexOf('=');
      const key = pattern.text.slice(0, equals);
      const value: Pattern = { text: pattern.text.slice(equals + 1), prefix: pattern.prefix };
      return tags.some(([k, v]) => k.toLowerCase() === key && matchesPattern(v, value));
    }
    case 'application':
      return false;
  }
}

function keywordHits(resource: ResourceRecord, keyword: string, view: ViewRecord): boolean {
  if (resource.arn.toLowerCase().includes(keyword)) {
    return true;
  }
  return includesTags(view) && Object.entries(resource.tags).some(([key, value]) => key.toLowerCase().includes(keyword) || value.toLowerCase().includes(keyword));
}

/** More keywords matched first; ties by a hash of the ranking seed and the ARN, so their order differs between queries. */
function rank(matches: ResourceRecord[], query: ParsedQuery, view: ViewRecord, seed: number): ResourceRecord[] {
  const positive = query.keywords.filter((keyword) => !keyword.negated);
  const scored = matches.map((resource) => ({
    resource,
    score: positive.filter((keyword) => keywordHits(resource, keyword.text, view)).length,
    tie: createHash('sha256').update(`${seed}/${resource.arn}`).digest('hex'),
  }));
  scored.sort((a, b) => b.score - a.score || (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0));
  return scored.map((entry) => entry.resource);
}

function emptyPageNow(store: ResourceExplorerStore): boolean {
  store.pagedResponses += 1;
  return store.emptyPageEvery > 0 && store.pagedResponses % store.emptyPageEvery === 0;
}

// ---- views and indexes ----

/**
 * ListViews (https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_ListViews.html): the ARNs of "the
 * views available in the AWS Region in which you called this operation", `MaxResults` 1–50 (default 50, the most),
 * in ARN order, the token holding the last ARN returned.
 */
function listViews(store: ResourceExplorerStore, region: string, input: Record<string, unknown>): Record<string, unknown> {
  const maxResults = intParam(input, 'MaxResults', 1, 50) ?? 50;
  const nextToken = stringParam(input, 'NextToken', 1, 2048);
  const context = JSON.stringify(['ListViews', region]);
  const after = nextToken === undefined ? undefined : stringPosition(readToken(store, nextToken, context));
  const arns = store.views(region).map((view) => view.arn);
  const start = after === undefined ? 0 : firstIndex(arns, (arn) => byteCompare(arn, after) > 0);
  if (start < arns.length && emptyPageNow(store)) {
    return { Views: [], NextToken: writeToken(store, context, { pos: after ?? '' }) };
  }
  const page = arns.slice(start, start + maxResults);
  return {
    Views: page,
    ...(start + page.length < arns.length ? { NextToken: writeToken(store, context, { pos: page[page.length - 1] }) } : {}),
  };
}

/**
 * A view as the reference describes it (API_View.html): ViewArn, ViewName, Owner, LastUpdatedAt, Scope,
 * IncludedProperties (`[{Name}]`), Filters (`{FilterString}`; `""` for a view without a filter).
 */
function viewShape(view: ViewRecord): Record<string, unknown> {
  return {
    ViewArn: view.arn, ViewName: view.name, Owner: view.owner, LastUpdatedAt: iso(view.lastUpdatedAt), Scope: view.scope,
    IncludedProperties: view.includedProperties.map((Name) => ({ Name })), Filters: { FilterString: view.filterString },
  };
}

/**
 * GetView (https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_GetView.html): `ViewArn` required
 * (1–1011); the view and its tags; a view not in the signing Region is ResourceNotFoundException (404).
 */
function getView(store: ResourceExplorerStore, region: string, input: Record<string, unknown>): Record<string, unknown> {
  const viewArn = stringParam(input, 'ViewArn', 1, 1011);
  if (viewArn === undefined) {
    throw validation('1 validation error detected: Value null at \'viewArn\' failed to satisfy constraint: Member must not be null',
      [{ Name: 'ViewArn', ValidationIssue: 'Member must not be null' }]);
  }
  const view = store.view(viewArn);
  if (!view || view.region !== region) {
    throw new ReError(404, 'ResourceNotFoundException', `The view ${viewArn} was not found.`);
  }
  return { View: viewShape(view), Tags: { ...view.tags } };
}

/**
 * BatchGetView (https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_BatchGetView.html): 1–20
 * `ViewArns`; the views found in the signing Region in `Views`, each other ARN in `Errors` (`{ViewArn,
 * ErrorMessage}`: "If any of the specified ARNs result in an error, then this structure describes the error").
 */
function batchGetView(store: ResourceExplorerStore, region: string, input: Record<string, unknown>): Record<string, unknown> {
  const arns = input.ViewArns;
  if (!Array.isArray(arns) || arns.length < 1 || arns.length > 20 || arns.some((arn) => typeof arn !== 'string')) {
    throw validation('1 validation error detected: Value at \'viewArns\' failed to satisfy constraint: Member must have length between 1 and 20',
      [{ Name: 'ViewArns', ValidationIssue: 'Member must have length between 1 and 20' }]);
  }
  const views: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const arn of arns as string[]) {
    const view = store.view(arn);
    if (view && view.region === region) {
      views.push(viewShape(view));
    } else {
      errors.push({ ViewArn: arn, ErrorMessage: 'View not found' });
    }
  }
  return { Views: views, Errors: errors };
}

/**
 * GetDefaultView (https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_GetDefaultView.html): "the
 * ARN of the view that is the default for the AWS Region in which you call this operation"; none set → an empty
 * answer without `ViewArn` (/work/shared/notes/aws-paging-facts.md; the member is optional in the model).
 */
function getDefaultView(store: ResourceExplorerStore, region: string): Record<string, unknown> {
  const view = store.defaultView(region);
  return view ? { ViewArn: view.arn } : {};
}

/**
 * ListIndexes (https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_ListIndexes.html): every
 * Region's index `{Region, Arn, Type}`, limited to `Type` (LOCAL or AGGREGATOR: "Use this option to discover the
 * aggregator index for your account") and to `Regions` (0–20 names); `MaxResults` 1–100 (default 100, the most); in
 * Region order, the token holding the last Region returned.
 */
function listIndexes(store: ResourceExplorerStore, region: string, input: Record<string, unknown>): Record<string, unknown> {
  const indexType = stringParam(input, 'Type', 0, 20);
  if (indexType !== undefined && indexType !== 'LOCAL' && indexType !== 'AGGREGATOR') {
    throw validation(`1 validation error detected: Value '${indexType}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [LOCAL, AGGREGATOR]`,
      [{ Name: 'Type', ValidationIssue: 'Member must satisfy enum value set: [LOCAL, AGGREGATOR]' }]);
  }
  const regions = input.Regions;
  if (regions !== undefined && regions !== null && (!Array.isArray(regions) || regions.length > 20 || regions.some((r) => typeof r !== 'string'))) {
    throw validation('1 validation error detected: Value at \'regions\' failed to satisfy constraint: Member must have length less than or equal to 20',
      [{ Name: 'Regions', ValidationIssue: 'Member must have length less than or equal to 20' }]);
  }
  const maxResults = intParam(input, 'MaxResults', 1, 100) ?? 100;
  const nextToken = stringParam(input, 'NextToken', 1, 2048);
  const context = JSON.stringify(['ListIndexes', region, indexType ?? null, Array.isArray(regions) ? [...regions].sort() : null]);
  const after = nextToken === undefined ? undefined : stringPosition(readToken(store, nextToken, context));
  const wanted = Array.isArray(regions) && regions.length > 0 ? new Set(regions as string[]) : undefined;
  const indexes = store.indexes().filter((index) => index.state !== 'DELETED' && (indexType === undefined || index.type === indexType)
    && (wanted === undefined || wanted.has(index.region)));
  const start = after === undefined ? 0 : firstIndex(indexes, (index) => byteCompare(index.region, after) > 0);
  if (start < indexes.length && emptyPageNow(store)) {
    return { Indexes: [], NextToken: writeToken(store, context, { pos: after ?? '' }) };
  }
  const page = indexes.slice(start, start + maxResults);
  return {
    Indexes: page.map((index) => ({ Region: index.region, Arn: index.arn, Type: index.type })),
    ...(start + page.length < indexes.length ? { NextToken: writeToken(store, context, { pos: page[page.length - 1].region }) } : {}),
  };
}

/**
 * GetIndex (https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_GetIndex.html): "the index in the
 * AWS Region in which you invoked the operation": Arn, Type, State, CreatedAt, LastUpdatedAt, Tags;
 * `ReplicatingFrom` "present only if this index is Type=AGGREGATOR" (the other indexed Regions) and `ReplicatingTo`
 * "present only if this index is Type=LOCAL" (the aggregator's Region, if one exists). No index there →
 * ResourceNotFoundException (404).
 */
function getIndex(store: ResourceExplorerStore, region: string): Record<string, unknown> {
  const index = store.index(region);
  if (!index) {
    throw new ReError(404, 'ResourceNotFoundException', `There is no Resource Explorer index in ${region}.`);
  }
  const others = store.indexes().filter((other) => other.region !== region).map((other) => other.region);
  const aggregator = store.aggregator();
  return {
    Arn: index.arn, Type: index.type, State: index.state,
    ...(index.type === 'AGGREGATOR' ? { ReplicatingFrom: others } : {}),
    ...(index.type === 'LOCAL' && aggregator ? { ReplicatingTo: [aggregator.region] } : {}),
    CreatedAt: iso(index.createdAt), LastUpdatedAt: iso(index.lastUpdatedAt), Tags: { ...index.tags },
  };
}

/**
 * ListSupportedResourceTypes (https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_ListSupportedResourceTypes.html):
 * `ResourceTypes` `[{Service, ResourceType, CFNResourceTypes}]`, `MaxResults` 1–1000 (default 100, the reference
 * naming none), the stand-in's catalogue in ResourceType order; no index needed.
 */
function listSupportedResourceTypes(store: ResourceExplorerStore, region: string, input: Record<string, unknown>): Record<string, unknown> {
  const maxResults = intParam(input, 'MaxResults', 1, 1000) ?? 100;
  const nextToken = stringParam(input, 'NextToken', 1, 2048);
  const context = JSON.stringify(['ListSupportedResourceTypes', region]);
  let start = 0;
  if (nextToken !== undefined) {
    const pos = readToken(store, nextToken, context).pos;
    if (typeof pos !== 'number' || !Number.isSafeInteger(pos) || pos < 0) {
      throw invalidToken();
    }
    start = pos;
  }
  if (start < SUPPORTED_RESOURCE_TYPES.length && emptyPageNow(store)) {
    return { ResourceTypes: [], NextToken: writeToken(store, context, { pos: start }) };
  }
  const page = SUPPORTED_RESOURCE_TYPES.slice(start, start + maxResults);
  const end = start + page.length;
  return {
    ResourceTypes: page.map((t) => ({ Service: t.service, ResourceType: t.resourceType, ...(t.cfnResourceTypes.length ? { CFNResourceTypes: [...t.cfnResourceTypes] } : {}) })),
    ...(end < SUPPORTED_RESOURCE_TYPES.length ? { NextToken: writeToken(store, context, { pos: end }) } : {}),
  };
}

// ---- tokens ----

interface TokenBody {
  /** The operation, signing Region and query the token belongs to. */
  ctx: string;
  pos: unknown;
  ranking?: number;
  issued: number;
}

/**
 * An opaque token: base64url of JSON `{ ctx, pos, …, issued }` — the operation, Region, view and query it is for,
 * where the next page starts, and the store's time when it was handed out — then `.` and an HMAC of it with the
 * store's secret, so a token edited, made up or from another store is refused.
 */
function writeToken(store: ResourceExplorerStore, ctx: string, fields: { pos: unknown; ranking?: number }): string {
  const body: TokenBody = { ctx: digest(ctx), ...fields, issued: store.now() };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${sign(store, payload)}`;
}

/**
 * The token's body, or ValidationException (the one error the reference lists for a bad parameter; its wording is
 * the stand-in's) when it is not one of this store's, was handed out for another operation, Region, view or query,
 * or is more than 24 hours old by the store's clock ("The pagination tokens expire after 24 hours", NextToken in each
 * operation's request syntax).
 */
function readToken(store: ResourceExplorerStore, token: string, ctx: string): TokenBody {
  const [payload, signature, extra] = token.split('.');
  if (extra !== undefined || !payload || !signature) {
    throw invalidToken();
  }
  const expected = Buffer.from(sign(store, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw invalidToken();
  }
  let body: Partial<TokenBody> | null;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    body = null;
  }
  if (body === null || typeof body !== 'object' || body.ctx !== digest(ctx) || typeof body.issued !== 'number' || body.pos === undefined) {
    throw invalidToken();
  }
  if (store.now() - body.issued > DAY_MS) {
    throw invalidToken();
  }
  return body as TokenBody;
}

function stringPosition(token: TokenBody): string | undefined {
  if (typeof token.pos !== 'string') {
    throw invalidToken();
  }
  return token.pos === '' ? undefined : token.pos;
}

export const INVALID_TOKEN_MESSAGE = 'The NextToken is not valid or has expired.';

function invalidToken(): ReError {
  return validation(INVALID_TOKEN_MESSAGE, [{ Name: 'NextToken', ValidationIssue: 'not valid or expired' }]);
}

function sign(store: ResourceExplorerStore, payload: string): string {
  return createHmac('sha256', store.tokenSecret).update(payload).digest('base64url');
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

// ---- parameters and errors ----

/** An error as restJson1 sends it: a status, `x-amzn-errortype`, and `{ message, … }` in the body. */
class ReError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

/**
 * ValidationException, 400, with `FieldList` `[{Name, ValidationIssue}]` (the model's shape; API reference "Common
 * Errors" and each operation's Errors). The wording of the messages is the stand-in's, after the AWS validation style.
 */
function validation(message: string, fields: Array<{ Name: string; ValidationIssue: string }>): ReError {
  return new ReError(400, 'ValidationException', message, { FieldList: fields });
}

function stringParam(input: Record<string, unknown>, name: string, min: number, max: number, field = name): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw validation(`1 validation error detected: Value at '${field}' must be a string`, [{ Name: field, ValidationIssue: 'must be a string' }]);
  }
  if (value.length < min || value.length > max) {
    const issue = `Member must have length between ${min} and ${max}`;
    throw validation(`1 validation error detected: Value at '${field}' failed to satisfy constraint: ${issue}`, [{ Name: field, ValidationIssue: issue }]);
  }
  return value;
}

/** An integer in [min, max], or ValidationException in the AWS validation wording. */
function intParam(input: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw validation(`1 validation error detected: Value '${String(value)}' at '${name}' must be an integer`, [{ Name: name, ValidationIssue: 'must be an integer' }]);
  }
  if (value < min || value > max) {
    const issue = value < min ? `Member must have value greater than or equal to ${min}` : `Member must have value less than or equal to ${max}`;
    throw validation(`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: ${issue}`, [{ Name: name, ValidationIssue: issue }]);
  }
  return value;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID(), ...headers,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: ReError): void {
  sendJson(res, error.status, { message: error.message, ...error.extra }, { 'x-amzn-errortype': error.code });
}

// ---- helpers ----

function deriveType(arn: string, service: string, rest: string): string {
  const known = SUPPORTED_RESOURCE_TYPES.find((t) => templateMatches(t.arnTemplate, arn));
  if (known) {
    return known.resourceType;
  }
  const separator = rest.search(/[/:]/);
  if (separator < 0) {
    const byService: Record<string, string> = { s3: 'bucket', sns: 'topic', sqs: 'queue' };
    if (!byService[service]) {
      throw new Error(`Cannot tell the resource type of ${arn}: pass options.resourceType`);
    }
    return `${service}:${byService[service]}`;
  }
  return `${service}:${rest.slice(0, separator)}`;
}

/** Whether an ARN has the shape of a catalogue template (`{n}` one or more characters without `/`, others likewise). */
function templateMatches(template: string, arn: string): boolean {
  const pattern = template.split(/(\{[rahnu]\})/).map((part) => {
    switch (part) {
      case '{r}': return '[a-z0-9-]+';
      case '{a}': return '\\d{12}';
      case '{h}': return '[0-9a-zA-Z]+';
      case '{u}': return '[0-9a-f-]+';
      case '{n}': return '[^/:]+';
      default: return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }).join('');
  return new RegExp(`^${pattern}$`).test(arn);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Byte order of the UTF-8 encodings. */
function byteCompare(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The first index whose element satisfies `test`, for a `test` false then true along the array (binary search). */
function firstIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(items[mid])) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

/** A deterministic UUID-shaped string from a seed. */
function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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

const ADJECTIVES = ['amber', 'brisk', 'calm', 'dusty', 'eager', 'fancy', 'gentle', 'hollow', 'icy', 'jolly', 'keen', 'lucky', 'misty', 'noble', 'orange', 'proud'];
const NOUNS = ['archive', 'beacon', 'canyon', 'delta', 'ember', 'falcon', 'garden', 'harbor', 'island', 'jungle', 'kernel', 'lagoon', 'meadow', 'nebula', 'orbit', 'prairie'];
