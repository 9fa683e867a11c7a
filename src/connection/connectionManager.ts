import * as vscode from 'vscode';
import { resolveConnection, type Connection, type ConnectionSettings } from '../core/aws/connection';
import { SessionCache, type AwsSession } from '../core/aws/session';

const SECTION = 'pagedAwsExplorer';
/** Settings that change where requests go: the tree is cleared when one changes. */
const CONNECTION_SETTINGS = ['profile', 'region', 'endpointUrl', 'connections'];

/** Where a connection's profile, region and endpoint are set: the default one's settings, or an entry of `connections`. */
export interface ConnectionRef {
  /** `default`, or the entry's profile, region and endpoint as written: the tree's nodes and caches are keyed by it. */
  readonly key: string;
  readonly isDefault: boolean;
  readonly settings: ConnectionSettings;
}

/** An entry of the `pagedAwsExplorer.connections` setting. */
interface ConnectionEntry {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

export const DEFAULT_CONNECTION = 'default';
/** Settings that change how requests are sent: the next session picks them up, the tree stays. */
const CLIENT_SETTINGS = ['retryMode', 'maxAttempts'];

/**
 * The connections: the default one (the profile, region and endpoint settings) and the ones added beside it (the
 * `connections` setting). Resolves each as the AWS CLI would and keeps one session (SDK clients) per connection. All
 * these settings are machine-scoped and restricted, so a workspace cannot set them.
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

  /** The settings of a connection (the default one's when no ref is given), retry settings included. */
  settings(ref?: ConnectionRef): ConnectionSettings {
    const config = vscode.workspace.getConfiguration(SECTION);
    const retryMode = config.get<string>('retryMode');
    const where = ref && !ref.isDefault ? ref.settings : {
      profile: config.get<string>('profile') || undefined,
      region: config.get<string>('region') || undefined,
      endpointUrl: config.get<string>('endpointUrl') || undefined,
    };
    return {
      ...where,
      retryMode: retryMode === 'adaptive' || retryMode === 'standard' ? retryMode : undefined,
      maxAttempts: config.get<number>('maxAttempts') || undefined,
    };
  }

  /** Every connection, the default one first; one when nothing was added. */
  refs(): ConnectionRef[] {
    const defaults: ConnectionRef = { key: DEFAULT_CONNECTION, isDefault: true, settings: this.settings() };
    return [defaults, ...this.entries().map((entry) => refOf(entry))];
  }

  ref(key: string): ConnectionRef | undefined {
    return this.refs().find((ref) => ref.key === key);
  }

  /** Settings, environment and shared config files resolved; throws the resolver's errors (unknown profile, bad endpoint). */
  connection(ref?: ConnectionRef): Promise<Connection> {
    return resolveConnection(this.settings(ref));
  }

  /** The session of a connection (the default one's); the same one until its settings change. */
  async session(ref?: ConnectionRef): Promise<AwsSession> {
    return this.sessions.get(await this.connection(ref));
  }

  /**
   * Resolves the credentials of a connection without sending a request, so that a missing profile or key can show
   * the welcome view (or that connection's error row) instead of an error under every list.
   */
  async checkCredentials(ref?: ConnectionRef): Promise<void> {
    await (await this.session(ref)).checkCredentials();
  }

  /** Adds a connection beside the others (the same one twice is one); returns its ref. */
  async addConnection(entry: ConnectionEntry): Promise<ConnectionRef> {
    const clean = cleanEntry(entry);
    const ref = refOf(clean);
    if (!this.entries().some((other) => refOf(other).key === ref.key)) {
      await this.writeEntries([...this.entries(), clean]);
    }
    return ref;
  }

  async removeConnection(ref: ConnectionRef): Promise<void> {
    await this.writeEntries(this.entries().filter((entry) => refOf(entry).key !== ref.key));
  }

  /** Changes a connection's profile or region: the default one's settings, or its entry. */
  async changeConnection(ref: ConnectionRef, change: ConnectionEntry): Promise<void> {
    if (ref.isDefault) {
      const config = vscode.workspace.getConfiguration(SECTION);
      for (const name of ['profile', 'region'] as const) {
        if (change[name] !== undefined) {
          await config.update(name, change[name], vscode.ConfigurationTarget.Global);
        }
      }
      return;
    }
    await this.writeEntries(this.entries().map((entry) => (refOf(entry).key === ref.key ? cleanEntry({ ...entry, ...change }) : entry)));
  }

  private entries(): ConnectionEntry[] {
    const value = vscode.workspace.getConfiguration(SECTION).get<unknown>('connections');
    return Array.isArray(value) ? value.filter((entry): entry is ConnectionEntry => typeof entry === 'object' && entry !== null).map(cleanEntry) : [];
  }

  private async writeEntries(entries: readonly ConnectionEntry[]): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update('connections', entries.length ? entries : undefined, vscode.ConfigurationTarget.Global);
  }

  pageSize(): number {
    const size = vscode.workspace.getConfiguration(SECTION).get<number>('pageSize') ?? 100;
    return Math.min(1000, Math.max(1, Math.floor(size) || 100));
  }

  /** Profile chosen by the user for a connection (the default one): written to user settings (machine-scoped). */
  async selectProfile(profile: string, ref?: ConnectionRef): Promise<void> {
    await this.changeConnection(ref ?? this.refs()[0], { profile });
  }

  async selectRegion(region: string, ref?: ConnectionRef): Promise<void> {
    await this.changeConnection(ref ?? this.refs()[0], { region });
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

function cleanEntry(entry: ConnectionEntry): ConnectionEntry {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const [profile, region, endpointUrl] = [text(entry.profile), text(entry.region), text(entry.endpointUrl)];
  return { ...(profile ? { profile } : {}), ...(region ? { region } : {}), ...(endpointUrl ? { endpointUrl } : {}) };
}

/** The ref of an entry as `cleanEntry` leaves it. */
function refOf(clean: ConnectionEntry): ConnectionRef {
  return { key: JSON.stringify([clean.profile ?? '', clean.region ?? '', clean.endpointUrl ?? '']), isDefault: false, settings: clean };
}
