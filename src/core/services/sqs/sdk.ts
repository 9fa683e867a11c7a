// An SDK piece (see src/core/aws/sdk.ts): bundled into dist/awsSdk.js, loaded when first called.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const load = () => require('@aws-sdk/client-sqs') as typeof import('@aws-sdk/client-sqs');
