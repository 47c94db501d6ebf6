import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import type { RowFilter } from '../../../../../src/shared/chart-spec'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../../src/shared/model'
import type { RowQuery } from '../../../../../src/shared/row-query'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { buildSortIndex, columnStats, queryDatasetRows } from '../../../../../src/main/core/datasets/query-dataset-rows'
import { exportRowsCsv } from '../../../../../src/main/core/datasets/export-rows-csv'
import { tempArchive } from '../../../../helpers/temp-archive'

let db: Database
let cleanup: () => void
let datasetId: number
let exportDir: string
const ROWS = 500

beforeAll(async () => {
  const made = await tempArchive(false)
  db = made.archive.db
  cleanup = made.cleanup
  exportDir = made.dir
  // Columns: 0 court (text, some empty), 1 days (integer with repeats and empties), 2 filed (date), 3 mixed (numbers, then text)
  let seed = 99
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0
    return (seed >>> 16) % n
  }
  const courts = ['Denver', 'Miami', 'Houston', '']
  const lines = ['court,days,filed,mixed']
  for (let i = 0; i < ROWS; i++) {
    const days = random(6) === 0 ? '' : String(random(40))
    const mixed = i < 250 ? String(random(100)) : random(2) ? `code ${random(9)}` : ''
    lines.push(`${courts[random(4)]},${days},2012-0${1 + random(9)}-1${random(9)},${mixed}`)
  }
  const path = join(made.dir, 'paging.csv')
  writeFileSync(path, `${lines.join('\n')}\n`)
  datasetId = (await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!
})
afterAll(() => cleanup())

function pageThrough(query: Omit<RowQuery, 'after' | 'offset' | 'limit' | 'count'>, limit: number): number[] {
  const seen: number[] = []
  let after: RowQuery['after'] = null
  for (let guard = 0; guard < 1000; guard++) {
    const page = queryDatasetRows(db, { ...query, after, limit, offset: 0, count: true })
    seen.push(...page.rows.map((row) => row.rowid))
    if (page.next === null) return seen
    after = page.next
  }
  throw new Error('paging did not end')
}

const equals = (column: number, value: string): RowFilter => ({ column, op: 'equals', value, min: null, max: null })

describe('queryDatasetRows', () => {
  it('pages through every sort, either way, by cursor or by offset, in exactly the order of one sorted query, with or without the column’s index', () => {
    const sortIndexes = () => db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name GLOB 'ds_${datasetId}_sort_*'`).pluck().get()
    for (const indexed of [false, true]) {
      for (const column of [0, 1, 2, 3]) {
        if (indexed) expect(buildSortIndex(db, datasetId, column)).toBe(true)
        for (const direction of ['asc', 'desc'] as const) {
          const order = direction === 'asc' ? `c${column}, rowid` : `c${column} DESC, rowid DESC`
          const expected = db.prepare(`SELECT rowid FROM ds_${datasetId} ORDER BY ${order}`).pluck().all() as number[]
          const label = `column ${column} ${direction}${indexed ? ', indexed' : ''}`
          expect(pageThrough({ datasetId, sort: { column, direction }, filters: [] }, 7), label).toEqual(expected)
          const byOffset = [0, 130, 260, 390].flatMap(
            (offset) => queryDatasetRows(db, { datasetId, sort: { column, direction }, filters: [], after: null, offset, limit: 130, count: false }).rows.map((row) => row.rowid)
          )
          expect(byOffset, label).toEqual(expected)
        }
      }
      // Sorting never built an index on its own: only buildSortIndex does.
      expect(sortIndexes()).toBe(indexed ? 4 : 0)
    }
    expect(pageThrough({ datasetId, sort: null, filters: [] }, 64)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1))
    const page = queryDatasetRows(db, { datasetId, sort: null, filters: [], after: null, offset: 0, limit: 5, count: false })
    expect(page.total).toBeNull()
    expect(() => queryDatasetRows(db, { datasetId, sort: null, filters: [], after: { value: null, rowid: 3 }, offset: 5, limit: 5, count: false })).toThrow(
      'A page starts after a row or at an offset, not both.'
    )
  })

  it('keeps paging exact under filters and counts the filtered rows', () => {
    const filters = [equals(0, 'Denver'), equals(0, 'Miami'), { column: 1, op: 'between', value: null, min: '10', max: '30' } as RowFilter]
    const expected = db
      .prepare(`SELECT rowid FROM ds_${datasetId} WHERE c0 IN ('Denver', 'Miami') AND c1 BETWEEN 10 AND 30 ORDER BY c1 DESC, rowid DESC`)
      .pluck()
      .all() as number[]
    expect(expected.length).toBeGreaterThan(50)
    expect(pageThrough({ datasetId, sort: { column: 1, direction: 'desc' }, filters }, 9)).toEqual(expected)
    expect(queryDatasetRows(db, { datasetId, sort: null, filters, after: null, limit: 5, offset: 0, count: true }).total).toBe(expected.length)
    expect(queryDatasetRows(db, { datasetId, sort: null, filters: [{ column: 1, op: 'empty', value: null, min: null, max: null }], after: null, limit: 1, offset: 0, count: true }).total).toBe(
      (db.prepare(`SELECT count(*) FROM ds_${datasetId} WHERE c1 IS NULL`).pluck().get() as number)
    )
  })

  it('finds a sorted page of a table larger than the rows read for its bound exactly, with ties, empties, mixed values and filters', async () => {
    // 40,000 rows: more than the rows read at both ends, so the bound comes from part of the table.
    // Columns: 0 grows down the table (the worst case for a descending sort), 1 few values with
    // empties, 2 numbers then text, 3 a court to filter on.
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0
      return (seed >>> 16) % n
    }
    const lines = ['n,grade,mixed,court']
    for (let i = 0; i < 40_000; i++) {
      lines.push(`${i},${random(5) === 0 ? '' : random(4)},${random(3) === 0 ? `x${random(50)}` : random(1000)},${['Denver', 'Miami', 'Houston'][random(3)]}`)
    }
    const path = join(exportDir, 'large.csv')
    writeFileSync(path, `${lines.join('\n')}\n`)
    const large = (await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!
    const miami = [equals(3, 'Miami')]
    for (const filters of [[], miami]) {
      const where = filters.length === 0 ? '' : "WHERE c3 = 'Miami'"
      for (const column of [0, 1, 2]) {
        for (const direction of ['asc', 'desc'] as const) {
          const order = direction === 'asc' ? `c${column}, rowid` : `c${column} DESC, rowid DESC`
          const expected = db.prepare(`SELECT rowid FROM ds_${large} ${where} ORDER BY ${order} LIMIT 400`).pluck().all() as number[]
          const at = (offset: number, after: RowQuery['after']) =>
            queryDatasetRows(db, { datasetId: large, sort: { column, direction }, filters, after, offset, limit: 100, count: true })
          const first = at(0, null)
          const label = `column ${column} ${direction}${filters.length === 0 ? '' : ', Miami'}`
          expect(first.rows.map((row) => row.rowid), label).toEqual(expected.slice(0, 100))
          expect(at(0, first.next).rows.map((row) => row.rowid), label).toEqual(expected.slice(100, 200))
          expect(at(300, null).rows.map((row) => row.rowid), label).toEqual(expected.slice(300, 400))
          expect(first.total, label).toBe(db.prepare(`SELECT count(*) FROM ds_${large} ${where}`).pluck().get())
        }
      }
    }
    // Deeper than the rows at the ends reach: the page is placed from rows read at random, then
    // sorted between two pivots; it is still exactly the page of one sorted query, to the last row.
    for (const filters of [[], miami]) {
      const where = filters.length === 0 ? '' : "WHERE c3 = 'Miami'"
      const count = db.prepare(`SELECT count(*) FROM ds_${large} ${where}`).pluck().get() as number
      for (const column of [0, 1, 2]) {
        for (const direction of ['asc', 'desc'] as const) {
          const order = direction === 'asc' ? `c${column}, rowid` : `c${column} DESC, rowid DESC`
          const expected = db.prepare(`SELECT rowid FROM ds_${large} ${where} ORDER BY ${order}`).pluck().all() as number[]
          for (const offset of [count - 5_000, count - 60, Math.floor(count * 0.9)]) {
            const page = queryDatasetRows(db, { datasetId: large, sort: { column, direction }, filters, after: null, offset, limit: 100, count: true })
            const label = `column ${column} ${direction} at ${offset}${filters.length === 0 ? '' : ', Miami'}`
            expect(page.rows.map((row) => row.rowid), label).toEqual(expected.slice(offset, offset + 100))
            expect([page.total, page.next === null], label).toEqual([count, offset + 100 >= count])
          }
        }
      }
    }
    // A filter that keeps fewer rows than a page is counted by the page itself.
    const few = [equals(0, '17'), equals(0, '39999')]
    expect(queryDatasetRows(db, { datasetId: large, sort: null, filters: few, after: null, offset: 0, limit: 100, count: true })).toMatchObject({ total: 2, next: null })
  })

  it('sorts through the column’s index once it is built, and refuses a dataset or column that does not exist', () => {
    expect(buildSortIndex(db, datasetId, 2)).toBe(true)
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM ds_${datasetId} WHERE (c2, rowid) > ('2012-05-01', 3) ORDER BY c2, rowid LIMIT 10`).all() as { detail: string }[]
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/SEARCH ds_\d+ USING (COVERING )?INDEX ds_\d+_sort_c2/)
    expect(() => queryDatasetRows(db, { datasetId: 999, sort: null, filters: [], after: null, limit: 3, offset: 0, count: true })).toThrow('Dataset 999 was not found in this archive.')
    expect(() => queryDatasetRows(db, { datasetId, sort: { column: 9, direction: 'asc' }, filters: [], after: null, limit: 3, offset: 0, count: true })).toThrow('The sort is column 10, but the dataset has 4 columns.')
  })
})

describe('exportRowsCsv', () => {
  it('builds the sort column’s index before a sorted export, whose pages then walk it instead of passing over the table each', () => {
    db.exec(`DROP INDEX IF EXISTS ds_${datasetId}_sort_c1`)
    const path = join(exportDir, 'sorted.csv')
    const { rows } = exportRowsCsv(db, { datasetId, sort: { column: 1, direction: 'desc' }, filters: [] }, path, true, 'as-imported')
    expect(rows).toBe(ROWS)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(`ds_${datasetId}_sort_c1`)).toBe(1)
    const expected = (db.prepare(`SELECT c1 FROM ds_${datasetId} ORDER BY c1 DESC, rowid DESC`).pluck().all() as (number | null)[]).map((value) => (value === null ? '' : String(value)))
    expect(readFileSync(path, 'utf8').trimEnd().split('\r\n').slice(1).map((line) => line.split(',')[1])).toEqual(expected)
  })
})

describe('columnStats', () => {
  it('gives minimum, maximum, distinct and empty counts, and value facets for few values', () => {
    const court = columnStats(db, datasetId, 0, [])
    const count = (sql: string) => db.prepare(sql).pluck().get() as number
    expect(court).toMatchObject({ type: 'text', min: 'Denver', max: 'Miami', distinct: 3, empty: count(`SELECT count(*) FROM ds_${datasetId} WHERE c0 IS NULL`) })
    expect(court.facets!.map((facet) => facet.value).sort((a, b) => String(a).localeCompare(String(b)))).toEqual([null, 'Denver', 'Houston', 'Miami'].sort((a, b) => String(a).localeCompare(String(b))))
    expect(court.facets!.reduce((sum, facet) => sum + facet.count, 0)).toBe(ROWS)
    const days = columnStats(db, datasetId, 1, [equals(0, 'Denver')])
    expect([days.min, days.max]).toEqual([
      count(`SELECT min(c1) FROM ds_${datasetId} WHERE c0 = 'Denver'`),
      count(`SELECT max(c1) FROM ds_${datasetId} WHERE c0 = 'Denver'`)
    ])
    expect(columnStats(db, datasetId, 2, []).facets).toBeNull()
  })
})
