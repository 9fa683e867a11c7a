import { byField, byMonth, sizeHistogram, type ListSummary } from '../../answers/summaryFacet';
import { type ResourceItem } from '../../lists';

// What Summarize… adds up over a bucket or a folder: every key under it (the listing is recursive), its bytes, by
// storage class, by the next folder level (the console's "Calculate total size", for every subfolder at once), by
// extension, by size and by month of last change.

const sizeOf = (item: ResourceItem) => (item.itemKind === 's3Object' && typeof item.record?.Size === 'number' ? item.record.Size : undefined);

/** The object's name below the listed prefix (the row's name): its first folder, or the objects at that level. */
const folderOf = (item: ResourceItem) => {
  const slash = item.name.indexOf('/');
  return slash < 0 ? '(objects at this level)' : item.name.slice(0, slash + 1);
};

/** The extension of the last part of the key, lower case ("(none)" when it has none, as `.gitignore`). */
const extensionOf = (item: ResourceItem) => {
  const last = item.name.slice(item.name.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot > 0 && dot < last.length - 1 ? last.slice(dot + 1).toLowerCase() : '(none)';
};

export const s3ObjectsSummary: ListSummary = {
  size: sizeOf,
  groupings: [
    byField('storageClass', 'By storage class', 'StorageClass'),
    { id: 'folder', label: 'By folder', of: folderOf },
    { id: 'extension', label: 'By extension', of: extensionOf },
    sizeHistogram(sizeOf),
    byMonth,
  ],
};
