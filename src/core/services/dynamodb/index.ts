import { type Service } from '../service';
import { dynamodbItems } from './items';
import { dynamodbQuery } from './query';
import { queryTable } from './queryAction';
import { dynamodbTables } from './tables';
import * as l10n from '@vscode/l10n';

export const dynamodb: Service = {
  id: 'dynamodb',
  kinds: [dynamodbTables, dynamodbItems, dynamodbQuery],
  roots: [{ kind: dynamodbTables.id, params: {} }],
  itemKinds: { dynamodbTable: { icon: 'table', noun: 'DynamoDB table' }, dynamodbItem: { icon: 'symbol-object', noun: 'DynamoDB item' } },
  errors: {
    notFound: ['ResourceNotFoundException', 'TableNotFoundException'],
    throttled: ['ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'ThrottlingException'],
    refusedToken: [{ code: 'ValidationException', message: /starting key|ExclusiveStartKey|exclusive start/i }],
  },
  adders: [{
    root: dynamodbTables.id,
    get title() {
      return l10n.t('Add Table by Name');
    },
    get prompt() {
      return l10n.t('The table stays under DynamoDB Tables for this profile and region, even when listing tables is not allowed.');
    },
    placeholder: 'orders',
    address: (text) => (text.trim().startsWith('arn:') ? text.trim() : `dynamodb:table/${text.trim()}`),
  }],
  actions: [queryTable],
};
