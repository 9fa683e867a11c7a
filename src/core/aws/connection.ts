import { loadSharedConfigFiles, ENV_PROFILE, DEFAULT_PROFILE, type SharedConfigFiles } from '@smithy/core/config';
import * as l10n from '@vscode/l10n';

/** What the user chose in settings; empty means "as the AWS CLI would decide". */
export interface ConnectionSettings {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly retryMode?: 'standard' | 'adaptive';
  readonly maxAttempts?: number;
}

/** Where requests go, after applying settings, environment and shared config files the way the SDK does. */
export interface Connection {
  readonly profile: string;
  /** True when the profile was named by a setting or `AWS_PROFILE`, rather than falling back to "default". */
  readonly profileExplicit: boolean;
  readonly region: string;
  readonly regionSource: 'setting' | 'environment or profile' | 'fallback';
  /** A custom endpoint (emulator, VPC endpoint…), or undefined for the service's own. */
  readonly endpointUrl?: string;
  readonly endpointSource?: 'setting' | 'environment' | 'profile';
  readonly retryMode: 'standard' | 'adaptive';
  readonly maxAttempts: number;
  /**
   * Milliseconds a request may go without receiving a byte, and connecting may take, before the attempt fails (and is
   * retried). Without a limit a silent endpoint (a dropped VPN) would leave a listing loading forever. Default 30 s.
   */
  readonly timeoutMs?: number;
}

/** The profile named in settings or `AWS_PROFILE` does not exist in the shared config files. */
export class ProfileNotFoundError extends Error {
  override readonly name = 'ProfileNotFoundError';
  constructor(readonly profile: string, readonly available: readonly string[]) {
    super(available.length
      ? l10n.t('AWS profile "{0}" was not found in {1}. Available profiles: {2}.', profile, configFilesDescription(), available.join(', '))
      : l10n.t('AWS profile "{0}" was not found in {1}. No profiles are defined.', profile, configFilesDescription()));
  }
}

export class InvalidEndpointError extends Error {
  override readonly name = 'InvalidEndpointError';
  constructor(readonly endpointUrl: string, source: string) {
    super(l10n.t('The endpoint URL "{0}" (from {1}) is not a valid http(s) URL.', endpointUrl, source));
  }
}

const FALLBACK_REGION = 'us-east-1';

function configFilesDescription(env: NodeJS.ProcessEnv = process.env): string {
  return `${env.AWS_CONFIG_FILE ?? '~/.aws/config'} or ${env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials'}`;
}

/** Profile names from the shared config and credentials files, read by the SDK's own loader. */
export async function listProfiles(): Promise<string[]> {
  return profileNames(await loadSharedConfigFiles({ ignoreCache: true }));
}

function profileNames({ configFile, credentialsFile }: SharedConfigFiles): string[] {
  return [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])].sort();
}

/**
 * Resolves profile, region and endpoint as the AWS CLI does, without touching `process.env`
 * (the extension host is shared with other extensions).
 */
export async function resolveConnection(settings: ConnectionSettings, env: NodeJS.ProcessEnv = process.env): Promise<Connection> {
  const named = settings.profile?.trim() || env[ENV_PROFILE]?.trim();
  const profile = named || DEFAULT_PROFILE;
  // Read once per resolution, fresh (the user may have edited them); the region lookup below reuses this read.
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  if (named) {
    const profiles = profileNames(files);
    if (!profiles.includes(named)) {
      throw new ProfileNotFoundError(named, profiles);
    }
  }

  // As the AWS CLI: the setting (--region), AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`, then us-east-1.
  let region = settings.region?.trim();
  let regionSource: Connection['regionSource'] = 'setting';
  if (!region) {
    region = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || files.configFile[profile]?.region?.trim() || undefined;
    regionSource = 'environment or profile';
  }
  if (!region) {
    region = FALLBACK_REGION;
    regionSource = 'fallback';
  }

  const endpoint = resolveEndpoint(settings, profile, files, env);
  return {
    profile,
    profileExplicit: Boolean(named),
    region,
    regionSource,
    ...endpoint,
    retryMode: settings.retryMode ?? (env.AWS_RETRY_MODE === 'adaptive' ? 'adaptive' : 'standard'),
    maxAttempts: settings.maxAttempts ?? (Number(env.AWS_MAX_ATTEMPTS) || 3),
  };
}

function resolveEndpoint(settings: ConnectionSettings, profile: string, { configFile }: SharedConfigFiles, env: NodeJS.ProcessEnv):
  Pick<Connection, 'endpointUrl' | 'endpointSource'> {
  const fromSetting = settings.endpointUrl?.trim();
  if (fromSetting) {
    return { endpointUrl: validEndpoint(fromSetting, 'the pagedAwsExplorer.endpointUrl setting'), endpointSource: 'setting' };
  }
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') {
    return {};
  }
  // One endpoint for both services: the extension shows one connection. AWS_ENDPOINT_URL and a profile's
  // endpoint_url are the SDK's own variables; the SDK itself reads the profile's only for AWS_PROFILE.
  const fromEnv = env.AWS_ENDPOINT_URL?.trim();
  if (fromEnv) {
    return { endpointUrl: validEndpoint(fromEnv, 'AWS_ENDPOINT_URL'), endpointSource: 'environment' };
  }
  const fromProfile = configFile[profile]?.endpoint_url?.trim();
  if (fromProfile) {
    return { endpointUrl: validEndpoint(fromProfile, `endpoint_url of profile "${profile}"`), endpointSource: 'profile' };
  }
  return {};
}

function validEndpoint(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidEndpointError(value, source);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new InvalidEndpointError(value, source);
  }
  return value;
}

/** "dev · eu-west-1" plus "custom endpoint" when one is set: what the view and status bar show. */
export function describeConnection(connection: Connection): string {
  return [connection.profile, connection.region, connection.endpointUrl ? l10n.t('custom endpoint') : undefined].filter(Boolean).join(' · ');
}

/** The parts of a connection that decide what a listing returns: which account (profile), region and endpoint. */
export type ConnectionIdentity = Pick<Connection, 'profile' | 'region' | 'endpointUrl'>;

/**
 * The one identity of a connection: the same profile, region and endpoint give the same id. Pins, the tree's caches,
 * the SDK session and checkpoint ids are all keyed by it.
 */
export function connectionId(connection: ConnectionIdentity): string {
  return JSON.stringify(connectionParts(connection));
}

/** `connectionId` as its parts, for ids that add more to them (a checkpoint's list and file). */
export function connectionParts({ profile, region, endpointUrl }: ConnectionIdentity): [string, string, string] {
  return [profile, region, endpointUrl ?? ''];
}
