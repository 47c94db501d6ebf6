// How a dataset value is shown in a table cell. Only numbers are reformatted, and only by grouping
// their thousands, in columns of amounts (the archive says which: `digits`): every digit stays. Dates, text and numbers kept in their own spelling ("1.50",
// which the archive hands over as text) are shown exactly as stored, so a researcher can trust what
// they quote.

import type { CellValue, ColumnType, DatasetColumn } from '@shared/model'

const GROUPED = new Intl.NumberFormat('en', { maximumFractionDigits: 0 })

/** How a column's values are shown: its type, and whether its numbers are amounts or labels. */
export type ShownColumn = Pick<DatasetColumn, 'type' | 'digits'>

export function isNumericColumn(type: ColumnType): boolean {
  return type === 'integer' || type === 'real'
}

/** Ids, codes and years are integers too, but "1,185" or "2,005" would read as a count. */
export function groupsThousands(column: ShownColumn): boolean {
  return isNumericColumn(column.type) && column.digits === 'grouped'
}

/** JavaScript's own spelling of a number (every digit it needs), with its whole part grouped. */
function groupedDigits(value: number): string {
  const text = String(value)
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text)
  // 1e-7 and 1e+21 are shown as JavaScript spells them.
  if (match === null || match[2]!.length < 4) return text
  return `${match[1]}${GROUPED.format(Number(match[2]))}${match[3] ?? ''}`
}

/** Returns null for a missing value, so the view can draw its own placeholder. */
export function formatCell(value: CellValue, column: ShownColumn): string | null {
  if (value === null) return null
  if (typeof value === 'number') return groupsThousands(column) ? groupedDigits(value) : String(value)
  return value
}

/**
 * A column figure (lowest, highest, a listed value) as the table shows it, in the spelling its cells
 * were imported with when the archive hands one over (keyed by String(number)); null for no value.
 */
export function formatFigure(value: CellValue, column: ShownColumn, spellings: Readonly<Record<string, string>>): string | null {
  const spelled = typeof value === 'number' ? spellings[String(value)] : undefined
  return spelled ?? formatCell(value, column)
}

export function formatCount(value: number): string {
  return GROUPED.format(value)
}
