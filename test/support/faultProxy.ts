import * as http from 'node:http';
import { type AddressInfo } from 'node:net';

/**
 * A small fault-injecting HTTP proxy for tests: it sits between the real SDK clients and the emulator on
 * 127.0.0.1 and produces what an emulator cannot: latency, throttling, 5xx, connection resets, refused
 * tokens and empty pages that still carry a token. The SDK is never stubbed; it sees real HTTP.
 */

export type Service = 'sns' | 's3' | 'sqs' | 'dynamodb' | 'logs' | 'ec2' | 'health' | 'resourceExplorer';

/** Services that speak an AWS JSON protocol: the operation is in `X-Amz-Target`, the input a JSON body. */
const JSON_SERVICES: Readonly<Record<string, Service>> = { AmazonSQS: 'sqs', DynamoDB_20120810: 'dynamodb', Logs_20140328: 'logs', AWSHealth_20160804: 'health' };
/** Services that speak AWS JSON 1.1 (the others 1.0). */
const JSON_1_1: ReadonlySet<Service> = new Set(['logs', 'health']);
/** The request field that carries the page token, and the one with the page size, by JSON operation. */
const JSON_TOKENS: Readonly<Record<string, { token: string; size?: string }>> = {
  ListQueues: { token: 'NextToken', size: 'MaxResults' },
  ListDeadLetterSourceQueues: { token: 'NextToken', size: 'MaxResults' },
  ListTables: { token: 'ExclusiveStartTableName', size: 'Limit' },
  Scan: { token: 'ExclusiveStartKey', size: 'Limit' },
  Query: { token: 'ExclusiveStartKey', size: 'Limit' },
  DescribeLogGroups: { token: 'nextToken', size: 'limit' },
  DescribeLogStreams: { token: 'nextToken', size: 'limit' },
  GetLogEvents: { token: 'nextToken', size: 'limit' },
  FilterLogEvents: { token: 'nextToken', size: 'limit' },
  DescribeEvents: { token: 'nextToken', size: 'maxResults' },
  DescribeEventsForOrganization: { token: 'nextToken', size: 'maxResults' },
  DescribeAffectedEntities: { token: 'nextToken', size: 'maxResults' },
  DescribeAffectedEntitiesForOrganization: { token: 'nextToken', size: 'maxResults' },
  DescribeAffectedAccountsForOrganization: { token: 'nextToken', size: 'maxResults' },
  Search: { token: 'NextToken', size: 'MaxResults' },
  ListResources: { token: 'NextToken', size: 'MaxResults' },
  ListViews: { token: 'NextToken', size: 'MaxResults' },
  ListIndexes: { token: 'NextToken', size: 'MaxResults' },
  ListSupportedResourceTypes: { token: 'NextToken', size: 'MaxResults' },
};

export interface ProxyRequest {
  /** 0-based count of requests the proxy has received. */
  readonly index: number;
  readonly method: string;
  readonly url: string;
  readonly service: Service;
  /** SNS `Action`, the S3 operation (`ListObjectsV2`, `ListBuckets`, `PutObject`…), or the JSON operation (`Scan`). */
  readonly action: string;
  /** The page token the request carries, if any (SNS `NextToken`, S3 `continuation-token`; a DynamoDB key as JSON). */
  readonly token?: string;
  /** The page size it asks for (S3 `max-keys` / `max-buckets`, SQS `MaxResults`, DynamoDB `Limit`). */
  readonly pageSize?: number;
  /** The JSON input of a JSON-protocol request. */
  readonly input?: Readonly<Record<string, unknown>>;
  /** The access key id the request was signed with (never the secret: that is not on the wire). */
  readonly accessKeyId?: string;
}

export type Fault =
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'throttle' }
  | { readonly kind: 'serverError'; readonly status: 500 | 503 }
  | { readonly kind: 'resetBeforeResponse' }
  | { readonly kind: 'resetMidResponse' }
  | { readonly kind: 'refuseToken' }
  | { readonly kind: 'emptyPage' }
  /** An empty page whose next token is the token of the request itself: a service stuck in a loop. */
  | { readonly kind: 'repeatToken' }
  /** 403: S3 `AccessDenied`, SNS `AuthorizationError` (credentials that may not list). */
  | { readonly kind: 'accessDenied' }
  /** S3 301 `PermanentRedirect` with `x-amz-bucket-region`: the bucket lives in another region. */
  | { readonly kind: 'permanentRedirect'; readonly region: string }
  /**
   * Not a fault: answers `encoding-type=url` as S3 does (fauxqs ignores it), percent-encoding `Key` and `Prefix` and
   * adding `<EncodingType>url</EncodingType>`, so characters XML cannot carry (CR, control characters) survive.
   */
  | { readonly kind: 'urlEncodeKeys' };

/** Decides the faults for one request; none means pass it through untouched. */
export type FaultRule = (request: ProxyRequest) => Fault | readonly Fault[] | undefined;

export interface FaultProxy {
  readonly endpoint: string;
  /** Every request received, in order, with the faults applied to it. */
  readonly log: ReadonlyArray<ProxyRequest & { readonly faults: readonly Fault['kind'][] }>;
  setRule(rule: FaultRule | undefined): void;
  /** Back to a clean pass-through: no rule, empty log. */
  reset(): void;
  stop(): Promise<void>;
}

/** Marks tokens of injected empty pages, so the next request can be sent on with the original token. */
const EMPTY_PAGE_TOKEN_PREFIX = 'fault-proxy-empty-page:';
/** The same for DynamoDB, whose token is a key: a key of this one attribute holds the original key's JSON. */
const EMPTY_PAGE_KEY = 'faultProxyEmptyPage';

export async function startFaultProxy(upstream: string, initialRule?: FaultRule): Promise<FaultProxy> {
  const target = new URL(upstream);
  let rule = initialRule;
  const log: Array<ProxyRequest & { faults: Fault['kind'][] }> = [];
  const sockets = new Set<import('node:net').Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(502, { 'content-type': 'text/plain' });
        }
        res.end(String(error));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    let url = req.url ?? '/';
    let requestBody = body;
    const parsed = {
      ...describeRequest(log.length, req.method ?? 'GET', url, req.headers, body),
      accessKeyId: /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1],
    };
    const faults = normalize(rule?.(parsed));
    log.push({ ...parsed, faults: faults.map((f) => f.kind) });

    // An injected empty page handed out a marked token: send the original one (or none) upstream.
    let originalToken = parsed.token;
    const marked = JSON_TOKENS[parsed.action]?.token === 'ExclusiveStartKey' && parsed.token ? (JSON.parse(parsed.token) as Record<string, { S?: string }>)[EMPTY_PAGE_KEY]?.S : undefined;
    if (marked !== undefined) {
      originalToken = `${EMPTY_PAGE_TOKEN_PREFIX}${marked}`;
    }
    while (originalToken?.startsWith(EMPTY_PAGE_TOKEN_PREFIX)) {
      originalToken = originalToken.slice(EMPTY_PAGE_TOKEN_PREFIX.length);
    }
    if (originalToken !== parsed.token) {
      ({ url, body: requestBody } = replaceToken(parsed, url, body, originalToken ?? ''));
    }

    for (const fault of faults) {
      switch (fault.kind) {
        case 'latency':
          await new Promise((resolve) => setTimeout(resolve, fault.ms));
          break;
        case 'resetBeforeResponse':
          req.socket.destroy();
          return;
        case 'throttle':
          return sendError(res, parsed.service, THROTTLING[parsed.service]);
        case 'serverError':
          return sendError(res, parsed.service, { status: fault.status, code: fault.status === 503 ? 'ServiceUnavailable' : parsed.input ? 'InternalServerError' : 'InternalError', message: 'We encountered an internal error. Please try again.' });
        case 'refuseToken':
          return sendError(res, parsed.service, REFUSED_TOKEN[parsed.service]);
        case 'emptyPage':
          if (parsed.action === 'Scan' || parsed.action === 'Query') {
            return sendPage(res, parsed, await filteredEmptyPage(target, req, url, requestBody, parsed, originalToken));
          }
          if (parsed.action === 'Search') {
            return sendPage(res, parsed, await countedEmptySearch(target, req, url, requestBody, originalToken));
          }
          return sendPage(res, parsed, emptyPage(parsed, EMPTY_PAGE_TOKEN_PREFIX + (originalToken ?? '')));
        case 'repeatToken':
          return sendPage(res, parsed, emptyPage(parsed, parsed.token ?? 'fault-proxy-repeated-token'));
        case 'accessDenied':
          return sendError(res, parsed.service, ACCESS_DENIED[parsed.service]);
        case 'permanentRedirect':
          return sendError(res, parsed.service, {
            status: 301, code: 'PermanentRedirect',
            message: 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
          }, { 'x-amz-bucket-region': fault.region });
        case 'resetMidResponse':
        case 'urlEncodeKeys':
          break; // applied to the upstream response below
      }
    }

    const upstreamResponse = await forward(target, req, url, requestBody);
    if (faults.some((f) => f.kind === 'urlEncodeKeys') && parsed.action === 'ListObjectsV2'
      && new URL(url, 'http://proxy').searchParams.get('encoding-type') === 'url' && upstreamResponse.status === 200) {
      upstreamResponse.body = Buffer.from(urlEncodeListing(upstreamResponse.body.toString('utf8')), 'utf8');
      upstreamResponse.headers['content-length'] = String(upstreamResponse.body.length);
    }
    const headers = { ...upstreamResponse.headers };
    if (faults.some((f) => f.kind === 'resetMidResponse')) {
      // Promise the whole body, deliver half, then cut the connection.
      res.writeHead(upstreamResponse.status, headers);
      res.write(upstreamResponse.body.subarray(0, Math.floor(upstreamResponse.body.length / 2)));
      setTimeout(() => req.socket.destroy(), 5);
      return;
    }
    res.writeHead(upstreamResponse.status, headers);
    res.end(upstreamResponse.body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    log,
    setRule(next) {
      rule = next;
    },
    reset() {
      rule = undefined;
      log.length = 0;
    },
    async stop() {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function normalize(faults: Fault | readonly Fault[] | undefined): Fault[] {
  if (!faults) {
    return [];
  }
  return Array.isArray(faults) ? [...faults] : [faults as Fault];
}

function describeRequest(index: number, method: string, url: string, headers: http.IncomingHttpHeaders, body: Buffer): ProxyRequest {
  const contentType = String(headers['content-type'] ?? '');
  const target = String(headers['x-amz-target'] ?? '');
  const jsonService = JSON_SERVICES[target.split('.')[0]];
  if (jsonService) {
    const action = target.split('.').pop() ?? '';
    const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    const fields = JSON_TOKENS[action];
    const token = fields ? input[fields.token] : undefined;
    const size = fields?.size ? input[fields.size] : undefined;
    return {
      index, method, url, service: jsonService, action, input,
      token: token === undefined ? undefined : typeof token === 'string' ? token : JSON.stringify(token),
      pageSize: typeof size === 'number' ? size : undefined,
    };
  }
  // Resource Explorer speaks REST-JSON: the operation is the path (`POST /Search`), the service the signing scope.
  if (/\/resource-explorer-2\/aws4_request/.test(String(headers.authorization ?? ''))) {
    const action = new URL(url, 'http://proxy').pathname.replace(/^\//, '');
    const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    const fields = JSON_TOKENS[action];
    const token = fields ? input[fields.token] : undefined;
    const size = fields?.size ? input[fields.size] : undefined;
    return { index, method, url, service: 'resourceExplorer', action, input, token: typeof token === 'string' ? token : undefined, pageSize: typeof size === 'number' ? size : undefined };
  }
  if (contentType.includes('x-www-form-urlencoded') || target.startsWith('AmazonSimpleNotificationService')) {
    const form = new URLSearchParams(body.toString('utf8'));
    // EC2's query protocol (Version 2016-11-15); SNS's is 2010-03-31.
    const service: Service = form.get('Version') === '2016-11-15' ? 'ec2' : 'sns';
    const size = form.get('MaxResults');
    return {
      index, method, url, service, action: form.get('Action') ?? target.split('.').pop() ?? '', token: form.get('NextToken') ?? undefined,
      ...(size ? { pageSize: Number(size) } : {}),
    };
  }
  const { pathname, searchParams } = new URL(url, 'http://proxy');
  const segments = pathname.split('/').filter(Boolean);
  let action = method === 'PUT' ? (segments.length > 1 ? 'PutObject' : 'CreateBucket') : method;
  if (method === 'GET' && segments.length === 0) {
    action = 'ListBuckets';
  } else if (method === 'GET' && segments.length === 1 && searchParams.get('list-type') === '2') {
    action = 'ListObjectsV2';
  } else if (method === 'GET' && segments.length === 1 && searchParams.has('inventory')) {
    action = searchParams.has('id') ? 'GetBucketInventoryConfiguration' : 'ListBucketInventoryConfigurations';
  } else if (method === 'GET' && segments.length > 1) {
    action = 'GetObject';
  } else if (method === 'HEAD') {
    action = segments.length > 1 ? 'HeadObject' : 'HeadBucket';
  }
  const size = searchParams.get('max-keys') ?? searchParams.get('max-buckets');
  return { index, method, url, service: 's3', action, token: searchParams.get('continuation-token') ?? undefined, pageSize: size ? Number(size) : undefined };
}

function replaceToken(request: ProxyRequest, url: string, body: Buffer, token: string): { url: string; body: Buffer } {
  const { service } = request;
  if (request.input) {
    const field = JSON_TOKENS[request.action]?.token ?? 'NextToken';
    const input: Record<string, unknown> = { ...request.input };
    if (token) {
      input[field] = field === 'ExclusiveStartKey' ? JSON.parse(token) : token;
    } else {
      delete input[field];
    }
    return { url, body: Buffer.from(JSON.stringify(input), 'utf8') };
  }
  if (service === 'sns' || service === 'ec2') {
    const form = new URLSearchParams(body.toString('utf8'));
    if (token) {
      form.set('NextToken', token);
    } else {
      form.delete('NextToken');
    }
    return { url, body: Buffer.from(form.toString(), 'utf8') };
  }
  const parsed = new URL(url, 'http://proxy');
  if (token) {
    parsed.searchParams.set('continuation-token', token);
  } else {
    parsed.searchParams.delete('continuation-token');
  }
  return { url: parsed.pathname + parsed.search, body };
}

// What each service answers, as its API reference and the SDK's error names have it.
const THROTTLING: Readonly<Record<Service, ServiceError>> = {
  s3: { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' },
  sns: { status: 429, code: 'Throttling', message: 'Rate exceeded' },
  sqs: { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' },
  dynamodb: { status: 400, code: 'ProvisionedThroughputExceededException', message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.' },
  logs: { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' },
  ec2: { status: 503, code: 'RequestLimitExceeded', message: 'Request limit exceeded.' },
  health: { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' },
  resourceExplorer: { status: 429, code: 'ThrottlingException', message: 'Rate exceeded' },
};
const REFUSED_TOKEN: Readonly<Record<Service, ServiceError>> = {
  s3: { status: 400, code: 'InvalidArgument', message: 'The continuation token provided is incorrect' },
  sns: { status: 400, code: 'InvalidParameter', message: 'Invalid parameter: NextToken' },
  sqs: { status: 400, code: 'InvalidParameterValue', message: 'Invalid NextToken value.' },
  dynamodb: { status: 400, code: 'ValidationException', message: 'The provided starting key is invalid: The provided key element does not match the schema' },
  logs: { status: 400, code: 'InvalidParameterException', message: 'The specified nextToken is invalid.' },
  ec2: { status: 400, code: 'InvalidPaginationToken', message: 'The specified pagination token is not valid or is expired.' },
  health: { status: 400, code: 'InvalidPaginationToken', message: 'The specified pagination token (nextToken) is not valid.' },
  resourceExplorer: { status: 400, code: 'ValidationException', message: 'The NextToken is not valid or has expired.' },
};
const ACCESS_DENIED: Readonly<Record<Service, ServiceError>> = {
  s3: { status: 403, code: 'AccessDenied', message: 'Access Denied' },
  sns: { status: 403, code: 'AuthorizationError', message: 'User is not authorized to perform this action' },
  sqs: { status: 400, code: 'AccessDenied', message: 'Access to the resource is denied.' },
  dynamodb: { status: 400, code: 'AccessDeniedException', message: 'User is not authorized to perform: dynamodb:Scan' },
  logs: { status: 400, code: 'AccessDeniedException', message: 'User is not authorized to perform: logs:FilterLogEvents' },
  ec2: { status: 403, code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' },
  health: { status: 400, code: 'AccessDeniedException', message: 'User is not authorized to perform: health:DescribeEvents' },
  resourceExplorer: { status: 403, code: 'AccessDeniedException', message: 'User is not authorized to perform: resource-explorer-2:Search' },
};

interface ServiceError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/**
 * A DynamoDB page that is really empty: the same Scan or Query sent to the emulator with a filter nothing passes
 * (dynalite, like DynamoDB, then answers no items and a LastEvaluatedKey), whose key is swapped for a marked one
 * holding the original: the next request starts where this one did, so no item is skipped.
 */
async function filteredEmptyPage(target: URL, req: http.IncomingMessage, url: string, body: Buffer, request: ProxyRequest, originalToken: string | undefined): Promise<string> {
  const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  const filtered = {
    ...input,
    FilterExpression: 'attribute_exists(#faultProxyNothing)',
    ExpressionAttributeNames: { ...(input.ExpressionAttributeNames as object | undefined), '#faultProxyNothing': 'fault-proxy-no-such-attribute' },
  };
  const answer = await forward(target, req, url, Buffer.from(JSON.stringify(filtered), 'utf8'));
  const page = JSON.parse(answer.body.toString('utf8')) as { Items?: unknown[]; LastEvaluatedKey?: unknown };
  if (answer.status !== 200 || (page.Items?.length ?? 0) !== 0) {
    throw new Error(`The filtered ${request.action} did not give an empty page (HTTP ${answer.status})`);
  }
  return JSON.stringify({ ...page, Count: 0, LastEvaluatedKey: { [EMPTY_PAGE_KEY]: { S: originalToken ?? '' } } });
}

/**
 * A Resource Explorer Search page that is empty but keeps the query's `Count`, as the service's own empty pages do
 * ("This field is included in every page", API_ResourceCount.html): the same request answered by the service, its
 * results dropped and its token swapped for a marked one holding the original, so the next request starts where this
 * one did. A count made up here (complete, say) would tell a client splitting a capped query that it need not split.
 */
async function countedEmptySearch(target: URL, req: http.IncomingMessage, url: string, body: Buffer, originalToken: string | undefined): Promise<string> {
  const answer = await forward(target, req, url, body);
  if (answer.status !== 200) {
    throw new Error(`The Search behind an empty page failed (HTTP ${answer.status})`);
  }
  const page = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
  return JSON.stringify({ ...page, Resources: [], NextToken: EMPTY_PAGE_TOKEN_PREFIX + (originalToken ?? '') });
}

/** An empty page that hands on `token`: the body of a 200 answer in the request's own protocol. */
function emptyPage(request: ProxyRequest, token: string): string {
  const nextToken = xmlEscape(token);
  switch (request.action) {
    case 'ListQueues':
      return JSON.stringify({ QueueUrls: [], NextToken: token });
    case 'ListDeadLetterSourceQueues':
      return JSON.stringify({ queueUrls: [], NextToken: token });
    case 'ListTables':
      return JSON.stringify({ TableNames: [], LastEvaluatedTableName: token });
    case 'DescribeLogGroups':
      return JSON.stringify({ logGroups: [], nextToken: token });
    case 'DescribeLogStreams':
      return JSON.stringify({ logStreams: [], nextToken: token });
    case 'FilterLogEvents':
      return JSON.stringify({ events: [], searchedLogStreams: [], nextToken: token });
    case 'GetLogEvents':
      // The backward token is not followed by a list read from the head; the forward one is the list's token.
      return JSON.stringify({ events: [], nextForwardToken: token, nextBackwardToken: `b/${token}` });
    case 'DescribeEvents':
    case 'DescribeEventsForOrganization':
      return JSON.stringify({ events: [], nextToken: token });
    case 'DescribeAffectedEntities':
    case 'DescribeAffectedEntitiesForOrganization':
      return JSON.stringify({ entities: [], nextToken: token });
    case 'DescribeAffectedAccountsForOrganization':
      return JSON.stringify({ affectedAccounts: [], nextToken: token });
    case 'ListResources':
      return JSON.stringify({ Resources: [], NextToken: token });
    case 'ListViews':
      return JSON.stringify({ Views: [], NextToken: token });
    case 'ListIndexes':
      return JSON.stringify({ Indexes: [], NextToken: token });
    case 'DescribeInstances':
      return `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fault-proxy</requestId><reservationSet/><nextToken>${xmlEscape(token)}</nextToken></DescribeInstancesResponse>`;
    case 'ListTopics':
    case 'ListSubscriptionsByTopic':
    case 'ListSubscriptions': {
      const list = request.action === 'ListTopics' ? 'Topics' : 'Subscriptions';
      return `<${request.action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><${request.action}Result><${list}/><NextToken>${nextToken}</NextToken></${request.action}Result><ResponseMetadata><RequestId>fault-proxy</RequestId></ResponseMetadata></${request.action}Response>`;
    }
    case 'ListObjectsV2': {
      const bucket = xmlEscape(decodeURIComponent(new URL(request.url, 'http://proxy').pathname.split('/')[1] ?? ''));
      return `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><KeyCount>0</KeyCount><MaxKeys>${request.pageSize ?? 1000}</MaxKeys><IsTruncated>true</IsTruncated>${request.token ? `<ContinuationToken>${xmlEscape(request.token)}</ContinuationToken>` : ''}<NextContinuationToken>${nextToken}</NextContinuationToken></ListBucketResult>`;
    }
    case 'ListBucketInventoryConfigurations':
      return `<?xml version="1.0" encoding="UTF-8"?><ListInventoryConfigurationsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${request.token ? `<ContinuationToken>${xmlEscape(request.token)}</ContinuationToken>` : ''}<IsTruncated>true</IsTruncated><NextContinuationToken>${nextToken}</NextContinuationToken></ListInventoryConfigurationsResult>`;
    case 'ListBuckets':
      return `<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>fault-proxy</ID></Owner><Buckets></Buckets><ContinuationToken>${nextToken}</ContinuationToken></ListAllMyBucketsResult>`;
    default:
      throw new Error(`emptyPage fault is not defined for ${request.service} ${request.action}`);
  }
}

function sendError(res: http.ServerResponse, service: Service, error: ServiceError, headers: http.OutgoingHttpHeaders = {}): void {
  if (service === 'resourceExplorer') {
    const text = JSON.stringify({ message: error.message });
    res.writeHead(error.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': 'fault-proxy', 'x-amzn-errortype': error.code, ...headers });
    res.end(text);
    return;
  }
  if (service === 'sqs' || service === 'dynamodb' || service === 'logs' || service === 'health') {
    const namespace = { sqs: 'com.amazonaws.sqs#', dynamodb: 'com.amazonaws.dynamodb.v20120810#', logs: '', health: '' }[service];
    const text = JSON.stringify({ __type: `${namespace}${error.code}`, message: error.message });
    const contentType = JSON_1_1.has(service) ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
    res.writeHead(error.status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': 'fault-proxy', 'x-amzn-errortype': error.code, ...headers });
    res.end(text);
    return;
  }
  if (service === 'ec2') {
    sendXml(res, error.status, `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${error.code}</Code><Message>${xmlEscape(error.message)}</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>`, headers);
    return;
  }
  const body = service === 'sns'
    ? `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${error.code}</Code><Message>${xmlEscape(error.message)}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`
    : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${error.code}</Code><Message>${xmlEscape(error.message)}</Message><RequestId>fault-proxy</RequestId></Error>`;
  sendXml(res, error.status, body, headers);
}

function sendPage(res: http.ServerResponse, request: ProxyRequest, body: string): void {
  if (request.input) {
    const contentType = request.service === 'resourceExplorer' ? 'application/json' : JSON_1_1.has(request.service) ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
    res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': 'fault-proxy' });
    res.end(body);
  } else {
    sendXml(res, 200, body);
  }
}

function sendXml(res: http.ServerResponse, status: number, body: string, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': 'fault-proxy', ...headers });
  res.end(body);
}

/** A ListObjectsV2 body as S3 sends it for `encoding-type=url`: keys and prefixes percent-encoded, `/` kept. */
function urlEncodeListing(xml: string): string {
  const encode = (raw: string) => encodeURIComponent(xmlUnescape(raw)).replace(/%2F/g, '/');
  return xml
    .replace(/<(Key|Prefix)>([^<]*)<\/\1>/g, (_, tag: string, raw: string) => `<${tag}>${encode(raw)}</${tag}>`)
    .replace(/(<\/Name>)/, '$1<EncodingType>url</EncodingType>');
}

function xmlUnescape(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (entity.startsWith('#')) {
      return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    }
    return named[entity.toLowerCase()];
  });
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function forward(target: URL, req: http.IncomingMessage, url: string, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
  return new Promise((resolve, reject) => {
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: url, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const responseHeaders = { ...response.headers };
        delete responseHeaders['transfer-encoding'];
        const responseBody = Buffer.concat(chunks);
        // A HEAD response has no body but announces the object's length: keep it.
        if (req.method !== 'HEAD') {
          responseHeaders['content-length'] = String(responseBody.length);
        }
        resolve({ status: response.statusCode ?? 502, headers: responseHeaders, body: responseBody });
      });
      response.on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/** A seeded pseudo-random generator (mulberry32), so a fault pattern can be reported and replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Applies one of `faults` to a fraction `rate` of the requests that `applies` selects, reproducibly. */
export function rateRule(seed: number, rate: number, faults: readonly Fault[], applies: (r: ProxyRequest) => boolean = () => true): FaultRule {
  const random = seededRandom(seed);
  return (request) => {
    if (!applies(request) || random() >= rate) {
      return undefined;
    }
    return faults[Math.floor(random() * faults.length)];
  };
}
