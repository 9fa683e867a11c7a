import { type AwsClients } from '../aws/clients';
import { AbortError } from '../paging/errors';
import { type ExportJob } from './checkpoint';
import { createFormatWriter } from '../records/formats';
import { type ExportProgress } from './options';
import { jobShape } from './jobShape';
import { listingPages, type ListingRun } from '../listing';
import { kindOf } from '../services/registry';

/** Where a streamed export goes: standard output, a pipe, a device. */
export interface Sink {
  write(text: string): boolean;
  once(event: 'drain' | 'close' | 'error', listener: (error?: Error) => void): unknown;
  removeListener(event: 'drain' | 'close' | 'error', listener: (error?: Error) => void): unknown;
}

/**
 * Writes a whole list to an output that cannot seek (standard output, a pipe), page by page in the list's order.
 * There is no checkpoint: such an output cannot be cut back to a saved length and resumed into. Waits whenever the
 * reader is behind, and stops the listing when the reader goes away (`| head`), resolving with what was written.
 */
export async function streamExport(
  clients: AwsClients, given: Pick<ExportJob, 'list' | 'pageSize' | 'format' | 'style' | 'csv' | 'asOf'>, sink: Sink,
  options: ListingRun & { readonly onProgress?: (progress: ExportProgress) => void } = {},
): Promise<ExportProgress & { readonly readerGone: boolean }> {
  // Relative times are measured from the start, as a file export's are, also when a refused token is replaced later.
  const job = { ...given, asOf: given.asOf ?? new Date().toISOString() };
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forwardAbort, { once: true });
  let readerGone = false;
  let failure: Error | undefined;
  // EPIPE: the reader went away (`| head`), which ends the export; any other error (ENOSPC…) fails it.
  const gone = (error?: Error) => {
    if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') {
      failure ??= error;
    } else {
      readerGone = true;
    }
    controller.abort();
  };
  sink.once('error', gone);
  sink.once('close', () => gone());
  let itemsWritten = 0;
  let pagesWritten = 0;
  let byteLength = 0;
  const write = async (text: string) => {
    byteLength += Buffer.byteLength(text);
    if (failure) {
      throw failure;
    }
    if (!sink.write(text) && !readerGone) {
      await new Promise<void>((resolve) => {
        const done = () => {
          sink.removeListener('drain', done);
          sink.removeListener('close', done);
          resolve();
        };
        sink.once('drain', done);
        sink.once('close', done);
      });
    }
  };
  try {
    if (options.signal?.aborted) {
      throw new AbortError();
    }
    const writer = createFormatWriter(job.format, await jobShape(clients, job, controller.signal), job.csv);
    await write(writer.start());
    // A list that can hand an item twice writes each once; nothing is resumed here, so the keys stay in memory.
    const keyOf = kindOf(job.list).uniqueKey;
    const written = new Set<string>();
    for await (const page of listingPages(clients, job, {}, { signal: controller.signal, onResumedAt: options.onResumedAt })) {
      const items = keyOf ? page.items.filter((item) => !written.has(keyOf(item)) && Boolean(written.add(keyOf(item)))) : page.items;
      await write(writer.page(items, itemsWritten));
      itemsWritten += items.length;
      pagesWritten++;
      options.onProgress?.({ itemsWritten, pagesWritten, byteLength });
      if (readerGone) {
        break;
      }
    }
    if (!readerGone) {
      await write(writer.end(itemsWritten));
    }
  } catch (error) {
    if (failure) {
      throw failure;
    }
    if (!readerGone) {
      throw error;
    }
  } finally {
    options.signal?.removeEventListener('abort', forwardAbort);
    sink.removeListener('error', gone);
  }
  return { itemsWritten, pagesWritten, byteLength, readerGone };
}
