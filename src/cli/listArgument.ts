import { type ListRef } from '../core/services/kind';
import { kindOf, parseAddress } from '../core/services/registry';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ListArgument {
  readonly list: ListRef;
  /** The region the list lives in when its name says so (an ARN), used when no --region is given. */
  readonly region?: string;
}

/**
 * The list a command line names, read by the registry as every address is. A list shown as folders (an S3 prefix)
 * is exported with every item below it, unless `folders` asks for the one level the tree shows.
 */
export function parseListArgument(text: string, folders: boolean): ListArgument {
  let list: ListRef;
  try {
    list = parseAddress(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const flatten = kindOf(list).flatten;
  if (flatten && !folders) {
    list = { kind: list.kind, params: flatten(list.params) };
  }
  return { list, region: regionOf(text.trim()) };
}

/** `arn:aws:sns:eu-west-1:…` → `eu-west-1`. */
function regionOf(address: string): string | undefined {
  return /^arn:[^:]*:[^:]*:([a-z0-9-]+):/.exec(address)?.[1];
}
