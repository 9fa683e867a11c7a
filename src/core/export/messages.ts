import * as path from 'node:path';
import { formatCount } from '../numbers';
import { type ListRef } from '../services/kind';
import { addressOf, kindOf } from '../services/registry';
import { type Checkpoint } from './checkpoint';
import { type ExportResult } from './options';

/** "12,345 objects", "1 topic". */
export function countOf(list: ListRef, count: number): string {
  const noun = kindOf(list).itemNoun;
  return `${formatCount(count)} ${count === 1 ? noun.replace(/s$/, '') : noun}`;
}

/** "12,345 objects · 13 pages": what a progress line shows. */
export function progressText(list: ListRef, itemsWritten: number, pagesWritten: number): string {
  return `${countOf(list, itemsWritten)} · ${formatCount(pagesWritten)} page${pagesWritten === 1 ? '' : 's'}`;
}

/** "Exported 12,345 objects to listing.jsonl". */
export function doneMessage(result: ExportResult): string {
  return `Exported ${countOf(result.job.list, result.itemsWritten)} to ${path.basename(result.job.outputPath)}`;
}

/** "5 minutes ago", "just now", "3 days ago". */
export function ago(iso: string, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 1) {
    return 'just now';
  }
  const [value, unit] = minutes < 60 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour'] : [Math.floor(minutes / 1440), 'day'];
  return `${value} ${unit}${value === 1 ? '' : 's'} ago`;
}

/** "Resume (1,200 items written, 5 minutes ago)". */
export function resumeLabel(checkpoint: Checkpoint, now: Date = new Date()): string {
  return `Resume (${formatCount(checkpoint.itemsWritten)} items written, ${ago(checkpoint.updatedAt, now)})`;
}

/** "s3://bucket/prefix/ → listing.jsonl": what an unfinished export is, in one line. */
export function checkpointTitle(checkpoint: Checkpoint): string {
  const { list, outputPath } = checkpoint.job;
  return `${addressOf(list)} → ${path.basename(outputPath)}`;
}
