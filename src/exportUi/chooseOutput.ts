import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type ExportJob } from '../core/export/checkpoint';
import { exportFormats, formatExtensions, formatFromPath, formatLabels, type ExportFormat } from '../core/records/formats';
import { addressOf, kindOf } from '../core/services/registry';
import { type ListRef } from '../core/lists';

export interface OutputChoice {
  readonly outputPath: string;
  readonly format: ExportFormat;
}

/** The save dialog; the format follows the file extension, or a quick pick when the extension names none. */
export async function chooseOutput(list: ListRef): Promise<OutputChoice | undefined> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? os.homedir();
  const uri = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export {0}', addressOf(list)),
    saveLabel: vscode.l10n.t('Export'),
    defaultUri: vscode.Uri.file(path.join(folder, `${defaultFileName(list)}.jsonl`)),
    filters: Object.fromEntries(exportFormats.map((format) => [formatLabels[format], [...formatExtensions[format]]])),
  });
  if (!uri) {
    return undefined;
  }
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Exports are written to a local file; {0} is not one.', uri.toString()));
    return undefined;
  }
  const format = formatFromPath(uri.fsPath) ?? (await vscode.window.showQuickPick(
    exportFormats.map((f) => ({ label: formatLabels[f], description: f === 'jsonl' ? 'one item per line (default)' : f === 'csv' ? 'header row, RFC 4180' : 'one array', format: f })),
    { title: vscode.l10n.t('Format of {0}', path.basename(uri.fsPath)), placeHolder: vscode.l10n.t('The file name has no .jsonl, .csv or .json extension') },
  ))?.format;
  return format ? { outputPath: uri.fsPath, format } : undefined;
}

/** A CSV export's cells and byte-order mark, from the settings (`export.csvRaw`, `export.csvBom`); nothing for other formats. */
export function csvSettings(format: ExportFormat): Pick<ExportJob, 'csv'> {
  const config = vscode.workspace.getConfiguration('pagedAwsExplorer');
  const raw = config.get<boolean>('export.csvRaw', false);
  const bom = config.get<boolean>('export.csvBom', false);
  return format === 'csv' && (raw || bom) ? { csv: { ...(raw ? { raw } : {}), ...(bom ? { bom } : {}) } } : {};
}

/**
 * For kinds whose records can be written more than one way (DynamoDB JSON or plain JSON): which. Undefined for the
 * kind's default (its first style, or a kind with one way), null when the user backs out.
 */
export async function chooseStyle(list: ListRef): Promise<string | undefined | null> {
  const styles = kindOf(list).exportStyles;
  if (!styles || styles.length < 2) {
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    styles.map((style, i) => ({ label: style.label, description: i === 0 ? 'default' : undefined, detail: style.description, style })),
    { title: vscode.l10n.t('Export {0}', addressOf(list)), placeHolder: vscode.l10n.t('How to write each item') },
  );
  if (!pick) {
    return null;
  }
  return pick.style === styles[0] ? undefined : pick.style.id;
}

/** "SNS-Topics", "my-bucket-objects", "my-topic-subscriptions": a file name that says what is in it. */
export function defaultFileName(list: ListRef): string {
  const kind = kindOf(list);
  const title = kind.title(list.params);
  const name = title.toLowerCase().includes(kind.itemNoun) ? title : `${title} ${kind.itemNoun}`;
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'listing';
}
