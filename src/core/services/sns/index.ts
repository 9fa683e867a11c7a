import { type Service } from '../service';
import { snsSubscriptions } from './subscriptions';
import { snsTopics } from './topics';
import * as l10n from '@vscode/l10n';

export const sns: Service = {
  id: 'sns',
  kinds: [snsTopics, snsSubscriptions],
  roots: [{ kind: snsTopics.id, params: {} }],
  itemKinds: { snsTopic: { icon: 'radio-tower', noun: 'SNS topic' }, snsSubscription: { icon: 'link', noun: 'SNS subscription' } },
  errors: {
    accessDenied: ['AuthorizationError', 'AuthorizationErrorException'],
    refusedToken: [{ code: 'InvalidParameter', message: /NextToken/i }, { code: 'InvalidParameterException', message: /NextToken/i }],
  },
  adders: [{
    root: snsTopics.id,
    get title() {
      return l10n.t('Add Topic by ARN');
    },
    get prompt() {
      return l10n.t('The topic stays under SNS Topics for this profile and region, even when listing topics is not allowed.');
    },
    placeholder: 'arn:aws:sns:us-east-1:123456789012:my-topic',
    address: (text) => text.trim(),
  }],
};
