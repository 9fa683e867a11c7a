import * as vscode from 'vscode';
import { resolveConnection, type Connection, type ConnectionSettings } from '../core/aws/connection';
import { SessionCache, type AwsSession } from '../core/aws/session';

const SECTION = 'pagedAwsExplorer';
/** Settings that change where requests go: the tree is cleared when one changes. */
const CONNECTION_SETTINGS = ['profile', 'region', 'endpointUrl'];
/** Settings that change how requests are sent: the next session picks them up, the tree stays. */
const CLIENT_SETTINGS = ['retryMode', 'maxAttempts'];

/**
 * The current connection: reads the settings, resolves them as the AWS CLI would and keeps one session (SDK clients)
 * per connection. Profile, region and endpoint are machine-scoped and restricted, so a workspace cannot set them.
 */
export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when profile, region or endpoint change (or the user asks to reload): everything listed is stale. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;
  private readonly sessions: SessionCache;
  private readonly subscriptions: vscode.Disposable[];

  constructor(log: vscode.LogOutputChannel) {
    this.sessions = new SessionCache(log);
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (CONNECTION_SETTINGS.some((name) => event.affectsConfiguration(`${SECTION}.${name}`))) {
          this.changed.fire();
        } else if (CLIENT_SETTINGS.some((name) => event.affectsConfiguration(`${SECTION}.${name}`))) {
          this.sessions.dispose();
        }
      }),
    ];
  }

  settings(): ConnectionSettings {
    const config = vscode.workspace.getConfiguration(SECTION);
    const retryMode = config.get<string>('retryMode');
    return {
      profile: config.get<string>('profile') || undefined,
      region: config.get<string>('region') || undefined,
      endpointUrl: config.get<string>('endpointUrl') || undefined,
      retryMode: retryMode === 'adaptive' || retryMode === 'standard' ? retryMode : undefined,
      maxAttempts: config.get<number>('maxAttempts') || undefined,
    };
  }

  /** Settings, environment and shared config files resolved; throws the resolver's errors (unknown profile, bad endpoint). */
  connection(): Promise<Connection> {
    return resolveConnection(this.settings());
  }

  /** The session of the current connection; the same one until the connection changes. */
  async session(): Promise<AwsSession> {
    return this.sessions.get(await this.connection());
  }

  /**
   * Resolves the credentials of the current connection without sending a request, so that a missing profile or
   * key can show the welcome view instead of an error under every list.
   */
  async checkCredentials(): Promise<void> {
    await (await this.session()).checkCredentials();
  }

  pageSize(): number {
    const size = vscode.workspace.getConfiguration(SECTION).get<number>('pageSize') ?? 100;
    return Math.min(1000, Math.max(1, Math.floor(size) || 100));
  }

  /** Profile chosen by the user: written to user settings (the setting is machine-scoped). */
  async selectProfile(profile: string): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update('profile', profile, vscode.ConfigurationTarget.Global);
  }

  async selectRegion(region: string): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update('region', region, vscode.ConfigurationTarget.Global);
  }

  /** Drops the SDK clients (and cached credentials) and tells listeners to load everything again. */
  reload(): void {
    this.sessions.dispose();
    this.changed.fire();
  }

  dispose(): void {
    this.sessions.dispose();
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
