// Two Casefile processes on one archive: while one holds the write lock (an import in progress, a
// sort index being built), the other's import says it is waiting and goes on once the lock is free;
// it can be cancelled while it waits, and it gives up, in words, if the lock is never released.
// Nothing half-done is recorded, and the archive stays whole. (Separate connections behave as
// separate processes do: SQLite's file locks decide.)
import { copyFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../../src/shared/model'
import { openArchive } from '../../../../../src/main/core/index'
import { importOneFile, importOneFileInBatch, type ImportProgress } from '../../../../../src/main/core/import/import-one-file'
import { ArchiveStaysBusy, whenWritable } from '../../../../../src/main/core/import/when-writable'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function twoConnections() {
  const first = await tempArchive(false)
  cleanups.push(first.cleanup)
  const second = await openArchive(first.path, { create: false, seedDir: null, nativeBinding: null })
  cleanups.push(() => second.close())
  // The first attempt waits this long before the import says it is waiting.
  second.db.pragma('busy_timeout = 200')
  const path = join(first.dir, 'figures.csv')
  writeFileSync(path, 'year,value\n2012,409849\n')
  return { first, second, path }
}

const tables = (db: import('better-sqlite3').Database) => db.prepare("SELECT count(*) FROM sqlite_schema WHERE name GLOB 'ds_[0-9]*'").pluck().get()

describe('two processes on one archive', () => {
  it('waits for the other to finish writing, says so, then imports', async () => {
    const { first, second, path } = await twoConnections()
    first.archive.db.exec('BEGIN IMMEDIATE')
    const phases: ImportProgress['phase'][] = []
    let done = false
    const importing = importOneFile(second.db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, (progress) => phases.push(progress.phase), null).finally(
      () => (done = true)
    )
    await sleep(800)
    expect(done).toBe(false)
    expect(phases).toContain('waiting')
    expect(tables(first.archive.db)).toBe(0)
    first.archive.db.exec('COMMIT')
    const outcome = await importing
    expect(outcome).toMatchObject({ status: 'imported', rows: 1, error: null })
    expect(phases.indexOf('waiting')).toBeLessThan(phases.indexOf('indexing'))
    expect(second.db.pragma('busy_timeout', { simple: true })).toBe(200)
    expect(first.archive.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(tables(first.archive.db)).toBe(1)
  })

  it('can be cancelled while it waits, leaving nothing behind', async () => {
    const { first, second, path } = await twoConnections()
    const ledger = first.archive.db.prepare('SELECT count(*) FROM imports').pluck().get()
    first.archive.db.exec('BEGIN IMMEDIATE')
    const controller = new AbortController()
    let waiting = false
    const importing = importOneFile(second.db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, controller.signal, (progress) => (waiting ||= progress.phase === 'waiting'), null)
    for (let i = 0; i < 50 && !waiting; i++) await sleep(50)
    expect(waiting).toBe(true)
    const cancelled = performance.now()
    controller.abort()
    const outcome = await importing
    // Heard within a retry, not after the connection's whole busy timeout.
    expect(performance.now() - cancelled).toBeLessThan(1000)
    first.archive.db.exec('ROLLBACK')
    expect(outcome).toMatchObject({ status: 'cancelled', id: null })
    expect(first.archive.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(ledger)
    expect(tables(first.archive.db)).toBe(0)
    expect(first.archive.db.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('does not import the same workbook or document twice when the other imported it while this one waited (review B25-6)', async () => {
    const { first, second } = await twoConnections()
    const workbook = join(first.dir, 'table-39.xlsx')
    copyFileSync(resolve(import.meta.dirname, '../../../../fixtures/import/workbook/dhs-yearbook-2013-table-39.xlsx'), workbook)
    const memo = join(first.dir, 'memo.txt')
    writeFileSync(memo, 'Memo on the review\n\nAttorneys reviewed each pending case.\n')
    for (const path of [workbook, memo]) {
      const request = { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }
      // The first process is importing the file (it holds the lock); the second hashes it, finds no
      // copy yet, and waits for the lock.
      first.archive.db.exec('BEGIN IMMEDIATE')
      let waiting = false
      const importing = importOneFile(second.db, request, new AbortController().signal, (progress) => (waiting ||= progress.phase === 'waiting'), null)
      for (let i = 0; i < 50 && !waiting; i++) await sleep(50)
      expect(waiting).toBe(true)
      const firstOutcome = await importOneFileInBatch(first.archive.db, request, new AbortController().signal, () => undefined, null)
      first.archive.db.exec('COMMIT')
      expect(firstOutcome.status).toBe('imported')
      const outcome = await importing
      expect(outcome).toMatchObject({ status: 'duplicate', id: firstOutcome.id, error: null })
    }
    expect(first.archive.db.prepare("SELECT count(*) FROM datasets WHERE source_file = 'table-39.xlsx'").pluck().get()).toBe(2)
    expect(first.archive.db.prepare("SELECT count(*) FROM articles WHERE source_file = 'memo.txt'").pluck().get()).toBe(1)
    expect(first.archive.db.prepare("SELECT status FROM imports WHERE file_name IN ('table-39.xlsx', 'memo.txt') ORDER BY id").pluck().all()).toEqual(['imported', 'duplicate', 'imported', 'duplicate'])
  })

  it('gives up in words when the lock is held past the wait, and restores the busy timeout', async () => {
    const { first, second } = await twoConnections()
    first.archive.db.exec('BEGIN IMMEDIATE')
    let waited = 0
    try {
      const write = () => second.db.prepare("INSERT INTO meta (key, value) VALUES ('probe', '1')").run()
      await expect(whenWritable(second.db, write, new AbortController().signal, () => waited++, 500)).rejects.toThrow(ArchiveStaysBusy)
    } finally {
      first.archive.db.exec('ROLLBACK')
    }
    expect(waited).toBe(1)
    expect(second.db.pragma('busy_timeout', { simple: true })).toBe(200)
  })

  it('throws any other error at once, without waiting', async () => {
    const { second } = await twoConnections()
    let waited = 0
    const write = () => second.db.prepare('INSERT INTO no_such_table VALUES (1)').run()
    await expect(whenWritable(second.db, write, new AbortController().signal, () => waited++, 60_000)).rejects.toThrow(/no such table/)
    expect(waited).toBe(0)
  })
})
