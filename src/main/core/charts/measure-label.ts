// What a chart's y axis measures, in words a reader of the chart understands: the column and how
// its figures were combined ("Removals (largest value reported)"), never SQL's "max of removals".
import type { ChartSpec } from '@shared/chart-spec'

const AGGREGATE_WORDS: Record<Exclude<ChartSpec['y']['aggregate'], 'count'>, string> = {
  sum: 'total',
  avg: 'average',
  min: 'smallest value reported',
  max: 'largest value reported'
}

/** `columnLabel` is the measured column's header; a count measures rows and takes none. */
export function measureLabel(aggregate: ChartSpec['y']['aggregate'], columnLabel: string | null): string {
  if (aggregate === 'count' || columnLabel === null) return 'Rows (count)'
  // Headers are often written for machines (cases_closed); an axis title is read as words.
  const words = columnLabel.replaceAll('_', ' ').trim()
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${AGGREGATE_WORDS[aggregate]})`
}
