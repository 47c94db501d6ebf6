import { basename } from 'node:path'
import { InvalidRequest } from '../invalid-request'
import { reasonOf } from '../plain-failure'
import { notReplaceableReason } from './regular-file'
import { writableFolderProblem } from './writable-folder'
import { writeFileAtomicSync } from './write-file-atomic'

/**
 * Refuses at once, before any work, to write over something that is not a file: a named pipe, a
 * device, a folder. A person may have picked one in a save dialog, or named one on the command line.
 */
export function checkExportTarget(path: string): void {
  const problem = notReplaceableReason(path)
  if (problem !== null) throw new InvalidRequest(`Casefile could not write ${basename(path)}: ${problem}. Nothing was written.`)
}

/**
 * Writes an exported file whole or not at all (temporary file, sync, rename). A failure is one
 * sentence naming the file the person chose, never the temporary one or an errno code.
 */
export function writeExportFile(path: string, data: string | Uint8Array): void {
  checkExportTarget(path)
  try {
    writeFileAtomicSync(path, data)
  } catch (error) {
    // The folder is the usual culprit (gone, or on a read-only disk); say so rather than "no such file".
    throw new InvalidRequest(`Casefile could not write ${basename(path)}: ${writableFolderProblem(path) ?? reasonOf(error)}. Nothing was written.`)
  }
}
