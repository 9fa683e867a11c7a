// The parts of the AWS SDK the extension uses, as one module. The extension ships it as a bundle of its own
// (dist/awsSdk.js, see esbuild.mjs) and loads it on first use through sdkModules.ts, so activation compiles only the
// extension's own code.
export * as s3 from '@aws-sdk/client-s3';
export * as sns from '@aws-sdk/client-sns';
export { fromNodeProviderChain } from '@aws-sdk/credential-providers';
