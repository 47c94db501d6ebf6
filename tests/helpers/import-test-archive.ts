import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { onTestFinished } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions, type ImportOutcome } from '../../src/shared/model'
import { importOneFile, type ImportProgress } from '../../src/main/core/import/import-one-file'
import { tempArchive } from './temp-archive'

/**
 * A new, empty archive for the running test (removed when it ends), with a way to write files beside
 * it and to import them on this thread as the app would.
 */
export interface ImportTestArchive {
  db: Database
  dir: string
  path(name: string): string
  write(name: string, content: string | Uint8Array): string
  run(file: string, options: Partial<ImportOptions>, onProgress: (progress: ImportProgress) => void): Promise<ImportOutcome>
}

export async function importTestArchive(): Promise<ImportTestArchive> {
  const made = await tempArchive(false)
  onTestFinished(made.cleanup)
  const { db } = made.archive
  const path = (name: string) => join(made.dir, name)
  const write = (name: string, content: string | Uint8Array) => {
    writeFileSync(path(name), content)
    return path(name)
  }
  const run = (file: string, options: Partial<ImportOptions>, onProgress: (progress: ImportProgress) => void) =>
    importOneFile(db, { path: file, options: { ...DEFAULT_IMPORT_OPTIONS, ...options }, article: null, dataset: null }, new AbortController().signal, onProgress, null)
  return { db, dir: made.dir, path, write, run }
}
