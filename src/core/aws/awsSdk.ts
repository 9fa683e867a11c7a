// The parts of the AWS SDK the extension uses, each initialized on first use. The extension ships this module as a
// bundle of its own (dist/awsSdk.js, see esbuild.mjs) that sdkModules.ts loads on first use, so activation compiles
// only the extension's own code; an SNS listing does not initialize the S3 client's code, nor the other way round.
/* eslint-disable @typescript-eslint/no-require-imports */
export const s3 = () => require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
export const sns = () => require('@aws-sdk/client-sns') as typeof import('@aws-sdk/client-sns');
export const credentialProviders = () => require('@aws-sdk/credential-providers') as typeof import('@aws-sdk/credential-providers');
