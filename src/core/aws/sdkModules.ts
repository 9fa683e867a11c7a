/**
 * The SDK's client packages, loaded on first use (activation does not load the SDK) and once: a bundled dynamic
 * `import()` builds a fresh module namespace (a getter per export, ~1,000 for S3) every time it runs, which cost
 * ~1 ms per listing started when each page fetch imported its paginator.
 */
let s3: Promise<typeof import('@aws-sdk/client-s3')> | undefined;
let sns: Promise<typeof import('@aws-sdk/client-sns')> | undefined;

export const s3Module = () => (s3 ??= import('@aws-sdk/client-s3'));
export const snsModule = () => (sns ??= import('@aws-sdk/client-sns'));
