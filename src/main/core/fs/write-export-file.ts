import { rmSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { InvalidRequest } from '../invalid-request'
import { reasonOf } from '../plain-failure'
import { FileExistsError, publishFile } from './publish-file'
import { writableFolderProblem } from './writable-folder'
import { syncDirectory, writeSyncedTemporary } from './write-file-atomic'

/**
 * Writes an exported file whole or not at all (temporary file, sync, then put in place; an existing
 * file is replaced only with `overwrite`, see publishFile). A failure is one sentence naming the
 * file the person chose, never the temporary one or an errno code.
 */
export function writeExportFile(path: string, data: string | Uint8Array, overwrite: boolean): void {
  let temporary: string | null = null
  try {
    temporary = writeSyncedTemporary(path, data)
    publishFile(temporary, path, overwrite)
  } catch (error) {
    if (temporary !== null) rmSync(temporary, { force: true })
    if (error instanceof InvalidRequest) throw error
    if (error instanceof FileExistsError) throw new InvalidRequest(`${basename(path)} already exists; choose another name. Nothing was written.`)
    // The folder is the usual culprit (gone, or on a read-only disk); say so rather than "no such file".
    throw new InvalidRequest(`Casefile could not write ${basename(path)}: ${writableFolderProblem(path) ?? reasonOf(error)}. Nothing was written.`)
  }
  syncDirectory(dirname(path))
}
