import { AddressError } from '../../address';
import { bucketNameProblem } from '../uri';
import * as l10n from '@vscode/l10n';

// The one grammar of S3 Inventory addresses; each inventory kind formats and parses its own form with it:
//   s3-inventory://BUCKET?configurations       the bucket's inventory configurations
//   s3-inventory://BUCKET/CONFIG-ID?reports     a configuration's reports, newest first
//   s3-inventory://BUCKET[/CONFIG-ID][@DATE]    the objects of a report: the newest by default, or the newest of a day
//                                               (YYYY-MM-DD), or one report (YYYY-MM-DDTHH-MMZ, its folder's name)

const SCHEME = 's3-inventory://';

export interface InventoryAddress {
  readonly bucket: string;
  readonly config?: string;
  readonly report?: string;
  readonly list: 'configurations' | 'reports' | 'objects';
}

export function inventoryAddress(address: InventoryAddress): string {
  const base = SCHEME + address.bucket + (address.config ? `/${address.config}` : '');
  return address.list === 'configurations' ? `${SCHEME}${address.bucket}?configurations`
    : address.list === 'reports' ? `${base}?reports`
      : base + (address.report ? `@${address.report}` : '');
}

/** The address, or undefined when it is not an `s3-inventory://` one; throws AddressError for a malformed one. */
export function parseInventoryAddress(text: string): InventoryAddress | undefined {
  if (!text.startsWith(SCHEME)) {
    return undefined;
  }
  const match = /^s3-inventory:\/\/([^/@?]+)(?:\/([^/@?]+))?(?:@([^/@?]+))?\/?(?:\?(configurations|reports))?$/.exec(text);
  if (!match) {
    throw new AddressError(l10n.t('Not an S3 Inventory address: "{0}". Expected s3-inventory://bucket[/configuration-id][@YYYY-MM-DD].', text));
  }
  const [, bucket, config, report, list] = match;
  const problem = bucketNameProblem(bucket);
  if (problem) {
    throw new AddressError(problem);
  }
  if (report !== undefined && !/^\d{4}-\d{2}-\d{2}(?:T\d{2}-\d{2}Z)?$/.test(report)) {
    throw new AddressError(l10n.t('"{0}" is not a report date: use YYYY-MM-DD (the newest report of that day) or the report\'s folder name, YYYY-MM-DDTHH-MMZ.', report));
  }
  if (list === 'configurations' && (config || report)) {
    throw new AddressError(l10n.t('s3-inventory://{0}?configurations names the bucket only.', bucket));
  }
  if (list === 'reports' && (!config || report)) {
    throw new AddressError(l10n.t('A list of reports names its configuration: s3-inventory://{0}/CONFIGURATION-ID?reports.', bucket));
  }
  return { bucket, ...(config ? { config } : {}), ...(report ? { report } : {}), list: (list as InventoryAddress['list'] | undefined) ?? 'objects' };
}
