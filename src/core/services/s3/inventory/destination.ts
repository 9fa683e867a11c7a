import type { InventoryConfiguration } from '@aws-sdk/client-s3';
import { type AwsClients, type SendOptions } from '../../../aws/clients';
import { StatedError } from '../../../problems/statedError';
import { s3Client } from '../client';
import { load } from '../sdk';
import { fetchConfiguration, listConfigurations, reportLocation } from './configurations';
import * as l10n from '@vscode/l10n';

// Where a configuration's reports are, and which reports there are: read from the destination bucket, which may be
// another account's.

/** A configuration, resolved to where its reports are written. */
export interface ReportPlace {
  readonly bucket: string;
  readonly config: string;
  readonly format: string;
  readonly destination: { readonly bucket: string; readonly root: string; readonly account?: string };
}

/** An error reading the destination bucket, said in terms of the inventory (another account's bucket, a bucket gone). */
export function destinationError(error: unknown, place: ReportPlace): unknown {
  const name = (error as { name?: string })?.name;
  const where = `s3://${place.destination.bucket}/${place.destination.root}`;
  if (name === 'AccessDenied' || name === 'Forbidden' || (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 403) {
    return new StatedError(place.destination.account
      ? l10n.t('The reports of inventory "{0}" are written to {1}, in account {2}, which this connection may not read (AccessDenied). Use a profile of that account.', place.config, where, place.destination.account)
      : l10n.t('The reports of inventory "{0}" are written to {1}, which this connection may not read (AccessDenied).', place.config, where), 'accessDenied');
  }
  if (name === 'NoSuchBucket') {
    return new StatedError(l10n.t('The destination bucket of inventory "{0}", {1}, does not exist (or is in another partition).', place.config, place.destination.bucket), 'notFound');
  }
  return error;
}

/** The configuration `config` of the bucket, or its only one when `config` is not given. */
export async function reportPlace(clients: AwsClients, bucket: string, config: string | undefined, send: SendOptions): Promise<ReportPlace> {
  let configuration: InventoryConfiguration;
  if (config) {
    try {
      configuration = await fetchConfiguration(clients, bucket, config, send);
    } catch (error) {
      if ((error as { name?: string })?.name === 'NoSuchConfiguration') {
        throw new StatedError(l10n.t('The bucket {0} has no inventory configuration "{1}".', bucket, config), 'notFound');
      }
      throw error;
    }
  } else {
    const all = await listConfigurations(clients, bucket, send);
    if (all.length !== 1) {
      throw all.length === 0
        ? new StatedError(l10n.t('The bucket {0} has no S3 Inventory configuration: set one up in the S3 console (Management → Inventory configurations); the first report comes within 48 hours.', bucket), 'notFound')
        : new StatedError(l10n.t('The bucket {0} has {1} inventory configurations; name one: {2}.', bucket, all.length, all.map((c) => `s3-inventory://${bucket}/${c.Id}`).join(', ')));
    }
    configuration = all[0];
  }
  return { bucket, config: configuration.Id ?? config ?? '', format: configuration.Destination?.S3BucketDestination?.Format ?? '', destination: reportLocation(bucket, configuration) };
}

const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}Z$/;

/** The reports of a configuration, newest first: the `YYYY-MM-DDTHH-MMZ/` folders under its root (data/ and hive/ are not). */
export async function reportStamps(clients: AwsClients, place: ReportPlace, send: SendOptions): Promise<string[]> {
  const client = await clients.client(s3Client);
  const stamps: string[] = [];
  try {
    for await (const page of load().paginateListObjectsV2({ client, pageSize: 1000 }, { Bucket: place.destination.bucket, Prefix: place.destination.root, Delimiter: '/' }, send as never)) {
      for (const { Prefix: prefix } of page.CommonPrefixes ?? []) {
        const name = prefix?.slice(place.destination.root.length, -1);
        if (name && STAMP.test(name)) {
          stamps.push(name);
        }
      }
    }
  } catch (error) {
    throw destinationError(error, place);
  }
  return stamps.sort().reverse();
}

/** The report a date names: the newest of that day (`YYYY-MM-DD`), that one (`YYYY-MM-DDTHH-MMZ`), or the newest of all. */
export async function pickReport(clients: AwsClients, place: ReportPlace, date: string | undefined, send: SendOptions): Promise<string> {
  const stamps = await reportStamps(clients, place, send);
  const found = date ? stamps.find((stamp) => stamp.startsWith(date)) : stamps[0];
  if (!found) {
    const where = `s3://${place.destination.bucket}/${place.destination.root}`;
    throw new StatedError(date
      ? l10n.t('Inventory "{0}" has no report of {1} under {2}. Reports there: {3}.', place.config, date, where, stamps.slice(0, 5).join(', ') || l10n.t('none'))
      : l10n.t('Inventory "{0}" has no report yet under {1}: the first one comes within 48 hours of setting it up.', place.config, where), 'notFound');
  }
  return found;
}

/** `2026-12-01T01-00Z` as an instant, `2026-12-01T01:00:00.000Z`. */
export function stampTime(stamp: string): string {
  return `${stamp.slice(0, 10)}T${stamp.slice(11, 13)}:${stamp.slice(14, 16)}:00.000Z`;
}
