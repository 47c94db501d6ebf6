import { existsSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { notReplaceableReason } from '../core/fs/regular-file'
import { writableFolderProblem } from '../core/fs/writable-folder'
import { writeExportFile } from '../core/fs/write-export-file'
import { InvalidRequest } from '../core/invalid-request'
import { CommandError } from './cli-io'

/**
 * The file a command is about to write, checked before any work is done: an existing file is
 * replaced only with --force (as `backup` never replaces one), a pipe or a device never, and a
 * missing or read-only folder is named now rather than as a temporary file's error later.
 */
export function outputPath(path: string, force: boolean): string {
  const absolute = resolve(path)
  if (existsSync(absolute)) {
    if (statSync(absolute).isDirectory()) throw new CommandError(`${absolute} is a folder; name the file to write.`)
    const other = notReplaceableReason(absolute)
    if (other !== null) throw new CommandError(`cannot write ${basename(absolute)}: ${other}. Nothing was written.`)
    if (!force) throw new CommandError(`${absolute} already exists; choose another name, or add --force to replace it.`)
  }
  const problem = writableFolderProblem(absolute)
  if (problem !== null) throw new CommandError(`cannot write ${basename(absolute)}: ${problem}. Nothing was written.`)
  return absolute
}

/** Writes the whole file or nothing (temporary file, sync, rename), failing in one plain sentence. */
export function writeOutput(path: string, data: string | Uint8Array): void {
  try {
    writeExportFile(path, data)
  } catch (error) {
    if (error instanceof InvalidRequest) throw new CommandError(error.message)
    throw error
  }
}
