import { type ListSummary } from '../../answers/summaryFacet';
import { type ResourceItem } from '../../lists';

// What Summarize… adds up over a table's items (a Scan) or a query's: the items; the bytes of their DynamoDB JSON, as
// an export writes them (DynamoDB bills by its own item size, which counts names and values differently); and the
// partition keys with the most items (a hot partition, or the customer with most orders).

const itemBytes = (item: ResourceItem) => (item.record.Item === undefined ? undefined : Buffer.byteLength(JSON.stringify(item.record.Item)));

/** The row's name is its key, the partition key's value first (`pk` or `pk · sk`, see itemRows). */
const partitionOf = (item: ResourceItem) => item.name.split(' · ')[0];

export const dynamodbItemsSummary: ListSummary = {
  size: itemBytes,
  groupings: [{ id: 'partition', label: 'By partition key', of: partitionOf }],
};
