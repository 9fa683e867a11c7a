import * as l10n from '@vscode/l10n';

// What Find in List… looks for: a pattern on an item's name or on one field of its record. Plain strings, so a find
// fits in a list's params (a checkpoint, a Load more row, a favorite) and means the same thing when resumed.

/** How the pattern text is read: a substring anywhere, a glob on the whole text (`*`, `?`), or a regular expression. */
export type FindMode = 'text' | 'glob' | 'regex';

export interface FindPattern {
  readonly pattern: string;
  readonly mode: FindMode;
  readonly ignoreCase: boolean;
  /** A field of the record (`StorageClass`, `State.Name`); undefined: the item's name. */
  readonly field?: string;
}

/**
 * The pattern a user typed, read as the find box reads it: `/…/` (or `/…/i`) is a regular expression, text with `*`
 * or `?` a glob on the whole name, anything else a substring. `regex` reads the text as a regular expression as is.
 */
export function readPattern(text: string, options: { readonly regex?: boolean; readonly ignoreCase?: boolean; readonly field?: string } = {}): FindPattern {
  const field = options.field?.trim() || undefined;
  const slashed = /^\/(.+)\/(i?)$/s.exec(text);
  const [pattern, mode, flagI] = options.regex ? [text, 'regex' as const, false]
    : slashed ? [slashed[1], 'regex' as const, slashed[2] === 'i']
      : /[*?]/.test(text) ? [text, 'glob' as const, false] : [text, 'text' as const, false];
  const found: FindPattern = { pattern, mode, ignoreCase: Boolean(options.ignoreCase) || flagI, ...(field ? { field } : {}) };
  const problem = patternProblem(found);
  if (problem) {
    throw new PatternError(problem);
  }
  return found;
}

export class PatternError extends Error {
  override readonly name = 'PatternError';
}

/** Why the pattern cannot be used, or undefined: for input boxes. */
export function patternProblem(find: FindPattern): string | undefined {
  if (find.pattern === '') {
    return l10n.t('Enter what to find: text, a glob with * and ?, or /a regular expression/.');
  }
  if (find.mode === 'regex') {
    try {
      new RegExp(find.pattern, 'u');
    } catch (error) {
      return l10n.t('Not a regular expression: {0}', (error as Error).message);
    }
  }
  return undefined;
}

/** A test of one text against the pattern. */
export function matcherOf(find: FindPattern): (text: string) => boolean {
  if (find.mode === 'text' && !find.ignoreCase) {
    return (text) => text.includes(find.pattern);
  }
  const source = find.mode === 'regex' ? find.pattern
    : find.mode === 'glob' ? `^${[...find.pattern].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : escapeRegex(char))).join('')}$`
      : escapeRegex(find.pattern);
  // `s`: a key may hold a newline, and `*` matches it as it matches anything else.
  const regex = new RegExp(source, `su${find.ignoreCase ? 'i' : ''}`);
  return (text) => regex.test(text);
}

/**
 * The text every match starts with, for the server to narrow the list by (S3's `Prefix`, SQS's `QueueNamePrefix`):
 * a glob's text before its first wildcard, a regular expression's `^` and plain characters after it. '' when matches
 * may start with anything (a substring; any pattern that ignores case).
 */
export function literalPrefixOf(find: FindPattern): string {
  if (find.ignoreCase) {
    return '';
  }
  if (find.mode === 'glob') {
    return find.pattern.slice(0, find.pattern.search(/[*?]/));
  }
  if (find.mode === 'regex' && find.pattern.startsWith('^') && !/^\^[^|]*\|/.test(find.pattern) && !find.pattern.includes('|')) {
    let prefix = '';
    for (let index = 1; index < find.pattern.length; index++) {
      const char = find.pattern[index];
      if (char === '\\') {
        const next = find.pattern[index + 1];
        if (next === undefined || /[\w]/.test(next)) {
          break;
        }
        prefix += next;
        index++;
      } else if (/[.*+?()[\]{}|^$]/.test(char)) {
        // A quantifier applies to the character before it, which then may be missing or repeated.
        if (/[*+?{]/.test(char)) {
          prefix = prefix.slice(0, -1);
        }
        break;
      } else {
        prefix += char;
      }
    }
    return prefix;
  }
  return '';
}

/** The pattern as the Find node's label and messages show it: `invoice`, `*.jpg`, `/^a\d+/i`, `StorageClass: GLACIER`. */
export function describePattern(find: FindPattern): string {
  const text = find.mode === 'regex' ? `/${find.pattern}/${find.ignoreCase ? 'i' : ''}` : find.ignoreCase ? l10n.t('{0} (any case)', find.pattern) : find.pattern;
  return find.field ? `${find.field}: ${text}` : text;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
