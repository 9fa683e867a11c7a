import * as l10n from '@vscode/l10n';

/** A failed write of an export or checkpoint, in words: what to free or where else to write. */
export function describeFileError(e: { syscall?: unknown; path?: string }, code: string): { kind: 'diskFull' | 'notWritable'; message: string } | undefined {
  // Only Node's own system errors: an SDK error never has a syscall.
  if (typeof e.syscall !== 'string' || e.syscall === 'getaddrinfo' || e.syscall === 'connect') {
    return undefined;
  }
  const file = e.path ? ` ${e.path}` : '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { kind: 'diskFull', message: l10n.t('The disk is full ({0}): could not write{1}. Free some space and try again.', code, file) };
    case 'EFBIG':
      return { kind: 'diskFull', message: l10n.t('The file{0} reached the largest size this system allows (EFBIG). Free space or raise the limit, or write to another disk.', file) };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return { kind: 'notWritable', message: l10n.t('Cannot write{0}: permission denied ({1}). Choose a folder you can write to.', file, code) };
    case 'ENOENT':
    case 'ENOTDIR':
      return { kind: 'notWritable', message: l10n.t('Cannot write{0}: the folder does not exist ({1}). Choose an existing folder.', file, code) };
    case 'EISDIR':
      return { kind: 'notWritable', message: l10n.t('Cannot write{0}: it is a folder (EISDIR). Choose a file name.', file) };
    default:
      return undefined;
  }
}

