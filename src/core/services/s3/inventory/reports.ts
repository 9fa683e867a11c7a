import { type ResourceKind } from '../../kind';
import { consolePage } from '../../console';
import { inventoryAddress, parseInventoryAddress } from './address';
import { reportPlace, reportStamps, stampTime, type ReportPlace } from './destination';
import * as l10n from '@vscode/l10n';

/** One answer: every report of the configuration, newest first (a daily report for ten years is 3,650 folders). */
export interface ReportsPage {
  readonly place: ReportPlace;
  readonly stamps: readonly string[];
}

/**
 * The reports of one inventory configuration, newest first: the `YYYY-MM-DDTHH-MMZ/` folders that hold a
 * manifest.json, found by listing the destination. Params: `bucket`, `config`.
 */
export const s3InventoryReports: ResourceKind<ReportsPage> = {
  id: 's3.inventoryReports',
  itemNoun: 'inventory reports',
  title: (params) => params.config,
  address: (params) => inventoryAddress({ bucket: params.bucket, config: params.config, list: 'reports' }),
  parseAddress(text) {
    const parsed = parseInventoryAddress(text);
    return parsed?.list === 'reports' ? { bucket: parsed.bucket, config: parsed.config! } : undefined;
  },
  addressForms: [{ form: 's3-inventory://bucket/config-id?reports', example: 's3-inventory://my-bucket/daily?reports', description: "an inventory configuration's reports, newest first" }],
  // Newest first needs every folder name: one page, read with as many ListObjectsV2 requests as the folders take.
  tokenFields: { input: 'ContinuationToken', output: 'NextToken' },
  columns: ['report', 'reportTime', 'format', 'manifest', 'sourceBucket', 'configurationId'],
  emptyLabel: l10n.t('No reports yet (the first comes within 48 hours)'),
  console: {
    list: (params, scope, host) => consolePage(host, `s3/management/${encodeURIComponent(params.bucket)}/inventory`, scope.region),
  },
  async *paginate(clients, params, _options, send) {
    const place = await reportPlace(clients, params.bucket, params.config, send);
    yield { place, stamps: await reportStamps(clients, place, send) };
  },
  itemsOf({ place, stamps }) {
    return stamps.map((stamp) => {
      const address = inventoryAddress({ bucket: place.bucket, config: place.config, report: stamp, list: 'objects' });
      const manifest = `s3://${place.destination.bucket}/${place.destination.root}${stamp}/manifest.json`;
      const time = stampTime(stamp);
      return {
        id: address,
        name: `${time.slice(0, 10)} ${time.slice(11, 16)} UTC`,
        description: place.format,
        itemKind: 's3InventoryReport',
        ids: [{ label: 'Address', value: address }, { label: 'S3 URI', value: manifest }],
        children: { kind: 's3.inventory', params: { bucket: place.bucket, config: place.config, report: stamp } },
        record: { report: stamp, reportTime: time, format: place.format, manifest, sourceBucket: place.bucket, configurationId: place.config },
      };
    });
  },
};
