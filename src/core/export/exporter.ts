import { setImmediate as nextTurn } from 'node:timers/promises';
import { type AwsClients } from '../aws/clients';
import { AbortError } from '../paging/errors';
import { OutdatedCheckpointError } from './errors';
import { type Page } from '../paging/pager';
import { listingPages } from '../listing';
import { CHECKPOINT_VERSION, checkpointId, type Checkpoint, type ExportJob } from './checkpoint';
import { createFormatWriter, type FormatWriter } from '../records/formats';
import { OutputFile } from './outputFile';
import { lockOutput } from './outputLock';
import { addressOf, kindOf } from '../services/registry';
import { WrittenKeys } from './writtenKeys';
import { type ExportOptions, type ExportProgress, type ExportResult } from './options';
import { canExportInParallel, resumeParallelExport, startParallelExport } from './parallelExport';
import { jobShape } from './jobShape';

/**
 * Exports a whole list into a new file (an existing one is replaced, and a checkpoint of the same job dropped).
 * The file is created only once the first page has arrived, so a listing that fails at once leaves it untouched.
 */
export async function startExport(clients: AwsClients, given: ExportJob, options: ExportOptions): Promise<ExportResult> {
  const job: ExportJob = { ...given, asOf: given.asOf ?? new Date().toISOString() };
  return whileLocked(job, options, async () => {
    if (options.parallelism !== undefined && canExportInParallel(job, options.parallelism)) {
      // Undefined when the list does not split into folders: then it is listed sequentially below.
      const result = await startParallelExport(clients, job, { ...options, parallelism: options.parallelism });
      if (result) {
        return result;
      }
    }
    const open = async (writer: FormatWriter) => {
      await options.store.delete(checkpointId(job));
      const file = await OutputFile.create(job.outputPath);
      await file.append(writer.start());
      return file;
    };
    const keyOf = kindOf(job.list).uniqueKey;
    const keys = keyOf && WrittenKeys.create(job.outputPath, keyOf);
    return exportPages(clients, job, open, { token: undefined, after: undefined, items: 0, pages: 0, startedAt: new Date().toISOString(), keys }, options)
      .finally(() => keys?.close().catch(() => undefined));
  });
}

/**
 * Goes on with an interrupted export from its checkpoint, with the checkpoint's page size and format: the file is
 * cut back to the checkpointed length (dropping a half-written page) and the listing continues from the saved token,
 * so the file ends up byte for byte as an uninterrupted export would have written it. Throws `OutputChangedError`
 * before any request if the file was deleted or changed since. The checkpoint is kept on any failure.
 */
export async function resumeExport(clients: AwsClients, checkpoint: Checkpoint, options: ExportOptions): Promise<ExportResult> {
  if (checkpoint.version !== CHECKPOINT_VERSION) {
    throw new OutdatedCheckpointError(checkpoint.job.outputPath);
  }
  return whileLocked(checkpoint.job, options, async () => {
    if (checkpoint.parallel) {
      return resumeParallelExport(clients, { ...checkpoint, parallel: checkpoint.parallel }, options);
    }
    const file = await OutputFile.reopen(checkpoint.job.outputPath, checkpoint.byteLength, checkpoint.sha256);
    const keyOf = kindOf(checkpoint.job.list).uniqueKey;
    let keys: WrittenKeys | undefined;
    try {
      keys = keyOf && checkpoint.keys ? await WrittenKeys.reopen(checkpoint.job.outputPath, checkpoint.keys, keyOf) : undefined;
    } catch (error) {
      await file.close().catch(() => undefined);
      throw error;
    }
    const start = { token: checkpoint.nextToken, after: checkpoint.after, items: checkpoint.itemsWritten, pages: checkpoint.pagesWritten, scanned: checkpoint.itemsScanned, startedAt: checkpoint.startedAt, keys };
    return exportPages(clients, checkpoint.job, async () => file, start, options).finally(() => {
      void file.close().catch(() => undefined);
      void keys?.close().catch(() => undefined);
    });
  });
}

/**
 * Runs an export holding the lock of its output file: before the file is touched, so a second export into the same
 * file (another window, the CLI) is refused before it could truncate or append to it. Released however it ends.
 */
async function whileLocked(job: ExportJob, options: ExportOptions, body: () => Promise<ExportResult>): Promise<ExportResult> {
  const lock = await lockOutput(job.outputPath, { list: addressOf(job.list), tool: options.tool ?? 'an export' });
  try {
    return await body();
  } finally {
    await lock.release().catch(() => undefined);
  }
}

interface Position {
  readonly token: string | undefined;
  /** The list's position after the last item written, where its kind has positions (see `Page.after`). */
  readonly after: string | undefined;
  readonly items: number;
  readonly pages: number;
  /** For a list that writes only some of what it reads (a find): the items read so far. */
  readonly scanned?: number;
  readonly startedAt: string;
  /** The keys already written, for a list whose items can come twice. */
  readonly keys?: WrittenKeys;
}

/**
 * The loop both share. Each page is written, flushed (fsync), and only then checkpointed, so a checkpoint never
 * points past bytes that are not on the disk. The request for the next page goes out as soon as a page arrives (one
 * request in flight at most), and a page's flush and checkpoint run while the next page is requested and parsed
 * (one checkpoint under way at most), which hides the disk work behind the network round trip.
 */
async function exportPages(
  clients: AwsClients, job: ExportJob, open: (writer: FormatWriter) => Promise<OutputFile>, from: Position, options: ExportOptions,
): Promise<ExportResult> {
  const { store, signal, onProgress } = options;
  const id = checkpointId(job);
  // Our own controller, so a failed write also stops the request in flight.
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  if (signal?.aborted) {
    controller.abort(signal.reason);
  }
  let writer: FormatWriter;
  try {
    writer = createFormatWriter(job.format, await jobShape(clients, job, controller.signal), job.csv);
  } catch (error) {
    signal?.removeEventListener('abort', forwardAbort);
    throw error;
  }
  const pages = listingPages(clients, job, from, { signal: controller.signal, onResumedAt: options.onResumedAt });
  let file: OutputFile | undefined;
  let items = from.items;
  let pagesWritten = from.pages;
  let scanned = from.scanned;
  // The flush and checkpoint of the last page written, under way while the next page is requested.
  let saving: Promise<void> | undefined;
  try {
    let pending = pages.next();
    for (;;) {
      let next: IteratorResult<Page, void> | undefined = await pending;
      if (next.done) {
        throw new Error('The listing ended without a last page');
      }
      // A page that arrived after a cancel is dropped: the checkpoint still points before it.
      if (signal?.aborted) {
        throw new AbortError();
      }
      // The next page is asked for at once: the server works on it while this one is formatted, written, flushed
      // and checkpointed, so only the service's time and the SDK's parse stay on the critical path.
      if (next.value.nextToken !== undefined) {
        pending = pages.next();
        // Observed by the next turn of the loop; this only keeps an early rejection from counting as unhandled.
        pending.catch(() => undefined);
        // One turn of the event loop lets the SDK put that request on the wire before this page is processed.
        await nextTurn();
      }
      // Only the page's text is kept across the awaits below: its items would otherwise outlive the young
      // generation while the next page is parsed, and V8 would promote (and grow the heap for) every page.
      const { text, count, nextToken, after } = pageText(writer, next.value, items, from.keys);
      if (next.value.scanned !== undefined) {
        scanned = (scanned ?? 0) + next.value.scanned;
      }
      next = undefined;
      // The previous page's checkpoint lands before this page is written (a failed save fails the export here):
      // the checkpoint is at most one page behind the file.
      await saving;
      if (signal?.aborted) {
        throw new AbortError();
      }
      file ??= await open(writer);
      await file.append(text);
      await from.keys?.write();
      items += count;
      pagesWritten++;
      const written: ExportProgress = { itemsWritten: items, pagesWritten, byteLength: file.byteLength, ...(scanned !== undefined ? { itemsScanned: scanned } : {}) };
      if (nextToken === undefined) {
        await file.append(writer.end(items));
        await file.sync();
        await store.delete(id);
        await from.keys?.remove();
        const done = { ...written, byteLength: file.byteLength };
        onProgress?.(done);
        return { job, ...done };
      }
      const checkpoint: Checkpoint = {
        version: CHECKPOINT_VERSION, id, job, nextToken, ...(after !== undefined ? { after } : {}), itemsWritten: items, pagesWritten,
        ...(scanned !== undefined ? { itemsScanned: scanned } : {}),
        byteLength: file.byteLength, sha256: file.sha256(), startedAt: from.startedAt, updatedAt: new Date().toISOString(),
        ...(from.keys ? { keys: from.keys.state() } : {}),
      };
      // The checkpoint is written beside the flush (of the keys written too), and takes effect after it.
      const flushed = from.keys ? Promise.all([file.sync(), from.keys.sync()]).then(() => undefined) : file.sync();
      flushed.catch(() => undefined);
      saving = (async () => {
        await Promise.all([flushed, store.save(checkpoint, flushed)]);
        onProgress?.(written);
      })();
      // Observed by the next turn of the loop or the finally below.
      saving.catch(() => undefined);
    }
  } finally {
    signal?.removeEventListener('abort', forwardAbort);
    controller.abort();
    void pages.return(undefined).catch(() => undefined);
    // A checkpoint under way is finished (or fails) before the file closes: it is what a resume starts from.
    await saving?.catch(() => undefined);
    await file?.close().catch(() => undefined);
  }
}

function pageText(writer: FormatWriter, page: Page, itemsBefore: number, keys: WrittenKeys | undefined): { text: string; count: number; nextToken: string | undefined; after: string | undefined } {
  const items = keys ? keys.fresh(page.items) : page.items;
  return { text: writer.page(items, itemsBefore), count: items.length, nextToken: page.nextToken, after: page.after };
}
