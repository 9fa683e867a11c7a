import { byField, type ListSummary } from '../../../answers/summaryFacet';
import { s3ObjectsSummary } from '../summary';

// A report summarized as its bucket is (bytes by storage class, folder, extension, size, month) and, for a report of
// every version, by what each row is: the current object, an older version, a delete marker.
export const inventorySummary: ListSummary = {
  size: (item) => (typeof item.record.Size === 'number' ? item.record.Size : undefined),
  groupings: [...s3ObjectsSummary.groupings, byField('itemType', 'By version state', 'itemType')],
};
