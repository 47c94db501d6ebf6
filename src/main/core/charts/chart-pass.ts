import type { Database } from 'better-sqlite3'
import { cachedStatement } from '../db/cached-statement'
import { sqlValues } from '../db/sql-rows'
import type { Bound } from '../datasets/row-filters'
import { cellKeyOf, type KeyValue } from './chart-cell-key'
import { addInteger, addReal, addSum, emptySum, sumTotal, type ExactSum } from './exact-sum'

const PASS = 'casefile_chart_pass'

/** What a chart makes of the numbers in its y column, cell by cell. */
export type Measure = 'sum' | 'avg' | 'min' | 'max'

/** One cell's rows as a measure's pass holds them. */
interface Figures {
  rows: number
  /** Rows whose y is a number: an INTEGER or a REAL, never empty or text (a marker such as b6). */
  numbers: number
  /** A sum's and an average's numbers added up. */
  sum: ExactSum
  /** A minimum's or a maximum's number so far; null before the first. */
  best: number | null
}

/** Per x value, then per series value: two lookups by value, no key string built per row. */
interface Pass<T> {
  cells: Map<KeyValue, Map<KeyValue, T>>
  size: number
  /** Cells past this are not added (rows of cells already held still count): the chart is refused anyway. */
  limit: number
  series: boolean
  measure: Measure | null
}

/** SQLite hands a blob as a new Buffer per row; as its literal it is one key however often it comes. */
function keyValue(value: unknown): KeyValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return value
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex').toUpperCase()}'`
  throw new Error(`chart-pass: unexpected value ${String(value)}`)
}

/** The row's cell among those held (made when there is room for it); undefined past the most cells. */
function cellOf<T>(pass: Pass<T>, x: KeyValue, g: KeyValue, made: () => T): T | undefined {
  let series = pass.cells.get(x)
  if (series === undefined) {
    if (pass.size > pass.limit) return undefined
    series = new Map()
    pass.cells.set(x, series)
  }
  const held = series.get(g)
  if (held !== undefined || pass.size > pass.limit) return held
  const cell = made()
  series.set(g, cell)
  pass.size++
  return cell
}

/** A count's step, called with the row's x value and series value: the cell is its number of rows. Written out rather than through cellOf: it is the hot path of most charts. */
function countStep(pass: Pass<number>, ...values: unknown[]): void {
  const x = keyValue(values[0])
  const g = keyValue(values[1])
  let series = pass.cells.get(x)
  if (series === undefined) {
    if (pass.size > pass.limit) return
    series = new Map()
    pass.cells.set(x, series)
  }
  const held = series.get(g)
  if (held !== undefined) series.set(g, held + 1)
  else if (pass.size <= pass.limit) {
    series.set(g, 1)
    pass.size++
  }
}

const noFigures = (): Figures => ({ rows: 0, numbers: 0, sum: emptySum(), best: null })

/**
 * A measure's step, called with the row's x value, series value and y value. Integers come as
 * BigInt and reals as numbers, so the test below is SQLite's typeof(y) IN ('integer', 'real'):
 * text in a column of numbers (a marker) and empty cells count as rows but not as numbers.
 */
function measureStep(pass: Pass<Figures>, ...values: unknown[]): void {
  const cell = cellOf(pass, keyValue(values[0]), keyValue(values[1]), noFigures)
  if (cell === undefined) return
  cell.rows++
  const y = values[2]
  if (typeof y !== 'bigint' && typeof y !== 'number') return
  cell.numbers++
  if (pass.measure === 'sum' || pass.measure === 'avg') {
    if (typeof y === 'bigint') addInteger(cell.sum, y)
    else addReal(cell.sum, y)
    return
  }
  // Rounding an integer past 2^53 never reorders it against another number, so the extreme found
  // among doubles is the double of SQLite's exact extreme.
  const near = Number(y)
  if (cell.best === null || (pass.measure === 'min' ? near < cell.best : near > cell.best)) cell.best = near
}

/** A value's storage class as one letter: 5 (INTEGER) and 5.0 (REAL) share a key but are two values. */
function classOf(value: KeyValue): string {
  return value === null ? 'z' : typeof value === 'bigint' ? 'i' : typeof value === 'number' ? 'r' : 's'
}

/** A double as JSON carries it: ±Infinity and NaN, which JSON has no number for, as text. */
function wireNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value)
}

function wireFigures(figures: Figures): WireFigures {
  const { sum } = figures
  return {
    rows: figures.rows,
    numbers: figures.numbers,
    integers: String(BigInt(sum.small) + sum.big),
    partials: sum.partials,
    beyond: sum.beyond === null ? null : String(sum.beyond),
    best: figures.best === null ? null : wireNumber(figures.best)
  }
}

function result(pass: Pass<number | Figures>): string {
  const cells: PassCell[] = []
  for (const [x, series] of pass.cells) {
    for (const [g, held] of series) {
      const classes = `${classOf(x)}${classOf(g)}`
      const key = cellKeyOf(x, pass.series ? g : undefined)
      cells.push(typeof held === 'number' ? [classes, key, held] : [classes, key, held.rows, wireFigures(held)])
    }
  }
  const part: PassPart = { over: pass.size > pass.limit, cells }
  return JSON.stringify(part)
}

/** A measure's figures for one value pair, as they cross from a pass (its worker) to the merge. */
export interface WireFigures {
  rows: number
  numbers: number
  /** The integers' exact sum in decimal. */
  integers: string
  partials: number[]
  beyond: string | null
  best: number | string | null
}

/**
 * One value pair of x and series as the aggregate held it: its storage classes, its key as
 * chart-cell-key.ts writes it, how many rows hold it and, for a measure, what their y values add up
 * to. Class and key together name the pair exactly, so the parts of a table merge as one pass would.
 */
export type PassCell = [classes: string, key: string, rows: number, figures?: WireFigures]

/** What one pass over some of a chart's rows found; `over`: more value pairs than the most cells, so the chart is refused. */
export interface PassPart {
  over: boolean
  cells: PassCell[]
}

/**
 * What a chart's pass reads: its x expression and series column over a dataset's table, under the
 * filters' conditions, and for a sum, an average or an extreme the y column and that measure.
 */
export interface ChartPass {
  table: string
  x: string
  series: string | null
  y: { column: string; measure: Measure } | null
  conditions: string[]
  params: Bound[]
  maxCells: number
}

/** A chart's cell: its key, its rows (n), and its measure (y, null without numbers) over the ny rows that hold a number. */
export interface PassedCell {
  k: string
  n: number
  y: number | null
  ny: number
}

const registered = new WeakMap<Database, Set<string>>()

/**
 * The aggregate for a measure (null: a count), charts with or without a series and at most
 * `maxCells` cells, registered once per connection under a name that says all three: passed as
 * arguments instead, they would cross into JavaScript with every row (measured 12–15% of the pass).
 */
function aggregateFor(db: Database, measure: Measure | null, series: boolean, maxCells: number): string {
  if (!Number.isSafeInteger(maxCells) || maxCells < 0) throw new Error(`chart-pass: the most cells must be a whole number, not ${maxCells}`)
  const name = `${PASS}_${measure ?? 'count'}_${series ? 'by_series' : 'alone'}_${maxCells}`
  const names = registered.get(db) ?? new Set<string>()
  registered.set(db, names)
  if (names.has(name)) return name
  const start = (): Pass<never> => ({ cells: new Map(), size: 0, limit: maxCells, series, measure })
  // Integers come as BigInt, so that two integers past 2^53 stay two cells, as quote() keeps them,
  // and add up exactly.
  db.aggregate(name, { varargs: true, safeIntegers: true, deterministic: true, start, step: measure === null ? countStep : measureStep, result })
  names.add(name)
  return name
}

/**
 * A chart's cells (x, an expression over the row, by the series column when there is one) in one
 * pass over the rows without sorting them: each row adds to its cell in a map. A GROUP BY sorts
 * every row first (15.8 s of CPU at 10,000,000 rows, fiscal year × court), or reads an index built
 * for it, which costs that sort once and the index's pages in the archive; adding each row to a
 * keyed temp table instead (an upsert) measured 673 ms of CPU at 1M rows, this 380 ms, with reading
 * the two columns alone 88 ms (load average 10).
 *
 * `rowids` (first and last, inclusive) limits the pass to part of the table, so that two threads can
 * each take a half (rows-pool.ts); null reads every row. A WHERE condition makes the pass slower,
 * so filters cost that.
 */
export function chartPassPart(db: Database, pass: ChartPass, rowids: readonly [number, number] | null): PassPart {
  const aggregate = aggregateFor(db, pass.y?.measure ?? null, pass.series !== null, pass.maxCells)
  const conditions = rowids === null ? pass.conditions : [...pass.conditions, 'rowid BETWEEN ? AND ?']
  const params = rowids === null ? pass.params : [...pass.params, ...rowids]
  const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`
  const args = [pass.x, pass.series ?? 'NULL', ...(pass.y === null ? [] : [pass.y.column])].join(', ')
  const found = sqlValues('text?').one(cachedStatement(db, `SELECT ${aggregate}(${args}) FROM ${pass.table}${where}`).pluck(), ...params)
  // No row at all: an aggregate over nothing answers NULL.
  if (found === null) return { over: false, cells: [] }
  // Written by result() above.
  return JSON.parse(found) as PassPart
}

/** One cell's rows being merged from the parts. */
interface Merged {
  k: string
  rows: number
  numbers: number
  sum: ExactSum
  best: number | null
}

function mergeInto(merged: Merged, rows: number, figures: WireFigures | Merged | undefined, measure: Measure | null): void {
  merged.rows += rows
  if (figures === undefined) return
  merged.numbers += figures.numbers
  if ('sum' in figures) addSum(merged.sum, figures.sum)
  else {
    merged.sum.big += BigInt(figures.integers)
    for (const partial of figures.partials) addReal(merged.sum, partial)
    if (figures.beyond !== null) addReal(merged.sum, Number(figures.beyond))
  }
  const best = figures.best === null ? null : Number(figures.best)
  if (best !== null && (merged.best === null || (measure === 'min' ? best < merged.best : best > merged.best))) merged.best = best
}

function measured(cell: Merged, measure: Measure | null): PassedCell {
  const { k, rows: n, numbers: ny } = cell
  // A count is its own measure: every row counts, and y is how many.
  if (measure === null) return { k, n, y: n, ny: n }
  if (ny === 0) return { k, n, y: null, ny }
  const total = measure === 'min' || measure === 'max' ? cell.best! : measure === 'sum' ? sumTotal(cell.sum) : sumTotal(cell.sum) / ny
  // +Infinity and -Infinity added: SQLite has no NaN, and answers NULL.
  return { k, n, y: Number.isNaN(total) ? null : total, ny }
}

/**
 * The cells of a chart from the parts of its rows (one part: the whole table), each with its key
 * as chart-cell-key.ts writes it; null when there are more than the pass's most cells value pairs,
 * and the caller refuses the chart. A sum or an average of parts is their exact sum rounded once
 * (exact-sum.ts), so two halves answer what one pass answers.
 */
export function mergePassParts(parts: readonly PassPart[], pass: ChartPass): PassedCell[] | null {
  if (parts.some((part) => part.over)) return null
  const measure = pass.y?.measure ?? null
  const fresh = (k: string): Merged => ({ k, rows: 0, numbers: 0, sum: emptySum(), best: null })
  const pairs = new Map<string, Merged>()
  for (const part of parts) {
    for (const [classes, k, rows, figures] of part.cells) {
      const pair = `${classes}${k}`
      const held = pairs.get(pair) ?? fresh(k)
      pairs.set(pair, held)
      mergeInto(held, rows, figures, measure)
    }
  }
  if (pairs.size > pass.maxCells) return null
  // A REAL and an INTEGER of one value (5.0 and 5) are two SQLite values but one key: merged.
  const byKey = new Map<string, Merged>()
  for (const pair of pairs.values()) {
    const held = byKey.get(pair.k)
    if (held === undefined) byKey.set(pair.k, pair)
    else mergeInto(held, pair.rows, measure === null ? undefined : pair, measure)
  }
  return [...byKey.values()].map((cell) => measured(cell, measure))
}

/** The cells of a chart found in one pass over its rows, on this connection; null: too many to chart. */
export function chartPass(db: Database, pass: ChartPass): PassedCell[] | null {
  return mergePassParts([chartPassPart(db, pass, null)], pass)
}
