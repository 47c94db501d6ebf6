import type { DateBucket } from '@shared/chart-spec'
import { dateIn } from '../datasets/row-filters'

/**
 * SQL that turns a stored date or datetime (ISO text) in `column` into its bucket's label, which
 * sorts in time order as text: 2012-05-29, 2012-W22 is not used (weeks are named by their Monday),
 * 2012-05, 2012-Q2, 2012, FY2012; NULL for a value that is no date. `name` is a generated identifier (c0, c1, …), never user text.
 */
export function bucketExpression(name: string, bucket: DateBucket): string {
  // A marker among the dates ((b)(6), Unknown) has no bucket: NULL, left off the axis as an empty date is.
  const column = dateIn(name)
  const day = `substr(${column}, 1, 10)`
  const year = `CAST(substr(${column}, 1, 4) AS INTEGER)`
  const month = `CAST(substr(${column}, 6, 2) AS INTEGER)`
  switch (bucket) {
    case 'day':
      return day
    case 'week':
      // The Monday on or before the day: strftime('%w') counts from Sunday = 0.
      return `date(${day}, '-' || ((CAST(strftime('%w', ${day}) AS INTEGER) + 6) % 7) || ' days')`
    case 'month':
      return `substr(${column}, 1, 7)`
    case 'quarter':
      return `substr(${column}, 1, 4) || '-Q' || ((${month} + 2) / 3)`
    case 'year':
      return `substr(${column}, 1, 4)`
    case 'fiscal-year':
      // US federal fiscal year: 1 October to 30 September, named for the year it ends.
      return `'FY' || (${year} + (${month} >= 10))`
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/** The label after `label` in the same bucket scheme (for filling buckets that have no rows). */
export function nextBucket(label: string, bucket: DateBucket): string {
  switch (bucket) {
    case 'day':
    case 'week': {
      const date = new Date(`${label}T00:00:00Z`)
      date.setUTCDate(date.getUTCDate() + (bucket === 'day' ? 1 : 7))
      return date.toISOString().slice(0, 10)
    }
    case 'month': {
      const [year, month] = label.split('-').map(Number) as [number, number]
      return month === 12 ? `${pad(year + 1, 4)}-01` : `${pad(year, 4)}-${pad(month + 1, 2)}`
    }
    case 'quarter': {
      const year = Number(label.slice(0, 4))
      const quarter = Number(label.slice(6))
      return quarter === 4 ? `${pad(year + 1, 4)}-Q1` : `${pad(year, 4)}-Q${quarter + 1}`
    }
    case 'year':
      return pad(Number(label) + 1, 4)
    case 'fiscal-year':
      return `FY${Number(label.slice(2)) + 1}`
  }
}

/** Every bucket label from `first` to `last`, so a time axis shows the periods with no rows too. */
export function bucketRange(first: string, last: string, bucket: DateBucket, limit = 5000): string[] {
  const labels = [first]
  while (labels.at(-1)! < last && labels.length < limit) labels.push(nextBucket(labels.at(-1)!, bucket))
  return labels
}
