// Two Casefile processes on one archive: while one holds the write lock (an import in progress),
// the other's import is told the archive is busy, records nothing half-done, and the archive stays
// whole. (Separate connections behave as separate processes do: SQLite's file locks decide.)
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../../src/shared/model'
import { openArchive } from '../../../../../src/main/core/index'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

describe('two processes on one archive', () => {
  it('tells the second importer the archive is busy, and leaves everything whole', async () => {
    const first = await tempArchive(false)
    cleanups.push(first.cleanup)
    const second = await openArchive(first.path, { create: false, seedDir: null, nativeBinding: null })
    cleanups.push(() => second.close())
    second.db.pragma('busy_timeout = 200')
    const path = join(first.dir, 'figures.csv')
    writeFileSync(path, 'year,value\n2012,409849\n')
    first.archive.db.exec('BEGIN IMMEDIATE')
    let outcome
    try {
      outcome = await importOneFile(second.db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
    } finally {
      first.archive.db.exec('ROLLBACK')
    }
    expect(outcome).toMatchObject({ status: 'failed', error: 'figures.csv could not be imported: the archive is busy with another change; try again.' })
    expect(first.archive.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(first.archive.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name GLOB 'ds_[0-9]*'").pluck().get()).toBe(0)
    // Once the first is done, the same import goes through.
    const retry = await importOneFile(second.db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
    expect(retry).toMatchObject({ status: 'imported', rows: 1 })
  })
})
