import type { ListTablesCommandOutput } from '@aws-sdk/client-dynamodb';
import { dynamodbClient } from './client';
import { load } from './sdk';
import { type ResourceKind, responseFields } from '../kind';
import { type ResourceItem } from '../../lists';
import { paginated } from '../../paging/listPaging';
import { consolePage } from '../console';
import * as l10n from '@vscode/l10n';

const ADDRESS = 'dynamodb:tables';

/** The DynamoDB tables of the region. The token is a table name: ExclusiveStartTableName → LastEvaluatedTableName. */
export const dynamodbTables: ResourceKind<ListTablesCommandOutput> = {
  id: 'dynamodb.tables',
  itemNoun: 'tables',
  title: () => l10n.t('DynamoDB Tables'),
  icon: 'layers',
  address: () => ADDRESS,
  parseAddress: (text) => (text === ADDRESS ? {} : undefined),
  addressForms: [{ form: ADDRESS, example: ADDRESS, description: 'the DynamoDB tables of the region' }],
  tokenFields: { input: 'ExclusiveStartTableName', output: 'LastEvaluatedTableName', pageSize: 'Limit' },
  // API reference, ListTables: "Limit … Valid Range: Minimum value of 1. Maximum value of 100."
  pageSizeLimits: { min: 1, max: 100 },
  columns: ['TableName'],
  console: {
    list: (_params, scope, host) => consolePage(host, 'dynamodbv2/home', scope.region, 'tables'),
    item: (item, _params, scope, host) => consolePage(host, 'dynamodbv2/home', scope.region, `table?name=${encodeURIComponent(item.name)}`),
  },
  paginate: paginated(dynamodbClient, () => load().client.paginateListTables, () => ({})),
  itemsOf: (output) => (output.TableNames ?? []).map(tableItem),
  detailsOf(item) {
    return {
      operation: 'DescribeTable',
      async fetch(clients, send) {
        const command = new (load().client.DescribeTableCommand)({ TableName: item.name });
        return responseFields((await (await clients.client(dynamodbClient)).send(command, send)).Table ?? {});
      },
    };
  },
};

/** A table as a row: it expands to its items. */
export function tableItem(name: string): ResourceItem {
  return {
    id: `dynamodb:table/${name}`,
    name,
    itemKind: 'dynamodbTable',
    children: { kind: 'dynamodb.items', params: { table: name } },
    record: { TableName: name },
  };
}

/** Why `name` cannot be a table name (3 to 255 of a-z, A-Z, 0-9, `_`, `-`, `.`), or undefined when it can. */
export function tableNameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9_.-]{3,255}$/.test(name) ? undefined
    : l10n.t('"{0}" is not a DynamoDB table name: 3 to 255 letters, digits, "_", "-" or ".".', name);
}
