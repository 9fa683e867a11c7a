import { addressForms } from '../core/services/registry';
import { usage } from './options';
import { summarizeUsage } from './summarize';

/** Where the generated parts of docs/cli.md begin and end: the rest of the manual is prose, written by hand. */
export const MANUAL_MARKS = {
  addresses: ['<!-- addresses: generated from the registry by `npm run docs:cli` -->', '<!-- end of addresses -->'],
  help: ['<!-- help: generated from `paged-aws-export --help` by `npm run docs:cli` -->', '<!-- end of help -->'],
  summarize: ['<!-- summarize: generated from `paged-aws-export summarize --help` by `npm run docs:cli` -->', '<!-- end of summarize -->'],
} as const;

/**
 * The parts of the manual that come from the same source as `--help`: every address form of every kind, and the help
 * itself, so a new service or option appears in docs/cli.md when `npm run docs:cli` runs (a test checks it is current).
 */
export function manualParts(): Record<keyof typeof MANUAL_MARKS, string> {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  return {
    addresses: ['| Address | The list |', '| --- | --- |', ...addressForms.map((form) => `| \`${escape(form.form)}\` | ${escape(form.description)} |`)].join('\n'),
    help: ['```text', usage, '```'].join('\n'),
    summarize: ['```text', summarizeUsage, '```'].join('\n'),
  };
}

/** The manual with its generated parts replaced by `parts`. */
export function withManualParts(manual: string, parts: Record<keyof typeof MANUAL_MARKS, string>): string {
  let text = manual;
  for (const [name, [begin, end]] of Object.entries(MANUAL_MARKS) as Array<[keyof typeof MANUAL_MARKS, readonly [string, string]]>) {
    const from = text.indexOf(begin);
    const to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new Error(`docs/cli.md has no ${begin} … ${end} section`);
    }
    text = `${text.slice(0, from + begin.length)}\n${parts[name]}\n${text.slice(to)}`;
  }
  return text;
}
