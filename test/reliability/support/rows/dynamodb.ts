import { createTable, numberedNames, putItems } from '../../../support/emulator';
import { type KindRow } from '../kinds';

/** 5,000 items: the 20-kill runs of kill.test.ts export this table too, in pages of 100. */
export const ITEMS_TABLE = 'reliability-items';
export const ITEM_KEYS = numberedNames('item', 5000, 5);
/** A partition and sort key: partition p-01 holds 600 items, four others 50 each. */
const PARTITIONS_TABLE = 'reliability-partitions';
const PARTITIONS = [['p-01', 600], ['p-02', 50], ['p-03', 50], ['p-04', 50], ['p-05', 50]] as const;
/** No other suite creates tables in the shared emulator, so with the two above these are all of them. */
const TABLES = numberedNames('reliability-table', 60, 2);

type Item = { Item: Record<string, { S?: string; N?: string }> };
const itemOf = (record: Record<string, unknown>) => (record as unknown as Item).Item;

export const dynamodbRows: readonly KindRow[] = [
  {
    kind: 'dynamodb.tables',
    address: 'dynamodb:tables',
    pageSize: 5,
    operations: ['ListTables'],
    async seed({ session }) {
      for (const table of TABLES) {
        await createTable(session, table, ['pk:S']);
      }
    },
    expected: () => [...TABLES, ITEMS_TABLE, PARTITIONS_TABLE],
    idOf: (record) => String(record.TableName),
    missing: { what: 'ListTables denied (AccessDeniedException)', expect: 'accessDenied' },
  },
  {
    kind: 'dynamodb.items',
    address: `dynamodb:table/${ITEMS_TABLE}`,
    pageSize: 400,
    operations: ['Scan'],
    async seed({ session }) {
      await createTable(session, ITEMS_TABLE, ['pk:S']);
      await putItems(session, ITEMS_TABLE, ITEM_KEYS.map((pk, i) => ({ pk: { S: pk }, n: { N: String(i) }, note: { S: `note ${i}` } })));
    },
    expected: () => ITEM_KEYS,
    idOf: (record) => itemOf(record).pk.S!,
    missing: { what: 'a table that does not exist', address: 'dynamodb:table/reliability-no-such-table', expect: 'notFound' },
  },
  {
    kind: 'dynamodb.query',
    address: `dynamodb:table/${PARTITIONS_TABLE}/query?pk=pk&pkValue=p-01`,
    pageSize: 50,
    operations: ['Query'],
    async seed({ session }) {
      await createTable(session, PARTITIONS_TABLE, ['pk:S', 'sk:N']);
      await putItems(session, PARTITIONS_TABLE, PARTITIONS.flatMap(([pk, count]) => Array.from({ length: count }, (_, sk) => ({ pk: { S: pk }, sk: { N: String(sk) } }))));
    },
    expected: () => Array.from({ length: PARTITIONS[0][1] }, (_, sk) => `p-01#${sk}`),
    idOf: (record) => `${itemOf(record).pk.S}#${itemOf(record).sk.N}`,
    missing: { what: 'a Query of a table that does not exist', address: 'dynamodb:table/reliability-no-such-table/query?pk=pk&pkValue=p-01', expect: 'notFound' },
  },
];
