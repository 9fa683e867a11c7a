import { ExactNumber, type Value } from './lists';

/** What JSON accepts as a number; anything else an ExactNumber holds is written as a string instead of breaking the file. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * JSON text of a value, as JSON.stringify writes it, except that an `ExactNumber` is written as its own digits (a
 * 38-digit DynamoDB number stays 38 digits). `indent` pretty-prints, as JSON.stringify's third argument does.
 */
export function exactJson(value: Value, indent = 0): string {
  return write(value, indent > 0 ? ' '.repeat(indent) : '', '');
}

function write(value: Value, step: string, margin: string): string {
  if (value instanceof ExactNumber) {
    return JSON_NUMBER.test(value.text) ? value.text : JSON.stringify(value.text);
  }
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  const inner = margin + step;
  const [open, close, separator] = step ? [`\n${inner}`, `\n${margin}`, `,\n${inner}`] : ['', '', ','];
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[${open}${value.map((item: Value) => write(item, step, inner)).join(separator)}${close}]`;
  }
  const entries = Object.entries(value as { readonly [key: string]: Value }).filter(([, item]) => item !== undefined);
  const colon = step ? ': ' : ':';
  return entries.length === 0 ? '{}' : `{${open}${entries.map(([key, item]) => `${JSON.stringify(key)}${colon}${write(item, step, inner)}`).join(separator)}${close}}`;
}
