import { type ListAction } from '../service';
import { timeOf } from './time';
import * as l10n from '@vscode/l10n';

const RANGES = [
  { span: '-15m', label: () => l10n.t('Last 15 minutes') },
  { span: '-1h', label: () => l10n.t('Last hour') },
  { span: '-24h', label: () => l10n.t('Last 24 hours') },
  { span: '-7d', label: () => l10n.t('Last 7 days') },
] as const;

/**
 * Search Events… on a log group: a filter pattern and a time range; the matching events (FilterLogEvents) open under
 * the group, paged. The range is fixed when the search is made (epoch milliseconds in the list), so its pages and
 * Load more all read the same range.
 */
export const searchEvents: ListAction = {
  command: 'searchLogEvents',
  itemKind: 'logGroup',
  async open({ item }, _clients, prompter) {
    const group = item!.name;
    const title = l10n.t('Search {0}', group);
    const pattern = await prompter.input({
      title,
      prompt: l10n.t('A filter pattern: terms that must all appear (ERROR timeout), or a "quoted phrase". Empty: every event.'),
      placeholder: 'ERROR',
    });
    if (pattern === undefined) {
      return undefined;
    }
    const custom = 'custom';
    const span = await prompter.pick<string>({
      title,
      placeholder: l10n.t('Time range'),
      choices: [...RANGES.map((range) => ({ label: range.label(), value: range.span })), { label: l10n.t('Custom range…'), value: custom }],
    });
    if (span === undefined) {
      return undefined;
    }
    const now = Date.now();
    let start: number;
    let end = now;
    if (span === custom) {
      const valid = (text: string) => {
        try {
          timeOf(text, now);
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      };
      const from = await prompter.input({ title, prompt: l10n.t('From: an ISO 8601 date-time (UTC unless it says otherwise), or -24h, -7d…'), placeholder: '2026-11-30T08:00', validate: valid });
      if (from === undefined) {
        return undefined;
      }
      const to = await prompter.input({ title, prompt: l10n.t('To: an ISO 8601 date-time, or now'), value: 'now', validate: valid });
      if (to === undefined) {
        return undefined;
      }
      [start, end] = [timeOf(from, now), timeOf(to, now)];
    } else {
      start = timeOf(span, now);
    }
    return {
      kind: 'logs.search',
      params: { group, start: String(start), end: String(end), ...(pattern.trim() ? { pattern: pattern.trim() } : {}) },
    };
  },
};
