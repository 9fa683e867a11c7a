import type { AwsCredentialIdentityProvider } from '@smithy/types';

/** An AWS SDK v3 client, as much of it as the session touches: its middleware stack (the attempt log) and destroy. */
export interface SdkClient {
  readonly middlewareStack: {
    add(middleware: never, options: { step: 'finalizeRequest'; priority: 'low'; name: string }): void;
    remove(name: string): boolean;
  };
  destroy(): void;
}

/** What every client of one connection is made with: region, endpoint, retries, timeouts and one credential provider. */
export interface ClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly retryMode: 'standard' | 'adaptive';
  readonly maxAttempts: number;
  readonly requestHandler: { readonly socketTimeout: number; readonly connectionTimeout: number };
  readonly profile?: string;
  readonly credentials: AwsCredentialIdentityProvider;
}

/**
 * How one service's SDK client is made from the connection's config. Each service folder has one; the session makes
 * it on first use and keeps it, so a service that is never listed never loads its SDK package.
 */
export interface ServiceClient<C extends SdkClient = SdkClient> {
  /** Names the client in the session's cache. */
  readonly id: string;
  create(config: ClientConfig): C;
}

/** The only extra argument we pass to `client.send`: cancellation of the request in flight. */
export interface SendOptions {
  readonly abortSignal?: AbortSignal;
}

/** The SDK clients of one connection. */
export interface AwsClients {
  /** The connection's region. */
  readonly region: string;
  client<C extends SdkClient>(service: ServiceClient<C>): Promise<C>;
  /**
   * What a listing needs to know and asks once per connection (a DynamoDB table's key schema): the first call with a
   * key fetches it, later ones share it. A failed fetch is not kept.
   */
  cached<T>(key: string, fetch: () => Promise<T>): Promise<T>;
  /**
   * Says that a listing sent a request again itself, past the SDK's retries (a body cut off mid-stream), in the words
   * of the SDK's own retries in the log: "WHAT (attempt N of M, after B ms backoff)".
   */
  retried?(what: string, attempt: number, maxAttempts: number, backoffMs: number): void;
}
