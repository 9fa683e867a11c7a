import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { load } from './sdk';
import { ExactNumber, type Value } from '../../lists';

/** A DynamoDB item or key as the SDK returns it: attribute name → typed value (`{ "S": "…" }`, `{ "N": "12" }`…). */
export type TypedItem = Record<string, AttributeValue>;

/**
 * The item in DynamoDB JSON, the typed form the service itself writes (Export to S3 as DYNAMODB_JSON; ImportTable
 * reads it back): numbers stay strings, binary values become base64. Nothing is rounded.
 */
export function typedJson(item: TypedItem): { readonly [name: string]: Value } {
  // Built from entries: an attribute may be named `__proto__`, which an assignment would take for the prototype.
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, typedValue(value)]));
}

function typedValue(value: AttributeValue): Value {
  if (value.B !== undefined) {
    return { B: base64(value.B) };
  }
  if (value.BS !== undefined) {
    return { BS: value.BS.map(base64) };
  }
  if (value.L !== undefined) {
    return { L: value.L.map(typedValue) };
  }
  if (value.M !== undefined) {
    return { M: typedJson(value.M) };
  }
  return value as unknown as Value;
}

/**
 * The item as plain JSON (`--plain`): each value untyped by the SDK's own unmarshall, numbers written with every
 * digit (never rounded to a JavaScript number), sets as arrays in the service's order, binary as base64, NULL as null.
 */
export function plainJson(typed: { readonly [name: string]: Value }): { readonly [name: string]: Value } {
  const native = load().util.unmarshall(typed as unknown as TypedItem, { wrapNumbers: (text: string) => new ExactNumber(text) });
  return plainValue(native) as { readonly [name: string]: Value };
}

function plainValue(value: unknown): Value {
  if (value instanceof ExactNumber || value === null || typeof value !== 'object') {
    return value as Value;
  }
  if (value instanceof Set) {
    return [...value].map(plainValue);
  }
  if (value instanceof Uint8Array) {
    return base64(value);
  }
  if (Array.isArray(value)) {
    return value.map(plainValue);
  }
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, plainValue(item)]));
}

/** A key attribute's value as text: what a label, a CSV cell and the Query form show (S, N digits, B base64). */
export function keyText(value: Value | undefined): string {
  const typed = value as { S?: string; N?: string; B?: string } | undefined;
  return typed?.S ?? typed?.N ?? typed?.B ?? '';
}

/**
 * A key (LastEvaluatedKey, an item's primary key) as one canonical text: its typed JSON with the attributes in name
 * order, binary as base64. The same key is always the same text, so a Load more row and a checkpoint can hold it and
 * a repeated key is seen as such.
 */
export function encodeKey(key: TypedItem): string {
  const json = typedJson(key);
  return JSON.stringify(Object.fromEntries(Object.keys(json).sort().map((name) => [name, json[name]])));
}

/** `encodeKey` read back into the SDK's form (ExclusiveStartKey). */
export function decodeKey(text: string): TypedItem {
  const json = JSON.parse(text) as Record<string, { B?: string; S?: string; N?: string }>;
  return Object.fromEntries(Object.entries(json).map(([name, value]) =>
    [name, value.B !== undefined ? { B: Buffer.from(value.B, 'base64') } : value] as [string, AttributeValue]));
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
