// An SDK piece (see src/core/aws/sdk.ts): only what is named here is bundled, into dist/awsSdk.js, initialized on first use.
import { GetSubscriptionAttributesCommand, GetTopicAttributesCommand, paginateListSubscriptionsByTopic, paginateListTopics, SNSClient } from '@aws-sdk/client-sns';

const sdk = { GetSubscriptionAttributesCommand, GetTopicAttributesCommand, paginateListSubscriptionsByTopic, paginateListTopics, SNSClient };
export const load = () => sdk;
