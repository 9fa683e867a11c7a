import { type Service } from '../service';
import { sqsDeadLetterSources } from './deadLetterSources';
import { sqsQueues } from './queues';

export const sqs: Service = {
  id: 'sqs',
  kinds: [sqsQueues, sqsDeadLetterSources],
  roots: [{ kind: sqsQueues.id, params: {} }],
  itemKinds: { sqsQueue: { icon: 'mail', noun: 'SQS queue' } },
  errors: {
    notFound: ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'],
    throttled: ['RequestThrottled', 'KmsThrottled'],
    refusedToken: [{ code: 'InvalidParameterValue', message: /token/i }],
  },
};
