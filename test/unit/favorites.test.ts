// Favorites: any list, kept by its address per connection; the pins of 0.2 carried over; each shown as the item that
// owns its list where there is one (a bucket, a folder with its filter, a topic), else as the list.
import * as assert from 'node:assert/strict';
import { connectionId, type Connection } from '../../src/core/aws/connection';
import { favoriteOf, favoritesFromPins, favoriteView, sameFavorite } from '../../src/core/tree/favorites';
import { pinOf } from '../../src/core/tree/pins';
import { parseAddress } from '../../src/core/services/registry';
import { FavoritesStore } from '../../src/views/favoritesStore';
import { testConnection } from '../support/emulator';
import { idOf } from '../../src/core/lists';

const scope = { region: 'eu-west-1', partition: 'aws' };

/** VS Code's Memento, as globalState is: a key-value store (the store's only dependency on VS Code, as a type). */
class MemoryState {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? structuredClone(this.values.get(key)) as T : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, structuredClone(value));
    }
  }
}

describe('favorites', function () {
  it('a favorite shows as the item that owns its list (with the filter), else as the list itself', function () {
    const folder = favoriteView({ address: 's3://bucket/logs/app' }, scope);
    assert.equal(folder.type, 'item');
    assert.equal(folder.type === 'item' && idOf(folder.pin.item, 'S3 URI'), 's3://bucket/logs/');
    assert.equal(folder.type === 'item' && folder.pin.filter, 'app');
    const topic = favoriteView({ address: 'arn:aws:sns:eu-west-1:123456789012:orders' }, scope);
    assert.equal(topic.type === 'item' && topic.pin.item.itemKind, 'snsTopic');
    const group = favoriteView({ address: 'logs:streams//aws/lambda/orders' }, scope);
    assert.equal(group.type === 'item' && group.pin.item.name, '/aws/lambda/orders');
    for (const address of ['logs:group//aws/lambda/orders?start=-24h&pattern=ERROR', 'ec2:instances?state=running', 'sqs:queues?prefix=orders-']) {
      const view = favoriteView({ address }, scope);
      assert.deepEqual(view, { type: 'list', list: parseAddress(address) }, address);
    }
  });

  it('the same place is one favorite, whichever way its address was written', function () {
    assert.ok(sameFavorite({ address: 'arn:aws:s3:::bucket' }, { address: 's3://bucket/' }));
    assert.ok(sameFavorite(favoriteOf(parseAddress('s3://bucket/logs/')), { address: 's3://bucket/logs/', alias: 'logs' }));
    assert.ok(!sameFavorite({ address: 's3://bucket/logs/' }, { address: 's3://bucket/logs/app' }));
  });

  it('the store keeps favorites per connection, adds each place once, renames and removes; 0.2\'s pins are carried over once', async function () {
    const state = new MemoryState();
    const main = testConnection('http://127.0.0.1:1') as Connection;
    const other = { ...main, profile: 'other', profileExplicit: true } as Connection;
    state.values.set('pagedAwsExplorer.pins', {
      [connectionId(main)]: [pinOf('s3://bucket/logs/app', scope), pinOf('arn:aws:sns:eu-west-1:123456789012:orders', scope)],
    });
    const store = new FavoritesStore(state as never);
    await store.migrate();
    assert.deepEqual(store.list(main), [{ address: 's3://bucket/logs/app' }, { address: 'arn:aws:sns:eu-west-1:123456789012:orders' }]);
    assert.equal(state.get('pagedAwsExplorer.pins'), undefined, 'carried over once');
    await store.migrate();
    assert.equal(store.list(main).length, 2);

    await store.add(main, { address: 'arn:aws:s3:::bucket' });
    await store.add(main, { address: 's3://bucket/' });
    assert.equal(store.list(main).length, 3, 'the bucket once');
    await store.rename(main, { address: 's3://bucket/' }, 'my bucket');
    assert.equal(store.list(main)[2].alias, 'my bucket');
    await store.rename(main, { address: 's3://bucket/' }, undefined);
    assert.equal(store.list(main)[2].alias, undefined);
    assert.deepEqual(store.list(other), [], 'another connection has its own');
    await store.remove(main, { address: 's3://bucket/logs/app' });
    assert.deepEqual(store.list(main).map((favorite) => favorite.address), ['arn:aws:sns:eu-west-1:123456789012:orders', 'arn:aws:s3:::bucket']);
  });

  it('favoritesFromPins keeps what a pin opened, its filter included', function () {
    assert.deepEqual(favoritesFromPins([pinOf('s3://b/x/y', scope)]), [{ address: 's3://b/x/y' }]);
  });
});
