// The explorer's sort: one column at a time, chosen by clicking its header.

import type { RowQuery } from '@shared/row-query'

export type RowSort = NonNullable<RowQuery['sort']>

/** Header clicks go ascending, then descending, then back to the stored order. */
export function nextSort(current: RowSort | null, column: number): RowSort | null {
  if (current === null || current.column !== column) return { column, direction: 'asc' }
  if (current.direction === 'asc') return { column, direction: 'desc' }
  return null
}

/** The aria-sort value of a column's header. */
export function ariaSort(current: RowSort | null, column: number): 'ascending' | 'descending' | 'none' {
  if (current === null || current.column !== column) return 'none'
  return current.direction === 'asc' ? 'ascending' : 'descending'
}
