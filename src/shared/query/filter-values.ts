// Validation for the values of `kind:`, `year:`, `after:` and `before:`. A value that fails here is
// not a filter, and the parser reads it as plain words instead.

import type { QueryKind } from './query-ast'

const KINDS: readonly QueryKind[] = ['article', 'note', 'dataset', 'data']

/** `article`, `note`, `dataset` or `data`, in any letter case. */
export function parseKind(value: string): QueryKind | null {
  const folded = value.toLowerCase()
  return KINDS.find((kind) => kind === folded) ?? null
}

/** A four-digit year. */
export function parseYear(value: string): number | null {
  return /^\d{4}$/.test(value) ? Number(value) : null
}

/**
 * YYYY, YYYY-MM or YYYY-MM-DD as the first day of that period, YYYY-MM-DD. Both `after:` and `before:`
 * name the start of a period, so `after:2012 before:2013` is exactly the year 2012 (after is
 * inclusive, before is exclusive).
 */
export function parsePeriodStart(value: string): string | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value)
  if (match === null) return null
  const year = match[1] as string
  const month = match[2] ?? '01'
  const day = match[3] ?? '01'
  const monthNumber = Number(month)
  if (monthNumber < 1 || monthNumber > 12) return null
  const dayNumber = Number(day)
  if (dayNumber < 1 || dayNumber > daysInMonth(Number(year), monthNumber)) return null
  return `${year}-${month}-${day}`
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}
