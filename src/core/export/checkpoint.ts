import { createHash } from 'node:crypto';
import { connectionParts, type Connection } from '../aws/connection';
import { type CsvOptions, type ExportFormat } from '../records/formats';
import type { ParallelState } from './parallelCheckpoint';
import { listKey, type ListRef } from '../lists';

/** Where requests go: the parts of a connection that change what a listing returns. No credentials. */
export interface ListingTarget {
  readonly profile: string;
  /** True when the profile was chosen explicitly (setting, flag, `AWS_PROFILE`), not the "default" fallback. */
  readonly profileExplicit: boolean;
  readonly region: string;
  readonly endpointUrl?: string;
}

export function listingTarget(connection: Connection): ListingTarget {
  const { profile, profileExplicit, region, endpointUrl } = connection;
  return { profile, profileExplicit, region, ...(endpointUrl ? { endpointUrl } : {}) };
}

/** Everything that decides which bytes an export writes. A resume must use exactly these. */
export interface ExportJob {
  readonly target: ListingTarget;
  readonly list: ListRef;
  /** Items per request; sent with every request of the listing, resumed ones included. */
  readonly pageSize: number;
  /** Absolute path of the output file. */
  readonly outputPath: string;
  readonly format: ExportFormat;
  /** How the records are written, for kinds with more than one way (`plain` DynamoDB items); absent: the kind's default. */
  readonly style?: string;
  /** CSV only: how cells are written (see `CsvOptions`). */
  readonly csv?: CsvOptions;
  /**
   * When the export started (ISO 8601): relative parameters of its list (`start=-24h`) are measured from it, by the
   * first run and by every resume alike. Set by `startExport`.
   */
  readonly asOf?: string;
}

/**
 * The checkpoints this version writes. 2: records carry the API's field names (`Key`, `TopicArn`…); a checkpoint of
 * version 1 points into a file of the older names and is never resumed into (the file would hold two shapes).
 */
export const CHECKPOINT_VERSION = 2;

/** What a checkpoint keeps of the written keys: the keys file's length and SHA-256, as for the output. */
export interface WrittenKeysState {
  readonly byteLength: number;
  readonly sha256: string;
}

/** The state of an unfinished export after its last complete page. Saved after every page, deleted on success. */
export interface Checkpoint {
  /** `CHECKPOINT_VERSION`, or an older one read back (it can only be started over). */
  readonly version: number;
  /** Derived from the job by `checkpointId`, never chosen by a caller. */
  readonly id: string;
  readonly job: ExportJob;
  /** The token of the first page not yet written ('' for a parallel export: its parts keep their own tokens). */
  readonly nextToken: string;
  /**
   * Where the list's kind has a stable position (S3's key order): the position after the last item written. Should
   * the service refuse `nextToken` (expired), the export goes on from here, without starting over.
   */
  readonly after?: string;
  /** For a list whose items can come twice: the keys file of the items written (see writtenKeys.ts). */
  readonly keys?: WrittenKeysState;
  readonly itemsWritten: number;
  readonly pagesWritten: number;
  /** For a list that writes only some of what it reads (a find): the items read so far. */
  readonly itemsScanned?: number;
  /** The output's length when this page ended; anything after it is a half-written page and is cut off on resume. */
  readonly byteLength: number;
  /** SHA-256 (hex) of the output's first `byteLength` bytes: tells whether the file was changed or deleted since. */
  readonly sha256: string;
  /** ISO timestamps. */
  readonly startedAt: string;
  readonly updatedAt: string;
  /** Set when the export lists the key space in parallel parts (see parallelExport.ts). */
  readonly parallel?: ParallelState;
}

/** Keeps checkpoints somewhere durable. Implementations must replace a checkpoint atomically. */
export interface CheckpointStore {
  load(id: string): Promise<Checkpoint | undefined>;
  /**
   * Replaces the checkpoint of `checkpoint.id`. When `after` is given (the flush of the bytes the checkpoint counts),
   * the new checkpoint takes effect only once it has resolved, and the save fails if it rejects.
   */
  save(checkpoint: Checkpoint, after?: Promise<unknown>): Promise<void>;
  delete(id: string): Promise<void>;
  /** Every stored checkpoint, most recently updated first. */
  list(): Promise<Checkpoint[]>;
}

/**
 * The id of the checkpoint of a listing written to a file: the same list from the same place into the same file
 * finds the same checkpoint. Page size and format are not part of it: a resume reuses the saved ones.
 */
export function checkpointId(job: Pick<ExportJob, 'target' | 'list' | 'outputPath'>): string {
  const identity = JSON.stringify([1, ...connectionParts(job.target), listKey(job.list), job.outputPath]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/** Do two jobs write the same list from the same place into the same file, the same way? */
export function sameJob(a: ExportJob, b: ExportJob): boolean {
  return checkpointId(a) === checkpointId(b) && a.pageSize === b.pageSize && a.format === b.format && a.style === b.style
    && Boolean(a.csv?.raw) === Boolean(b.csv?.raw) && Boolean(a.csv?.bom) === Boolean(b.csv?.bom);
}
