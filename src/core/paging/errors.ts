import { type ListRef } from '../services/kind';

/** The service handed back a token it had already given: following it would loop forever. */
export class RepeatedTokenError extends Error {
  override readonly name = 'RepeatedTokenError';
  constructor(readonly field: string, readonly list: ListRef) {
    super(`The service returned the same ${field} twice; stopped instead of looping forever.`);
  }
}

/** Thrown when an `AbortSignal` stops a listing; `name` is `AbortError` like the SDK's own. */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'The operation was cancelled.') {
    super(message);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AbortError();
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
