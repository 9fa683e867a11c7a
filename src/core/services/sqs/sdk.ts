// An SDK piece (see src/core/aws/sdk.ts): only what is named here is bundled, into dist/awsSdk.js, initialized on first use.
import { GetQueueAttributesCommand, paginateListDeadLetterSourceQueues, paginateListQueues, SQSClient } from '@aws-sdk/client-sqs';

const sdk = { GetQueueAttributesCommand, paginateListDeadLetterSourceQueues, paginateListQueues, SQSClient };
export const load = () => sdk;
