import { type Value } from '../lists';

/**
 * An SDK output shape as the AWS CLI prints it: its fields under the API's names, in the order the service gave them,
 * dates in ISO 8601, lists and structures kept, absent fields left out.
 */
export function plain(value: unknown): Value {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Value> = {};
    for (const [key, field] of Object.entries(value)) {
      if (field !== undefined) {
        out[key] = plain(field);
      }
    }
    return out;
  }
  return value as Value;
}
