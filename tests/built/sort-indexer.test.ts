// The background builder of sort indexes with the built worker (out/main/sort-index-worker.js), as
// the app runs it: it builds the index of a column asked for on its own connection, gives way to a
// change (nothing starts for a quiet moment after one), and starts nothing while an import writes.

import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import { DEFAULT_IMPORT_OPTIONS } from '../../src/shared/model'
import { importOneFile } from '../../src/main/core/import/import-one-file'
import { columnsWantingIndex } from '../../src/main/core/datasets/query-dataset-rows'
import { QUIET_MS, SortIndexer } from '../../src/main/core/datasets/sort-indexer'
import { tempArchive } from '../helpers/temp-archive'

const WORKER = resolve(import.meta.dirname, '../../out/main/sort-index-worker.js')
let db: Database
let path: string
let cleanup: () => void
let datasetId: number

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does).`)
  const made = await tempArchive(false)
  db = made.archive.db
  path = made.path
  cleanup = made.cleanup
  const csv = join(made.dir, 'docket.csv')
  writeFileSync(csv, `court,days,filed\n${Array.from({ length: 20_000 }, (_, i) => `Court ${i % 37},${(i * 7919) % 1000},2012-0${1 + (i % 9)}-1${i % 9}`).join('\n')}\n`)
  datasetId = (await importOneFile(db, { path: csv, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!
})

afterAll(() => cleanup())

const query = (column: number) => ({ datasetId, sort: { column, direction: 'asc' as const }, filters: [], after: null, offset: 0, limit: 10, count: false })

describe('SortIndexer', () => {
  it('builds the index of a column asked for, once, on its own connection', async () => {
    const indexer = new SortIndexer({ archivePath: path, nativeBinding: null }, WORKER, () => false)
    try {
      expect(columnsWantingIndex(db, query(1))).toEqual([1])
      indexer.want({ datasetId, position: 1 })
      indexer.want({ datasetId, position: 1 })
      await expect.poll(() => indexer.built, { timeout: 20_000 }).toBe(1)
      expect(indexer.pending).toBe(false)
      expect(columnsWantingIndex(db, query(1))).toEqual([])
    } finally {
      await indexer.dispose()
    }
  })

  it('waits for a quiet moment after a change, and starts nothing while an import writes', async () => {
    let importing = true
    const indexer = new SortIndexer({ archivePath: path, nativeBinding: null }, WORKER, () => importing)
    try {
      indexer.want({ datasetId, position: 0 })
      await new Promise((done) => setTimeout(done, QUIET_MS))
      expect(indexer.built).toBe(0)
      expect(columnsWantingIndex(db, query(0))).toEqual([0])
      importing = false
      indexer.pause()
      const paused = Date.now()
      await expect.poll(() => indexer.built, { timeout: 20_000 }).toBe(1)
      expect(Date.now() - paused).toBeGreaterThanOrEqual(QUIET_MS - 50)
      expect(columnsWantingIndex(db, query(0))).toEqual([])
    } finally {
      await indexer.dispose()
    }
  })

  it('lets a change write while a build waits, and builds it afterwards', async () => {
    const indexer = new SortIndexer({ archivePath: path, nativeBinding: null }, WORKER, () => false)
    try {
      indexer.want({ datasetId, position: 2 })
      indexer.pause()
      // The change itself writes while the builder waits: the write is not refused.
      db.prepare("UPDATE datasets SET description = 'checked' WHERE id = ?").run(datasetId)
      await expect.poll(() => indexer.built, { timeout: 20_000 }).toBe(1)
      expect(columnsWantingIndex(db, query(2))).toEqual([])
    } finally {
      await indexer.dispose()
    }
  })
})
