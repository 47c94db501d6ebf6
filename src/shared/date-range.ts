// The search screen's date range. People type both ends inclusively ("2011 to 2012" means both
// years); the archive takes a half-open range [after, before), so the "to" end becomes the start of
// the period that follows it. Each end may be a year, a month or a day.

import { parsePeriodStart } from '@shared/query/filter-values'

export const DATE_FORMAT_HINT = 'YYYY, YYYY-MM or YYYY-MM-DD'

/** True for '' (an open end) and for any valid YYYY, YYYY-MM or YYYY-MM-DD. */
export function isPeriodOrEmpty(value: string): boolean {
  return value.trim() === '' || parsePeriodStart(value.trim()) !== null
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/**
 * The first period after `value`, at the same precision: 2012 → 2013, 2012-12 → 2013-01,
 * 2012-02-29 → 2012-03-01. Null when `value` is not a period or the next one has no four-digit year.
 */
export function nextPeriod(value: string): string | null {
  const start = parsePeriodStart(value)
  if (start === null) return null
  const [year, month, day] = start.split('-').map(Number) as [number, number, number]
  let next: string
  if (/^\d{4}$/.test(value)) next = pad(year + 1, 4)
  else if (/^\d{4}-\d{2}$/.test(value)) next = month === 12 ? `${pad(year + 1, 4)}-01` : `${pad(year, 4)}-${pad(month + 1, 2)}`
  else {
    const date = new Date(Date.UTC(year, month - 1, day + 1))
    next = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`
  }
  return /^\d{4}(-|$)/.test(next) ? next : null
}

export interface DateRange {
  /** Inclusive start for the request, or null. */
  after: string | null
  /** Exclusive end for the request, or null. */
  before: string | null
  /** Which typed ends could not be read; those are left out of the request. */
  invalid: { from: boolean; to: boolean }
  /** Both ends valid but "from" starts after "to" ends: nothing can match. */
  reversed: boolean
}

/** Turns the two typed ends (both inclusive, '' for open) into the request's half-open range. */
export function dateRange(from: string, to: string): DateRange {
  const fromText = from.trim()
  const toText = to.trim()
  const fromStart = fromText === '' ? null : parsePeriodStart(fromText)
  const toEnd = toText === '' ? null : nextPeriod(toText)
  const invalid = { from: fromText !== '' && fromStart === null, to: toText !== '' && parsePeriodStart(toText) === null }
  const after = fromStart === null ? null : fromText
  const before = toEnd
  const reversed = fromStart !== null && toEnd !== null && fromStart >= (parsePeriodStart(toEnd) ?? toEnd)
  return { after, before, invalid, reversed }
}

/** The range that is exactly one year, as the facet sets it. */
export function yearRange(year: number): { from: string; to: string } {
  return { from: pad(year, 4), to: pad(year, 4) }
}

/** The year the range covers when it is exactly one whole year (so the year facet shows it picked). */
export function pickedYear(from: string, to: string): number | null {
  const fromText = from.trim()
  return /^\d{4}$/.test(fromText) && fromText === to.trim() ? Number(fromText) : null
}
