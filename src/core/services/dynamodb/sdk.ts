// An SDK piece (see src/core/aws/sdk.ts): bundled into dist/awsSdk.js, loaded when first called.
/* eslint-disable @typescript-eslint/no-require-imports */
let pieces: {
  readonly client: typeof import('@aws-sdk/client-dynamodb');
  readonly util: typeof import('@aws-sdk/util-dynamodb');
} | undefined;

export const load = () => (pieces ??= {
  client: require('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb'),
  util: require('@aws-sdk/util-dynamodb') as typeof import('@aws-sdk/util-dynamodb'),
});
