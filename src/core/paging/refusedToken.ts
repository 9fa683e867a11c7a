/** How a service says it refused a page token: its error code, and the words of the message that say so. */
export interface RefusedTokenRule {
  readonly code: string;
  readonly message: RegExp;
}

interface ErrorShape {
  name?: string;
  message?: string;
  Code?: string;
}

/** Is this the service refusing a pagination token (expired, foreign or corrupt), by the common names or a service's `rules`? */
export function isRefusedTokenError(error: unknown, rules: readonly RefusedTokenRule[]): boolean {
  const e = error as ErrorShape;
  const name = e?.name ?? '';
  const text = `${e?.message ?? ''}`;
  if (name === 'InvalidToken' || name === 'InvalidTokenException' || name === 'ExpiredTokenException' && /token/i.test(text) && /next|continuation|pagination/i.test(text)) {
    return true;
  }
  if ((name === 'InvalidParameterException' || name === 'InvalidParameter' || e?.Code === 'InvalidParameter' || name === 'ValidationException')
    && /(next|continuation|pagination)\s*token|nexttoken/i.test(text)) {
    return true;
  }
  return rules.some((refused) => (name === refused.code || e?.Code === refused.code) && refused.message.test(text));
}
