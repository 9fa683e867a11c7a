import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ServiceClient } from '../../aws/clients';
import { load } from './sdk';

export const dynamodbClient: ServiceClient<DynamoDBClient> = {
  id: 'dynamodb',
  create: (config) => new (load().client.DynamoDBClient)(config),
};
