import { services } from '../services/registry';

const REFUSED_TOKEN = services.flatMap((service) => service.errors?.refusedToken ?? []);

interface ErrorShape {
  name?: string;
  message?: string;
  Code?: string;
}

/** Is this the service refusing a pagination token (expired, foreign or corrupt)? */
export function isRefusedTokenError(error: unknown): boolean {
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
  return REFUSED_TOKEN.some((refused) => (name === refused.code || e?.Code === refused.code) && refused.message.test(text));
}
