import { basename } from 'node:path'
import { InvalidRequest } from '../invalid-request'
import { reasonOf } from '../plain-failure'
import { writableFolderProblem } from './writable-folder'
import { writeFileAtomicSync } from './write-file-atomic'

/**
 * Writes an exported file whole or not at all (temporary file, sync, rename). A failure is one
 * sentence naming the file the person chose, never the temporary one or an errno code.
 */
export function writeExportFile(path: string, data: string | Uint8Array): void {
  try {
    writeFileAtomicSync(path, data)
  } catch (error) {
    // The folder is the usual culprit (gone, or on a read-only disk); say so rather than "no such file".
    throw new InvalidRequest(`Casefile could not write ${basename(path)}: ${writableFolderProblem(path) ?? reasonOf(error)}. Nothing was written.`)
  }
}
