// How a dataset value is shown in a table cell. Only numbers are reformatted; dates and text are
// shown exactly as stored so a researcher can trust what they quote.

import type { CellValue, ColumnType, DatasetColumn } from '@shared/model'

const GROUPED = new Intl.NumberFormat('en', { maximumFractionDigits: 6 })
const UNGROUPED = new Intl.NumberFormat('en', { maximumFractionDigits: 6, useGrouping: false })

// Years are integers too, but "2,005" reads as a count; columns named like a year are not grouped.
const YEAR_LABEL = /(^|[^a-z])(year|yr|fy)([^a-z]|$)/i

export function isNumericColumn(type: ColumnType): boolean {
  return type === 'integer' || type === 'real'
}

export function groupsThousands(column: Pick<DatasetColumn, 'label' | 'type'>): boolean {
  return isNumericColumn(column.type) && !YEAR_LABEL.test(column.label)
}

/** Returns null for a missing value, so the view can draw its own placeholder. */
export function formatCell(value: CellValue, column: Pick<DatasetColumn, 'label' | 'type'>): string | null {
  if (value === null) return null
  if (typeof value === 'number') return (groupsThousands(column) ? GROUPED : UNGROUPED).format(value)
  return value
}

export function formatCount(value: number): string {
  return GROUPED.format(value)
}
