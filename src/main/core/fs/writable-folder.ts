import { accessSync, constants, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { reasonOf } from '../plain-failure'

/**
 * Why a new file could not be written at `target`, asked before writing so the answer names the
 * folder rather than a temporary file: its folder is missing, is not a folder, or cannot be written
 * (permissions, read-only media). Null when it can.
 */
export function writableFolderProblem(target: string): string | null {
  const folder = dirname(target)
  try {
    if (!statSync(folder).isDirectory()) return `${folder} is not a folder`
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? `the folder ${folder} does not exist` : `the folder ${folder} cannot be read (${reasonOf(error)})`
  }
  try {
    accessSync(folder, constants.W_OK)
  } catch (error) {
    return `the folder ${folder} cannot be written to (${reasonOf(error)})`
  }
  return null
}
