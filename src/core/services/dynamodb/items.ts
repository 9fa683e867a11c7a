import type { ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { type AwsClients, type SendOptions } from '../../aws/clients';
import { decodeKey, encodeKey, keyText, plainJson, typedJson, type TypedItem } from './attributes';
import { dynamodbClient } from './client';
import { whyKeyRefused } from './refusal';
import { keyNames, tableSchema, type TableSchema } from './schema';
import { load } from './sdk';
import { tableItem, tableNameProblem } from './tables';
import { AddressError } from '../address';
import { type RecordShape } from '../../records/formats';
import { type ExportStyle } from '../../records/recordShape';
import { type ItemDetails, type ResourceKind } from '../kind';
import { type Params, type ResourceItem, type Value } from '../../lists';
import { consolePage } from '../console';
import * as l10n from '@vscode/l10n';
import { dynamodbItemsSummary } from './summary';

/** Pages of Scan and Query, with the table's schema beside them: it names the items (their key) as they are built. */
export type ItemsPage = Pick<ScanCommandOutput, 'Items' | 'LastEvaluatedKey'> & { readonly schema: TableSchema };

export const ITEM_STYLES: readonly ExportStyle[] = [
  {
    id: 'dynamodb',
    get label() {
      return l10n.t('DynamoDB JSON');
    },
    get description() {
      return l10n.t('typed, as DynamoDB\'s Export to S3 writes it: {0}; ImportTable reads it back', '{"Item":{"pk":{"S":"…"}}}');
    },
  },
  {
    id: 'plain',
    get label() {
      return l10n.t('Plain JSON');
    },
    get description() {
      return l10n.t('untyped values; numbers with every digit, sets as arrays, binary as base64');
    },
  },
];

/**
 * The items of a table, a page per Scan. Params: `table`; a segment of a parallel scan also has `segment` and
 * `segments` (Segment and TotalSegments). The token is LastEvaluatedKey in one canonical text.
 */
export const dynamodbItems: ResourceKind<ItemsPage> = {
  id: 'dynamodb.items',
  itemNoun: 'items',
  summary: dynamodbItemsSummary,
  title: (params) => (params.segments ? `${params.table} (segment ${Number(params.segment) + 1} of ${params.segments})` : params.table),
  address: (params) => `dynamodb:table/${params.table}${params.segments ? `?segment=${params.segment}&segments=${params.segments}` : ''}`,
  parseAddress(text): Params | undefined {
    const arn = /^arn:[^:]*:dynamodb:[^:]*:[^:]*:table\/(.*)$/.exec(text);
    const address = arn ? undefined : /^dynamodb:table\/([^/?]*)(?:\?(.*))?$/.exec(text);
    const table = arn?.[1] ?? address?.[1];
    if (table === undefined) {
      return undefined;
    }
    const problem = tableNameProblem(table);
    if (problem) {
      throw new AddressError(problem);
    }
    const query = new URLSearchParams(address?.[2] ?? '');
    const [segment, segments] = [query.get('segment'), query.get('segments')];
    if (segments === null && segment === null && [...query.keys()].length === 0) {
      return { table };
    }
    if (!/^\d+$/.test(segment ?? '') || !/^\d+$/.test(segments ?? '') || Number(segment) >= Number(segments) || [...query.keys()].length !== 2) {
      throw new AddressError(l10n.t('{0}: a segment is ?segment=I&segments=N with 0 <= I < N.', text));
    }
    return { table, segment: segment!, segments: segments! };
  },
  addressForms: [
    { form: 'dynamodb:table/NAME', example: 'dynamodb:table/orders', description: "a DynamoDB table's items (Scan)" },
    { form: 'arn:aws:dynamodb:REGION:ACCOUNT:table/NAME', example: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders', description: 'the same, by the table\'s ARN' },
  ],
  owner: (params) => (params.segments ? undefined : { item: tableItem(params.table), source: { kind: 'dynamodb.tables', params: {} } }),
  tokenFields: { input: 'ExclusiveStartKey', output: 'LastEvaluatedKey', pageSize: 'Limit' },
  encodeToken: (key) => encodeKey(key as TypedItem),
  // LastEvaluatedKey is the position itself and does not expire: there is nothing else to go on from.
  whyRefused: whyKeyRefused,
  columns: ['Item'],
  exportStyles: ITEM_STYLES,
  exportShape: (clients, params, how, send) => itemShape(clients, params.table, how, send),
  segments: (params, count) => (params.segments ? undefined
    : Array.from({ length: count }, (_, i) => ({ table: params.table, segment: String(i), segments: String(count) }))),
  async *paginate(clients, params, options, send) {
    const schema = await tableSchema(clients, params.table, send);
    const client = await clients.client(dynamodbClient);
    const segment = params.segments ? { Segment: Number(params.segment), TotalSegments: Number(params.segments) } : {};
    const pages = load().client.paginateScan(
      { client, pageSize: options.pageSize, startingToken: startKey(options.startingToken) },
      { TableName: params.table, ...segment },
      send,
    );
    for await (const output of pages) {
      yield { Items: output.Items, LastEvaluatedKey: output.LastEvaluatedKey, schema };
    }
  },
  console: {
    list: (params, scope, host) => consolePage(host, 'dynamodbv2/home', scope.region, `item-explorer?table=${encodeURIComponent(params.table)}`),
  },
  itemsOf: (output, params) => itemRows(output, params.table),
  detailsOf: itemDetails,
};

/** A Load more token or a checkpoint's read back into ExclusiveStartKey. */
export function startKey(token: string | undefined): TypedItem | undefined {
  return token ? decodeKey(token) : undefined;
}

/** Items as rows: named by their key (`pk` or `pk · sk`), described by a preview of their other attributes. */
export function itemRows(output: ItemsPage, table: string): ResourceItem[] {
  const names = keyNames(output.schema);
  return (output.Items ?? []).map((raw) => {
    const typed = typedJson(raw);
    const key = JSON.stringify(Object.fromEntries([...names].sort().map((name) => [name, typed[name]])));
    return {
      id: `dynamodb:table/${table}#${key}`,
      name: names.map((name) => keyText(typed[name])).join(' · '),
      description: preview(typed, names),
      itemKind: 'dynamodbItem',
      record: { Item: typed },
    };
  });
}

/** Show Details and Copy as JSON of an item: the item as plain JSON, exact; built from the page, no request. */
export function itemDetails(item: ResourceItem): ItemDetails {
  return { operation: 'Item', local: true, fetch: async () => plainJson(typedOf(item)) as Record<string, unknown> };
}

/**
 * The records of a table's items: `{"Item": …}` per line in DynamoDB JSON (or the plain item with `plain`); in CSV
 * the key attributes as columns and the item's JSON in an `Item` column.
 */
export async function itemShape(
  clients: AwsClients, table: string, how: { readonly format: string; readonly style?: string }, send: SendOptions,
): Promise<RecordShape> {
  const plain = how.style === 'plain';
  if (how.format !== 'csv') {
    return plain ? { columns: [], exact: true, record: (item) => plainJson(typedOf(item)) } : { columns: ['Item'] };
  }
  const names = keyNames(await tableSchema(clients, table, send));
  return {
    columns: [...names, 'Item'],
    exact: plain,
    record: (item) => {
      const typed = typedOf(item);
      return { ...Object.fromEntries(names.map((name) => [name, keyText(typed[name])])), Item: plain ? plainJson(typed) : typed };
    },
  };
}

function typedOf(item: ResourceItem): { readonly [name: string]: Value } {
  return item.record.Item as { readonly [name: string]: Value };
}

/** `status=shipped, total=12.5, tags=[…]`: the first attributes other than the key, short. */
function preview(typed: { readonly [name: string]: Value }, keys: readonly string[]): string {
  const parts: string[] = [];
  let length = 0;
  for (const name of Object.keys(typed)) {
    if (keys.includes(name)) {
      continue;
    }
    const value = typed[name] as Record<string, Value>;
    const type = Object.keys(value)[0];
    const text = type === 'S' || type === 'N' || type === 'B' ? String(value[type])
      : type === 'BOOL' ? String(value.BOOL) : type === 'NULL' ? 'null' : type === 'M' ? '{…}' : '[…]';
    const part = `${name}=${text.length > 40 ? `${text.slice(0, 39)}…` : text}`;
    parts.push(part);
    length += part.length + 2;
    if (length > 80) {
      break;
    }
  }
  return parts.join(', ');
}
