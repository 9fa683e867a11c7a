import { type Service } from '../service';
import { affectedAccounts } from './affectedAccounts';
import { eventEntities } from './entities';
import { EVENT_ITEM_KINDS } from './eventRows';
import { healthEvents } from './events';
import { filterActions } from './filterActions';
import { organizationEntities } from './organizationEntities';
import { organizationEvents } from './organizationEvents';
import * as l10n from '@vscode/l10n';

export const health: Service = {
  id: 'health',
  kinds: [healthEvents, eventEntities, organizationEvents, affectedAccounts, organizationEntities],
  // The organization's list only where DescribeHealthServiceStatusForOrganization says ENABLED (its `available`).
  roots: [{ kind: healthEvents.id, params: {} }, { kind: organizationEvents.id, params: {} }],
  itemKinds: {
    ...EVENT_ITEM_KINDS,
    healthEntity: { icon: 'symbol-misc', noun: 'affected entity' },
    healthAccount: { icon: 'account', noun: 'affected account' },
  },
  errors: {
    throttled: ['ThrottlingException'],
    // API reference, every paged operation: "InvalidPaginationToken: The specified pagination token (nextToken) is
    // not valid."
    refusedToken: [{ code: 'InvalidPaginationToken', message: /token/i }],
    // "If you call the Health API from an Amazon Web Services account that doesn't have a Business, Enterprise
    // On-Ramp, or Enterprise Support plan, you receive a SubscriptionRequiredException error"
    // (https://docs.aws.amazon.com/health/latest/APIReference/Welcome.html). Not in the model's error lists: matched
    // by name, and said once, not retried.
    unavailable: [{
      code: 'SubscriptionRequiredException',
      get message() {
        return l10n.t('The AWS Health API needs a Business, Enterprise On-Ramp or Enterprise Support plan, which this account does not have. The AWS Health Dashboard shows its events.');
      },
      link: {
        get label() {
          return l10n.t('Open the AWS Health Dashboard');
        },
        url: 'https://health.aws.amazon.com/health/home#/account/dashboard/open-issues',
      },
    }],
  },
  actions: filterActions,
};
