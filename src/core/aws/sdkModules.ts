/**
 * The AWS SDK, loaded on first use and once. In the extension it is a bundle of its own (dist/awsSdk.js): activation
 * then compiles ~85 KB instead of ~740 KB (docs/benchmarks.md). `require`, not `import()`: the extension host loads
 * CommonJS, and a bundled `import()` would build a fresh module namespace (a getter per export) every time it runs.
 */
type AwsSdk = typeof import('./awsSdk.js');

let sdk: Promise<AwsSdk> | undefined;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const awsSdk = () => (sdk ??= Promise.resolve().then(() => require('./awsSdk.js') as AwsSdk));

export const s3Module = () => awsSdk().then((m) => m.s3());
export const snsModule = () => awsSdk().then((m) => m.sns());
export const credentialProviders = () => awsSdk().then((m) => m.credentialProviders());
