import { type ListRef } from '../lists';

/**
 * One contiguous run of a parallel export's items, in key order. It is either a list of its own (a folder's keys,
 * listed by a worker) or items the splitting listing already returned (keys beside the folders). Its items are
 * written to a part file first and copied into the output once every part before it is there.
 */
export interface PartState {
  /** Names the part file (`<number>.part`); parts are numbered in key order. */
  readonly number: number;
  /** The list a worker pages through; undefined for items the splitting listing already returned. */
  readonly list?: ListRef;
  /** False until the first page of `list` was written: such a part starts from scratch. */
  readonly started: boolean;
  /** Token of the part's next page, while it is being listed. */
  readonly nextToken?: string;
  /** The part's list's position after its last item written, where the kind has positions (see `Checkpoint.after`). */
  readonly after?: string;
  /** Every item of the part is in its part file. */
  readonly done: boolean;
  /** The part file's checkpointed length and SHA-256 (hex), as for the output. */
  readonly byteLength: number;
  readonly sha256: string;
  readonly items: number;
  readonly pages: number;
}

/**
 * What a parallel export adds to a checkpoint: the progress of the splitting listing, and every part not yet
 * copied into the output with its own token. The checkpoint's `byteLength`/`sha256` are the output's, holding
 * `outputItems` items; its `itemsWritten` counts those plus the items in part files.
 */
export interface ParallelState {
  readonly version: 1;
  /** Token of the splitting listing's next page; undefined with `splitDone` once every page was split. */
  readonly splitToken?: string;
  /** The splitting listing's position after its last page, where the kind has positions. */
  readonly splitAfter?: string;
  readonly splitDone: boolean;
  readonly nextPartNumber: number;
  readonly outputItems: number;
  readonly outputPages: number;
  /** Parts not yet copied into the output, in key order. */
  readonly parts: readonly PartState[];
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Is a value read back from disk a well-formed parallel state? */
export function isParallelState(value: unknown): value is ParallelState {
  const state = value as ParallelState | undefined;
  return typeof state === 'object' && state !== null && state.version === 1
    && typeof state.splitDone === 'boolean'
    && (state.splitToken === undefined || (typeof state.splitToken === 'string' && state.splitToken !== ''))
    && (state.splitAfter === undefined || typeof state.splitAfter === 'string')
    && Number.isSafeInteger(state.nextPartNumber) && Number.isSafeInteger(state.outputItems) && Number.isSafeInteger(state.outputPages)
    && Array.isArray(state.parts) && state.parts.every(isPartState);
}

function isPartState(value: unknown): value is PartState {
  const part = value as PartState | undefined;
  return typeof part === 'object' && part !== null
    && Number.isSafeInteger(part.number) && part.number >= 0
    && (part.list === undefined || (typeof part.list.kind === 'string' && typeof part.list.params === 'object' && part.list.params !== null))
    && typeof part.started === 'boolean' && typeof part.done === 'boolean'
    && (part.nextToken === undefined || typeof part.nextToken === 'string')
    && (part.after === undefined || typeof part.after === 'string')
    && Number.isSafeInteger(part.byteLength) && part.byteLength >= 0 && typeof part.sha256 === 'string' && SHA256.test(part.sha256)
    && Number.isSafeInteger(part.items) && Number.isSafeInteger(part.pages);
}
