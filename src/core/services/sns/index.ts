import { type Service } from '../service';
import { snsSubscriptions } from './subscriptions';
import { snsTopics } from './topics';

export const sns: Service = {
  id: 'sns',
  kinds: [snsTopics, snsSubscriptions],
  roots: [{ kind: snsTopics.id, params: {} }],
  icons: { snsTopic: 'radio-tower', snsSubscription: 'link' },
  errors: {
    accessDenied: ['AuthorizationError', 'AuthorizationErrorException'],
    refusedToken: [{ code: 'InvalidParameter', message: /NextToken/i }, { code: 'InvalidParameterException', message: /NextToken/i }],
  },
  adders: [{
    root: snsTopics.id,
    title: 'Add Topic by ARN',
    prompt: 'The topic stays under SNS Topics for this profile and region, even when listing topics is not allowed.',
    placeholder: 'arn:aws:sns:us-east-1:123456789012:my-topic',
    address: (text) => text.trim(),
  }],
};
