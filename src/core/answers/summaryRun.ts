import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type AwsClients } from '../aws/clients';
import { connectionParts } from '../aws/connection';
import { readIfPresent, removeFile, replaceFile } from '../atomicFiles';
import { type ListingTarget } from '../export/checkpoint';
import { listingPages, type ListingSpec } from '../listing';
import { listKey, type ListRef } from '../lists';
import { AbortError } from '../paging/errors';
import { kindOf } from '../services/registry';
import { addItems, fromJsonText, newSummary, revived, toJsonText, type SummaryLimits, type SummaryState } from './summary';

// A summary runs like an export without a file: every page of the list, one request at a time, with its running
// state checkpointed after every page, so that a summary cancelled, killed or cut off by the network resumes where it
// stopped and ends with the figures an uninterrupted run gives.

/** Everything that decides a summary's figures. A resume uses exactly these. */
export interface SummaryJob extends ListingSpec {
  readonly target: ListingTarget;
  readonly limits: SummaryLimits;
  /** When the summary started: relative parameters (`start=-24h`) are measured from it, by every resume too. */
  readonly asOf: string;
}

export interface SummaryCheckpoint {
  readonly version: 2;
  readonly id: string;
  readonly job: SummaryJob;
  /** The token of the first page not yet added. */
  readonly nextToken: string;
  /** For a kind with a position: the position after the last item added (where a refused token is replaced). */
  readonly after?: string;
  readonly pages: number;
  readonly state: SummaryState;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** For a summary read in parts (see parallelSummary.ts): where each stands; `nextToken` is then ''. */
  readonly parts?: SummaryParts;
}

/** Where a summary in parts stands: what its checkpoint keeps besides the state. */
export interface SummaryParts {
  /** The folder-level listing's next token; undefined before its first page (or for segments). */
  readonly splitToken?: string;
  readonly splitAfter?: string;
  readonly splitDone: boolean;
  /** The parts not finished, each with the token of its next page (undefined: not started) and its position. */
  readonly parts: ReadonlyArray<{ readonly list: ListRef; readonly nextToken?: string; readonly after?: string }>;
}

export interface SummaryProgress {
  readonly items: number;
  readonly pages: number;
  readonly bytes?: number;
}

/** What a summary run is told and tells. */
export interface SummaryRunOptions {
  readonly store: SummaryStore;
  /** The checkpoint of an interrupted run of the same job, to go on from. */
  readonly resume?: SummaryCheckpoint;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SummaryProgress) => void;
  readonly onResumedAt?: (after: string, refusal: unknown) => void;
}

export interface SummaryResult {
  readonly job: SummaryJob;
  readonly state: SummaryState;
  readonly pages: number;
  readonly startedAt: string;
}

/** The list a summary reads for `list`: every nested item (S3: all keys under the prefix), as an export does. */
export function summaryList(list: ListRef): ListRef {
  const flatten = kindOf(list).flatten;
  return flatten ? { kind: list.kind, params: flatten(list.params) } : list;
}

/** The id of a summary's checkpoint: the same list from the same place with the same limits finds it. */
export function summaryId(job: Pick<SummaryJob, 'target' | 'list' | 'limits'>): string {
  const identity = JSON.stringify([1, 'summary', ...connectionParts(job.target), listKey(job.list), job.limits.top, job.limits.groupCap]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/**
 * Summarizes `job.list` from its first page, or from `resume` (the checkpoint of an interrupted run of the same job).
 * The checkpoint is saved after every page and deleted once the last page is in; on any failure it is kept.
 */
export async function runSummary(clients: AwsClients, job: SummaryJob, options: SummaryRunOptions): Promise<SummaryResult> {
  const { store, resume, signal } = options;
  const id = summaryId(job);
  const facet = kindOf(job.list).summary;
  const state = resume ? resume.state : newSummary(facet);
  const startedAt = resume?.startedAt ?? new Date().toISOString();
  let pages = resume?.pages ?? 0;
  if (!resume) {
    await store.delete(id);
  }
  const from = resume ? { token: resume.nextToken, after: resume.after } : {};
  for await (const page of listingPages(clients, job, from, { signal, onResumedAt: options.onResumedAt })) {
    if (signal?.aborted) {
      throw new AbortError();
    }
    addItems(state, facet, page.items, job.limits);
    pages++;
    if (page.nextToken === undefined) {
      await store.delete(id);
      options.onProgress?.({ items: state.items, pages, bytes: state.bytes });
      return { job, state, pages, startedAt };
    }
    await store.save({
      version: 2, id, job, nextToken: page.nextToken, ...(page.after !== undefined ? { after: page.after } : {}), pages, state, startedAt, updatedAt: new Date().toISOString(),
    });
    options.onProgress?.({ items: state.items, pages, bytes: state.bytes });
  }
  throw new Error('The listing ended without a last page');
}

/** The ranked items of a summary: a file of their own, written only when a page changed them. */
type Rankings = Pick<SummaryState, 'largest' | 'newest' | 'oldest'>;

/**
 * Summary checkpoints, each replaced whole (see `replaceFile`): the counters in `ID.json`, rewritten after every page,
 * and the largest, newest and oldest items in `ID.ranked-PAGES.json`, written only when a page changed them (after
 * the first pages of a long list, seldom), so a checkpoint costs what the groups cost, not 300 items a page. The
 * counters name the rankings file they go with; the one before is removed only once the counters name the new one.
 */
export class SummaryStore {
  /** By summary id: the ranked items last written (the same objects, compared by identity) and their file. */
  private readonly written = new Map<string, { readonly entries: readonly unknown[][]; readonly file: string }>();
  /** By summary id: the writes of the last save, which the next one waits for (a summary in parts saves from every part). */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(readonly directory: string) {}

  async load(id: string): Promise<SummaryCheckpoint | undefined> {
    const text = await readIfPresent(this.file(id));
    if (text === undefined) {
      return undefined;
    }
    try {
      const stored = JSON.parse(text) as Omit<SummaryCheckpoint, 'state'> & { state: Omit<SummaryState, keyof Rankings>; ranked: string };
      const rankedText = /^[0-9a-f]{32}\.ranked-\d+\.json$/.test(stored.ranked ?? '') && stored.ranked.startsWith(id)
        ? await readIfPresent(path.join(this.directory, stored.ranked)) : undefined;
      const ranked = rankedText === undefined ? undefined : fromJsonText(rankedText) as Rankings;
      const checkpoint: SummaryCheckpoint = { ...stored, state: { ...stored.state, ...ranked } as SummaryState };
      // The id is recomputed, not trusted: a file copied under another summary's id does not apply to it.
      const valid = checkpoint.version === 2 && checkpoint.id === id && summaryId(checkpoint.job) === id && typeof checkpoint.nextToken === 'string'
        && Number.isSafeInteger(checkpoint.pages) && typeof checkpoint.state?.groupings === 'object'
        && [ranked?.largest, ranked?.newest, ranked?.oldest].every(Array.isArray)
        && (checkpoint.parts === undefined || (typeof checkpoint.parts.splitDone === 'boolean' && Array.isArray(checkpoint.parts.parts)));
      if (!valid) {
        return undefined;
      }
      const state = revived(checkpoint.state);
      this.written.set(id, { entries: rankingsOf(state), file: stored.ranked });
      return { ...checkpoint, state };
    } catch {
      return undefined;
    }
  }

  /** Serialized at once, before any await: the state goes on changing with the next page. */
  async save(checkpoint: SummaryCheckpoint): Promise<void> {
    const { largest, newest, oldest, ...counters } = checkpoint.state;
    const before = this.written.get(checkpoint.id);
    const entries = rankingsOf(checkpoint.state);
    const changed = !before || entries.some((list, i) => list.length !== before.entries[i].length || list.some((entry, j) => entry !== before.entries[i][j]));
    const ranked = changed ? `${checkpoint.id}.ranked-${checkpoint.pages}.json` : before.file;
    const rankedText = changed ? `${toJsonText({ largest, newest, oldest })}\n` : undefined;
    const text = `${JSON.stringify({ ...checkpoint, state: counters, ranked })}\n`;
    this.written.set(checkpoint.id, { entries, file: ranked });
    const write = async () => {
      if (rankedText !== undefined) {
        await replaceFile(path.join(this.directory, ranked), rankedText);
      }
      await replaceFile(this.file(checkpoint.id), text);
      if (before && before.file !== ranked) {
        await removeFile(path.join(this.directory, before.file));
      }
    };
    const done = (this.writing.get(checkpoint.id) ?? Promise.resolve()).catch(() => undefined).then(write);
    this.writing.set(checkpoint.id, done);
    await done;
  }

  async delete(id: string): Promise<void> {
    await this.writing.get(id)?.catch(() => undefined);
    this.writing.delete(id);
    this.written.delete(id);
    await removeFile(this.file(id));
    const names = await fs.readdir(this.directory).catch(() => [] as string[]);
    await Promise.all(names.filter((name) => name.startsWith(`${id}.ranked-`)).map((name) => removeFile(path.join(this.directory, name))));
  }

  private file(id: string): string {
    if (!/^[0-9a-f]{32}$/.test(id)) {
      throw new Error('Not a summary id');
    }
    return path.join(this.directory, `${id}.json`);
  }
}

/** The ranked entries, copied (the lists change in place), for telling whether a page changed them. */
function rankingsOf(state: SummaryState): unknown[][] {
  return [[...state.largest], [...state.newest], [...state.oldest]];
}
