// The rows pool with the built worker (out/main/rows-worker.js), as the app runs it: the data
// explorer's pages read on read-only connections in worker threads, a first page without its
// column's index found by two threads on the two halves of the table, answering exactly what
// queryDatasetRows on the archive's own connection answers; a new question replaces the ones still
// unanswered about the same dataset.

import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import type { RowFilter } from '../../src/shared/chart-spec'
import { DEFAULT_IMPORT_OPTIONS } from '../../src/shared/model'
import type { RowQuery } from '../../src/shared/row-query'
import { importOneFile } from '../../src/main/core/import/import-one-file'
import { buildSortIndex, queryDatasetRows, splitsIntoHalves } from '../../src/main/core/datasets/query-dataset-rows'
import { RowQueryReplaced, RowsPool } from '../../src/main/core/datasets/rows-pool'
import { createArchiveApi } from '../../src/main/core/create-archive-api'
import { tempArchive } from '../helpers/temp-archive'
import type { Archive } from '../../src/main/core/index'

const WORKER = resolve(import.meta.dirname, '../../out/main/rows-worker.js')
const ROWS = 30_000
let archive: Archive
let db: Database
let path: string
let cleanup: () => void
let pool: RowsPool
let datasetId: number
let smallId: number
let emptyId: number

async function importCsv(dir: string, name: string, lines: string[]): Promise<number> {
  const file = join(dir, name)
  writeFileSync(file, `${lines.join('\n')}\n`)
  return (await importOneFile(db, { path: file, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!
}

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does).`)
  const made = await tempArchive(false)
  archive = made.archive
  db = made.archive.db
  path = made.path
  cleanup = made.cleanup
  // Columns: 0 court (a few values, some empty), 1 days (integers, repeats, empties), 2 filed (dates, growing down the table), 3 flag (Y/N)
  let seed = 7
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0
    return (seed >>> 16) % n
  }
  const courts = ['Denver', 'Miami', 'Houston', '', "O'Hare"]
  const lines = ['court,days,filed,flag']
  for (let i = 0; i < ROWS; i++) {
    const filed = new Date(Date.UTC(1995, 0, 1) + Math.floor(i / 3) * 86_400_000).toISOString().slice(0, 10)
    lines.push(`${courts[random(5)]},${random(7) === 0 ? '' : random(500)},${filed},${random(8) === 0 ? 'Y' : 'N'}`)
  }
  datasetId = await importCsv(made.dir, 'cases.csv', lines)
  smallId = await importCsv(made.dir, 'small.csv', ['a,b', '1,x', '2,y', '3,z'])
  emptyId = await importCsv(made.dir, 'empty.csv', ['a,b'])
  pool = new RowsPool(db, path, null, WORKER)
})

afterAll(async () => {
  await pool.dispose()
  cleanup()
})

const equals = (column: number, value: string): RowFilter => ({ column, op: 'equals', value, min: null, max: null })

function query(overrides: Partial<RowQuery>): RowQuery {
  return { datasetId, sort: null, filters: [], after: null, offset: 0, limit: 50, count: true, ...overrides }
}

describe('RowsPool', () => {
  it('answers exactly what queryDatasetRows on the archive’s own connection answers, first pages found on two halves included', async () => {
    const asked: RowQuery[] = []
    for (const column of [0, 1, 2, 3]) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { column, direction }
        asked.push(query({ sort }), query({ sort, offset: 120 }), query({ sort, filters: [equals(0, 'Miami')] }), query({ sort, filters: [equals(3, 'Y')], count: false }))
      }
    }
    // In the stored order, a count under filters is shared by the halves too.
    asked.push(query({ filters: [equals(3, 'Y')] }), query({ filters: [equals(0, 'Denver'), equals(3, 'N')], offset: 300 }), query({ filters: [equals(0, 'nowhere')] }), query({ filters: [equals(1, '5')] }))
    // Past where halves are used: a deep jump placed from a sample, in one worker; the stored order without a count.
    asked.push(query({ sort: { column: 2, direction: 'desc' }, offset: 15_000 }), query({}), query({ filters: [equals(3, 'Y')], count: false }), query({ datasetId: smallId, sort: { column: 1, direction: 'desc' } }))
    // A table without rows has no halves.
    asked.push(query({ datasetId: emptyId, sort: { column: 0, direction: 'asc' } }))
    expect(asked.filter((one) => splitsIntoHalves(db, one)).length).toBe(38)
    for (const one of asked) expect(await pool.query(one), JSON.stringify(one)).toEqual(queryDatasetRows(db, one))
    // A page after a cursor, without the column's index, is found on the halves too.
    const first = await pool.query(query({ sort: { column: 1, direction: 'asc' } }))
    const next = query({ sort: { column: 1, direction: 'asc' }, after: first.next, count: false })
    expect(splitsIntoHalves(db, next)).toBe(true)
    expect(await pool.query(next)).toEqual(queryDatasetRows(db, next))
    // Once the index exists, the page is one walk of it, in one worker, filtered and counted or not.
    expect(buildSortIndex(db, datasetId, 1)).toBe(true)
    const counted = query({ sort: { column: 1, direction: 'desc' }, filters: [equals(3, 'Y')] })
    for (const one of [next, counted]) {
      expect(splitsIntoHalves(db, one)).toBe(false)
      expect(await pool.query(one)).toEqual(queryDatasetRows(db, one))
    }
  })

  it('answers queries that a new question about the same dataset replaced with RowQueryReplaced, and the others as asked', async () => {
    const deep = pool.query(query({ sort: { column: 3, direction: 'desc' }, offset: 20_000 }))
    const page = pool.query(query({ sort: { column: 0, direction: 'asc' }, offset: 40, count: false }))
    const elsewhere = pool.query(query({ datasetId: smallId }))
    const newest = pool.query(query({ sort: { column: 0, direction: 'desc' } }))
    await expect(deep).rejects.toBeInstanceOf(RowQueryReplaced)
    await expect(page).rejects.toBeInstanceOf(RowQueryReplaced)
    expect((await elsewhere).total).toBe(3)
    expect(await newest).toEqual(queryDatasetRows(db, query({ sort: { column: 0, direction: 'desc' } })))
    // The workers are free again.
    expect((await pool.query(query({}))).total).toBe(ROWS)
  })

  it('refuses a bad query at once, and keeps answering after its worker is gone', async () => {
    expect(() => pool.query(query({ datasetId: 9999 }))).toThrow(/Dataset 9999 was not found/)
    const broken = new RowsPool(db, path, null, join(resolve(import.meta.dirname, '../../out/main'), 'no-such-worker.js'))
    await expect(broken.query(query({}))).rejects.toThrow(/reading the rows stopped/)
    await expect(broken.query(query({}))).rejects.toThrow(/reading the rows stopped/)
    await broken.dispose()
    await expect(broken.query(query({}))).rejects.toThrow('The archive was closed.')
  })

  it('answers a query still running when the archive closes with a plain error', async () => {
    const closing = new RowsPool(db, path, null, WORKER)
    const answered = expect(closing.query(query({ sort: { column: 0, direction: 'desc' }, offset: 20_000 }))).rejects.toThrow('The archive was closed.')
    await closing.dispose()
    await answered
  })

  it('serves the app’s queryDatasetRows off the thread that serves the window', async () => {
    const handle = createArchiveApi(archive, () => undefined, { importWorker: null, searchWorker: join(resolve(import.meta.dirname, '../../out/main'), 'search-worker.js'), chooseSavePath: null, pdfPrinter: null, showContextMenu: null, reopen: null })
    try {
      const answer = handle.handlers.queryDatasetRows(query({ sort: { column: 2, direction: 'asc' }, offset: 12_000 }))
      // The page comes later, from a worker: this thread is free meanwhile.
      expect(answer).toBeInstanceOf(Promise)
      expect(await answer).toEqual(queryDatasetRows(db, query({ sort: { column: 2, direction: 'asc' }, offset: 12_000 })))
    } finally {
      await handle.dispose()
    }
  })
})
