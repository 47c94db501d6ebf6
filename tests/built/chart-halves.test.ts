// A chart's pass split between the rows pool's two built workers (out/main/rows-worker.js), each
// reading half of the table by rowid, and merged on this thread: the answer must be the one pass's
// answer on the archive's own connection, for counts, sums, averages, minimums and maximums and every
// edge case, the refusal of a chart with too many cells included.

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Database } from 'better-sqlite3'
import type { ChartSpec } from '../../src/shared/chart-spec'
import { DEFAULT_IMPORT_OPTIONS } from '../../src/shared/model'
import { importOneFile } from '../../src/main/core/import/import-one-file'
import { RowsPool } from '../../src/main/core/datasets/rows-pool'
import { aggregateChart, aggregateChartWith } from '../../src/main/core/charts/aggregate-chart'
import { chartPass, mergePassParts, type ChartPass, type Measure, type PassedCell } from '../../src/main/core/charts/chart-pass'
import { createArchiveApi } from '../../src/main/core/create-archive-api'
import { insertNote } from '../../src/main/core/notes/note-queries'
import { tempArchive } from '../helpers/temp-archive'
import type { Archive } from '../../src/main/core/index'

const OUT = resolve(import.meta.dirname, '../../out/main')
const WORKER = join(OUT, 'rows-worker.js')
const ROWS = 20_000
/** A table written here, not imported, so that it can hold any SQLite value (rowid-halves reads ds_<id>). */
const RAW_ID = 9001
const RAW = `ds_${RAW_ID}`
let archive: Archive
let db: Database
let cleanup: () => void
let pool: RowsPool
let datasetId: number
let dir: string

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does).`)
  const made = await tempArchive(false)
  archive = made.archive
  db = made.archive.db
  cleanup = made.cleanup
  dir = made.dir
  // Columns: 0 filed (dates, some empty), 1 court (some empty), 2 days (integers, some empty, some markers), 3 rate (decimals)
  let seed = 11
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0
    return (seed >>> 16) % n
  }
  const courts = ['Denver', 'Miami', 'Houston', '', "O'Hare"]
  const lines = ['filed,court,days,rate']
  for (let i = 0; i < ROWS; i++) {
    const filed = random(50) === 0 ? '' : new Date(Date.UTC(2001, 0, 1) + random(4000) * 86_400_000).toISOString().slice(0, 10)
    const days = random(9) === 0 ? '' : random(40) === 0 ? 'b6' : String(random(700) - 100)
    lines.push(`${filed},${courts[random(5)]},${days},${(random(10_000) / 100).toFixed(2)}`)
  }
  const file = join(made.dir, 'cases.csv')
  writeFileSync(file, `${lines.join('\n')}\n`)
  datasetId = (await importOneFile(db, { path: file, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!

  db.exec(`CREATE TABLE ${RAW} (a ANY, b ANY, c ANY) STRICT`)
  pool = new RowsPool(db, made.path, null, WORKER)
})

afterAll(async () => {
  await pool.dispose()
  cleanup()
})

/** Fills the raw table with `rows` ([a, b, c] each, c empty when left out) in this order, rowids 1…n, so that the halves are known. */
function fillRaw(rows: readonly (readonly unknown[])[]): void {
  db.exec(`DELETE FROM ${RAW}`)
  const insert = db.prepare(`INSERT INTO ${RAW} (rowid, a, b, c) VALUES (?, ?, ?, ?)`)
  db.transaction(() => rows.forEach(([a, b, c], at) => insert.run(at + 1, a, b, c ?? null)))()
}

const raw = (series: string | null, maxCells: number): ChartPass => ({ table: RAW, x: 'a', series, y: null, conditions: [], params: [], maxCells })
const measured = (measure: Measure, series: string | null): ChartPass => ({ ...raw(series, 1000), y: { column: 'c', measure } })
const sorted = (cells: PassedCell[] | null) => (cells === null ? null : [...cells].sort((p, q) => (p.k < q.k ? -1 : p.k > q.k ? 1 : 0)))

async function splitEqualsInline(pass: ChartPass): Promise<PassedCell[] | null> {
  const split = sorted(await pool.chartCells(RAW_ID, pass))
  expect(split, JSON.stringify(pass)).toEqual(sorted(chartPass(db, pass)))
  return split
}

describe('a chart counted in two halves on the rows pool', () => {
  it('adds the halves’ counts up as one pass does: NULLs, integers past 2^53, 5 beside 5.0 and ‘5’, blobs, quotes', async () => {
    const values = [9007199254740993n, 9007199254740992n, 5n, 5.0, '5', 2.5, null, "it's", 'a,b', '', -0.125, 1e300, Buffer.from([1, 2])]
    const rows: unknown[][] = []
    // Every pair in both halves, with different counts, so that a half's count lost or doubled shows.
    for (const half of [1, 2]) values.forEach((a, at) => values.forEach((b, bt) => { for (let i = 0; i < ((at + bt + half) % 4) + 1; i++) rows.push([a, b]) }))
    fillRaw(rows)
    const bySeries = await splitEqualsInline(raw('b', 1000))
    // 12 keys for 13 values: 5 and 5.0 are one key.
    expect(bySeries).toHaveLength(12 * 12)
    expect(bySeries!.find((cell) => cell.k === '5,5')!.n).toBe(rows.filter(([a, b]) => Number(a) === 5 && typeof a !== 'string' && Number(b) === 5 && typeof b !== 'string').length)
    const alone = await splitEqualsInline(raw(null, 1000))
    expect(alone!.find((cell) => cell.k === '9007199254740993')!.n).toBe(rows.filter(([a]) => a === 9007199254740993n).length)
    expect(alone!.reduce((sum, cell) => sum + cell.n, 0)).toBe(rows.length)
  })

  it('refuses past the most cells exactly as one pass does, whichever half holds them', async () => {
    // 1…6 in the first half, 4…9 in the second: each half 6 values, 9 in all.
    fillRaw([1, 2, 3, 4, 5, 6, 4, 5, 6, 7, 8, 9].map((a) => [a, null]))
    for (const maxCells of [5, 6, 8]) expect(await splitEqualsInline(raw(null, maxCells))).toBeNull()
    expect(await splitEqualsInline(raw(null, 9))).toHaveLength(9)
    // The halves share values: 6 + 6 counted, but 6 in all, within a limit of 6.
    fillRaw([1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 1].map((a) => [a, 'x']))
    expect(await splitEqualsInline(raw('b', 6))).toHaveLength(6)
    expect(await splitEqualsInline(raw('b', 5))).toBeNull()
    // 5 in one half and 5.0 in the other are one cell but two values: one pass holds two, and a limit of one refuses.
    fillRaw([[5n, null], [5.0, null]])
    expect(await splitEqualsInline(raw(null, 1))).toBeNull()
    expect(await splitEqualsInline(raw(null, 2))).toEqual([{ k: '5', n: 2, y: 2, ny: 2 }])
  })

  it('counts under filters, on one row, and on an empty table', async () => {
    fillRaw(Array.from({ length: 300 }, (_, at) => [at % 17, at % 2 === 0 ? 'even' : 'odd']))
    await splitEqualsInline({ ...raw('b', 100), conditions: ['a < ?'], params: [9] })
    await splitEqualsInline({ ...raw('b', 100), conditions: ['a < ?'], params: [-1] })
    fillRaw([['only', null]])
    expect(await splitEqualsInline(raw(null, 10))).toEqual([{ k: "'only'", n: 1, y: 1, ny: 1 }])
    fillRaw([])
    expect(await splitEqualsInline(raw(null, 10))).toEqual([])
  })

  it('merges halves by adding: a wrong merge is caught', () => {
    const half = { over: false, cells: [['ii', '1', 2] as [string, string, number], ['rr', '1', 3] as [string, string, number]] }
    expect(mergePassParts([half, half], raw(null, 10))).toEqual([{ k: '1', n: 10, y: 10, ny: 10 }])
    expect(mergePassParts([half, half], raw(null, 1))).toBeNull()
    expect(mergePassParts([half, { over: true, cells: [] }], raw(null, 10))).toBeNull()
  })

  it('finds sums, averages, minimums and maximums in halves as one pass does: markers, NULLs, blobs, 5 beside 5.0, integers past 2^53 and 2^63', async () => {
    // The first half's numbers are small and the second's large, so that a half dropped, a minimum
    // taken from the wrong half or an average of the halves' averages shows.
    const ys = (half: number, at: number): unknown[] => [null, 'b6', Buffer.from([9]), BigInt(at * half), at / 8 + half * 1000, -at * half, 9007199254740993n * BigInt(half), 0.1 * at]
    const rows: unknown[][] = []
    for (const half of [1, 2]) {
      for (let at = 0; at < 400; at++) rows.push([['Miami', 5n, 5.0, null, 2.5][at % 5], at % 3 === 0 ? null : `s${at % 4}`, ys(half, at)[(at * 7) % 8]])
      // A cell that only this half holds, and a cell of markers only.
      rows.push([`only ${half}`, null, 3n * BigInt(half)], ['markers', null, 'N/A'])
    }
    fillRaw(rows)
    for (const measure of ['sum', 'avg', 'min', 'max'] as const) {
      for (const series of [null, 'b']) {
        const cells = await splitEqualsInline(measured(measure, series))
        const k = series === null ? "'markers'" : "'markers',NULL"
        expect(cells!.find((cell) => cell.k === k)).toEqual({ k, n: 2, y: null, ny: 0 })
      }
      await splitEqualsInline({ ...measured(measure, 'b'), conditions: ['b = ?'], params: ['s1'] })
    }
    // Past 2^63 the integers still add up, in halves as in one pass.
    fillRaw([[1, null, 9223372036854775807n], [1, null, 9223372036854775807n], [1, null, 5n], [1, null, 7n]])
    expect((await splitEqualsInline(measured('sum', null)))![0]!.y).toBe(2 * 9223372036854775807)
  })

  it('answers a count with an error when its worker is gone or the archive closes while it runs', async () => {
    fillRaw(Array.from({ length: 50_000 }, (_, at) => [at % 101, at % 3]))
    const broken = new RowsPool(db, archive.path, null, join(OUT, 'no-such-worker.js'))
    await expect(broken.chartCells(RAW_ID, raw('b', 1000))).rejects.toThrow(/reading the rows stopped/)
    await broken.dispose()
    await expect(broken.chartCells(RAW_ID, raw('b', 1000))).rejects.toThrow('The archive was closed.')
    const closing = new RowsPool(db, archive.path, null, WORKER)
    const answered = expect(closing.chartCells(RAW_ID, raw('b', 1000))).rejects.toThrow('The archive was closed.')
    await closing.dispose()
    await answered
    // The pool the other tests use still counts.
    await splitEqualsInline(raw('b', 1000))
  })

  it('answers the app’s chartData from the pool as aggregateChart answers it on this thread, every aggregate', async () => {
    const handle = createArchiveApi(archive, () => undefined, { importWorker: null, searchWorker: join(OUT, 'search-worker.js'), chooseSavePath: null, pdfPrinter: null, showContextMenu: null, reopen: null })
    const spec = (overrides: Partial<ChartSpec>): ChartSpec => ({
      datasetId,
      type: 'stacked-bar',
      title: 'Cases',
      x: { column: 0, bucket: 'fiscal-year' },
      y: { aggregate: 'count', column: null },
      groupBy: { column: 1, top: 3 },
      share: null,
      filters: [],
      ...overrides
    })
    const specs: ChartSpec[] = [
      spec({}),
      spec({ groupBy: null }),
      spec({ x: { column: 0, bucket: 'month' } }),
      spec({ x: { column: 2, bucket: null }, groupBy: { column: 1, top: 10 } }),
      spec({ x: { column: 1, bucket: null }, groupBy: null, filters: [{ column: 2, op: 'between', value: null, min: '100', max: '400' }] }),
      spec({ filters: [{ column: 1, op: 'equals', value: 'Miami', min: null, max: null }] }),
      ...(['sum', 'avg', 'min', 'max'] as const).flatMap((aggregate) => [spec({ y: { aggregate, column: 2 } }), spec({ y: { aggregate, column: 3 }, groupBy: null })])
    ]
    try {
      for (const one of specs) {
        db.exec('DELETE FROM chart_cache')
        const answer = handle.handlers.chartData({ spec: one })
        // Every chart comes later, from the workers: this thread is free meanwhile.
        expect(answer).toBeInstanceOf(Promise)
        const split = await answer
        db.exec('DELETE FROM chart_cache')
        expect(split, JSON.stringify(one)).toEqual(aggregateChart(db, one))
        // Kept in the cache as the inline pass keeps it: the next drawing reads it.
        expect(await handle.handlers.chartData({ spec: one })).toEqual(split)
      }
      // Counted past the most cells: refused with the sentence the inline pass gives.
      await expect(aggregateChartWith(db, spec({}), () => Promise.resolve(null))).rejects.toThrow('“filed” and “court” have too many different values to chart (over 200,000 points)')
    } finally {
      await handle.dispose()
    }
  })

  it('checks a chart saved, changed or copied, and draws a note’s chart for export, on the pool: never on this thread', async () => {
    const path = join(dir, 'exported.md')
    const handle = createArchiveApi(archive, () => undefined, { importWorker: null, searchWorker: join(OUT, 'search-worker.js'), chooseSavePath: async () => path, pdfPrinter: null, showContextMenu: null, reopen: null })
    const passes = vi.spyOn(RowsPool.prototype, 'chartCells')
    const spec: ChartSpec = { datasetId, type: 'bar', title: 'Days', x: { column: 1, bucket: null }, y: { aggregate: 'sum', column: 2 }, groupBy: null, share: null, filters: [] }
    try {
      // Each step starts without the cache, so that its chart has to be found again.
      const fresh = () => {
        db.exec('DELETE FROM chart_cache')
        passes.mockClear()
      }
      fresh()
      const saved = await handle.handlers.saveChart({ name: 'Days by court', spec })
      expect(passes).toHaveBeenCalledTimes(1)
      expect(passes.mock.calls[0]![1].y).toEqual({ column: 'c2', measure: 'sum' })
      fresh()
      await handle.handlers.updateChart({ id: saved.id, name: 'Days by court', spec: { ...spec, y: { aggregate: 'max', column: 2 } } })
      expect(passes).toHaveBeenCalledTimes(1)
      fresh()
      const copy = await handle.handlers.duplicateChart({ id: saved.id })
      expect(passes).toHaveBeenCalledTimes(1)
      const note = insertNote(db, 'Longest waits', `By court:\n\n[[chart:${copy.id}]]`).id
      fresh()
      expect(await handle.handlers.exportNotesToFile({ ids: [note], format: 'markdown', title: null })).toEqual({ path, rows: 1 })
      expect(passes).toHaveBeenCalledTimes(1)
      expect(readFileSync(path, 'utf8')).toContain('Days by court (copy)')
    } finally {
      passes.mockRestore()
      await handle.dispose()
    }
  })
})
