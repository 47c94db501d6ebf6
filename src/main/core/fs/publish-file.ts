import { existsSync, linkSync, renameSync, rmSync } from 'node:fs'

/** A file could not be published because its name is taken and replacing it was not asked for. */
export class FileExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists`)
    this.name = 'FileExistsError'
  }
}

/**
 * Puts a finished, synced temporary file in place at `path`. With `overwrite` it replaces whatever
 * is there (rename); without, it refuses with FileExistsError when the name is taken, atomically: a
 * hard link fails on a taken name, so two writers can never both win.
 */
export function publishFile(temporary: string, path: string, overwrite: boolean): void {
  if (overwrite) {
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
