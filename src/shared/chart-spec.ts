// What a chart shows, as saved in the archive, sent over IPC and read from a SPEC.json by the CLI.
// Columns are named by position, never by label: the SQL that aggregates them uses generated names.

import { id, int, list, nullable, oneOf, record, text, type Infer } from './validate'

const column = () => int(0, 1999)

export const CHART_TYPES = ['line', 'bar', 'stacked-bar', 'area', 'scatter'] as const
export const DATE_BUCKETS = ['day', 'week', 'month', 'quarter', 'year', 'fiscal-year'] as const
export const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'] as const
export const FILTER_OPS = ['equals', 'contains', 'empty', 'not-empty', 'between'] as const

/**
 * Rows to keep: equals / contains take `value`; between takes `min` and/or `max` (inclusive;
 * numbers for numeric columns, YYYY-MM-DD for dates); empty / not-empty take neither. Filters on
 * different columns must all hold; several `equals` on one column mean any of them.
 */
export const rowFilterValidator = record({
  column: column(),
  op: oneOf(...FILTER_OPS),
  value: nullable(text(1000)),
  min: nullable(text(100)),
  max: nullable(text(100))
})

export const chartSpecValidator = record({
  datasetId: id(),
  type: oneOf(...CHART_TYPES),
  title: text(300),
  /** A date column bucketed by `bucket`, or any column read as categories (bucket null). */
  x: record({ column: column(), bucket: nullable(oneOf(...DATE_BUCKETS)) }),
  /** Count of rows, or an aggregate of a numeric column. */
  y: record({ aggregate: oneOf(...AGGREGATES), column: nullable(column()) }),
  /** One series per value of this column: the `top` largest, the rest summed as "Other". */
  groupBy: nullable(record({ column: column(), top: int(1, 50) })),
  /**
   * A rate to show beside the bars: the `part` bar as a share of the `whole` bar, both named by
   * their x values as stored ("cases_closed" of "cases_reviewed"). Only for a chart of one series.
   */
  share: nullable(record({ part: text(1000), whole: text(1000) })),
  filters: list(rowFilterValidator, 20)
})

export type ChartSpec = Infer<typeof chartSpecValidator>
export type ChartType = ChartSpec['type']
export type DateBucket = (typeof DATE_BUCKETS)[number]
export type RowFilter = Infer<typeof rowFilterValidator>

/** A chart's numbers, aggregated by SQL in the core: one value per series per x label. */
export interface ChartData {
  spec: ChartSpec
  xKind: 'date' | 'category'
  xLabel: string
  yLabel: string
  labels: string[]
  series: { name: string; values: (number | null)[] }[]
  /** Rows that passed the filters and had an x value. */
  rows: number
  /** "Source: …" naming the dataset and where its figures come from. */
  caption: string
  /** The rate the spec's `share` asks for, with the two figures it comes from; null when it asks for none. */
  share: ChartShare | null
}

export interface ChartShare {
  part: { label: string; value: number }
  whole: { label: string; value: number }
  /** part / whole × 100, unrounded. */
  percent: number
  /** How the chart and its exports say it: "cases_closed: 1.53% of cases_reviewed (4,403 of 288,361)". */
  text: string
}
