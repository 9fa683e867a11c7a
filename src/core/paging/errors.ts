import { type ListRef } from '../lists';
import * as l10n from '@vscode/l10n';

/** The service handed back a token it had already given: following it would loop forever. */
export class RepeatedTokenError extends Error {
  override readonly name = 'RepeatedTokenError';
  constructor(readonly field: string, readonly list: ListRef) {
    super(l10n.t('The service returned the same {0} twice; stopped instead of looping forever.', field));
  }
}

/** The service refused a page token, and the list's kind found out why (a DynamoDB table whose key changed). */
export class RefusedTokenError extends Error {
  override readonly name = 'RefusedTokenError';
  constructor(message: string, override readonly cause: unknown) {
    super(message);
  }
}

/** Thrown when an `AbortSignal` stops a listing; `name` is `AbortError` like the SDK's own. */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  constructor(message?: string) {
    super(message ?? l10n.t('The operation was cancelled.'));
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
