// The SDK's credential providers and partition data. Every `sdk.ts` under src/core is an SDK piece: esbuild bundles
// them all into dist/awsSdk.js, which the extension requires only when `load()` is first called (see esbuild.mjs).
/* eslint-disable @typescript-eslint/no-require-imports */
let pieces: {
  readonly fromNodeProviderChain: typeof import('@aws-sdk/credential-providers').fromNodeProviderChain;
  readonly partition: typeof import('@aws-sdk/core/client').partition;
} | undefined;

export const load = () => (pieces ??= {
  fromNodeProviderChain: (require('@aws-sdk/credential-providers') as typeof import('@aws-sdk/credential-providers')).fromNodeProviderChain,
  partition: (require('@aws-sdk/core/client') as typeof import('@aws-sdk/core/client')).partition,
});
