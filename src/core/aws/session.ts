import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import { type AwsClients } from './clients';
import { connectionKey, type Connection } from './connection';
import { credentialProviders, s3Module, snsModule } from './sdkModules';

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
 * The SDK clients of one connection. Credentials come from the SDK's default provider chain for the profile
 * (environment, static keys, credential_process, SSO, assumed roles). The SDK modules load on first use, so that
 * activating the extension stays cheap.
 */
export class AwsSession implements AwsClients {
  private snsClient?: Promise<SNSClient>;
  private s3Client?: Promise<S3Client>;

  constructor(readonly connection: Connection, private readonly log: Log = silentLog) {}

  sns(): Promise<SNSClient> {
    this.snsClient ??= snsModule().then(async ({ SNSClient }) => this.instrument(new SNSClient(await this.clientConfig())));
    return this.snsClient;
  }

  s3(): Promise<S3Client> {
    this.s3Client ??= s3Module().then(async ({ S3Client }) => this.instrument(new S3Client({
      ...(await this.clientConfig()),
      // Custom endpoints (emulators, `localhost`) have no bucket subdomains.
      forcePathStyle: this.connection.endpointUrl !== undefined,
    })));
    return this.s3Client;
  }

  dispose(): void {
    for (const client of [this.snsClient, this.s3Client]) {
      void client?.then((c) => c.destroy(), () => undefined);
    }
    this.snsClient = undefined;
    this.s3Client = undefined;
  }

  private async clientConfig() {
    const { fromNodeProviderChain } = await credentialProviders();
    const { profile, profileExplicit, region, endpointUrl, retryMode, maxAttempts, timeoutMs = DEFAULT_TIMEOUT_MS } = this.connection;
    return {
      region,
      endpoint: endpointUrl,
      retryMode,
      maxAttempts,
      // An idle socket or a connect that hangs fails as a (retryable) TimeoutError instead of never settling.
      requestHandler: { socketTimeout: timeoutMs, connectionTimeout: timeoutMs },
      // An explicit profile wins over AWS_ACCESS_KEY_ID in the environment, as in the AWS CLI. The SDK warns about
      // that on the console (noise before a CLI's message); the warning goes to our log instead.
      ...(profileExplicit ? { profile } : {}),
      credentials: fromNodeProviderChain(profileExplicit ? { profile, logger: this.sdkLogger() } : {}),
    };
  }

  /** The SDK's own diagnostics, into our log at debug level (they hold no credentials). */
  private sdkLogger() {
    const debug = (...parts: unknown[]) => this.log.debug?.(parts.map(String).join(' '));
    return { debug, info: debug, warn: debug, error: debug };
  }

  /** Logs every attempt and its outcome, so retries and backoff are visible. Logs no headers or bodies. */
  private instrument<C extends SNSClient | S3Client>(client: C): C {
    const log = this.log;
    // When each invocation's last attempt failed, so a retry can say how long the SDK backed off before it.
    const failedAt = new Map<string, number>();
    // The SDK's own logger middleware hands every output, filtered of sensitive fields, to `config.logger`; we set
    // none, so the default no-op logger drops it, but the copy of a 1,000-key page was still made (~3% of a
    // listing's CPU). Our attempt log below replaces it.
    client.middlewareStack.remove('loggerMiddleware');
    (client.middlewareStack as SNSClient['middlewareStack']).add(
      (next, context) => async (args) => {
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
      },
      // After the retry middleware, so it runs once per attempt.
      { step: 'finalizeRequest', priority: 'low', name: 'pagedAwsExplorerAttemptLog' },
    );
    return client;
  }
}

/** Keeps one session per connection and drops the old clients when profile, region or endpoint change. */
export class SessionCache {
  private current?: { key: string; session: AwsSession };

  constructor(private readonly log: Log = silentLog) {}

  get(connection: Connection): AwsSession {
    const key = connectionKey(connection);
    if (this.current?.key !== key) {
      this.current?.session.dispose();
      this.current = { key, session: new AwsSession(connection, this.log) };
    }
    return this.current.session;
  }

  dispose(): void {
    this.current?.session.dispose();
    this.current = undefined;
  }
}
