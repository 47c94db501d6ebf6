import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, onTestFinished } from 'vitest'
import type { Database } from 'better-sqlite3'
import { DEFAULT_IMPORT_OPTIONS, type ImportOutcome } from '../../src/shared/model'
import { importOneFile } from '../../src/main/core/import/import-one-file'
import { checkArchive } from '../../src/main/core/maintenance/check-archive'
import { tempArchive } from './temp-archive'

/**
 * Imports `bytes` as the file `name` into a new archive (removed when the test ends) the way the app
 * does, and expects the archive to be sound after it, whatever the outcome.
 */
export async function importIntoNewArchive(name: string, bytes: Uint8Array): Promise<{ outcome: ImportOutcome; db: Database }> {
  const made = await tempArchive(false)
  onTestFinished(made.cleanup)
  const { db } = made.archive
  const path = join(made.dir, name)
  writeFileSync(path, bytes)
  const outcome = await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
  expect(checkArchive(made.archive, false).ok).toBe(true)
  return { outcome, db }
}

/**
 * Imports `bytes` as the file `name` into a new archive the way the app does, expects the import to
 * fail with nothing of it saved and the archive still sound, and returns the refusal's one line.
 */
export async function refusedImport(name: string, bytes: Uint8Array): Promise<string> {
  const { outcome, db } = await importIntoNewArchive(name, bytes)
  expect(outcome.status).toBe('failed')
  const count = (sql: string) => db.prepare(sql).pluck().get() as number
  expect({
    datasets: count('SELECT count(*) FROM datasets'),
    articles: count('SELECT count(*) FROM articles'),
    tables: count("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name GLOB 'ds_*'"),
    ledger: db.prepare('SELECT status, rows_written FROM imports').all()
  }).toEqual({ datasets: 0, articles: 0, tables: 0, ledger: [{ status: 'failed', rows_written: 0 }] })
  expect(outcome.error).not.toContain('\n')
  return outcome.error!
}
