import { addressOf, kindOf, parseAddress } from '../services/registry';
import { pinOf, type Pin } from './pins';
import { AddressError } from '../services/address';
import { type ListRef, type Scope } from '../lists';

/**
 * A place the user returns to: any list (a bucket, a folder with its filter, a topic, a queue, a table, a log group, a
 * search, EC2 instances by state…), by its address, in one connection. Plain data, so it persists. Add Bucket by
 * Name… and the other Add … commands make favorites too.
 */
export interface Favorite {
  /** The list's address, the one grammar (`s3://bucket/logs/app`, a topic ARN, `logs:group/…?pattern=ERROR`). */
  readonly address: string;
  /** The name the user gave it (Rename Favorite…). */
  readonly alias?: string;
}

/** How a favorite shows: as the item that owns its list (a bucket, a folder, a topic), else as the list itself. */
export type FavoriteView =
  | { readonly type: 'item'; readonly pin: Pin }
  | { readonly type: 'list'; readonly list: ListRef };

export function favoriteView(favorite: Favorite, scope: Scope): FavoriteView {
  try {
    return { type: 'item', pin: pinOf(favorite.address, scope) };
  } catch (error) {
    if (!(error instanceof AddressError)) {
      throw error;
    }
    return { type: 'list', list: parseAddress(favorite.address) };
  }
}

/** The favorite of a list as a node shows it (its filter included). */
export function favoriteOf(list: ListRef): Favorite {
  return { address: addressOf(list) };
}

/** Two favorites of the same place (the alias aside). */
export function sameFavorite(a: Favorite, b: Favorite): boolean {
  try {
    return addressOf(parseAddress(a.address)) === addressOf(parseAddress(b.address));
  } catch {
    return a.address === b.address;
  }
}

/**
 * The favorites of the pins an earlier version kept (buckets, topics, tables and locations added by hand): the list
 * each pin's item opened, with its prefix filter. One mechanism now; nothing the user added is lost.
 */
export function favoritesFromPins(pins: readonly Pin[]): Favorite[] {
  return pins.flatMap((pin) => {
    const children = pin.item.children;
    if (!children) {
      return [];
    }
    const param = kindOf(children).filterParam;
    const list = pin.filter && param ? { kind: children.kind, params: { ...children.params, [param]: pin.filter } } : children;
    try {
      return [favoriteOf(list)];
    } catch {
      return [];
    }
  });
}
