// Building a chart spec by hand, one choice at a time: a sensible first draft from a dataset, each
// choice keeping the rest of the spec valid (a date bucket only on a date column, a numeric column for
// a sum), and the words the builder shows for each option. The archive still checks every spec and
// says why one cannot be drawn; these only spare the person the obvious dead ends.

import type { ChartSpec, ChartType, DateBucket, RowFilter } from '@shared/chart-spec'
import type { ColumnType, DatasetColumn } from '@shared/model'
import { groupsThousands, isNumericColumn } from '../lib/format-cell'

type Column = Pick<DatasetColumn, 'position' | 'label' | 'type' | 'digits'>
export type Aggregate = ChartSpec['y']['aggregate']

export const CHART_TYPE_LABELS: Record<ChartType, string> = {
  line: 'Line',
  bar: 'Bars',
  'stacked-bar': 'Stacked bars',
  area: 'Area',
  scatter: 'Points'
}

export const BUCKET_LABELS: Record<DateBucket, string> = {
  day: 'Day',
  week: 'Week (from Monday)',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Calendar year',
  'fiscal-year': 'US fiscal year (Oct–Sep)'
}

export const AGGREGATE_LABELS: Record<Aggregate, string> = {
  count: 'Count of rows',
  sum: 'Sum',
  avg: 'Average',
  min: 'Lowest value',
  max: 'Highest value'
}

/** Series kept before the rest are summed as "Other". */
export const DEFAULT_TOP = 5

export function isDateType(type: ColumnType): boolean {
  return type === 'date' || type === 'datetime'
}

/** The column most likely to hold "the figure" in a dataset: a numeric one that is not a year. */
function figureColumn(columns: readonly Column[]): Column | null {
  return columns.find((column) => groupsThousands(column)) ?? columns.find((column) => isNumericColumn(column.type)) ?? null
}

/**
 * A first draft for a dataset: dates by month (or the first column as categories) against the sum
 * of its figures, titled after the dataset, with the filters the explorer had on.
 */
export function defaultChartSpec(dataset: { id: number; name: string; columns: readonly Column[] }, filters: readonly RowFilter[]): ChartSpec {
  const { columns } = dataset
  const dateColumn = columns.find((column) => isDateType(column.type))
  const figure = figureColumn(columns)
  const xColumn = dateColumn ?? columns.find((column) => column !== figure) ?? columns[0]
  return {
    datasetId: dataset.id,
    type: dateColumn === undefined ? 'bar' : 'line',
    title: dataset.name,
    x: { column: xColumn?.position ?? 0, bucket: dateColumn === undefined ? null : 'month' },
    y: figure === null ? { aggregate: 'count', column: null } : { aggregate: 'sum', column: figure.position },
    groupBy: null,
    share: null,
    filters: [...filters]
  }
}

/** A new x column: dates keep (or get) a bucket, anything else is read as categories. */
export function withX(spec: ChartSpec, column: Column): ChartSpec {
  const bucket = isDateType(column.type) ? (spec.x.bucket ?? 'month') : null
  // A share names two x values; on another axis they are gone.
  return { ...spec, x: { column: column.position, bucket }, share: null }
}

/** A new y aggregate: anything but a count needs a numeric column, the current one if it is numeric. */
export function withAggregate(spec: ChartSpec, aggregate: Aggregate, columns: readonly Column[]): ChartSpec {
  if (aggregate === 'count') return { ...spec, y: { aggregate, column: null } }
  const current = columns.find((column) => column.position === spec.y.column)
  const numeric = current !== undefined && isNumericColumn(current.type) ? current : figureColumn(columns)
  return { ...spec, y: { aggregate, column: numeric?.position ?? null } }
}

export function withSeries(spec: ChartSpec, column: number | null): ChartSpec {
  // A share compares two bars of one series, so series and a share do not go together.
  return { ...spec, groupBy: column === null ? null : { column, top: spec.groupBy?.top ?? DEFAULT_TOP }, share: column === null ? spec.share : null }
}

export function withTop(spec: ChartSpec, top: number): ChartSpec {
  if (spec.groupBy === null || !Number.isFinite(top)) return spec
  return { ...spec, groupBy: { ...spec.groupBy, top: Math.max(1, Math.min(50, Math.round(top))) } }
}

/**
 * Why the spec cannot be drawn yet, for choices the builder can see are missing; null when it is
 * worth asking the archive (which may still refuse, with its own reason).
 */
export function draftProblem(spec: ChartSpec, columns: readonly Column[]): string | null {
  const x = columns.find((column) => column.position === spec.x.column)
  if (x === undefined) return 'Choose a column for the horizontal axis.'
  if (spec.y.aggregate !== 'count') {
    if (!columns.some((column) => isNumericColumn(column.type))) return `This dataset has no column of numbers to take the ${AGGREGATE_LABELS[spec.y.aggregate].toLowerCase()} of; count rows instead, or read a column as numbers first.`
    if (spec.y.column === null) return 'Choose the column of numbers for the vertical axis.'
  }
  return null
}

/** Whether two specs draw the same chart (for "unsaved changes"). */
export function sameSpec(a: ChartSpec, b: ChartSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** A file name from a chart's name: no characters file systems refuse, never empty. */
export function chartFileName(name: string, extension: 'png' | 'csv'): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
    .replace(/[. ]+$/, '')
  return `${cleaned === '' ? 'chart' : cleaned}.${extension}`
}
