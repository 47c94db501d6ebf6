// SQLite and Node report failures in words meant for programmers ("SqliteError: database is
// locked", "ENOENT: no such file or directory, open 'x.html.123.tmp'"). A person gets one sentence
// that says what happened and what to do, the same in the CLI and in the app's dialogs.

/** The sentence for an archive another connection is writing to right now. */
export function archiveBusyMessage(name: string): string {
  return `The archive ${name} is busy; close other windows or imports and try again.`
}

/** The way out of a damaged archive, in both the CLI's and the app's words. */
export const RESTORE_WAY_OUT = 'bring back a backup with casefile restore FROM (File › Restore from backup…).'
/** What to do about a damaged archive: most damage needs a backup, but a damaged search index can be rebuilt. */
export const DAMAGE_WAY_OUT = `See what is wrong with casefile check (File › Check archive). If only a search index is damaged, casefile check --repair (Rebuild search indexes) mends it; otherwise ${RESTORE_WAY_OUT}`

const SYSTEM_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'the file does not exist',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'part of the path is a file, not a folder',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  SQLITE_FULL: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for its disk',
  EIO: 'the disk could not be read or written',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'it is a link that leads back to itself (a loop of symbolic links)',
  ENXIO: 'nothing is reading from it (a named pipe or a device that is not there)',
  EEXIST: 'something with that name exists already',
  ENOTEMPTY: 'the folder is not empty',
  EBUSY: 'it is in use by another program',
  ETXTBSY: 'it is in use by another program',
  EMFILE: 'too many files are open; close some programs and try again',
  ENFILE: 'too many files are open; close some programs and try again',
  EXDEV: 'it is on another disk',
  ENODEV: 'its device is not there'
}

/**
 * What an operating-system error code means for the file it happened to, in plain words. A code
 * not listed keeps the system's own description, without the code, the system call or the path
 * (Node writes "ECODE: description, call 'path'").
 */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (typeof code !== 'string') return firstLineOf(error)
  const known = SYSTEM_REASONS[code] ?? (code.startsWith('SQLITE_IOERR') ? SYSTEM_REASONS.EIO : undefined)
  if (known !== undefined) return known
  if (!/^E[A-Z0-9]+$/.test(code)) return firstLineOf(error)
  const message = error instanceof Error ? error.message : ''
  const description = message.startsWith(`${code}: `) ? message.slice(code.length + 2).replace(/, \w+ '.*$/s, '').trim() : ''
  return description === '' ? 'the operating system refused' : description
}

/** An error's own message, first line only, without the "SqliteError:"-style class name. */
export function firstLineOf(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : ''
  const line = (raw.split('\n', 1)[0] ?? '').replace(/^[A-Za-z]*Error:\s*/, '').trim()
  return line === '' ? 'an unexpected error occurred' : line
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : ''
}

export function isBusy(error: unknown): boolean {
  const code = sqliteCode(error)
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
}

export function isDamage(error: unknown): boolean {
  const code = sqliteCode(error)
  return code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')
}

/**
 * One plain sentence for a failure that happened while working on the archive `name`: a busy,
 * damaged or read-only archive is said as such, with the way out; anything else keeps its own first
 * line, never a class name or a stack.
 */
export function plainFailure(error: unknown, name: string): string {
  if (isBusy(error)) return archiveBusyMessage(name)
  if (isDamage(error)) return `${name} is damaged: part of it cannot be read. ${DAMAGE_WAY_OUT}`
  if (sqliteCode(error).startsWith('SQLITE_READONLY')) return `${name} is open read-only, so nothing can be changed in it.`
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (typeof code === 'string' && /^(E[A-Z]+|SQLITE_FULL|SQLITE_IOERR.*)$/.test(code)) return `${name}: ${reasonOf(error)}.`
  return firstLineOf(error)
}
