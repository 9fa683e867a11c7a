import * as path from 'node:path';

/** The repository root (scripts/lib/ is two levels down). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** Git-ignored cache for large downloads, next to where `@vscode/test-electron` keeps its VS Code builds. */
export const cacheRoot = path.join(repoRoot, '.vscode-test');

/** The production VSIX that `npm run package` writes. */
export const extensionVsix = path.join(repoRoot, 'paged-aws-explorer.vsix');

export const extensionId = 'paged-aws-explorer.paged-aws-explorer';
