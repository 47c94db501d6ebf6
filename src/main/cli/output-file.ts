import { basename, resolve } from 'node:path'
import { nameIsTaken, unsafeOutputReason } from '../core/fs/output-target'
import { writableFolderProblem } from '../core/fs/writable-folder'
import { writeExportFile } from '../core/fs/write-export-file'
import { InvalidRequest } from '../core/invalid-request'
import { CommandError } from './cli-io'

/**
 * Refuses, before any work is done, a file no command may write: anything of the open archive's
 * and anything that is not a regular file (see unsafeOutputReason), --force or not.
 */
export function refuseUnsafeOutput(absolute: string, archivePath: string): void {
  const reason = unsafeOutputReason(absolute, archivePath)
  if (reason !== null) throw new CommandError(`cannot write ${basename(absolute)}: ${reason}; choose another name. Nothing was written.`)
}

/**
 * The file a command is about to write, checked before any work is done: never one of the open
 * archive's files or anything but a regular file; an existing file is replaced only with --force
 * (as `backup` never replaces one); a missing or read-only folder is named now rather than as a
 * temporary file's error later.
 */
export function outputPath(path: string, force: boolean, archivePath: string): string {
  const absolute = resolve(path)
  refuseUnsafeOutput(absolute, archivePath)
  if (!force && nameIsTaken(absolute)) throw new CommandError(`${absolute} already exists; choose another name, or add --force to replace it.`)
  const problem = writableFolderProblem(absolute)
  if (problem !== null) throw new CommandError(`cannot write ${basename(absolute)}: ${problem}. Nothing was written.`)
  return absolute
}

/** Writes the whole file or nothing (temporary file, sync, then in place), failing in one plain sentence. */
export function writeOutput(path: string, data: string | Uint8Array, force: boolean): void {
  try {
    writeExportFile(path, data, force)
  } catch (error) {
    if (error instanceof InvalidRequest) throw new CommandError(error.message)
    throw error
  }
}
