import { type Params } from '../lists';
import * as l10n from '@vscode/l10n';

// A list kind's address facet: how the one address grammar (registry.ts, beside this file: parseAddress, addressOf)
// writes and reads lists of the kind. The CLI's `<list>`, Go to…, favorites and checkpoint titles all use it.

/** One way to write a kind's address, for `--help` and input placeholders. */
export interface AddressForm {
  /** As the help shows it: `s3://bucket/prefix/`. */
  readonly form: string;
  /** A concrete address of that form; the tests parse every one. */
  readonly example: string;
  readonly description: string;
}

/** A command-line option of a kind (see `ListAddress.options`). */
export interface ListOption {
  /** Without the dashes: `start` is `--start`. */
  readonly flag: string;
  /** The parameter it sets. */
  readonly param: string;
  /** What the help shows after the flag: `TIME`. */
  readonly value: string;
  readonly description: string;
  /** The parameter's value for the text given; throws `AddressError` saying what is wrong. Default: the text. */
  parse?(text: string): string;
}

/** The text names a list of this kind, but not a valid one: says what is wrong with it. */
export class AddressError extends Error {
  override readonly name = 'AddressError';
}

export interface ListAddress {
  /**
   * The list's address: what the CLI takes, quick picks show and checkpoints are titled with, e.g. `sns:topics` or
   * `s3://bucket/prefix/`. `parseAddress` reads it back.
   */
  address(params: Params): string;
  /**
   * The params of an address of this kind; undefined when the text is not one. Throws `AddressError` when the text
   * is of this kind's form but cannot name a list (a subscription ARN where a topic ARN is needed).
   */
  parseAddress(text: string): Params | undefined;
  /** The address forms this kind reads, for `--help` and prompts; empty for lists only reached through the tree. */
  readonly addressForms: readonly AddressForm[];
  /**
   * Command-line options that set a parameter of this kind's lists (`--start -24h` for a Logs search), so the CLI
   * takes them without knowing the service.
   */
  readonly options?: readonly ListOption[];
}

/** `base?prefix=…`: the address of a list narrowed by its `filterParam`, for kinds whose address has no room for it. */
export function withPrefixQuery(base: string, prefix: string | undefined): string {
  return prefix ? `${base}?prefix=${encodeURIComponent(prefix)}` : base;
}

/** Reads `base` or `base?prefix=…` back: the prefix ('' for none), or undefined when `text` is not `base`. */
export function prefixQueryOf(text: string, base: string): string | undefined {
  if (text === base) {
    return '';
  }
  if (!text.startsWith(`${base}?`)) {
    return undefined;
  }
  const query = new URLSearchParams(text.slice(base.length + 1));
  const unknown = [...query.keys()].filter((key) => key !== 'prefix');
  if (unknown.length) {
    throw new AddressError(l10n.t('{0} takes ?prefix=… only, not {1}.', base, unknown.join(', ')));
  }
  return query.get('prefix') ?? '';
}
