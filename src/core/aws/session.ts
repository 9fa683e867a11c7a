import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { type AwsClients, type ClientConfig, type SdkClient, type ServiceClient } from './clients';
import { connectionId, type Connection } from './connection';
import { load as credentialProviders } from './sdk';

/** Where the extension writes its log; never handed secrets. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  debug?(message: string): void;
}

const silentLog: Log = { info: () => undefined, warn: () => undefined };

/** See `Connection.timeoutMs`. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The SDK clients of one connection, each made on first use. They share one credential provider from the SDK's
 * default chain for the profile (environment, static keys, credential_process, SSO, assumed roles), so a role is
 * assumed or an SSO token read once per connection, not once per service.
 */
export class AwsSession implements AwsClients {
  private readonly clients = new Map<string, Promise<SdkClient>>();
  private credentialProvider?: AwsCredentialIdentityProvider;
  private readonly facts = new Map<string, Promise<unknown>>();

  constructor(readonly connection: Connection, private readonly log: Log = silentLog) {}

  get region(): string {
    return this.connection.region;
  }

  retried(what: string, attempt: number, maxAttempts: number, backoffMs: number): void {
    this.log.warn(`${what} (attempt ${attempt} of ${maxAttempts}, after ${backoffMs} ms backoff)`);
  }

  client<C extends SdkClient>(service: ServiceClient<C>): Promise<C> {
    let client = this.clients.get(service.id);
    if (!client) {
      client = Promise.resolve().then(() => this.instrument(service.create(this.clientConfig())));
      this.clients.set(service.id, client);
    }
    return client as Promise<C>;
  }

  cached<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    let fact = this.facts.get(key);
    if (!fact) {
      fact = fetch();
      this.facts.set(key, fact);
      fact.catch(() => this.facts.get(key) === fact && this.facts.delete(key));
    }
    return fact as Promise<T>;
  }

  /** Resolves the connection's credentials without sending a request: a missing key shows before any listing. */
  async checkCredentials(): Promise<void> {
    await this.credentials()();
  }

  dispose(): void {
    for (const client of this.clients.values()) {
      void client.then((c) => c.destroy(), () => undefined);
    }
    this.clients.clear();
    this.facts.clear();
    this.credentialProvider = undefined;
  }

  private credentials(): AwsCredentialIdentityProvider {
    const { profile, profileExplicit } = this.connection;
    // An explicit profile wins over AWS_ACCESS_KEY_ID in the environment, as in the AWS CLI. The SDK warns about
    // that on the console (noise before a CLI's message); the warning goes to our log instead.
    this.credentialProvider ??= credentialProviders().fromNodeProviderChain(profileExplicit ? { profile, logger: this.sdkLogger() } : {});
    return this.credentialProvider;
  }

  private clientConfig(): ClientConfig {
    const { profile, profileExplicit, region, endpointUrl, retryMode, maxAttempts, timeoutMs = DEFAULT_TIMEOUT_MS } = this.connection;
    return {
      region,
      endpoint: endpointUrl,
      retryMode,
      maxAttempts,
      // An idle socket or a connect that hangs fails as a (retryable) TimeoutError instead of never settling.
      requestHandler: { socketTimeout: timeoutMs, connectionTimeout: timeoutMs },
      ...(profileExplicit ? { profile } : {}),
      credentials: this.credentials(),
    };
  }

  /** The SDK's own diagnostics, into our log at debug level (they hold no credentials). */
  private sdkLogger() {
    const debug = (...parts: unknown[]) => this.log.debug?.(parts.map(String).join(' '));
    return { debug, info: debug, warn: debug, error: debug };
  }

  /** Logs every attempt and its outcome, so retries and backoff are visible. Logs no headers or bodies. */
  private instrument<C extends SdkClient>(client: C): C {
    const log = this.log;
    // When each invocation's last attempt failed, so a retry can say how long the SDK backed off before it.
    const failedAt = new Map<string, number>();
    // The SDK's own logger middleware hands every output, filtered of sensitive fields, to `config.logger`; we set
    // none, so the default no-op logger drops it, but the copy of a 1,000-key page was still made (~3% of a
    // listing's CPU). Our attempt log below replaces it.
    client.middlewareStack.remove('loggerMiddleware');
    type Next = (args: { request: unknown }) => Promise<{ response: unknown }>;
    const attemptLog = (next: Next, context: { commandName?: string }) => async (args: { request: unknown }) => {
      const request = args.request as { headers?: Record<string, string> };
      const invocation = request.headers?.['amz-sdk-invocation-id'] ?? '';
      const attempt = /attempt=(\d+); max=(\d+)/.exec(request.headers?.['amz-sdk-request'] ?? '');
      const started = Date.now();
      const previousFailure = failedAt.get(invocation);
      failedAt.delete(invocation);
      const retry = attempt && attempt[1] !== '1'
        ? ` (attempt ${attempt[1]} of ${attempt[2]}${previousFailure === undefined ? '' : `, after ${started - previousFailure} ms backoff`})`
        : '';
      const label = `${context.commandName ?? 'request'}${retry}`;
      try {
        const result = await next(args);
        log.debug?.(`${label}: ${(result.response as { statusCode?: number }).statusCode ?? 'ok'} in ${Date.now() - started} ms`);
        return result;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        log.warn(`${label}: ${e.name ?? 'Error'}${e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : ''} after ${Date.now() - started} ms`);
        if (invocation) {
          failedAt.set(invocation, Date.now());
          // Entries of invocations that gave up are never read again; keep the map small.
          if (failedAt.size > 256) {
            failedAt.delete(failedAt.keys().next().value!);
          }
        }
        throw error;
      }
    };
    // After the retry middleware, so it runs once per attempt.
    client.middlewareStack.add(attemptLog as never, { step: 'finalizeRequest', priority: 'low', name: 'pagedAwsExplorerAttemptLog' });
    return client;
  }
}

/** Keeps the session of the current connection and drops its clients when profile, region or endpoint change. */
export class SessionCache {
  private current?: { id: string; session: AwsSession };

  constructor(private readonly log: Log = silentLog) {}

  get(connection: Connection): AwsSession {
    const id = connectionId(connection);
    if (this.current?.id !== id) {
      this.current?.session.dispose();
      this.current = { id, session: new AwsSession(connection, this.log) };
    }
    return this.current.session;
  }

  dispose(): void {
    this.current?.session.dispose();
    this.current = undefined;
  }
}
