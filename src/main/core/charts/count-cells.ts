import type { Database } from 'better-sqlite3'
import { cachedStatement } from '../db/cached-statement'
import { sqlValues } from '../db/sql-rows'
import type { Bound } from '../datasets/row-filters'
import { cellKeyOf, type KeyValue } from './chart-cell-key'

const COUNT = 'casefile_count_cells'

/** Counts per x value, then per series value: two lookups by value, no key string built per row. */
interface Counts {
  cells: Map<KeyValue, Map<KeyValue, number>>
  size: number
  /** Cells past this are not added (rows of cells already held still count): the chart is refused anyway. */
  limit: number
  series: boolean
}

/** SQLite hands a blob as a new Buffer per row; as its literal it is one key however often it comes. */
function keyValue(value: unknown): KeyValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return value
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex').toUpperCase()}'`
  throw new Error(`count-cells: unexpected value ${String(value)}`)
}

/** Called with the row's x value and series value. */
function step(counts: Counts, ...values: unknown[]): void {
  const x = keyValue(values[0])
  const g = keyValue(values[1])
  let series = counts.cells.get(x)
  if (series === undefined) {
    if (counts.size > counts.limit) return
    series = new Map()
    counts.cells.set(x, series)
  }
  const held = series.get(g)
  if (held !== undefined) series.set(g, held + 1)
  else if (counts.size <= counts.limit) {
    series.set(g, 1)
    counts.size++
  }
}

/** A value's storage class as one letter: 5 (INTEGER) and 5.0 (REAL) share a key but are two values. */
function classOf(value: KeyValue): string {
  return value === null ? 'z' : typeof value === 'bigint' ? 'i' : typeof value === 'number' ? 'r' : 's'
}

function result(counts: Counts): string {
  const cells: CountedCell[] = []
  for (const [x, series] of counts.cells) {
    for (const [g, n] of series) cells.push([`${classOf(x)}${classOf(g)}`, cellKeyOf(x, counts.series ? g : undefined), n])
  }
  const counted: CountedCells = { over: counts.size > counts.limit, cells }
  return JSON.stringify(counted)
}

/**
 * One value pair of x and series as the aggregate held it: its storage classes, its key as
 * chart-cell-key.ts writes it, and how many rows hold it. Class and key together name the pair
 * exactly, so counts of two parts of a table add up as one pass over it would.
 */
export type CountedCell = [classes: string, key: string, rows: number]

/** What one pass over some of a chart's rows counted; `over`: more value pairs than the most cells, so the chart is refused. */
export interface CountedCells {
  over: boolean
  cells: CountedCell[]
}

/** What a counting pass reads: the chart's x expression and series column over a dataset's table, under the filters' conditions. */
export interface CellCount {
  table: string
  x: string
  series: string | null
  conditions: string[]
  params: Bound[]
  maxCells: number
}

const registered = new WeakMap<Database, Set<string>>()

/**
 * The aggregate for charts with or without a series and at most `maxCells` cells, registered once
 * per connection under a name that says both: passed as arguments instead, they would cross into
 * JavaScript with every row (measured 12–15% of the pass).
 */
function aggregateFor(db: Database, series: boolean, maxCells: number): string {
  if (!Number.isSafeInteger(maxCells) || maxCells < 0) throw new Error(`count-cells: the most cells must be a whole number, not ${maxCells}`)
  const name = `${COUNT}_${series ? 'by_series' : 'alone'}_${maxCells}`
  const names = registered.get(db) ?? new Set<string>()
  registered.set(db, names)
  if (names.has(name)) return name
  // Integers come as BigInt, so that two integers past 2^53 stay two cells, as quote() keeps them.
  db.aggregate(name, { varargs: true, safeIntegers: true, deterministic: true, start: (): Counts => ({ cells: new Map(), size: 0, limit: maxCells, series }), step, result })
  names.add(name)
  return name
}

/**
 * How many rows fall in each cell of a chart (x, an expression over the row, by the series column
 * when there is one), in one pass over the rows without sorting them: each row adds one to its cell
 * in a map. A GROUP BY sorts every row first (15.8 s of CPU at 10,000,000 rows, fiscal year ×
 * court); adding each row to a keyed temp table instead (an upsert) measured 673 ms of CPU at 1M
 * rows, this 380 ms, with reading the two columns alone 88 ms (load average 10).
 *
 * `rowids` (first and last, inclusive) limits the pass to part of the table, so that two threads can
 * each count a half (rows-pool.ts); null counts every row. A WHERE condition makes the pass slower,
 * so filters cost that.
 */
export function countCellsPart(db: Database, count: CellCount, rowids: readonly [number, number] | null): CountedCells {
  const aggregate = aggregateFor(db, count.series !== null, count.maxCells)
  const conditions = rowids === null ? count.conditions : [...count.conditions, 'rowid BETWEEN ? AND ?']
  const params = rowids === null ? count.params : [...count.params, ...rowids]
  const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`
  const counted = sqlValues('text?').one(cachedStatement(db, `SELECT ${aggregate}(${count.x}, ${count.series ?? 'NULL'}) FROM ${count.table}${where}`).pluck(), ...params)
  // No row at all: an aggregate over nothing answers NULL.
  if (counted === null) return { over: false, cells: [] }
  // Written by result() above.
  return JSON.parse(counted) as CountedCells
}

/**
 * The cells of a chart from the counts of the parts of its rows (one part: the whole table), each
 * with its key as chart-cell-key.ts writes it; null when there are more than `maxCells` value pairs,
 * and the caller refuses the chart.
 */
export function mergeCountedCells(parts: readonly CountedCells[], maxCells: number): { k: string; n: number }[] | null {
  if (parts.some((part) => part.over)) return null
  const pairs = new Map<string, { k: string; n: number }>()
  for (const part of parts) {
    for (const [classes, k, n] of part.cells) {
      const pair = `${classes}${k}`
      const held = pairs.get(pair)
      if (held !== undefined) held.n += n
      else pairs.set(pair, { k, n })
    }
  }
  if (pairs.size > maxCells) return null
  // A REAL and an INTEGER of one value (5.0 and 5) are two SQLite values but one key: added together.
  const byKey = new Map<string, number>()
  for (const { k, n } of pairs.values()) byKey.set(k, (byKey.get(k) ?? 0) + n)
  return [...byKey].map(([k, n]) => ({ k, n }))
}

/** The cells of a chart counted in one pass over its rows, on this connection; null: too many to chart. */
export function countCells(db: Database, count: CellCount): { k: string; n: number }[] | null {
  return mergeCountedCells([countCellsPart(db, count, null)], count.maxCells)
}
