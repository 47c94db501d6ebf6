import { accessSync, closeSync, constants, existsSync, openSync, readSync, rmSync, statfsSync, statSync } from 'node:fs'
import { constants as bufferConstants } from 'node:buffer'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { ArchiveOpenError } from '../archive-open-error'
import { isDamage } from '../plain-failure'

/** Why an archive cannot be written: its file, folder or disk is read-only, or its disk is full. */
export type Unwritable = 'read-only-media' | 'disk-full'

// Under this much room SQLite cannot even make the -shm file (32 KiB) and the first frames of a WAL.
const FULL_DISK_BYTES = 256 * 1024

/** True when the archive, or the folder that must hold its -wal and -shm files, cannot be written. */
function onReadOnlyMedia(path: string): boolean {
  for (const target of [path, dirname(path)]) {
    try {
      accessSync(target, constants.W_OK)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return true
    }
  }
  return false
}

function diskIsFull(folder: string): boolean {
  try {
    const disk = statfsSync(folder)
    return disk.bavail * disk.bsize < FULL_DISK_BYTES
  } catch {
    return false
  }
}

/** Why the archive at `path` cannot be written where it is, or null when it can. */
export function unwritableReason(path: string): Unwritable | null {
  if (onReadOnlyMedia(path)) return 'read-only-media'
  if (diskIsFull(dirname(path))) return 'disk-full'
  return null
}

/** The start of a sentence that says why `name` cannot be written. */
export function unwritablePhrase(name: string, why: Unwritable): string {
  return why === 'disk-full' ? `the disk holding ${name} is full` : `${name} cannot be written where it is (a read-only file, folder or disk)`
}

/** What a person can do about it. */
export function unwritableWayOut(why: Unwritable): string {
  return why === 'disk-full' ? 'Free some space on the disk and open it again.' : 'Copy it to a writable folder and open the copy.'
}

function nonEmptyFile(path: string): boolean {
  try {
    return statSync(path).size > 0
  } catch {
    return false
  }
}

function capitalised(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`
}

/**
 * The archive's main file, read into memory. SQLite cannot open a WAL archive where it may not write
 * (or has no room) unless the -shm file is already there; the main file alone holds everything
 * once no -wal file with changes remains, and a copy in memory touches nothing on the disk.
 */
function inMemoryCopy(path: string, name: string, nativeBinding: string | null, why: Unwritable): Db {
  if (nonEmptyFile(`${path}-wal`)) {
    throw new ArchiveOpenError(
      'unreadable',
      `${capitalised(unwritablePhrase(name, why))}, and its latest changes are still in ${name}-wal, which SQLite can only read where it may write. ` +
        (why === 'disk-full' ? unwritableWayOut(why) : 'Copy both files to a writable folder and open the copy.')
    )
  }
  const size = statSync(path).size
  if (size > bufferConstants.MAX_LENGTH) {
    throw new ArchiveOpenError('unreadable', `${capitalised(unwritablePhrase(name, why))}, and it is too large to read from there. ${unwritableWayOut(why)}`)
  }
  const bytes = Buffer.allocUnsafe(size)
  const fd = openSync(path, 'r')
  try {
    let done = 0
    while (done < size) {
      const read = readSync(fd, bytes, done, size - done, done)
      if (read === 0) break
      done += read
    }
  } finally {
    closeSync(fd)
  }
  // Bytes 18 and 19 say "WAL"; an in-memory database has no WAL, so the copy says "rollback journal".
  bytes[18] = 1
  bytes[19] = 1
  return new Database(bytes, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) })
}

// SQLITE_CANTOPEN on a read-only disk, SQLITE_READONLY_DIRECTORY in a folder without write
// permission; on a full disk the -shm file cannot grow (an I/O error) or the WAL be begun.
function cannotOpenHere(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code)
  return code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY_DIRECTORY' || code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY_CANTINIT')
}

/**
 * Opens a database that cannot be written where it is, for reading only: in place when SQLite can,
 * else in memory. The -wal and -shm files a failed attempt made (empty, or cut short on a full
 * disk) are removed, so the folder is left as it was found.
 */
export function openUnwritable(path: string, name: string, nativeBinding: string | null, why: Unwritable): Db {
  const companions = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file))
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get()
    } catch (error) {
      // Damage is for the check on open to find and say; only "cannot open here" is handled below.
      if (isDamage(error)) return db
      db.close()
      throw error
    }
    return db
  } catch (error) {
    if (!cannotOpenHere(error)) throw error
    for (const file of companions) if (!nonEmptyFile(`${path}-wal`) || file.endsWith('-shm')) rmSync(file, { force: true })
    return inMemoryCopy(path, name, nativeBinding, why)
  }
}
