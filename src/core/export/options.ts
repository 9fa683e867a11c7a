import { type CheckpointStore, type ExportJob } from './checkpoint';

// What an export is run with and reports, shared by the sequential and the parallel export.

export interface ExportProgress {
  readonly itemsWritten: number;
  readonly pagesWritten: number;
  readonly byteLength: number;
  /** For a list that writes only some of what it reads (a find, read one request at a time): the items read so far. */
  readonly itemsScanned?: number;
}

export interface ExportResult extends ExportProgress {
  readonly job: ExportJob;
}

export interface ExportOptions {
  readonly store: CheckpointStore;
  /** Who runs the export ("VS Code", "paged-aws-export"): the lock on the output names it to a second export. */
  readonly tool?: string;
  /** Stops the export between pages or during a request. Whatever was checkpointed stays resumable. */
  readonly signal?: AbortSignal;
  /** Called after each page is written and checkpointed. */
  readonly onProgress?: (progress: ExportProgress) => void;
  /**
   * Told when the service refused a page token and the export went on after the last item written (`after`, the
   * kind's position) instead: nothing is lost or written twice, but a user may want to know.
   */
  readonly onResumedAt?: (after: string, refusal: unknown) => void;
  /** Recursive S3 listings: how many parts (top-level folders) to list at once; 1 or none lists sequentially. */
  readonly parallelism?: number;
}
