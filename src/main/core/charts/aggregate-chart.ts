import type { Database } from 'better-sqlite3'
import type { ChartData, ChartFilter, ChartSpec } from '@shared/chart-spec'
import type { DatasetColumn } from '@shared/model'
import { columnName, datasetTableName } from '../datasets/dataset-table-name'
import { getDataset } from '../datasets/dataset-queries'
import { bucketExpression, bucketRange } from './bucket-expression'
import { InvalidRequest } from '../invalid-request'

type Bound = string | number | bigint | null

const AGGREGATE_NAMES = { sum: ['a', 'sum'], avg: ['an', 'average'], min: ['a', 'minimum'], max: ['a', 'maximum'] } as const
const EMPTY_GROUP = '(empty)'
const OTHER_GROUP = 'Other'

function columnOf(columns: DatasetColumn[], position: number, role: string): DatasetColumn {
  const column = columns.find((candidate) => candidate.position === position)
  if (!column) throw new InvalidRequest(`The chart's ${role} is column ${position + 1}, but the dataset has ${columns.length} columns.`)
  return column
}

function isNumeric(column: DatasetColumn): boolean {
  return column.type === 'integer' || column.type === 'real'
}

function filterCondition(filter: ChartFilter, column: DatasetColumn, params: Bound[]): string {
  const name = columnName(column.position)
  const asValue = (value: string): Bound => (isNumeric(column) && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value)
  switch (filter.op) {
    case 'equals':
      params.push(asValue(filter.value ?? ''))
      return `${name} = ?`
    case 'contains':
      params.push(filter.value ?? '')
      return `instr(lower(CAST(${name} AS TEXT)), lower(?)) > 0`
    case 'empty':
      return `${name} IS NULL`
    case 'not-empty':
      return `${name} IS NOT NULL`
    case 'between': {
      const parts: string[] = []
      if (filter.min !== null && filter.min !== '') {
        params.push(asValue(filter.min))
        parts.push(`${name} >= ?`)
      }
      if (filter.max !== null && filter.max !== '') {
        // A date's upper bound takes the whole day: 2012-05-29 keeps 2012-05-29T23:00.
        params.push(column.type === 'datetime' && filter.max.length === 10 ? `${filter.max}~` : asValue(filter.max))
        parts.push(`${name} <= ?`)
      }
      return parts.length > 0 ? parts.join(' AND ') : '1'
    }
  }
}

/**
 * The index that lets a chart's GROUP BY read an index in order (and nothing else) instead of the
 * whole table. Best effort: while an import holds the archive's write lock the chart is simply
 * computed without it.
 */
function ensureIndex(db: Database, table: string, expression: string, key: string, extra: string[]): void {
  const name = `${table}_chart_${key}`.replace(/[^A-Za-z0-9_]/g, '_')
  try {
    db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${[expression, ...extra].join(', ')})`)
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error
  }
}

function captionOf(db: Database, datasetId: number, name: string): string {
  const publishers = db
    .prepare('SELECT DISTINCT coalesce(publisher, title) AS who FROM dataset_sources WHERE dataset_id = ? ORDER BY id')
    .pluck()
    .all(datasetId) as string[]
  return publishers.length === 0 ? `Source: ${name}.` : `Source: ${name}, compiled from ${publishers.join('; ')}.`
}

/**
 * Aggregates a dataset for a chart entirely in SQL: one GROUP BY over x (bucketed dates or
 * categories) and the optional series column, with the filters as bound conditions. Rows never
 * come into JavaScript; only one row per bucket and series does.
 */
export function aggregateChart(db: Database, spec: ChartSpec): ChartData {
  const dataset = getDataset(db, spec.datasetId)
  if (!dataset) throw new InvalidRequest(`Dataset ${spec.datasetId} was not found in this archive.`)
  const table = datasetTableName(dataset.id)
  const x = columnOf(dataset.columns, spec.x.column, 'x axis')
  if (spec.x.bucket !== null && x.type !== 'date' && x.type !== 'datetime') {
    throw new InvalidRequest(`“${x.label}” holds ${x.type} values, not dates, so it cannot be grouped by ${spec.x.bucket}; choose a date column or show it as categories.`)
  }
  let yExpression = 'count(*)'
  let yLabel = 'Rows'
  if (spec.y.aggregate !== 'count') {
    const [article, noun] = AGGREGATE_NAMES[spec.y.aggregate]
    if (spec.y.column === null) throw new InvalidRequest(`${article[0]!.toUpperCase()}${article.slice(1)} ${noun} needs a numeric column for the y axis.`)
    const y = columnOf(dataset.columns, spec.y.column, 'y axis')
    if (!isNumeric(y)) throw new InvalidRequest(`“${y.label}” holds ${y.type} values; ${article} ${noun} needs a column of numbers.`)
    yExpression = `${spec.y.aggregate}(${columnName(y.position)})`
    yLabel = `${noun[0]!.toUpperCase()}${noun.slice(1)} of ${y.label}`
  }
  const xName = columnName(x.position)
  const xExpression = spec.x.bucket === null ? xName : bucketExpression(xName, spec.x.bucket)
  // Filters on different columns must all hold; several "equals" on one column mean any of them
  // (measure = removals OR measure = convicted removals, as a tidy "long" table needs).
  const where = [`${xName} IS NOT NULL`]
  const params: Bound[] = []
  const equalsByColumn = new Map<number, { sql: string[]; params: Bound[] }>()
  for (const filter of spec.filters) {
    const own: Bound[] = []
    const condition = filterCondition(filter, columnOf(dataset.columns, filter.column, 'filter'), own)
    if (filter.op !== 'equals') {
      where.push(condition)
      params.push(...own)
    } else {
      const entry = equalsByColumn.get(filter.column) ?? { sql: [], params: [] }
      entry.sql.push(condition)
      entry.params.push(...own)
      equalsByColumn.set(filter.column, entry)
    }
  }
  for (const entry of equalsByColumn.values()) {
    where.push(entry.sql.length === 1 ? entry.sql[0]! : `(${entry.sql.join(' OR ')})`)
    params.push(...entry.params)
  }
  const group = spec.groupBy === null ? null : columnOf(dataset.columns, spec.groupBy.column, 'series')
  const groupName = group === null ? null : columnName(group.position)

  if (spec.filters.length === 0) {
    const extra = [groupName, spec.y.column === null ? null : columnName(spec.y.column)].filter((name): name is string => name !== null)
    ensureIndex(db, table, xExpression, [xName, spec.x.bucket ?? 'value', ...extra].join('_'), extra)
  }

  // Series: the largest `top` groups by row count; the rest become one "Other" series.
  let seriesExpression = "''"
  const seriesParams: Bound[] = []
  const seriesRank = new Map<string, number>()
  if (groupName !== null) {
    const totals = db
      .prepare(`SELECT ${groupName} AS g, count(*) AS n FROM ${table} WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY n DESC, g LIMIT ?`)
      .all(...params, spec.groupBy!.top + 1) as { g: string | number | null; n: number }[]
    const kept = totals.slice(0, spec.groupBy!.top)
    const others = totals.length > spec.groupBy!.top
    const named = kept.filter((row) => row.g !== null)
    kept.forEach((row, rank) => seriesRank.set(row.g === null ? EMPTY_GROUP : String(row.g), rank))
    seriesExpression = `CASE ${groupName === null ? '' : `WHEN ${groupName} IS NULL THEN '${EMPTY_GROUP}'`} ${named.length > 0 ? `WHEN ${groupName} IN (${named.map(() => '?').join(', ')}) THEN CAST(${groupName} AS TEXT)` : ''} ELSE '${others ? OTHER_GROUP : EMPTY_GROUP}' END`
    seriesParams.push(...named.map((row) => row.g))
  }

  const rows = db
    .prepare(`SELECT ${xExpression} AS x, ${seriesExpression} AS s, ${yExpression} AS y, count(*) AS n FROM ${table} WHERE ${where.join(' AND ')} GROUP BY 1, 2 ORDER BY 1, 2`)
    .all(...seriesParams, ...params) as { x: string | number; s: string; y: number | null; n: number }[]

  const seen = new Map<string, string | number>()
  for (const row of rows) seen.set(String(row.x), row.x)
  let labels = [...seen.keys()]
  if (spec.x.bucket !== null && labels.length > 0) labels = bucketRange(labels[0]!, labels.at(-1)!, spec.x.bucket)
  const index = new Map(labels.map((label, position) => [label, position]))
  // No rows means a count of zero, but no figure at all for a sum or an average: a gap, not a 0.
  const filler = spec.y.aggregate === 'count' ? 0 : null
  const series = new Map<string, (number | null)[]>()
  for (const row of rows) {
    const values = series.get(row.s) ?? new Array<number | null>(labels.length).fill(filler)
    values[index.get(String(row.x))!] = row.y
    series.set(row.s, values)
  }
  // Series in the order of their size, "Other" last.
  const names = [...series.keys()].sort((a, b) => (seriesRank.get(a) ?? Infinity) - (seriesRank.get(b) ?? Infinity))
  return {
    spec,
    xKind: spec.x.bucket === null ? 'category' : 'date',
    xLabel: spec.x.bucket === null ? x.label : `${x.label} (${spec.x.bucket === 'fiscal-year' ? 'fiscal year' : spec.x.bucket})`,
    yLabel,
    labels,
    series: names.map((name) => ({ name: groupName === null ? yLabel : name, values: series.get(name)! })),
    rows: rows.reduce((sum, row) => sum + row.n, 0),
    caption: captionOf(db, dataset.id, dataset.name)
  }
}
