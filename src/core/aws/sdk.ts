// The SDK's credential providers. Every `sdk.ts` under src/core is an SDK piece: esbuild bundles them all into
// dist/awsSdk.js, which the extension requires only when `load()` is first called (see esbuild.mjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const load = () => require('@aws-sdk/credential-providers') as typeof import('@aws-sdk/credential-providers');
