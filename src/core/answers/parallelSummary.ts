import { type AwsClients } from '../aws/clients';
import { listingPages } from '../listing';
import { type ListRef } from '../lists';
import { AbortError } from '../paging/errors';
import { kindOf } from '../services/registry';
import { addItems, newSummary } from './summary';
import { runSummary, summaryId, type SummaryCheckpoint, type SummaryJob, type SummaryParts, type SummaryResult, type SummaryRunOptions } from './summaryRun';

// A summary in parts, the way the parallel export reads a list: the folder-level listing splits a recursive list (each
// folder a part; the keys beside the folders are added as that listing reads them), or a table is read in segments;
// `parallelism` parts are read at once and every page goes into the one running state. A summary's figures do not
// depend on the order its items come in (sums, and top lists in a total order), so the parts need no order; only
// which groups pass a grouping's cap can differ. The checkpoint holds the state, the folder-level listing's token and
// every unfinished part's token, saved after every page of any part, so a resume adds each page exactly once.

interface Part {
  readonly list: ListRef;
  nextToken?: string;
  /** The position after the part's last item added, where a refused token is replaced (see ListPaging.position). */
  after?: string;
  taken: boolean;
}

/** Can `list` be summarized in parts? */
export function summarizesInParts(list: ListRef, parallelism: number): boolean {
  const kind = kindOf(list);
  return parallelism > 1 && (kind.splitBy?.(list.params) !== undefined || kind.segments?.(list.params, parallelism) !== undefined);
}

/**
 * Summarizes `job.list` in parts, `parallelism` at a time, from its start or from `resume` (a checkpoint of a summary
 * in parts of the same job). The checkpoint is deleted once every part is read; on any failure it is kept.
 */
export async function runSummaryInParts(clients: AwsClients, job: SummaryJob, options: SummaryRunOptions & {
  readonly parallelism: number;
  readonly resume?: SummaryCheckpoint & { readonly parts: SummaryParts };
}): Promise<SummaryResult> {
  const { store, resume, signal } = options;
  const id = summaryId(job);
  const kind = kindOf(job.list);
  const facet = kind.summary;
  const state = resume ? resume.state : newSummary(facet);
  const startedAt = resume?.startedAt ?? new Date().toISOString();
  if (!resume) {
    await store.delete(id);
  }
  let pages = resume?.pages ?? 0;
  const segments = resume ? undefined : kind.segments?.(job.list.params, options.parallelism);
  const splitParams = kind.splitBy?.(job.list.params);
  const base = kind.find?.nameBase?.(job.list.params) ?? '';
  let splitToken = resume?.parts.splitToken;
  let splitAfter = resume?.parts.splitAfter;
  let splitDone = resume?.parts.splitDone ?? (segments !== undefined || splitParams === undefined);
  const parts: Part[] = resume
    ? resume.parts.parts.map((part) => ({ ...part, taken: false }))
    : (segments ?? []).map((params) => ({ list: { kind: job.list.kind, params }, taken: false }));
  // Parts waiting for the folder-level listing to find more work.
  const waiting = new Set<() => void>();
  const changed = () => {
    waiting.forEach((wake) => wake());
    waiting.clear();
  };
  const abort = new AbortController();
  const stop = () => abort.abort();
  signal?.addEventListener('abort', stop, { once: true });

  // Saved after every page, whatever part it came from: the state and every position, taken together between awaits.
  const save = () => {
    options.onProgress?.({ items: state.items, pages, bytes: state.bytes });
    return store.save({
      version: 2, id, job, nextToken: '', pages, state, startedAt, updatedAt: new Date().toISOString(),
      parts: {
        ...(splitToken !== undefined ? { splitToken } : {}), ...(splitAfter !== undefined ? { splitAfter } : {}), splitDone,
        parts: parts.map(({ list, nextToken, after }) => ({ list, ...(nextToken !== undefined ? { nextToken } : {}), ...(after !== undefined ? { after } : {}) })),
      },
    });
  };

  const readSplit = async () => {
    if (splitDone) {
      return;
    }
    const split = { list: { kind: job.list.kind, params: splitParams! }, pageSize: job.pageSize, asOf: job.asOf };
    for await (const page of listingPages(clients, split, { token: splitToken, after: splitAfter }, { signal: abort.signal, onResumedAt: options.onResumedAt })) {
      for (const item of page.items) {
        if (item.children) {
          const children = item.children;
          parts.push({ list: { kind: children.kind, params: kindOf(children).flatten?.(children.params) ?? children.params }, taken: false });
        } else {
          addItems(state, facet, [item], job.limits);
        }
      }
      pages++;
      splitToken = page.nextToken;
      splitAfter = page.after ?? splitAfter;
      splitDone = page.nextToken === undefined;
      changed();
      await save();
    }
  };

  const readParts = async () => {
    while (!abort.signal.aborted) {
      const part = parts.find((candidate) => !candidate.taken);
      if (!part) {
        if (splitDone) {
          return;
        }
        await new Promise<void>((resolve) => waiting.add(resolve));
        continue;
      }
      part.taken = true;
      const spec = { list: part.list, pageSize: job.pageSize, asOf: job.asOf };
      // A folder's rows are named below the folder; the summary's groupings read names below the list summarized.
      const shift = (kind.find?.nameBase?.(part.list.params) ?? '').slice(base.length);
      for await (const page of listingPages(clients, spec, { token: part.nextToken, after: part.after }, { signal: abort.signal, onResumedAt: options.onResumedAt })) {
        addItems(state, facet, shift ? page.items.map((item) => ({ ...item, name: shift + item.name })) : page.items, job.limits);
        pages++;
        part.nextToken = page.nextToken;
        part.after = page.after ?? part.after;
        if (page.nextToken === undefined) {
          parts.splice(parts.indexOf(part), 1);
        }
        await save();
      }
    }
  };

  try {
    const splitting = readSplit().finally(() => {
      splitDone ||= abort.signal.aborted;
      changed();
    });
    await Promise.all([splitting, ...Array.from({ length: options.parallelism }, readParts)]);
  } catch (error) {
    abort.abort();
    changed();
    throw signal?.aborted ? new AbortError() : error;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  if (signal?.aborted) {
    throw new AbortError();
  }
  await store.delete(id);
  options.onProgress?.({ items: state.items, pages, bytes: state.bytes });
  return { job, state, pages, startedAt };
}

/** Summarizes `job.list`: in parts where it can be and `parallelism` > 1 (or the checkpoint resumed was), else in order. */
export function summarize(clients: AwsClients, job: SummaryJob, options: SummaryRunOptions & { readonly parallelism?: number }): Promise<SummaryResult> {
  const { resume } = options;
  const parallelism = Math.max(1, options.parallelism ?? 1);
  if (resume?.parts) {
    return runSummaryInParts(clients, job, { ...options, resume: { ...resume, parts: resume.parts }, parallelism: Math.max(2, parallelism) });
  }
  if (!resume && summarizesInParts(job.list, parallelism)) {
    return runSummaryInParts(clients, job, { ...options, resume: undefined, parallelism });
  }
  return runSummary(clients, job, options);
}
