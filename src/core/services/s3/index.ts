import { type Service } from '../service';
import { s3Buckets } from './buckets';
import { s3Objects } from './objects';
import { bucketNameProblem } from './uri';
import { s3InventoryConfigs } from './inventory/configurations';
import { s3InventoryReports } from './inventory/reports';
import { s3Inventory } from './inventory/reportObjects';
import { AddressError } from '../address';
import * as l10n from '@vscode/l10n';

export const s3: Service = {
  id: 's3',
  kinds: [s3Buckets, s3Objects, s3InventoryConfigs, s3InventoryReports, s3Inventory],
  roots: [{ kind: s3Buckets.id, params: {} }],
  itemKinds: {
    s3Bucket: { icon: 'archive', noun: 'S3 bucket' },
    s3Folder: { icon: 'folder', noun: 'S3 folder' },
    s3Object: { icon: 'file', noun: 'S3 object' },
    s3ObjectVersion: { icon: 'versions', noun: 'S3 object version' },
    s3InventoryConfig: { icon: 'checklist', noun: 'S3 Inventory configuration' },
    s3InventoryReport: { icon: 'calendar', noun: 'S3 Inventory report' },
  },
  errors: {
    notFound: ['NoSuchBucket', 'NoSuchKey', 'NoSuchConfiguration'],
    throttled: ['SlowDown'],
    refusedToken: [{ code: 'InvalidArgument', message: /continuation token/i }],
  },
  adders: [{
    root: s3Buckets.id,
    get title() {
      return l10n.t('Add Bucket by Name');
    },
    get prompt() {
      return l10n.t('The bucket stays under S3 Buckets for this profile and region, even when listing buckets is not allowed.');
    },
    placeholder: 'my-bucket',
    address(text) {
      const name = text.trim().replace(/^s3:\/\//, '').replace(/\/$/, '');
      const problem = bucketNameProblem(name);
      if (problem) {
        throw new AddressError(l10n.t('{0} To open a folder, use Go to….', problem));
      }
      return `s3://${name}/`;
    },
  }],
};
