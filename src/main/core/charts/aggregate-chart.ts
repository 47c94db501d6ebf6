import type { Database } from 'better-sqlite3'
import type { ChartData, ChartSpec } from '@shared/chart-spec'
import type { CellValue, DatasetColumn } from '@shared/model'
import { columnName, datasetTableName } from '../datasets/dataset-table-name'
import { getDataset } from '../datasets/dataset-queries'
import { sharedSpellings } from '../datasets/number-spellings'
import { datasetColumn, isNumericColumn, numberIn, rowFilterConditions, type Bound } from '../datasets/row-filters'
import { cachedStatement } from '../db/cached-statement'
import { sqlRows, sqlValues } from '../db/sql-rows'
import { bucketExpression, bucketRange } from './bucket-expression'
import { InvalidRequest } from '../invalid-request'
import { cellKeyExpression, compareCellValues, parseCellKey } from './chart-cell-key'
import { measureLabel } from './measure-label'
import { chartShare } from './chart-share'
import { chartCacheEntry, keepCells, readCachedCells } from './chart-cache'
import { countCells, type CellCount } from './count-cells'

const AGGREGATE_NAMES = { sum: ['a', 'sum'], avg: ['an', 'average'], min: ['a', 'minimum'], max: ['a', 'maximum'] } as const
const EMPTY_GROUP = '(empty)'
/** More (x, series) points than any chart can show; past it the chart is refused with the reason. */
const MAX_CELLS = 200_000
const OTHER_GROUP = 'Other'

/** A chart's cells as SQL groups them: the key of x and series, how many rows (n) fall in it, and the aggregate of y (y) over the ny rows that hold a number in it. */
const MEASURED = sqlRows({ k: 'text', n: 'integer', y: 'real?', ny: 'integer' })

interface Cell {
  x: string | number
  g: CellValue
  y: number | null
  n: number
  ny: number
}

/** Sorter memory while a chart index is built: small runs that the second sorter thread can share. */
const INDEX_SORT_CACHE_KIB = 2000

/**
 * The index that lets a chart's GROUP BY read an index in order (and nothing else) instead of the
 * whole table. Best effort: while an import holds the archive's write lock, or when the archive is
 * open read-only (damaged, or on read-only media), the chart is simply computed without it.
 */
function ensureIndex(db: Database, table: string, columns: string[], key: string): void {
  if (db.readonly) return
  const name = `${table}_chart_${key}`.replace(/[^A-Za-z0-9_]/g, '_')
  if (cachedStatement(db, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?").get(name)) return
  // SQLite sizes the sorter's runs by cache_size. A large cache means one long single-threaded
  // sort; measured on 1M rows, 2 MB runs sorted on two threads build the index about 30% sooner.
  const cacheSize = Number(db.pragma('cache_size', { simple: true }))
  db.pragma(`cache_size = -${INDEX_SORT_CACHE_KIB}`)
  try {
    db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${columns.join(', ')})`)
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error
  } finally {
    db.pragma(`cache_size = ${cacheSize}`)
  }
}

function captionOf(db: Database, datasetId: number, name: string): string {
  const publishers = sqlValues('text').all(db.prepare('SELECT DISTINCT coalesce(publisher, title) AS who FROM dataset_sources WHERE dataset_id = ? ORDER BY id').pluck(), datasetId)
  return publishers.length === 0 ? `Source: ${name}.` : `Source: ${name}, compiled from ${publishers.join('; ')}.`
}

/** What a chart asks of its dataset, worked out from its spec before any row is read. */
interface ChartPlan {
  spec: ChartSpec
  datasetId: number
  datasetName: string
  x: DatasetColumn
  group: DatasetColumn | null
  groupName: string | null
  yLabel: string
  /** The GROUP BY that names the answer in the chart cache, with its bound values. */
  sql: string
  params: Bound[]
  /** A count's pass (count-cells.ts); null for a sum, an average or an extreme, which the GROUP BY answers. */
  count: CellCount | null
  /** The index the GROUP BY reads in order; null when filtered or counted. */
  index: { table: string; columns: string[]; name: string } | null
}

type Grouped = { k: string; n: number; y: number | null; ny: number }

function planChart(db: Database, spec: ChartSpec): ChartPlan {
  const dataset = getDataset(db, spec.datasetId)
  if (!dataset) throw new InvalidRequest(`Dataset ${spec.datasetId} was not found in this archive.`)
  const table = datasetTableName(dataset.id)
  const x = datasetColumn(dataset.columns, spec.x.column, 'chart’s x axis')
  if (spec.x.bucket !== null && x.type !== 'date' && x.type !== 'datetime') {
    throw new InvalidRequest(`“${x.label}” holds ${x.type} values, not dates, so it cannot be grouped by ${spec.x.bucket}; choose a date column or show it as categories.`)
  }
  let yExpression = 'count(*)'
  let yLabel = measureLabel('count', null)
  if (spec.y.aggregate !== 'count') {
    const [article, noun] = AGGREGATE_NAMES[spec.y.aggregate]
    if (spec.y.column === null) throw new InvalidRequest(`${article[0]!.toUpperCase()}${article.slice(1)} ${noun} needs a numeric column for the y axis.`)
    const y = datasetColumn(dataset.columns, spec.y.column, 'chart’s y axis')
    if (!isNumericColumn(y)) throw new InvalidRequest(`“${y.label}” holds ${y.type} values; ${article} ${noun} needs a column of numbers.`)
    // Markers such as b6 in a column of numbers are not figures: they are left out of every aggregate.
    yExpression = `${spec.y.aggregate}(${numberIn(columnName(y.position))})`
    yLabel = measureLabel(spec.y.aggregate, y.label)
  }
  const xName = columnName(x.position)
  const xExpression = spec.x.bucket === null ? xName : bucketExpression(xName, spec.x.bucket)
  const filtered = rowFilterConditions(dataset.columns, spec.filters)
  const group = spec.groupBy === null ? null : datasetColumn(dataset.columns, spec.groupBy.column, 'chart’s series')
  const groupName = group === null ? null : columnName(group.position)
  // Only sums, averages and extremes read a y column; a count reads x and the series alone.
  const yColumn = spec.y.aggregate === 'count' || spec.y.column === null ? null : columnName(spec.y.column)
  const key = cellKeyExpression(xExpression, groupName)

  // A sum, an average or an extreme is one GROUP BY over the key of x and series, read in index
  // order when there is no filter; a count is one pass without a sort (count-cells.ts). The query
  // names the answer in the archive's chart cache either way.
  const measures = yColumn === null ? 'count(*) AS n' : `${yExpression} AS y, count(*) AS n, count(${numberIn(yColumn)}) AS ny`
  const sql = `SELECT ${key} AS k, ${measures} FROM ${table}${filtered.sql.length === 0 ? '' : ` WHERE ${filtered.sql.join(' AND ')}`} GROUP BY 1 LIMIT ?`
  const count = yColumn === null ? { table, x: xExpression, series: groupName, conditions: filtered.sql, params: filtered.params, maxCells: MAX_CELLS } : null
  const indexName = ['key', xName, spec.x.bucket ?? 'value', ...(groupName === null ? [] : [groupName]), yColumn].join('_')
  const index = yColumn === null || spec.filters.length > 0 ? null : { table, columns: [key, yColumn], name: indexName }
  return { spec, datasetId: dataset.id, datasetName: dataset.name, x, group, groupName, yLabel, sql, params: [...filtered.params, MAX_CELLS + 1], count, index }
}

function tooMany(plan: ChartPlan): InvalidRequest {
  const culprit = plan.group === null ? `“${plan.x.label}”` : `“${plan.x.label}” and “${plan.group.label}”`
  return new InvalidRequest(`${culprit} have too many different values to chart (over ${MAX_CELLS.toLocaleString('en-US')} points); choose columns with fewer values or a coarser date bucket.`)
}

/** A count is its own measure: every row counts, and y is how many. */
function countedCells(plan: ChartPlan, counted: { k: string; n: number }[] | null): Grouped[] {
  if (counted === null) throw tooMany(plan)
  return counted.map((row) => ({ ...row, y: row.n, ny: row.n }))
}

/** The chart's cells computed on this connection: a count's one pass, or the GROUP BY. */
function computeCells(db: Database, plan: ChartPlan): Grouped[] {
  if (plan.count !== null) return countedCells(plan, countCells(db, plan.count))
  if (plan.index !== null) ensureIndex(db, plan.index.table, plan.index.columns, plan.index.name)
  return MEASURED.all(cachedStatement(db, plan.sql), ...plan.params)
}

/**
 * Counts a chart's cells elsewhere (the rows pool: two threads, a half of the table each); null
 * when there are more than the most cells.
 */
export type CellCounter = (datasetId: number, count: CellCount) => Promise<{ k: string; n: number }[] | null>

/**
 * Aggregates a dataset for a chart entirely in SQL: one GROUP BY over x (bucketed dates or
 * categories) and the optional series column, with the filters as bound conditions. Rows never
 * come into JavaScript; only one row per bucket and series does.
 */
export function aggregateChart(db: Database, spec: ChartSpec): ChartData {
  const plan = planChart(db, spec)
  const entry = chartCacheEntry(db, plan.datasetId, plan.sql, plan.params)
  return chartFromCells(db, plan, readCachedCells<Grouped>(db, entry) ?? keepCells(db, entry, computeCells(db, plan)))
}

/**
 * aggregateChart with a count's pass given to `counter`, so that the thread that serves the window
 * waits for it instead of running it. A sum, an average or an extreme reads (and may first build) an
 * index, which the pool's read-only connections cannot, so it is computed here as before.
 */
export async function aggregateChartWith(db: Database, spec: ChartSpec, counter: CellCounter): Promise<ChartData> {
  const plan = planChart(db, spec)
  const entry = chartCacheEntry(db, plan.datasetId, plan.sql, plan.params)
  const hit = readCachedCells<Grouped>(db, entry)
  if (hit !== null) return chartFromCells(db, plan, hit)
  const cells = plan.count === null ? computeCells(db, plan) : countedCells(plan, await counter(plan.datasetId, plan.count))
  return chartFromCells(db, plan, keepCells(db, entry, cells))
}

function chartFromCells(db: Database, plan: ChartPlan, grouped: Grouped[]): ChartData {
  const { spec, x, group, groupName, yLabel } = plan
  if (grouped.length > MAX_CELLS) throw tooMany(plan)
  // Rows without an x value (or with an undated x) have no place on the axis and are left out.
  const cells: Cell[] = []
  for (const row of grouped) {
    const { x: xValue, g } = parseCellKey(row.k, groupName !== null)
    if (xValue === null) continue
    cells.push({ x: xValue, g, n: row.n, y: row.y, ny: row.ny })
  }
  cells.sort((a, b) => compareCellValues(a.x, b.x) || compareCellValues(a.g, b.g))
  const seriesOf = new Map<string, string>()
  const order: string[] = []
  if (group !== null) {
    const totals = new Map<string, number>()
    for (const cell of cells) {
      const name = cell.g === null ? EMPTY_GROUP : String(cell.g)
      totals.set(name, (totals.get(name) ?? 0) + cell.n)
    }
    const ranked = [...totals].sort((a, b) => b[1] - a[1] || compareCellValues(a[0], b[0])).map(([name]) => name)
    const kept = ranked.slice(0, spec.groupBy!.top)
    for (const name of ranked) seriesOf.set(name, kept.includes(name) ? name : OTHER_GROUP)
    order.push(...kept, ...(ranked.length > kept.length ? [OTHER_GROUP] : []))
  } else order.push(yLabel)

  const seen = new Map<string, string | number>()
  for (const cell of cells) seen.set(String(cell.x), cell.x)
  let labels = [...seen.keys()]
  if (spec.x.bucket !== null && labels.length > 0) {
    // Every bucket that holds rows is on the axis: a day no calendar counts (Excel's 1900-02-29,
    // kept as written) joins the filled range, and a range too long to fill (past bucketRange's
    // cap: 1850 to 2012 by day) shows the buckets that hold rows only, rather than losing the rest.
    const last = labels.at(-1)!
    const filled = bucketRange(labels[0]!, last, spec.x.bucket)
    if (filled.at(-1)! >= last) labels = [...new Set([...filled, ...labels])].sort()
  }
  const index = new Map(labels.map((label, position) => [label, position]))
  // Folding several groups into one point: counts and sums add up, extremes stay extreme, and
  // averages are weighted by how many values each group averaged.
  const totals = new Map<string, { y: (number | null)[]; weight: number[] }>(
    order.map((name) => [name, { y: new Array<number | null>(labels.length).fill(null), weight: new Array<number>(labels.length).fill(0) }])
  )
  for (const cell of cells) {
    const name = group === null ? yLabel : seriesOf.get(cell.g === null ? EMPTY_GROUP : String(cell.g))!
    const target = totals.get(name)!
    const at = index.get(String(cell.x))!
    const before = target.y[at]!
    if (cell.y === null) continue
    if (before === null) target.y[at] = cell.y
    else if (spec.y.aggregate === 'min') target.y[at] = Math.min(before, cell.y)
    else if (spec.y.aggregate === 'max') target.y[at] = Math.max(before, cell.y)
    else if (spec.y.aggregate === 'avg') target.y[at] = (before * target.weight[at]! + cell.y * cell.ny) / (target.weight[at]! + cell.ny)
    else target.y[at] = before + cell.y
    target.weight[at]! += cell.ny
  }
  // No rows means a count of zero, but no figure at all for a sum or an average: a gap, not a 0.
  if (spec.y.aggregate === 'count') for (const { y } of totals.values()) y.forEach((value, at) => (y[at] = value ?? 0))
  const rows = cells.reduce((sum, cell) => sum + cell.n, 0)
  // Numbers on the axis and as series names are shown as their cells were spelled (1.50, 8.0, 1e3).
  const xSpelled = spec.x.bucket === null ? sharedSpellings(db, plan.datasetId, x.position, [...seen.values()]) : new Map<string, string>()
  const groupSpelled = group === null ? new Map<string, string>() : sharedSpellings(db, plan.datasetId, group.position, cells.map((cell) => cell.g))
  const series = order.map((name) => ({ name: groupSpelled.get(name) ?? name, values: totals.get(name)!.y }))
  return {
    spec,
    xKind: spec.x.bucket === null ? 'category' : 'date',
    xLabel: spec.x.bucket === null ? x.label : `${x.label} (${spec.x.bucket === 'fiscal-year' ? 'fiscal year' : spec.x.bucket})`,
    yLabel,
    labels: labels.map((label) => xSpelled.get(label) ?? label),
    series,
    rows,
    caption: captionOf(db, plan.datasetId, plan.datasetName),
    share: chartShare(spec, x.label, labels, series)
  }
}
