import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';

/** The SDK clients of one connection. Created on first use, so activation does not load the SDK. */
export interface AwsClients {
  sns(): Promise<SNSClient>;
  s3(): Promise<S3Client>;
}
