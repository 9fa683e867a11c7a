/**
 * An error whose message says all a user needs to know: shown as it is, not retried (see `describeProblem`). `kind`
 * names what it is when that is a missing resource or a denial, for the code that acts on it (a missing report is
 * "not found" as a missing bucket is).
 */
export class StatedError extends Error {
  constructor(message: string, readonly kind: 'other' | 'notFound' | 'accessDenied' = 'other') {
    super(message);
  }
}
