import { kindOf, listOptions, parseAddress, resourceKind } from '../core/services/registry';
import { type ListRef } from '../core/lists';

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
export function parseListArgument(text: string, folders: boolean, options: Readonly<Record<string, string>> = {}): ListArgument {
  let list: ListRef;
  try {
    list = withOptions(parseAddress(text), options);
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message);
  }
  const flatten = kindOf(list).flatten;
  if (flatten && !folders) {
    list = { kind: list.kind, params: flatten(list.params) };
  }
  return { list, region: regionOf(text.trim()) };
}

/**
 * The list with the parameters its kind's options set (`--start -24h` → `start`). An option of another kind is a usage
 * error naming the lists that take it.
 */
function withOptions(list: ListRef, given: Readonly<Record<string, string>>): ListRef {
  const kind = kindOf(list);
  const params: Record<string, string> = { ...list.params };
  for (const [flag, text] of Object.entries(given)) {
    const option = kind.options?.find((candidate) => candidate.flag === flag);
    if (!option) {
      const takers = listOptions.find((candidate) => candidate.flag === flag)?.kinds ?? [];
      const forms = takers.flatMap((id) => resourceKind(id).addressForms.map((form) => form.form));
      throw new UsageError(`--${flag} applies to ${forms.join(', ')} only.`);
    }
    params[option.param] = option.parse ? option.parse(text) : text;
  }
  return { kind: list.kind, params };
}

/** `arn:aws:sns:eu-west-1:…` → `eu-west-1`. */
function regionOf(address: string): string | undefined {
  return /^arn:[^:]*:[^:]*:([a-z0-9-]+):/.exec(address)?.[1];
}
