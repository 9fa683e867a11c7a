import { type AwsClients, type SendOptions } from '../../../aws/clients';
import { type Params } from '../../../lists';
import { formatBytes, formatCount, roughDuration } from '../../../numbers';
import { type ListAlternative } from '../../kind';
import { listConfigurations, reportLocation } from './configurations';
import { reportStamps, stampTime } from './destination';
import { readManifest } from './manifest';
import * as l10n from '@vscode/l10n';

// A bucket's recent inventory report, offered beside its live listing by Export Full Listing… and Summarize…

const WEEK_MS = 7 * 86_400_000;
/** Compressed bytes a row takes in a data file, about (a key of ~60 characters and its fields): for the estimates only. */
const BYTES_PER_ROW: Readonly<Record<string, number>> = { CSV: 40, Parquet: 35 };
/** What a report is read at, about, on one core (see docs/benchmarks.md): for the estimates only. */
const ROWS_PER_SECOND = 150_000;

/** The newest report of each configuration of the whole bucket, when it is younger than a week. */
export async function inventoryAlternatives(clients: AwsClients, params: Params, send: SendOptions, now = Date.now()): Promise<readonly ListAlternative[]> {
  if (params.prefix || params.filter) {
    return [];
  }
  const alternatives: ListAlternative[] = [];
  for (const configuration of await listConfigurations(clients, params.bucket, send).catch(() => [])) {
    const format = configuration.Destination?.S3BucketDestination?.Format ?? '';
    if (!configuration.Id || configuration.Filter?.Prefix || !(format in BYTES_PER_ROW)) {
      continue;
    }
    const place = { bucket: params.bucket, config: configuration.Id, format, destination: reportLocation(params.bucket, configuration) };
    const newest = (await reportStamps(clients, place, send).catch(() => []))[0];
    if (!newest || now - Date.parse(stampTime(newest)) > WEEK_MS) {
      continue;
    }
    const manifest = await readManifest(clients, place, newest, send).catch(() => undefined);
    if (!manifest) {
      continue;
    }
    const bytes = manifest.files.reduce((sum, file) => sum + file.size, 0);
    const items = Math.round(bytes / BYTES_PER_ROW[format]);
    alternatives.push({
      list: { kind: 's3.inventory', params: { bucket: params.bucket, config: configuration.Id, report: newest } },
      label: l10n.t('From the inventory of {0}', stampTime(newest).slice(0, 10)),
      detail: l10n.t('{0}: about {1} objects as of that date, {2} in {3} files; about {4} to read', configuration.Id, formatCount(items), formatBytes(bytes), manifest.files.length, roughDuration(items / ROWS_PER_SECOND)),
      items,
    });
  }
  return alternatives;
}
