import { AddressError } from '../address';
import { type ResourceItem } from '../../lists';
import * as l10n from '@vscode/l10n';

/**
 * An event ARN, as the model's pattern has it: `arn:aws:health:<region|global>::event/SERVICE/EVENT_TYPE_CODE/ID`
 * ("Pattern: arn:aws(-[a-z]+(-[a-z]+)?)?:health:[^:]*:[^:]*:event(?:/[\w-]+){3}", API_Event.html).
 */
const EVENT_ARN = /^arn:aws(-[a-z]+(-[a-z]+)?)?:health:([^:]*):[^:]*:event\/([\w-]+)\/([\w-]+)\/[\w-]+$/;

export function isEventArn(text: string): boolean {
  return EVENT_ARN.test(text);
}

/** The text as an event ARN; throws `AddressError` when it is not one. */
export function checkedEventArn(text: string): string {
  if (!isEventArn(text)) {
    throw new AddressError(l10n.t('"{0}" is not an AWS Health event ARN (arn:aws:health:REGION::event/SERVICE/EVENT_TYPE_CODE/ID).', text));
  }
  return text;
}

/** "event type · service · region", read from the ARN: an event's row label, before the event itself is listed. */
export function eventLabelOf(arn: string): string {
  const match = EVENT_ARN.exec(arn);
  return match ? `${match[5]} · ${match[4]} · ${match[3]}` : arn;
}

/** An event named by its ARN alone (a list reached by its address), as the row it expands from. */
export function namedEventItem(arn: string, children: ResourceItem['children']): ResourceItem {
  return { id: arn, name: eventLabelOf(arn), itemKind: 'healthEvent', ids: [{ label: 'ARN', value: arn }], children, record: { arn } };
}
