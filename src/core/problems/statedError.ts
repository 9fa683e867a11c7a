/** An error whose message says all a user needs to know: shown as it is, not retried (see `describeProblem`). */
export class StatedError extends Error {}
