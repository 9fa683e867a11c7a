import { formatCount } from '../numbers';
import { describeProblem, type Problem, type ProblemContext, type ProblemKind } from '../problems/problem';
import { type Checkpoint } from './checkpoint';
import { countOf } from './messages';
import { OutputLockedError } from './outputLock';
import * as l10n from '@vscode/l10n';

/** The output file is gone, shorter, or its bytes differ from what the checkpoint recorded: appending would corrupt it. */
export class OutputChangedError extends Error {
  override readonly name = 'OutputChangedError';
  constructor(readonly outputPath: string, readonly reason: 'deleted' | 'truncated' | 'modified') {
    super(reason === 'deleted'
      ? l10n.t('{0} was deleted since the export was interrupted, so it cannot be resumed. Start over to export it again.', outputPath)
      : reason === 'truncated'
        ? l10n.t('{0} was shortened since the export was interrupted, so it cannot be resumed. Start over to export it again.', outputPath)
        : l10n.t('{0} was modified since the export was interrupted, so it cannot be resumed. Start over to export it again.', outputPath));
  }
}

/** The checkpoint was written by an earlier version whose records had other field names: resuming would mix two shapes. */
export class OutdatedCheckpointError extends Error {
  override readonly name = 'OutdatedCheckpointError';
  constructor(readonly outputPath: string) {
    super(l10n.t('The unfinished export into {0} was started by an earlier version, which named the fields differently; resuming it would give the file two shapes. Start over to export it again.', outputPath));
  }
}

/** A resume was asked for, but there is no checkpoint of this list into this file. */
export class NoCheckpointError extends Error {
  override readonly name = 'NoCheckpointError';
  constructor(readonly outputPath: string) {
    super(l10n.t('There is no unfinished export of this list into {0} to resume.', outputPath));
  }
}

export type ExportProblemKind = ProblemKind | 'outputChanged' | 'noCheckpoint' | 'outdatedCheckpoint' | 'outputLocked';

export interface ExportProblem extends Omit<Problem, 'kind'> {
  readonly kind: ExportProblemKind;
  /** A checkpoint is kept and the export can go on from it later. */
  readonly resumable: boolean;
  /** Only a fresh export can help (the token was refused, the file changed). */
  readonly startOver: boolean;
}

/**
 * What went wrong with an export, in words a user can act on. `checkpoint` is the one kept, if any: with it,
 * cancellation and exhausted retries say that the export can be resumed.
 */
export function describeExportProblem(error: unknown, context: ProblemContext & { checkpoint?: Checkpoint } = {}): ExportProblem {
  if (error instanceof OutputChangedError) {
    return { kind: 'outputChanged', message: error.message, retryable: false, detail: error.name, resumable: false, startOver: true };
  }
  if (error instanceof OutdatedCheckpointError) {
    return { kind: 'outdatedCheckpoint', message: error.message, retryable: false, detail: error.name, resumable: false, startOver: true };
  }
  if (error instanceof OutputLockedError) {
    return { kind: 'outputLocked', message: error.message, retryable: false, detail: error.name, resumable: false, startOver: false };
  }
  if (error instanceof NoCheckpointError) {
    return { kind: 'noCheckpoint', message: error.message, retryable: false, detail: error.name, resumable: false, startOver: true };
  }
  const problem = describeProblem(error, context);
  const kept = context.checkpoint;
  if (problem.kind === 'refusedToken') {
    return { ...problem, resumable: false, startOver: true,
      message: kept?.itemsWritten ? l10n.t('{0} That writes the {1} already exported again; the checkpoint is kept until then.', problem.message, countOf(kept.job.list, kept.itemsWritten)) : problem.message };
  }
  if (!kept) {
    return { ...problem, resumable: false, startOver: false };
  }
  const message = problem.kind === 'cancelled'
    ? l10n.t('Export cancelled; {0} items are saved and it can be resumed.', formatCount(kept.itemsWritten))
    : l10n.t('{0} The export can be resumed: {1} items are saved.', problem.message, formatCount(kept.itemsWritten));
  return { ...problem, message, resumable: true, startOver: false };
}
