import type * as vscode from 'vscode';
import { connectionId, type Connection } from '../core/aws/connection';
import type { Pin } from '../core/tree/pins';

const STORAGE_KEY = 'pagedAwsExplorer.pins';

/** Buckets, topics and S3 locations the user added, kept in globalState per connection (profile, region, endpoint). */
export class PinStore {
  constructor(private readonly state: vscode.Memento) {}

  list(connection: Connection): Pin[] {
    return this.all()[connectionId(connection)] ?? [];
  }

  /** Adds a pin, replacing one of the same item (its filter may differ). */
  async add(connection: Connection, pin: Pin): Promise<void> {
    const id = connectionId(connection);
    const all = this.all();
    all[id] = [...(all[id] ?? []).filter((other) => !samePin(other, pin)), pin];
    await this.state.update(STORAGE_KEY, all);
  }

  async remove(connection: Connection, pin: Pin): Promise<void> {
    const id = connectionId(connection);
    const all = this.all();
    all[id] = (all[id] ?? []).filter((other) => !samePin(other, pin));
    if (all[id].length === 0) {
      delete all[id];
    }
    await this.state.update(STORAGE_KEY, all);
  }

  private all(): Record<string, Pin[]> {
    return { ...this.state.get<Record<string, Pin[]>>(STORAGE_KEY, {}) };
  }
}

function samePin(a: Pin, b: Pin): boolean {
  return a.root === b.root && a.item.id === b.item.id;
}
