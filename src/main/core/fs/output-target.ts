import { lstatSync, readlinkSync, realpathSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { InvalidRequest } from '../invalid-request'
import { notRegularFileReason } from './regular-file'
import { isSameFile } from './same-file'

// Files SQLite keeps beside a database while it is open, or after a crash.
const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal']
// Copies Casefile keeps beside an archive: before a restore, of a restore that failed its check,
// before an upgrade, and the temporary files of a restore or of the archive's creation.
const KEPT_COPY_MARKS = ['.before-restore-', '.failed-restore-', '.before-v', '.restoring-', '.creating-']

/** The folder as the file system knows it (links resolved) when it exists, else as written. */
function realFolder(path: string): string {
  try {
    return realpathSync(dirname(path))
  } catch {
    return resolve(dirname(path))
  }
}

/** What `target` is to the archive at `archivePath` (the archive, a file SQLite needs, a kept copy), or null. */
function archiveRole(target: string, archivePath: string): string | null {
  const archiveName = basename(archivePath)
  const archiveFolder = realFolder(archivePath)
  const folder = realFolder(target)
  const name = basename(target)
  if (folder === join(archiveFolder, `${archiveName}.backups`)) return `it is a copy Casefile keeps of the archive ${archiveName}`
  if (folder !== archiveFolder) return null
  if (name === archiveName) return 'it is the archive itself'
  if (SQLITE_COMPANIONS.some((suffix) => name === `${archiveName}${suffix}`)) return `it is one of the files SQLite keeps beside the archive ${archiveName}`
  if (KEPT_COPY_MARKS.some((mark) => name.startsWith(`${archiveName}${mark}`))) return `it is a copy Casefile keeps of the archive ${archiveName}`
  return null
}

/**
 * Why an export or a backup must not be written at `target` (the person's chosen name), or null.
 * Nothing that belongs to the open archive is ever replaced (the archive, SQLite's -wal and -shm
 * files beside it, the copies kept of it), and nothing that is not a regular file: a named pipe, a
 * device or a socket would be replaced by a file (or written into), and a symbolic link is not
 * followed (the person names the file itself, so a link cannot send an export somewhere unseen).
 */
export function unsafeOutputReason(target: string, archivePath: string): string | null {
  const role = archiveRole(target, archivePath)
  if (role !== null) return role
  let stats
  try {
    stats = lstatSync(target)
  } catch {
    // Nothing there (or a folder that cannot be read, which the folder check names).
    return null
  }
  if (stats.isSymbolicLink()) return `it is a symbolic link (to ${readlinkSync(target)}), and Casefile writes only to a file itself`
  const notRegular = notRegularFileReason(stats)
  if (notRegular !== null) return notRegular
  // Another name for the archive: a hard link, or a spelling a case-insensitive disk takes for it.
  if (isSameFile(target, archivePath)) return 'it is the archive itself'
  return null
}

/** True when something (a file, a folder, a link even to nothing) has the name `path`. */
export function nameIsTaken(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}

/** Refuses, in the app's words, to write an export or a backup at `target` (see unsafeOutputReason). */
export function refuseUnsafeOutputFor(target: string, archivePath: string): void {
  const reason = unsafeOutputReason(target, archivePath)
  if (reason !== null) throw new InvalidRequest(`Casefile could not write ${basename(target)}: ${reason}; choose another name. Nothing was written.`)
}
