import { InvalidEndpointError, ProfileNotFoundError } from '../aws/connection';
import { RepeatedTokenError } from '../paging/errors';
import { type ListRef } from '../services/kind';
import { adders, services } from '../services/registry';
import { describeFileError } from './fileErrors';

/** What went wrong, in terms of what the user can do about it. */
export type ProblemKind =
  | 'cancelled'
  | 'refusedToken'
  | 'repeatedToken'
  | 'unknownProfile'
  | 'noCredentials'
  | 'ssoExpired'
  | 'invalidEndpoint'
  | 'invalidRegion'
  | 'unreachable'
  | 'timeout'
  | 'accessDenied'
  | 'notFound'
  | 'wrongRegion'
  | 'throttled'
  | 'serviceError'
  | 'notWritable'
  | 'diskFull'
  | 'other';

export interface Problem {
  readonly kind: ProblemKind;
  /** One line for a tree node or notification. */
  readonly message: string;
  /** Worth trying the same request again (network, throttling, 5xx). */
  readonly retryable: boolean;
  /** SDK error name and HTTP status, for the log. */
  readonly detail: string;
}

interface SdkErrorShape {
  name?: string;
  /** Set by Node on system errors: the failed call (`open`, `write`, `getaddrinfo`…), the file and the host. */
  syscall?: string;
  path?: string;
  hostname?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string> };
  $fault?: string;
}

// The SDK's own throttling names (@smithy/service-error-classification), and what each service adds.
const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'SlowDown', 'TooManyRequestsException',
  'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'ProvisionedThroughputExceededException',
  ...services.flatMap((service) => service.errors?.throttled ?? [])]);
const NOT_FOUND = new Set(['NotFound', 'NotFoundException', ...services.flatMap((service) => service.errors?.notFound ?? [])]);
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', ...services.flatMap((service) => service.errors?.accessDenied ?? [])]);
const REFUSED_TOKEN = services.flatMap((service) => service.errors?.refusedToken ?? []);
/** The first label of an AWS endpoint's host name: `sns.eu-west-1.amazonaws.com`, `bucket.s3.eu-west-1.amazonaws.com`. */
const AWS_HOST = new RegExp(`(?:^|\\.)(${services.map((service) => service.id).join('|')})\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?$`);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
  'TimeoutError', 'RequestTimeout', 'UND_ERR_CONNECT_TIMEOUT']);

/** Is this the service refusing a pagination token (expired, foreign or corrupt)? */
export function isRefusedTokenError(error: unknown): boolean {
  const e = error as SdkErrorShape;
  const name = e?.name ?? '';
  const text = `${e?.message ?? ''}`;
  if (name === 'InvalidToken' || name === 'InvalidTokenException' || name === 'ExpiredTokenException' && /token/i.test(text) && /next|continuation|pagination/i.test(text)) {
    return true;
  }
  if ((name === 'InvalidParameterException' || name === 'InvalidParameter' || e?.Code === 'InvalidParameter' || name === 'ValidationException')
    && /(next|continuation|pagination)\s*token|nexttoken/i.test(text)) {
    return true;
  }
  return REFUSED_TOKEN.some((refused) => (name === refused.code || e?.Code === refused.code) && refused.message.test(text));
}

/** Turns any error from a listing into a message a user can act on. Never includes credentials. */
export interface ProblemContext {
  readonly profile?: string;
  readonly region?: string;
  /** The list that failed, so a denied listing can name the way around it (Add Bucket by Name…). */
  readonly list?: ListRef;
}

export function describeProblem(error: unknown, context: ProblemContext = {}): Problem {
  const e = (error ?? {}) as SdkErrorShape;
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const code = (error as NodeJS.ErrnoException)?.code ?? e.code ?? '';
  const detail = [name, code && code !== name ? code : undefined, status ? `HTTP ${status}` : undefined].filter(Boolean).join(', ');
  const message = e.message ?? String(error);
  const problem = (kind: ProblemKind, text: string, retryable = false): Problem => ({ kind, message: text, retryable, detail });
  const profile = context.profile ?? 'default';

  if (name === 'AbortError') {
    return problem('cancelled', 'Cancelled.');
  }
  if (error instanceof RepeatedTokenError) {
    return problem('repeatedToken', error.message);
  }
  if (error instanceof ProfileNotFoundError) {
    return problem('unknownProfile', error.message);
  }
  if (error instanceof InvalidEndpointError) {
    return problem('invalidEndpoint', error.message);
  }
  // Before the credential checks: a file path may well contain "credentials" or "token".
  const fileProblem = describeFileError(e, code);
  if (fileProblem) {
    return problem(fileProblem.kind, fileProblem.message);
  }
  if (isRefusedTokenError(error)) {
    return problem('refusedToken', `The service refused the page token (${name}): it may have expired or belong to another listing. Start over from the first page.`);
  }
  if (/SSO session|sso.*(expired|invalid)|token.*(expired|refresh)|aws sso login/i.test(message) && name !== 'ExpiredToken') {
    return problem('ssoExpired', `The SSO session of profile "${profile}" has expired or is missing. Run: aws sso login --profile ${profile}`);
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(message) && !status) {
    return problem('noCredentials', `No AWS credentials for profile "${profile}". Configure them with "aws configure --profile ${profile}" or select another profile. (${firstLine(message)})`);
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'InvalidClientTokenId' || name === 'SignatureDoesNotMatch' || name === 'InvalidAccessKeyId' || name === 'UnrecognizedClientException') {
    return problem('noCredentials', `The credentials of profile "${profile}" were rejected (${name}). Refresh them or select another profile.`);
  }
  if (/^Region not accepted|Invalid region in client config/i.test(message)) {
    return problem('invalidRegion', `"${context.region ?? '?'}" is not a valid AWS region name. Select a region such as us-east-1.`);
  }
  // Not by name: the SDK also names a reset connection (ECONNRESET, EPIPE) "TimeoutError".
  if (code === 'ETIMEDOUT' || (name === 'TimeoutError' && !code && /timed out/i.test(message))) {
    return problem('timeout', `The endpoint stopped answering (${name}): the request timed out. Check the network, VPN or endpoint URL.`, true);
  }
  const awsHost = e.hostname === undefined ? undefined : AWS_HOST.exec(e.hostname);
  if (awsHost && (code === 'ENOTFOUND' || code === 'EAI_AGAIN')) {
    const service = awsHost[1].toUpperCase();
    return problem('unreachable', `${e.hostname} does not resolve (${code}): region "${awsHost[2]}" may not exist or may not offer ${service}, ` +
      'or DNS is unavailable. Check the region and the network.', true);
  }
  if (NETWORK.has(code) || NETWORK.has(name) || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up|getaddrinfo/i.test(message)) {
    return problem('unreachable', `Cannot reach the endpoint (${code || name}). Check the network, VPN or endpoint URL. ${firstLine(message)}`.trim(), true);
  }
  if (ACCESS_DENIED.has(name) || status === 403) {
    const adder = adders.find((candidate) => candidate.root === context.list?.kind);
    return problem('accessDenied', `Access denied (${name}). Your credentials may not allow this listing${adder ? `; you can still use ${adder.title}…` : '.'}`);
  }
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || name === 'IllegalLocationConstraintException' || status === 301) {
    const region = e.$response?.headers?.['x-amz-bucket-region'];
    return problem('wrongRegion', `The bucket is in another region${region ? ` (${region})` : ''} than ${context.region ?? 'the selected one'}. Select that region.`);
  }
  if (NOT_FOUND.has(name) || status === 404) {
    return problem('notFound', `Not found (${name}): ${firstLine(message)}`);
  }
  if (THROTTLING.has(name) || status === 429) {
    return problem('throttled', `The service is throttling requests (${name}) and the retries ran out. Try again in a moment.`, true);
  }
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return problem('serviceError', `The service failed (${detail}) and the retries ran out. Try again.`, true);
  }
  return problem('other', `${name}: ${firstLine(message)}`, status === undefined);
}

function firstLine(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}
