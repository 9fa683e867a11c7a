// The SDK's credential chain, partition data and retry strategy. Every `sdk.ts` under src/core is an SDK piece: it names the parts of
// the AWS SDK it uses, and only those are bundled (the SDK's ES modules, tree-shaken), into dist/awsSdk.js, which the
// extension and the CLI require when a piece's `load()` is first called; each piece is initialized then (see
// scripts/lib/esbuildConfig.mjs). The read-only test reads every operation the bundles can send from there.
import { partition } from '@aws-sdk/core/client';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { StandardRetryStrategy } from '@smithy/core/retry';

const sdk = { fromNodeProviderChain, partition, StandardRetryStrategy };
export const load = () => sdk;
