import * as path from 'node:path';
import { formatCount } from '../numbers';
import { addressOf, kindOf } from '../services/registry';
import { type Checkpoint } from './checkpoint';
import { type ExportResult } from './options';
import { type ListRef } from '../lists';
import * as l10n from '@vscode/l10n';

/** "12,345 objects", "1 topic". */
export function countOf(list: ListRef, count: number): string {
  const noun = kindOf(list).itemNoun;
  return `${formatCount(count)} ${count === 1 ? noun.replace(/s$/, '') : noun}`;
}

/** "12,345 objects · 13 pages": what a progress line shows. */
export function progressText(list: ListRef, itemsWritten: number, pagesWritten: number, itemsScanned?: number): string {
  const text = pagesWritten === 1 ? l10n.t('{0} · 1 page', countOf(list, itemsWritten)) : l10n.t('{0} · {1} pages', countOf(list, itemsWritten), formatCount(pagesWritten));
  // A find writes only its matches: how many items were read to find them comes first.
  return itemsScanned === undefined ? text : l10n.t('{0} scanned · {1}', formatCount(itemsScanned), text);
}

/** "Exported 12,345 objects to listing.jsonl". */
export function doneMessage(result: ExportResult): string {
  return l10n.t('Exported {0} to {1}', countOf(result.job.list, result.itemsWritten), path.basename(result.job.outputPath));
}

/** "5 minutes ago", "just now", "3 days ago". */
export function ago(iso: string, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 1) {
    return l10n.t('just now');
  }
  if (minutes < 60) {
    return minutes === 1 ? l10n.t('1 minute ago') : l10n.t('{0} minutes ago', minutes);
  }
  if (minutes < 48 * 60) {
    const hours = Math.floor(minutes / 60);
    return hours === 1 ? l10n.t('1 hour ago') : l10n.t('{0} hours ago', hours);
  }
  return l10n.t('{0} days ago', Math.floor(minutes / 1440));
}

/** "Resume (1,200 items written, 5 minutes ago)". */
export function resumeLabel(checkpoint: Checkpoint, now: Date = new Date()): string {
  return l10n.t('Resume ({0} items written, {1})', formatCount(checkpoint.itemsWritten), ago(checkpoint.updatedAt, now));
}

/** "s3://bucket/prefix/ → listing.jsonl": what an unfinished export is, in one line. */
export function checkpointTitle(checkpoint: Checkpoint): string {
  const { list, outputPath } = checkpoint.job;
  return `${addressOf(list)} → ${path.basename(outputPath)}`;
}

/**
 * The service refused a page token of an export (it expires) and the export went on from the list's position: what
 * the user is told, once per refusal. `after` is the position, for the log.
 */
export function resumedAtMessage(list: ListRef, after: string): string {
  const kind = kindOf(list);
  // '' is the position before the first item: a listing that had written nothing when its token was refused.
  if (after === '') {
    return l10n.t('The service refused the page token of {0} (it may have expired); nothing had been written yet, so the export went on from the start: nothing is missing or written twice.', addressOf(list));
  }
  return l10n.t('The service refused the page token of {0} (it may have expired); the export went on with {1} after the last {2} written ({3}): nothing is missing or written twice.',
    addressOf(list), kind.position?.input ?? '', kind.itemNoun.replace(/s$/, ''), kind.position?.describe?.(after) ?? JSON.stringify(after));
}
