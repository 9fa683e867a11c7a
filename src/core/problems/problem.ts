import { InvalidEndpointError, ProfileNotFoundError } from '../aws/connection';
import { StatedError } from './statedError';
import { RefusedTokenError, RepeatedTokenError } from '../paging/errors';
import { isRefusedTokenError } from '../paging/refusedToken';
import { adders, refusedTokenRules, services } from '../services/registry';
import { describeFileError } from './fileErrors';
import { type ListRef } from '../lists';
import * as l10n from '@vscode/l10n';

/** What went wrong, in terms of what the user can do about it. */
export type ProblemKind =
  | 'cancelled'
  | 'refusedToken'
  | 'unavailable'
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
  /** Where to read more (an `unavailable` service's page). */
  readonly link?: { readonly label: string; readonly url: string };
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
const UNAVAILABLE = services.flatMap((service) => service.errors?.unavailable ?? []);
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', ...services.flatMap((service) => service.errors?.accessDenied ?? [])]);
/** The first label of an AWS endpoint's host name: `sns.eu-west-1.amazonaws.com`, `bucket.s3.eu-west-1.amazonaws.com`. */
const AWS_HOST = new RegExp(`(?:^|\\.)(${services.map((service) => service.id).join('|')})\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?$`);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
  'TimeoutError', 'RequestTimeout', 'UND_ERR_CONNECT_TIMEOUT']);

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
    return problem('cancelled', l10n.t('Cancelled.'));
  }
  if (error instanceof StatedError) {
    return problem(error.kind, error.message);
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
  const unavailable = UNAVAILABLE.find((rule) => rule.code === name && (!rule.matches || rule.matches.test(message)));
  if (unavailable) {
    return { kind: 'unavailable', message: unavailable.message, retryable: false, detail, ...(unavailable.link ? { link: unavailable.link } : {}) };
  }
  if (error instanceof RefusedTokenError) {
    return problem('refusedToken', error.message);
  }
  if (isRefusedTokenError(error, refusedTokenRules)) {
    return problem('refusedToken', l10n.t('The service refused the page token ({0}): it may have expired or belong to another listing. Start over from the first page.', name));
  }
  if (/SSO session|sso.*(expired|invalid)|token.*(expired|refresh)|aws sso login/i.test(message) && name !== 'ExpiredToken') {
    return problem('ssoExpired', l10n.t('The SSO session of profile "{0}" has expired or is missing. Run: aws sso login --profile {0}', profile));
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(message) && !status) {
    return problem('noCredentials', l10n.t('No AWS credentials for profile "{0}". Configure them with "aws configure --profile {0}" or select another profile. ({1})', profile, firstLine(message)));
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'InvalidClientTokenId' || name === 'SignatureDoesNotMatch' || name === 'InvalidAccessKeyId' || name === 'UnrecognizedClientException') {
    return problem('noCredentials', l10n.t('The credentials of profile "{0}" were rejected ({1}). Refresh them or select another profile.', profile, name));
  }
  if (/^Region not accepted|Invalid region in client config/i.test(message)) {
    return problem('invalidRegion', l10n.t('"{0}" is not a valid AWS region name. Select a region such as us-east-1.', context.region ?? '?'));
  }
  // Not by name: the SDK also names a reset connection (ECONNRESET, EPIPE) "TimeoutError".
  if (code === 'ETIMEDOUT' || (name === 'TimeoutError' && !code && /timed out/i.test(message))) {
    return problem('timeout', l10n.t('The endpoint stopped answering ({0}): the request timed out. Check the network, VPN or endpoint URL.', name), true);
  }
  const awsHost = e.hostname === undefined ? undefined : AWS_HOST.exec(e.hostname);
  if (awsHost && (code === 'ENOTFOUND' || code === 'EAI_AGAIN')) {
    const service = awsHost[1].toUpperCase();
    return problem('unreachable', l10n.t('{0} does not resolve ({1}): region "{2}" may not exist or may not offer {3}, or DNS is unavailable. Check the region and the network.',
      e.hostname ?? '', code, awsHost[2], service), true);
  }
  if (NETWORK.has(code) || NETWORK.has(name) || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up|getaddrinfo/i.test(message)) {
    return problem('unreachable', l10n.t('Cannot reach the endpoint ({0}). Check the network, VPN or endpoint URL. {1}', code || name, firstLine(message)).trim(), true);
  }
  if (ACCESS_DENIED.has(name) || status === 403) {
    const adder = adders.find((candidate) => candidate.root === context.list?.kind);
    return problem('accessDenied', adder
      ? l10n.t('Access denied ({0}). Your credentials may not allow this listing; you can still use {1}…', name, adder.title)
      : l10n.t('Access denied ({0}). Your credentials may not allow this listing.', name));
  }
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || name === 'IllegalLocationConstraintException' || status === 301) {
    const region = e.$response?.headers?.['x-amz-bucket-region'];
    return problem('wrongRegion', region
      ? l10n.t('The bucket is in another region ({0}) than {1}. Select that region.', region, context.region ?? '?')
      : l10n.t('The bucket is in another region than {0}. Select that region.', context.region ?? '?'));
  }
  if (NOT_FOUND.has(name) || status === 404) {
    return problem('notFound', l10n.t('Not found ({0}): {1}', name, firstLine(message)));
  }
  if (THROTTLING.has(name) || status === 429) {
    return problem('throttled', l10n.t('The service is throttling requests ({0}) and the retries ran out. Try again in a moment.', name), true);
  }
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return problem('serviceError', l10n.t('The service failed ({0}) and the retries ran out. Try again.', detail), true);
  }
  return problem('other', `${name}: ${firstLine(message)}`, status === undefined);
}

function firstLine(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}
