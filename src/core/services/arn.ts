import { AddressError } from './address';
import * as l10n from '@vscode/l10n';

/** The parts of an ARN we show: `arn:partition:service:region:account:resource`. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  readonly resource: string;
}

export function parseArn(arn: string): ArnParts {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    throw new AddressError(l10n.t('"{0}" is not an ARN: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.', arn));
  }
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    accountId: parts[4],
    // The resource part may itself contain colons (subscription ARNs do).
    resource: parts.slice(5).join(':'),
  };
}

export function isArn(value: string): boolean {
  try {
    parseArn(value);
    return true;
  } catch {
    return false;
  }
}
