import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { type AwsClients, type SendOptions } from '../../aws/clients';
import { dynamodbClient } from './client';
import { load } from './sdk';

/** One key attribute: its name and its type (S, N or B). */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** The keys of a table or of one of its indexes. */
export interface KeySchema {
  /** Undefined for the table itself. */
  readonly index?: string;
  readonly partition: KeyAttribute;
  readonly sort?: KeyAttribute;
}

/** What listing a table needs to know of it: its key schema (item labels, CSV columns, Query) and its indexes'. */
export interface TableSchema {
  readonly table: KeySchema;
  readonly indexes: readonly KeySchema[];
}

/** The table's schema from DescribeTable, asked once per connection and table. */
export function tableSchema(clients: AwsClients, table: string, send: SendOptions): Promise<TableSchema> {
  return clients.cached(`dynamodb.schema:${table}`, () => describeSchema(clients, table, send));
}

/** The table's schema as DescribeTable gives it now (not cached: after a refusal, it may have changed). */
export async function describeSchema(clients: AwsClients, table: string, send: SendOptions): Promise<TableSchema> {
  const command = new (load().client.DescribeTableCommand)({ TableName: table });
  const output = await (await clients.client(dynamodbClient)).send(command, send);
  return schemaOf(output.Table ?? {});
}

export function schemaOf(table: TableDescription): TableSchema {
  const types = new Map((table.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType as KeyAttribute['type']]));
  const keys = (elements: TableDescription['KeySchema'], index?: string): KeySchema => {
    const attribute = (role: 'HASH' | 'RANGE'): KeyAttribute | undefined => {
      const name = elements?.find((element) => element.KeyType === role)?.AttributeName;
      return name === undefined ? undefined : { name, type: types.get(name) ?? 'S' };
    };
    return { index, partition: attribute('HASH') ?? { name: '?', type: 'S' }, sort: attribute('RANGE') };
  };
  return {
    table: keys(table.KeySchema),
    indexes: [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])]
      .map((index) => keys(index.KeySchema, index.IndexName)),
  };
}

/** The key attribute names of the table, partition first: the columns that name an item. */
export function keyNames(schema: TableSchema): string[] {
  return [schema.table.partition.name, ...(schema.table.sort ? [schema.table.sort.name] : [])];
}
