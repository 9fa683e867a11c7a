import { type AwsClients, type SendOptions } from '../../aws/clients';
import { decodeKey } from './attributes';
import { describeSchema, type KeyAttribute, type KeySchema } from './schema';
import { type Params } from '../../lists';
import * as l10n from '@vscode/l10n';

/**
 * Why DynamoDB refused an ExclusiveStartKey of a Scan or Query. The key is the position itself and never expires, so
 * a refusal means the table is not the one the key came from: its key schema changed (deleted and created again with
 * other keys), or it was re-created with the same keys. Compares the key with what DescribeTable says now.
 */
export async function whyKeyRefused(clients: AwsClients, params: Params, token: string, send: SendOptions): Promise<string> {
  const schema = await describeSchema(clients, params.table, send);
  const index = params.index === undefined ? undefined : schema.indexes.find((keys) => keys.index === params.index);
  // A key of an index's listing holds the index's key attributes and the table's.
  const expected = new Map<string, KeyAttribute['type']>([...attributesOf(schema.table), ...(index ? attributesOf(index) : [])]
    .map((attribute) => [attribute.name, attribute.type]));
  const saved = new Map(Object.entries(decodeKey(token)).map(([name, value]) => [name, Object.keys(value)[0]]));
  const describe = (attributes: Map<string, string>) => [...attributes].map(([name, type]) => `${name} (${type})`).join(', ');
  const now = index ? l10n.t('{0} and its index {1} now have the key {2}', params.table, params.index!, describe(expected))
    : l10n.t('{0} now has the key {1}', params.table, describe(expected));
  if (params.index !== undefined && !index) {
    return l10n.t('DynamoDB refused the saved position: table {0} has no index {1} any more. Start over.', params.table, params.index);
  }
  const same = saved.size === expected.size && [...saved].every(([name, type]) => expected.get(name) === type);
  return same
    ? l10n.t('DynamoDB refused the saved position {0}, though it still fits the table\'s key ({1}): the table was probably deleted and created again. Start over from the first page.', describe(saved), describe(expected))
    : l10n.t('DynamoDB refused the saved position: the table\'s key changed since this listing began. The position names {0}; {1}. Start over from the first page.', describe(saved), now);
}

function attributesOf(keys: KeySchema): KeyAttribute[] {
  return [keys.partition, ...(keys.sort ? [keys.sort] : [])];
}
