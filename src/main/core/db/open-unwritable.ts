import { accessSync, chmodSync, closeSync, constants, existsSync, openSync, readSync, rmSync, statfsSync, statSync } from 'node:fs'
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

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** SQLite's files beside an archive: its write-ahead log and the index of that log. */
function companionsOf(path: string): { wal: string; shm: string } {
  return { wal: `${path}-wal`, shm: `${path}-shm` }
}

/**
 * True when the archive's -wal or -shm file is there but may not be written: SQLite then opens the
 * archive but refuses every change with "attempt to write a readonly database".
 */
function companionUnwritable(path: string): boolean {
  return Object.values(companionsOf(path)).some((file) => existsSync(file) && !writable(file))
}

/** Why the archive at `path` cannot be written where it is, or null when it can. */
export function unwritableReason(path: string): Unwritable | null {
  if (onReadOnlyMedia(path) || companionUnwritable(path)) return 'read-only-media'
  if (diskIsFull(dirname(path))) return 'disk-full'
  return null
}

/**
 * Removes a -shm (and an empty -wal) that may not be written, beside an archive that may, in a
 * folder that may: what an earlier read-only open left when the archive was read-only (SQLite gives
 * them the archive's permissions; see openUnwritable). Without this, once the archive is writable
 * again every change fails until the person deletes a file they know nothing about. A -wal holding
 * changes is kept: it is the archive's latest state, and the archive opens read-only instead.
 */
export function clearStaleCompanions(path: string): void {
  const { wal, shm } = companionsOf(path)
  if (!existsSync(shm) || writable(shm) || !writable(path) || !writable(dirname(path)) || nonEmptyFile(wal)) return
  rmSync(shm, { force: true })
  rmSync(wal, { force: true })
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

/** unwritablePhrase opening a sentence: "The disk holding …", but a file's name as it is written. */
function sentenceStart(name: string, why: Unwritable): string {
  const phrase = unwritablePhrase(name, why)
  return phrase.startsWith(name) ? phrase : `${phrase[0]!.toUpperCase()}${phrase.slice(1)}`
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
      `${sentenceStart(name, why)}, and its latest changes are still in ${name}-wal, which SQLite can only read where it may write. ` +
        (why === 'disk-full' ? unwritableWayOut(why) : 'Copy both files to a writable folder and open the copy.')
    )
  }
  const size = statSync(path).size
  if (size > bufferConstants.MAX_LENGTH) {
    throw new ArchiveOpenError('unreadable', `${sentenceStart(name, why)}, and it is too large to read from there. ${unwritableWayOut(why)}`)
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
// permission; on a full disk the -shm file cannot grow (an I/O error) or the WAL be begun; a -shm
// that may not be written and does not describe the -wal beside it gives SQLITE_PROTOCOL.
function cannotOpenHere(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code)
  return (
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_READONLY_DIRECTORY' ||
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_PROTOCOL' ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_READONLY_CANTINIT')
  )
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
    letOwnerWrite(companions)
    return db
  } catch (error) {
    if (!cannotOpenHere(error)) throw error
    for (const file of companions) if (!nonEmptyFile(`${path}-wal`) || file.endsWith('-shm')) rmSync(file, { force: true })
    return inMemoryCopy(path, name, nativeBinding, why)
  }
}

/**
 * SQLite gives the -wal and -shm files it makes the archive's permissions, so a read-only archive in
 * a writable folder gets read-only ones, which it leaves behind. Those this open made are given
 * their owner's write permission, so that the archive, once made writable, can be changed.
 */
function letOwnerWrite(made: readonly string[]): void {
  for (const file of made) {
    try {
      chmodSync(file, statSync(file).mode | 0o200)
    } catch {
      // Not made after all (a read that needed no log), or not ours to change: nothing to do.
    }
  }
}
