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
      return { kind: 'diskFull', message: `The disk is full (${code}): could not write${file || ' the file'}. Free some space and try again.` };
    case 'EFBIG':
      return { kind: 'diskFull', message: `The file${file} reached the largest size this system allows (EFBIG). Free space or raise the limit, or write to another disk.` };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return { kind: 'notWritable', message: `Cannot write${file}: permission denied (${code}). Choose a folder you can write to.` };
    case 'ENOENT':
    case 'ENOTDIR':
      return { kind: 'notWritable', message: `Cannot write${file}: the folder does not exist (${code}). Choose an existing folder.` };
    case 'EISDIR':
      return { kind: 'notWritable', message: `Cannot write${file}: it is a folder (EISDIR). Choose a file name.` };
    default:
      return undefined;
  }
}

