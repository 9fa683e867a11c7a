import { dynamodbClient } from './client';
import { whyKeyRefused } from './refusal';
import { ITEM_STYLES, itemDetails, itemRows, itemShape, startKey, type ItemsPage } from './items';
import { tableSchema, type KeyAttribute } from './schema';
import { load } from './sdk';
import { encodeKey, type TypedItem } from './attributes';
import { tableNameProblem } from './tables';
import { AddressError } from '../address';
import { type Params } from '../../lists';
import { type ResourceKind } from '../kind';
import { consolePage } from '../console';
import * as l10n from '@vscode/l10n';
import { dynamodbItemsSummary } from './summary';

/** Sort key conditions of a Query, as KeyConditionExpression writes them. */
export const SORT_OPERATORS = ['=', '<', '<=', '>', '>=', 'begins_with', 'between'] as const;
export type SortOperator = (typeof SORT_OPERATORS)[number];

// The order the params are written in an address.
const PARAMS = ['index', 'pk', 'pkValue', 'sk', 'skOp', 'skValue', 'skValue2'] as const;

/**
 * The items of one partition of a table or index (Query), optionally narrowed by a sort key condition. Params:
 * `table`, `index`, `pk` and `pkValue` (the partition key's name and value), `sk`, `skOp`, `skValue`, `skValue2`. Key
 * types come from the table's schema. Paged like a Scan: Limit and LastEvaluatedKey.
 */
export const dynamodbQuery: ResourceKind<ItemsPage> = {
  id: 'dynamodb.query',
  itemNoun: 'items',
  summary: dynamodbItemsSummary,
  title: (params) => {
    const sort = params.sk === undefined ? ''
      : params.skOp === 'between' ? l10n.t(', {0} between {1} and {2}', params.sk, params.skValue, params.skValue2)
        : params.skOp === 'begins_with' ? l10n.t(', {0} begins with {1}', params.sk, params.skValue) : `, ${params.sk} ${params.skOp} ${params.skValue}`;
    const query = l10n.t('Query: {0} = {1}{2}', params.pk, params.pkValue, sort);
    return params.index ? l10n.t('{0} · index {1}', query, params.index) : query;
  },
  icon: 'search',
  address(params) {
    const query = new URLSearchParams(PARAMS.filter((name) => params[name] !== undefined).map((name): [string, string] => [name, params[name]]));
    return `dynamodb:table/${params.table}/query?${query.toString()}`;
  },
  parseAddress(text): Params | undefined {
    const match = /^dynamodb:table\/([^/?]*)\/query\?(.*)$/.exec(text);
    if (!match) {
      return undefined;
    }
    const problem = tableNameProblem(match[1]);
    if (problem) {
      throw new AddressError(problem);
    }
    const query = new URLSearchParams(match[2]);
    const unknown = [...query.keys()].filter((name) => !(PARAMS as readonly string[]).includes(name));
    const params: Record<string, string> = { table: match[1] };
    for (const name of PARAMS) {
      const value = query.get(name);
      if (value !== null) {
        params[name] = value;
      }
    }
    const sortProblem = params.sk === undefined
      ? (params.skOp ?? params.skValue ?? params.skValue2) !== undefined
      : !(SORT_OPERATORS as readonly string[]).includes(params.skOp ?? '') || params.skValue === undefined || (params.skOp === 'between') !== (params.skValue2 !== undefined);
    if (unknown.length || !params.pk || params.pkValue === undefined || sortProblem) {
      throw new AddressError(l10n.t('{0}: a Query is ?pk=ATTRIBUTE&pkValue=VALUE, optionally &sk=ATTRIBUTE&skOp={1}&skValue=V (&skValue2=V for between) and &index=NAME.', text, SORT_OPERATORS.join('|')));
    }
    return params;
  },
  addressForms: [{
    form: 'dynamodb:table/NAME/query?pk=ATTR&pkValue=V',
    example: 'dynamodb:table/orders/query?pk=customerId&pkValue=c-0001&sk=orderDate&skOp=begins_with&skValue=2024-',
    description: 'one partition of a table (Query); &sk=…&skOp=…&skValue=… narrows by sort key, &index=NAME queries an index',
  }],
  tokenFields: { input: 'ExclusiveStartKey', output: 'LastEvaluatedKey', pageSize: 'Limit' },
  encodeToken: (key) => encodeKey(key as TypedItem),
  // LastEvaluatedKey is the position itself and does not expire: there is nothing else to go on from.
  whyRefused: whyKeyRefused,
  columns: ['Item'],
  exportStyles: ITEM_STYLES,
  exportShape: (clients, params, how, send) => itemShape(clients, params.table, how, send),
  async *paginate(clients, params, options, send) {
    const schema = await tableSchema(clients, params.table, send);
    const keys = params.index === undefined ? schema.table : schema.indexes.find((index) => index.index === params.index);
    if (!keys) {
      throw new AddressError(l10n.t('Table {0} has no index named {1}.', params.table, params.index));
    }
    const names: Record<string, string> = { '#pk': params.pk };
    const values: TypedItem = { ':pk': typedKey(keys.partition, params.pk, params.pkValue) };
    let condition = '#pk = :pk';
    if (params.sk !== undefined && params.skValue !== undefined) {
      const sort = keys.sort?.name === params.sk ? keys.sort : undefined;
      if (!sort) {
        throw new AddressError(l10n.t('{0} is not the sort key of {1}.', params.sk, params.index ?? params.table));
      }
      names['#sk'] = params.sk;
      values[':sk'] = typedKey(sort, params.sk, params.skValue);
      if (params.skOp === 'between') {
        values[':sk2'] = typedKey(sort, params.sk, params.skValue2 ?? '');
        condition += ' AND #sk BETWEEN :sk AND :sk2';
      } else {
        condition += params.skOp === 'begins_with' ? ' AND begins_with(#sk, :sk)' : ` AND #sk ${params.skOp} :sk`;
      }
    }
    const client = await clients.client(dynamodbClient);
    const pages = load().client.paginateQuery(
      { client, pageSize: options.pageSize, startingToken: startKey(options.startingToken) },
      { TableName: params.table, IndexName: params.index, KeyConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values },
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

/** A key value typed the way the schema says (S, N, B); says what is wrong when the text cannot be one. */
export function typedKey(attribute: KeyAttribute, name: string, text: string): TypedItem[string] {
  const problem = keyValueProblem(attribute, text);
  if (problem) {
    throw new AddressError(l10n.t('{0}: {1}', name, problem));
  }
  switch (attribute.type) {
    case 'N':
      return { N: text };
    case 'B':
      return { B: Buffer.from(text, 'base64') };
    default:
      return { S: text };
  }
}

/** Why `text` is not a value of the key attribute, or undefined when it is. */
export function keyValueProblem(attribute: KeyAttribute, text: string): string | undefined {
  if (attribute.type === 'N' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) {
    return l10n.t('{0} is a number; "{1}" is not one.', attribute.name, text);
  }
  if (attribute.type === 'B' && !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    return l10n.t('{0} is binary: enter it as base64.', attribute.name);
  }
  return text === '' ? l10n.t('Enter a value of {0}.', attribute.name) : undefined;
}
