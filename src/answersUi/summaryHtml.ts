import { formatBytes, formatCount } from '../core/numbers';
import { share, timeOf, type SummaryDocument, type TopRow } from '../core/answers/summaryReport';
import * as l10n from '@vscode/l10n';

// The summary's page in a webview: a bar chart per grouping (SVG, its bars drawn by attributes so the content
// security policy needs no inline styles) with an accessible table under each, and the largest, newest and oldest
// items. Themed with VS Code's colours; no remote content, scripts only with the page's nonce.

/** Groups drawn as bars; the table under the chart lists up to `TABLE_ROWS` (Save as CSV has them all). */
const CHART_BARS = 20;
const TABLE_ROWS = 200;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function summaryHtml(doc: SummaryDocument, nonce: string): string {
  const sized = doc.bytes !== undefined;
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  const totals = sized
    ? l10n.t('{0} {1}, {2}, as of {3}', formatCount(doc.items), doc.itemNoun, formatBytes(doc.bytes!), doc.asOf)
    : l10n.t('{0} {1}, as of {2}', formatCount(doc.items), doc.itemNoun, doc.asOf);
  const sections = doc.groupings.map((grouping) => {
    const rows = grouping.groups.map((g) => ({ name: g.name, count: g.count, bytes: g.bytes }));
    if (grouping.other) {
      rows.push({ name: l10n.t('other'), count: grouping.other.count, bytes: grouping.other.bytes });
    }
    return `<section aria-labelledby="${escape(grouping.id)}">
<h2 id="${escape(grouping.id)}">${escape(grouping.label)}</h2>
${rows.length ? chart(rows.slice(0, CHART_BARS), sized, grouping.label) : `<p>${escape(l10n.t('No {0}', doc.itemNoun))}</p>`}
${rows.length ? groupTable(rows.slice(0, TABLE_ROWS), sized, doc, grouping.id) : ''}
${rows.length > TABLE_ROWS ? `<p>${escape(l10n.t('{0} more groups: Save as CSV… lists them all.', formatCount(rows.length - TABLE_ROWS)))}</p>` : ''}
</section>`;
  });
  const tops = [
    [l10n.t('Largest {0}', formatCount(doc.largest?.length ?? 0)), doc.largest, (row: TopRow) => formatBytes(Number(row.record.Size ?? 0))],
    [l10n.t('Newest {0}', formatCount(doc.newest?.length ?? 0)), doc.newest, timeOf],
    [l10n.t('Oldest {0}', formatCount(doc.oldest?.length ?? 0)), doc.oldest, timeOf],
  ] as const;
  const topSections = tops.filter(([, rows]) => rows?.length).map(([title, rows, value]) => `<section>
<h2>${escape(title)}</h2>
<table><thead><tr><th scope="col" class="name">${escape(l10n.t('Name'))}</th><th scope="col"></th></tr></thead>
<tbody>${rows!.map((row) => `<tr><td class="name">${escape(row.name)}</td><td>${escape(value(row))}</td></tr>`).join('')}</tbody></table>
</section>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escape(l10n.t('Summary of {0}', doc.list))}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 20px; }
h1 { font-size: 1.4em; font-weight: 600; }
h2 { font-size: 1.1em; font-weight: 600; margin-top: 1.6em; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; margin-right: 6px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
svg .bar { fill: var(--vscode-charts-blue); }
svg text { fill: var(--vscode-foreground); font-size: 12px; }
table { border-collapse: collapse; margin-top: 8px; }
th, td { padding: 2px 10px; text-align: right; border-bottom: 1px solid var(--vscode-widget-border, transparent); }
th.name, td.name { text-align: left; max-width: 40em; overflow-wrap: anywhere; }
</style>
</head>
<body>
<h1>${escape(l10n.t('Summary of {0}', doc.list))}</h1>
<p id="totals">${escape(totals)}</p>
<div role="toolbar">
<button id="copyMarkdown">${escape(l10n.t('Copy as Markdown'))}</button>
<button id="saveJson">${escape(l10n.t('Save as JSON…'))}</button>
<button id="saveCsv">${escape(l10n.t('Save as CSV…'))}</button>
</div>
${sections.join('\n')}
${topSections.join('\n')}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const id of ['copyMarkdown', 'saveJson', 'saveCsv']) {
  document.getElementById(id).addEventListener('click', () => vscode.postMessage({ command: id }));
}
</script>
</body>
</html>`;
}

interface GroupRow {
  readonly name: string;
  readonly count: number;
  readonly bytes?: number;
}

/** Horizontal bars of the groups' bytes where items have sizes, else of their counts. Hidden from screen readers: the table says the same. */
function chart(rows: readonly GroupRow[], sized: boolean, label: string): string {
  const value = (row: GroupRow) => (sized ? row.bytes ?? 0 : row.count);
  const max = Math.max(1, ...rows.map(value));
  const height = 22;
  const labelWidth = 220;
  const barWidth = 360;
  const bars = rows.map((row, i) => {
    const y = i * height;
    const width = Math.max(value(row) > 0 ? 1 : 0, Math.round((value(row) / max) * barWidth));
    const name = row.name.length > 32 ? `${row.name.slice(0, 31)}…` : row.name;
    return `<text x="0" y="${y + 15}">${escape(name)}</text><rect class="bar" x="${labelWidth}" y="${y + 3}" width="${width}" height="${height - 6}"></rect>`
      + `<text x="${labelWidth + width + 6}" y="${y + 15}">${escape(sized ? formatBytes(value(row)) : formatCount(value(row)))}</text>`;
  });
  return `<svg aria-hidden="true" data-chart="${escape(label)}" width="${labelWidth + barWidth + 90}" height="${rows.length * height}">${bars.join('')}</svg>`;
}

function groupTable(rows: readonly GroupRow[], sized: boolean, doc: SummaryDocument, caption: string): string {
  const header = [escape(caption), escape(doc.itemNoun), '%', ...(sized ? [escape(l10n.t('size')), '%'] : [])];
  const body = rows.map((row) => `<tr><td class="name">${escape(row.name)}</td><td>${formatCount(row.count)}</td><td>${share(row.count, doc.items)}</td>${
    sized ? `<td>${escape(formatBytes(row.bytes ?? 0))}</td><td>${share(row.bytes ?? 0, doc.bytes ?? 0)}</td>` : ''}</tr>`);
  return `<table><thead><tr>${header.map((h, i) => `<th scope="col"${i === 0 ? ' class="name"' : ''}>${h}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}
