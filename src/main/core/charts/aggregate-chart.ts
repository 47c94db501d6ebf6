import type { Database } from 'better-sqlite3'
import type { ChartData, ChartSpec } from '@shared/chart-spec'
import type { CellValue, DatasetColumn } from '@shared/model'
import { columnName, datasetTableName } from '../datasets/dataset-table-name'
import { getDataset } from '../datasets/dataset-queries'
import { sharedSpellings } from '../datasets/number-spellings'
import { datasetColumn, isNumericColumn, numberIn, rowFilterConditions, type Bound } from '../datasets/row-filters'
import { sqlValues } from '../db/sql-rows'
import { bucketExpression, bucketRange } from './bucket-expression'
import { InvalidRequest } from '../invalid-request'
import { cellKeyExpression, compareCellValues, parseCellKey } from './chart-cell-key'
import { measureLabel } from './measure-label'
import { chartShare } from './chart-share'
import { chartCacheEntry, keepCells, readCachedCells } from './chart-cache'
import { chartPass, type ChartPass, type PassedCell } from './chart-pass'
import { addReal, emptySum, sumTotal, type ExactSum } from './exact-sum'

const AGGREGATE_NAMES = { sum: ['a', 'sum'], avg: ['an', 'average'], min: ['a', 'minimum'], max: ['a', 'maximum'] } as const
const EMPTY_GROUP = '(empty)'
/** More (x, series) points than any chart can show; past it the chart is refused with the reason. */
const MAX_CELLS = 200_000
const OTHER_GROUP = 'Other'

interface Cell {
  x: string | number
  g: CellValue
  y: number | null
  n: number
  ny: number
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
  /**
   * The GROUP BY that names the answer in the chart cache, with its bound values. It answered the
   * chart once, and names it still: the pass finds what it found (chart-pass.ts).
   */
  sql: string
  params: Bound[]
  /** The one pass over the rows that finds the chart's cells. */
  pass: ChartPass
}

function planChart(db: Database, spec: ChartSpec): ChartPlan {
  const dataset = getDataset(db, spec.datasetId)
  if (!dataset) throw new InvalidRequest(`Dataset ${spec.datasetId} was not found in this archive.`)
  const table = datasetTableName(dataset.id)
  const x = datasetColumn(dataset.columns, spec.x.column, 'chart’s x axis')
  if (spec.x.bucket !== null && x.type !== 'date' && x.type !== 'datetime') {
    throw new InvalidRequest(`“${x.label}” holds ${x.type} values, not dates, so it cannot be grouped by ${spec.x.bucket}; choose a date column or show it as categories.`)
  }
  let yExpression = 'count(*)'
  let measure: ChartPass['y'] = null
  let yLabel = measureLabel('count', null)
  if (spec.y.aggregate !== 'count') {
    const [article, noun] = AGGREGATE_NAMES[spec.y.aggregate]
    if (spec.y.column === null) throw new InvalidRequest(`${article[0]!.toUpperCase()}${article.slice(1)} ${noun} needs a numeric column for the y axis.`)
    const y = datasetColumn(dataset.columns, spec.y.column, 'chart’s y axis')
    if (!isNumericColumn(y)) throw new InvalidRequest(`“${y.label}” holds ${y.type} values; ${article} ${noun} needs a column of numbers.`)
    // Markers such as b6 in a column of numbers are not figures: they are left out of every aggregate.
    yExpression = `${spec.y.aggregate}(${numberIn(columnName(y.position))})`
    measure = { column: columnName(y.position), measure: spec.y.aggregate }
    yLabel = measureLabel(spec.y.aggregate, y.label)
  }
  const xName = columnName(x.position)
  const xExpression = spec.x.bucket === null ? xName : bucketExpression(xName, spec.x.bucket)
  const filtered = rowFilterConditions(dataset.columns, spec.filters)
  const group = spec.groupBy === null ? null : datasetColumn(dataset.columns, spec.groupBy.column, 'chart’s series')
  const groupName = group === null ? null : columnName(group.position)
  const key = cellKeyExpression(xExpression, groupName)
  // The query names the answer in the archive's chart cache.
  const measures = measure === null ? 'count(*) AS n' : `${yExpression} AS y, count(*) AS n, count(${numberIn(measure.column)}) AS ny`
  const sql = `SELECT ${key} AS k, ${measures} FROM ${table}${filtered.sql.length === 0 ? '' : ` WHERE ${filtered.sql.join(' AND ')}`} GROUP BY 1 LIMIT ?`
  const pass: ChartPass = { table, x: xExpression, series: groupName, y: measure, conditions: filtered.sql, params: filtered.params, maxCells: MAX_CELLS }
  return { spec, datasetId: dataset.id, datasetName: dataset.name, x, group, groupName, yLabel, sql, params: [...filtered.params, MAX_CELLS + 1], pass }
}

function tooMany(plan: ChartPlan): InvalidRequest {
  const culprit = plan.group === null ? `“${plan.x.label}”` : `“${plan.x.label}” and “${plan.group.label}”`
  return new InvalidRequest(`${culprit} ${plan.group === null ? 'has' : 'have'} too many different values to chart (over ${MAX_CELLS.toLocaleString('en-US')} points); choose columns with fewer values or a coarser date bucket.`)
}

/** The pass's cells, or the refusal of a chart with more cells than any chart can show. */
function passedCells(plan: ChartPlan, cells: PassedCell[] | null): PassedCell[] {
  if (cells === null) throw tooMany(plan)
  return cells
}

/**
 * Finds a chart's cells elsewhere (the rows pool: two threads, a half of the table each); null when
 * there are more than the most cells.
 */
export type ChartPasser = (datasetId: number, pass: ChartPass) => Promise<PassedCell[] | null>

/**
 * Aggregates a dataset for a chart in one pass over its rows on this connection (chart-pass.ts):
 * x (bucketed dates or categories) by the optional series column, with the filters as bound
 * conditions. Only one figure per x and series comes back, and the answer is kept in the chart cache.
 */
export function aggregateChart(db: Database, spec: ChartSpec): ChartData {
  const plan = planChart(db, spec)
  const entry = chartCacheEntry(db, plan.datasetId, plan.sql, plan.params)
  return chartFromCells(db, plan, readCachedCells<PassedCell>(db, entry) ?? keepCells(db, entry, passedCells(plan, chartPass(db, plan.pass))))
}

/**
 * aggregateChart with the pass given to `passer`, so that the thread that serves the window waits
 * for it instead of running it: counts, sums, averages and extremes alike.
 */
export async function aggregateChartWith(db: Database, spec: ChartSpec, passer: ChartPasser): Promise<ChartData> {
  const plan = planChart(db, spec)
  const entry = chartCacheEntry(db, plan.datasetId, plan.sql, plan.params)
  const hit = readCachedCells<PassedCell>(db, entry)
  if (hit !== null) return chartFromCells(db, plan, hit)
  return chartFromCells(db, plan, keepCells(db, entry, passedCells(plan, await passer(plan.datasetId, plan.pass))))
}

/** Draws a chart: its numbers from its spec, read from the chart cache or found by a pass over its rows. */
export type ChartDrawer = (spec: ChartSpec) => Promise<ChartData>

/**
 * The drawer for charts whose pass runs on `passer` (the app: the rows pool's threads), or on this
 * connection when there is none (the CLI, which waits anyway; an archive open read-only, whose file
 * may not be what the connection holds).
 */
export function chartDrawer(db: Database, passer: ChartPasser | null): ChartDrawer {
  return passer === null ? async (spec) => aggregateChart(db, spec) : (spec) => aggregateChartWith(db, spec, passer)
}

function chartFromCells(db: Database, plan: ChartPlan, grouped: PassedCell[]): ChartData {
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
  // Sums folded into one point (the groups past the top as Other) add exactly and round once, as each
  // group's own sum was: adding the rounded sums one by one showed 5003461.4399999995 beside 5003461.44.
  const totals = new Map<string, { y: (number | null)[]; weight: number[]; folded: Map<number, ExactSum> }>(
    order.map((name) => [name, { y: new Array<number | null>(labels.length).fill(null), weight: new Array<number>(labels.length).fill(0), folded: new Map() }])
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
    else if (spec.y.aggregate === 'sum') {
      let sum = target.folded.get(at)
      if (sum === undefined) {
        sum = emptySum()
        addReal(sum, before)
        target.folded.set(at, sum)
      }
      addReal(sum, cell.y)
    } else target.y[at] = before + cell.y
    target.weight[at]! += cell.ny
  }
  for (const { y, folded } of totals.values()) for (const [at, sum] of folded) y[at] = sumTotal(sum)
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
