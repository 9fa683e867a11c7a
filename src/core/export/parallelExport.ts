import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type AwsClients } from '../aws/clients';
import { AbortError } from '../paging/errors';
import { type Page } from '../paging/pager';
import { listingPages } from '../listing';
import { kindOf } from '../services/registry';
import { CHECKPOINT_VERSION, checkpointId, type Checkpoint, type ExportJob } from './checkpoint';
import { type ExportOptions, type ExportProgress, type ExportResult } from './options';
import { createFormatWriter, type ExportFormat, type FormatWriter } from '../records/formats';
import { OutputFile } from './outputFile';
import { type ParallelState } from './parallelCheckpoint';
import { jobShape } from './jobShape';
import { type ListRef, type ResourceItem } from '../lists';

/** Parts listed at once when nothing else is said (the `pagedAwsExplorer.export.parallelism` default). */
export const DEFAULT_PARALLELISM = 8;
export const MAX_PARALLELISM = 64;

// Formats whose text for an item does not depend on where it lands in the file, so a part can be written before the
// parts ahead of it are known. JSON separates items by position and is exported sequentially.
const POSITION_FREE: readonly ExportFormat[] = ['jsonl', 'csv'];

// Small and reused: a part file is copied a chunk at a time, so memory does not grow with the size of a part.
const COPY_CHUNK = 64 * 1024;

/**
 * Page size of the folder-level listing. It does not change a byte of the output, so it is the largest S3 allows:
 * fewer requests, and fewer page ends inside a run of keys beside folders. (fauxqs 2.4 hands out the last *key* of a
 * truncated delimiter page as its token even when folders follow it, so its next page repeats those folders; S3 does not.)
 */
const SPLIT_PAGE_SIZE = 1000;

/** The folder-level list that splits a recursive list into parts (S3: the same prefix with delimiter `/`). */
function splitListOf(list: ListRef): ListRef | undefined {
  const params = kindOf(list).splitBy?.(list.params);
  return params ? { kind: list.kind, params } : undefined;
}

/** The segments a list is read in, `count` of them (DynamoDB's parallel Scan), or undefined when it has none. */
function segmentListsOf(list: ListRef, count: number): ListRef[] | undefined {
  return kindOf(list).segments?.(list.params, count)?.map((params) => ({ kind: list.kind, params }));
}

/** Can `job` be listed in parts, `parallelism` at a time? */
export function canExportInParallel(job: ExportJob, parallelism = 1): boolean {
  return parallelism > 1 && POSITION_FREE.includes(job.format)
    && (splitListOf(job.list) !== undefined || segmentListsOf(job.list, parallelism) !== undefined);
}

/** Where a parallel export keeps its part files while it runs: a hidden folder beside the output, removed at the end. */
export function partsDirectory(outputPath: string): string {
  return path.join(path.dirname(outputPath), `.${path.basename(outputPath)}.parts`);
}

/**
 * Exports a recursive list in parts: one folder-level listing splits it (each folder is a part, the keys beside the
 * folders are parts of their own), up to `parallelism` parts are listed at once into part files, and the parts are
 * copied into the output in key order, so the file is byte for byte the one a sequential export writes. Every page of
 * every part is flushed and checkpointed with its own token, so `resumeParallelExport` continues each part where it
 * stopped. Resolves to undefined, having written nothing, when the first page of the folder-level listing holds
 * fewer than two folders: the caller exports it sequentially.
 */
export async function startParallelExport(
  clients: AwsClients, job: ExportJob, options: ExportOptions & { readonly parallelism: number },
): Promise<ExportResult | undefined> {
  if (!canExportInParallel(job, options.parallelism)) {
    return undefined;
  }
  const writer = createFormatWriter(job.format, await jobShape(clients, job, options.signal), job.csv);
  const fresh: ParallelState = { version: 1, splitDone: false, nextPartNumber: 0, outputItems: 0, outputPages: 0, parts: [] };
  const run = new ParallelRun(clients, job, options, fresh, new Date().toISOString(), writer);
  const segments = segmentListsOf(job.list, options.parallelism);
  return segments ? run.startSegments(segments) : run.start(splitListOf(job.list)!);
}

/** Goes on with an interrupted parallel export: the output and every part file are cut back to their checkpoints. */
export async function resumeParallelExport(
  clients: AwsClients, checkpoint: Checkpoint & { readonly parallel: ParallelState }, options: ExportOptions & { readonly parallelism?: number },
): Promise<ExportResult> {
  const writer = createFormatWriter(checkpoint.job.format, await jobShape(clients, checkpoint.job, options.signal), checkpoint.job.csv);
  const run = new ParallelRun(clients, checkpoint.job, { ...options, parallelism: options.parallelism ?? DEFAULT_PARALLELISM },
    checkpoint.parallel, checkpoint.startedAt, writer);
  return run.resume(checkpoint);
}

interface Part {
  number: number;
  list?: ListRef;
  started: boolean;
  nextToken?: string;
  after?: string;
  done: boolean;
  // The four below are the checkpointed values: updated only once the page they count is flushed.
  byteLength: number;
  sha256: string;
  items: number;
  pages: number;
  /** The part file, while a worker writes it (or a resume has reopened it for one). */
  file?: OutputFile;
  /** The worker listing it. */
  running?: Promise<void>;
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

class ParallelRun {
  private readonly id: string;
  private readonly directory: string;
  private readonly controller = new AbortController();
  private readonly parallelism: number;
  private output?: OutputFile;
  // The output's checkpointed state: what it held after the last part copied into it was flushed.
  private outputLength = 0;
  private outputSha = EMPTY_SHA256;
  private outputItems: number;
  private outputPages: number;
  private parts: Part[];
  private nextPartNumber: number;
  private splitToken: string | undefined;
  private splitAfter: string | undefined;
  private splitDone: boolean;
  private splitPages?: AsyncIterator<Page>;
  private splitting?: Promise<void>;
  private failure?: unknown;
  private saving?: Promise<void>;
  private saveWanted = false;
  private wake!: () => void;
  private woken!: Promise<void>;
  private readonly copyBuffer = Buffer.alloc(COPY_CHUNK);

  constructor(
    private readonly clients: AwsClients,
    private readonly job: ExportJob,
    private readonly options: ExportOptions & { readonly parallelism: number },
    state: ParallelState,
    private readonly startedAt: string,
    private readonly writer: FormatWriter,
  ) {
    this.id = checkpointId(job);
    this.directory = partsDirectory(job.outputPath);
    this.parallelism = Math.max(1, Math.min(MAX_PARALLELISM, Math.floor(options.parallelism)));
    this.outputItems = state.outputItems;
    this.outputPages = state.outputPages;
    this.parts = state.parts.map((part) => ({ ...part }));
    this.nextPartNumber = state.nextPartNumber;
    this.splitToken = state.splitToken;
    this.splitAfter = state.splitAfter;
    this.splitDone = state.splitDone;
    this.resetWake();
  }

  async start(splitList: ListRef): Promise<ExportResult | undefined> {
    return this.guarded(async () => {
      this.splitPages = this.pagesOf(splitList, undefined, undefined, SPLIT_PAGE_SIZE);
      const first = await this.splitPages.next();
      if (first.done) {
        throw new Error('The listing ended without a last page');
      }
      const page = first.value;
      // Fewer than two folders on the first page: nothing worth splitting (a flat bucket lists faster sequentially).
      if (page.items.filter((item) => item.children).length < 2) {
        return undefined;
      }
      await this.createOutput();
      await this.split(page);
      return this.loop();
    });
  }

  /**
   * Starts an export of a list read in segments: each segment is a part, known from the start, so there is no
   * splitting listing; the output is the segments one after the other.
   */
  async startSegments(segments: readonly ListRef[]): Promise<ExportResult> {
    const result = await this.guarded(async () => {
      await this.createOutput();
      this.parts = segments.map((list, number) => ({ number, list, started: false, done: false, byteLength: 0, sha256: EMPTY_SHA256, items: 0, pages: 0 }));
      this.nextPartNumber = segments.length;
      this.splitDone = true;
      this.save();
      return this.loop();
    });
    return result!;
  }

  async resume(checkpoint: Checkpoint): Promise<ExportResult> {
    const result = await this.guarded(async () => {
      this.output = await OutputFile.reopen(this.job.outputPath, checkpoint.byteLength, checkpoint.sha256);
      this.outputLength = checkpoint.byteLength;
      this.outputSha = checkpoint.sha256;
      // Every part file must still hold what its checkpoint says; whatever a crash left after that is cut off.
      for (const part of this.parts) {
        if (part.started || part.list === undefined) {
          const file = await OutputFile.reopen(this.partPath(part), part.byteLength, part.sha256);
          if (part.done) {
            await file.close();
          } else {
            part.file = file;
          }
        }
      }
      if (!this.splitDone) {
        const splitList = splitListOf(this.job.list);
        if (!splitList) {
          throw new Error('This list cannot be listed in parts any more.');
        }
        this.splitPages = this.pagesOf(splitList, this.splitToken, this.splitAfter, SPLIT_PAGE_SIZE);
      }
      return this.loop();
    });
    return result!;
  }

  /** A new start: no checkpoint, an empty parts folder, the output created with its start (CSV header, JSON `[`) flushed. */
  private async createOutput(): Promise<void> {
    await this.options.store.delete(this.id);
    await fs.rm(this.directory, { recursive: true, force: true });
    await fs.mkdir(this.directory, { recursive: true });
    this.output = await OutputFile.create(this.job.outputPath);
    await this.output.append(this.writer.start());
    await this.output.sync();
    this.outputLength = this.output.byteLength;
    this.outputSha = this.output.sha256();
  }

  /** Runs `body` with the caller's signal forwarded, and on any failure stops every request and settles the checkpoint. */
  private async guarded<T>(body: () => Promise<T>): Promise<T> {
    const { signal } = this.options;
    const forwardAbort = () => this.controller.abort(signal?.reason);
    signal?.addEventListener('abort', forwardAbort, { once: true });
    if (signal?.aborted) {
      this.controller.abort(signal.reason);
    }
    try {
      return await body();
    } catch (error) {
      this.controller.abort();
      await Promise.allSettled([this.splitting, ...this.parts.map((part) => part.running)]);
      // Whatever was flushed before the failure stays resumable.
      await this.saving;
      throw error;
    } finally {
      signal?.removeEventListener('abort', forwardAbort);
      this.controller.abort();
      void this.splitPages?.return?.(undefined).catch(() => undefined);
      await Promise.allSettled(this.parts.map((part) => part.file?.close()));
      await this.output?.close().catch(() => undefined);
    }
  }

  private async loop(): Promise<ExportResult> {
    for (;;) {
      this.throwIfFailed();
      this.startWorkers();
      this.startSplitting();
      await this.copyFinishedParts();
      if (this.splitDone && !this.splitting && this.parts.length === 0) {
        break;
      }
      await this.woken;
      this.resetWake();
    }
    const output = this.output!;
    await output.append(this.writer.end(this.outputItems));
    await output.sync();
    this.outputLength = output.byteLength;
    await this.saving;
    this.throwIfFailed();
    await this.options.store.delete(this.id);
    await fs.rm(this.directory, { recursive: true, force: true });
    const progress = this.progress();
    this.options.onProgress?.(progress);
    return { job: this.job, ...progress };
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) {
      throw this.failure;
    }
    // A page that arrives after a cancel is dropped: the checkpoint still points before it.
    if (this.options.signal?.aborted) {
      throw new AbortError();
    }
  }

  /** Starts workers on the first parts not yet listed, up to the parallelism. */
  private startWorkers(): void {
    let running = this.parts.filter((part) => part.running).length;
    for (const part of this.parts) {
      if (running >= this.parallelism) {
        return;
      }
      if (!part.done && !part.running && part.list) {
        part.running = this.work(part);
        running++;
      }
    }
  }

  /** Reads the next page of the splitting listing when fewer parts wait than workers could take. */
  private startSplitting(): void {
    if (this.splitDone || this.splitting || !this.splitPages) {
      return;
    }
    const waiting = this.parts.filter((part) => !part.done && !part.running).length;
    if (waiting >= this.parallelism) {
      return;
    }
    const pages = this.splitPages;
    this.splitting = (async () => {
      try {
        const next = await pages.next();
        if (next.done) {
          throw new Error('The listing ended without a last page');
        }
        this.throwIfFailed();
        await this.split(next.value);
      } catch (error) {
        this.failure ??= error;
      } finally {
        this.splitting = undefined;
        this.wake();
      }
    })();
  }

  /**
   * Turns one page of the splitting listing into parts, in its order: each folder is a part to list, each run of
   * items beside the folders a part that is written at once. Checkpointed together with the listing's next token.
   */
  private async split(page: Page): Promise<void> {
    const runs: Array<ListRef | ResourceItem[]> = [];
    for (const item of page.items) {
      if (item.children) {
        const kind = kindOf(item.children);
        runs.push({ kind: item.children.kind, params: kind.flatten?.(item.children.params) ?? item.children.params });
      } else if (Array.isArray(runs.at(-1))) {
        (runs.at(-1) as ResourceItem[]).push(item);
      } else {
        runs.push([item]);
      }
    }
    const parts: Part[] = [];
    let number = this.nextPartNumber;
    for (const run of runs) {
      if (Array.isArray(run)) {
        const file = await OutputFile.create(this.partPath({ number }));
        try {
          await file.append(this.writer.page(run, 1));
          await file.sync();
          parts.push({ number, started: true, done: true, byteLength: file.byteLength, sha256: file.sha256(), items: run.length, pages: 0 });
        } finally {
          await file.close();
        }
      } else {
        parts.push({ number, list: run, started: false, done: false, byteLength: 0, sha256: EMPTY_SHA256, items: 0, pages: 0 });
      }
      number++;
    }
    this.parts.push(...parts);
    this.nextPartNumber = number;
    this.outputPages++;
    this.splitToken = page.nextToken;
    this.splitAfter = page.after;
    this.splitDone = page.nextToken === undefined;
    this.save();
  }

  /** Lists one part into its part file, flushing and checkpointing every page. */
  private async work(part: Part): Promise<void> {
    try {
      const pages = this.pagesOf(part.list!, part.started ? part.nextToken : undefined, part.started ? part.after : undefined);
      // As in a sequential export, the next page of the part is asked for as soon as a page arrives, and the page is
      // written and flushed meanwhile: a worker holds one page and one request at most.
      let pending = pages.next();
      pending.catch(() => undefined);
      const file = part.file ?? await OutputFile.create(this.partPath(part));
      part.file = file;
      for (let next = await pending; !next.done; next = await pending) {
        const page = next.value;
        if (this.controller.signal.aborted) {
          throw new AbortError();
        }
        pending = pages.next();
        pending.catch(() => undefined);
        await file.append(this.writer.page(page.items, 1));
        await file.sync();
        Object.assign(part, {
          started: true, nextToken: page.nextToken, after: page.after, done: page.nextToken === undefined,
          byteLength: file.byteLength, sha256: file.sha256(), items: part.items + page.items.length, pages: part.pages + 1,
        });
        this.save();
        this.options.onProgress?.(this.progress());
      }
    } catch (error) {
      this.failure ??= error;
      this.controller.abort();
    } finally {
      await part.file?.close().catch(() => undefined);
      part.file = undefined;
      part.running = undefined;
      this.wake();
    }
  }

  /** Copies finished parts at the head into the output, in order; each copy is flushed and checkpointed before its part file goes. */
  private async copyFinishedParts(): Promise<void> {
    const output = this.output!;
    while (this.parts.length > 0 && this.parts[0].done && !this.parts[0].running) {
      const part = this.parts[0];
      await copyFile(this.partPath(part), part.byteLength, output, this.copyBuffer);
      await output.sync();
      this.outputLength = output.byteLength;
      this.outputSha = output.sha256();
      this.outputItems += part.items;
      this.outputPages += part.pages;
      this.parts.shift();
      // The part file is only deleted once a checkpoint without it is on the disk (else it goes with the folder at the end).
      void this.save().then(() => (this.failure === undefined ? fs.rm(this.partPath(part), { force: true }) : undefined)).catch(() => undefined);
    }
  }

  private pagesOf(list: ListRef, token: string | undefined, after: string | undefined, pageSize = this.job.pageSize): AsyncIterator<Page> {
    return listingPages(this.clients, { ...this.job, list, pageSize }, { token, after }, { signal: this.controller.signal, onResumedAt: this.options.onResumedAt });
  }

  private partPath(part: Pick<Part, 'number'>): string {
    return path.join(this.directory, `${String(part.number).padStart(6, '0')}.part`);
  }

  private progress(): ExportProgress {
    return {
      itemsWritten: this.parts.reduce((sum, part) => sum + part.items, this.outputItems),
      pagesWritten: this.parts.reduce((sum, part) => sum + part.pages, this.outputPages),
      byteLength: this.parts.reduce((sum, part) => sum + part.byteLength, this.outputLength),
    };
  }

  private checkpoint(): Checkpoint {
    const { itemsWritten, pagesWritten } = this.progress();
    const parallel: ParallelState = {
      version: 1,
      ...(this.splitToken !== undefined ? { splitToken: this.splitToken } : {}),
      ...(this.splitAfter !== undefined ? { splitAfter: this.splitAfter } : {}),
      splitDone: this.splitDone,
      nextPartNumber: this.nextPartNumber,
      outputItems: this.outputItems,
      outputPages: this.outputPages,
      parts: this.parts.map(({ number, list, started, nextToken, after, done, byteLength, sha256, items, pages }) => ({
        number, ...(list ? { list } : {}), started, ...(nextToken !== undefined ? { nextToken } : {}), ...(after !== undefined ? { after } : {}),
        done, byteLength, sha256, items, pages,
      })),
    };
    return {
      version: CHECKPOINT_VERSION, id: this.id, job: this.job, nextToken: '', itemsWritten, pagesWritten,
      byteLength: this.outputLength, sha256: this.outputSha, startedAt: this.startedAt, updatedAt: new Date().toISOString(), parallel,
    };
  }

  /**
   * Saves the checkpoint as it is now, or right after the save in progress: saves never overlap and a burst of
   * pages costs one save. Resolves once a save that includes the current state is done; never rejects (a failed
   * save fails the export).
   */
  private save(): Promise<void> {
    this.saveWanted = true;
    this.saving ??= this.saveLoop();
    return this.saving;
  }

  private async saveLoop(): Promise<void> {
    try {
      while (this.saveWanted) {
        this.saveWanted = false;
        await this.options.store.save(this.checkpoint());
      }
    } catch (error) {
      this.failure ??= error;
      this.controller.abort();
      this.wake();
    } finally {
      this.saving = undefined;
    }
  }

  private resetWake(): void {
    this.woken = new Promise((resolve) => {
      this.wake = resolve;
    });
  }
}

/** Appends the first `length` bytes of a part file to the output, a chunk at a time. */
async function copyFile(from: string, length: number, output: OutputFile, buffer: Buffer): Promise<void> {
  const handle = await fs.open(from, 'r');
  try {
    for (let position = 0; position < length;) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, length - position), position);
      if (bytesRead === 0) {
        throw new Error(`${from} is shorter than its checkpoint says`);
      }
      await output.append(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
