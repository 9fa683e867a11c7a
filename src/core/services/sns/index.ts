import { type Service } from '../service';
import { snsSubscriptions } from './subscriptions';
import { snsTopics } from './topics';

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
    title: 'Add Topic by ARN',
    prompt: 'The topic stays under SNS Topics for this profile and region, even when listing topics is not allowed.',
    placeholder: 'arn:aws:sns:us-east-1:123456789012:my-topic',
    address: (text) => text.trim(),
  }],
};
