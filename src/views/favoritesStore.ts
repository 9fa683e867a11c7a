import type * as vscode from 'vscode';
import { connectionId, type Connection } from '../core/aws/connection';
import { favoritesFromPins, sameFavorite, type Favorite } from '../core/tree/favorites';
import type { Pin } from '../core/tree/pins';

const STORAGE_KEY = 'pagedAwsExplorer.favorites';
/** Where 0.2 kept what the user added by hand; carried over into favorites once, then removed. */
const PINS_KEY = 'pagedAwsExplorer.pins';

/** Favorites per connection (profile, region, endpoint), in the extension's global state: this machine, every window. */
export class FavoritesStore {
  constructor(private readonly state: vscode.Memento) {}

  list(connection: Connection): Favorite[] {
    return this.all()[connectionId(connection)] ?? [];
  }

  /** Adds a favorite at the end, or keeps the one of the same place where it is (its alias kept unless one is given). */
  async add(connection: Connection, favorite: Favorite): Promise<void> {
    await this.update(connection, (favorites) => {
      const index = favorites.findIndex((other) => sameFavorite(other, favorite));
      if (index < 0) {
        return [...favorites, favorite];
      }
      return favorites.map((other, i) => (i === index && favorite.alias ? { ...other, alias: favorite.alias } : other));
    });
  }

  async remove(connection: Connection, favorite: Favorite): Promise<void> {
    await this.update(connection, (favorites) => favorites.filter((other) => !sameFavorite(other, favorite)));
  }

  /** Names a favorite; an empty alias goes back to the place's own name. */
  async rename(connection: Connection, favorite: Favorite, alias: string | undefined): Promise<void> {
    await this.update(connection, (favorites) => favorites.map((other) => {
      if (!sameFavorite(other, favorite)) {
        return other;
      }
      const { alias: _old, ...rest } = other;
      return alias ? { ...rest, alias } : rest;
    }));
  }

  /** Carries the pins of an earlier version over into favorites, once (a no-op when there are none). */
  async migrate(): Promise<void> {
    const pins = this.state.get<Record<string, Pin[]>>(PINS_KEY);
    if (!pins) {
      return;
    }
    const all = this.all();
    for (const [id, list] of Object.entries(pins)) {
      const carried = favoritesFromPins(list);
      all[id] = [...(all[id] ?? []), ...carried.filter((favorite) => !(all[id] ?? []).some((other) => sameFavorite(other, favorite)))];
    }
    await this.state.update(STORAGE_KEY, all);
    await this.state.update(PINS_KEY, undefined);
  }

  private async update(connection: Connection, change: (favorites: Favorite[]) => Favorite[]): Promise<void> {
    const id = connectionId(connection);
    const all = this.all();
    const next = change(all[id] ?? []);
    if (next.length) {
      all[id] = next;
    } else {
      delete all[id];
    }
    await this.state.update(STORAGE_KEY, all);
  }

  private all(): Record<string, Favorite[]> {
    return { ...this.state.get<Record<string, Favorite[]>>(STORAGE_KEY, {}) };
  }
}
