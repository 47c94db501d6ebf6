import { existsSync, linkSync, lstatSync, renameSync, rmSync } from 'node:fs'
import { basename } from 'node:path'
import { InvalidRequest } from '../invalid-request'
import { notRegularFileReason } from './regular-file'

/** A file could not be published because its name is taken and replacing it was not asked for. */
export class FileExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists`)
    this.name = 'FileExistsError'
  }
}

/** Refuses to replace what is not a regular file (checked before the work, and again here, just before the rename). */
function refuseIfNotRegularFile(path: string): void {
  let stats
  try {
    stats = lstatSync(path)
  } catch {
    return
  }
  const reason = stats.isSymbolicLink() ? 'it is a symbolic link' : notRegularFileReason(stats)
  if (reason !== null) throw new InvalidRequest(`Casefile could not write ${basename(path)}: ${reason}; choose another name. Nothing was written.`)
}

/**
 * Puts a finished, synced temporary file in place at `path`. With `overwrite` it replaces a regular
 * file that is there (rename), never anything else; without, it refuses with FileExistsError when
 * the name is taken, atomically: a hard link fails on a taken name, so two writers can never both win.
 */
export function publishFile(temporary: string, path: string, overwrite: boolean): void {
  if (overwrite) {
    refuseIfNotRegularFile(path)
    renameSync(temporary, path)
    return
  }
  try {
    linkSync(temporary, path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new FileExistsError(path)
    // File systems without hard links (FAT and exFAT memory sticks, some network shares): look, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error
    if (existsSync(path)) throw new FileExistsError(path)
    renameSync(temporary, path)
    return
  }
  rmSync(temporary)
}
