// The geometry of the data explorer's table. Rows are one line each at a fixed height, so the table
// can be as tall as all its rows and draw only the ones in view (and a few either side), and column widths
// are chosen once from the first rows, so they do not jump as other rows scroll into view.

import type { CellValue, ColumnType, DatasetColumn } from '@shared/model'
import { formatCell } from '../lib/format-cell'

/** Pixel height of one table row; the stylesheet draws rows at exactly this height. */
export const ROW_HEIGHT = 29
/** Rows drawn beyond each edge of the view, so a quick scroll does not show blank space first. */
export const OVERSCAN_ROWS = 12

/**
 * The tallest the table's body is made, in pixels. Browsers cap an element's height (Chromium near
 * 16.7 million px, Firefox lower), so a table taller than this is drawn at this height and a pixel
 * of scrolling moves more than a pixel of rows.
 */
export const MAX_BODY_HEIGHT = 8_000_000

/**
 * Where the rows are scrolled to: `body` is the height the body is drawn at, `offset` how far down
 * the full height of all the rows (count × row height) the view starts, for a body scrolled
 * `scrolled` pixels in a view `view` pixels tall.
 */
export interface ScrollPlace {
  body: number
  offset: number
}

export function bodyHeight(count: number, rowHeight: number): number {
  return Math.min(count * rowHeight, MAX_BODY_HEIGHT)
}

/** The share of the rows' full height that one pixel of the drawn body stands for (1 until the cap). */
function stretch(count: number, rowHeight: number, view: number): number {
  const full = count * rowHeight
  const body = bodyHeight(count, rowHeight)
  return body === full || body <= view ? 1 : (full - view) / (body - view)
}

/** How far into all the rows' height a body scrolled `scrolled` pixels shows. */
export function offsetAt(scrolled: number, view: number, count: number, rowHeight: number): number {
  return Math.max(0, scrolled) * stretch(count, rowHeight, view)
}

/** The scroll position that shows the rows' height from `offset` on: the inverse of offsetAt. */
export function scrollFor(offset: number, view: number, count: number, rowHeight: number): number {
  return offset / stretch(count, rowHeight, view)
}

export interface RowRange {
  /** First row drawn (index in the current order). */
  start: number
  /** One past the last row drawn. */
  end: number
  /** Pixels of empty body above the first row drawn, and below the last. */
  above: number
  below: number
}

/**
 * Which of `count` rows to draw, and the space around them, when the body is scrolled `scrolled`
 * pixels (its view `view` pixels tall) and the rows' height from `offset` on is in view.
 */
export function visibleRows(scrolled: number, offset: number, view: number, count: number, rowHeight: number, overscan: number): RowRange {
  if (count === 0) return { start: 0, end: 0, above: 0, below: 0 }
  const body = bodyHeight(count, rowHeight)
  const top = Math.max(0, scrolled)
  const shown = Math.ceil(Math.max(view, rowHeight) / rowHeight) + 1
  // Scrolled past the end (the rows were just replaced by fewer, the browser has not caught up): the last rows.
  const first = Math.min(Math.floor(offset / rowHeight), count - 1)
  // A row drawn is placed where the offset puts it; rows that would fall outside the body are not drawn.
  const start = Math.max(0, first - overscan, Math.ceil((offset - top) / rowHeight))
  const end = Math.max(start, Math.min(count, first + shown + overscan, Math.floor((body - top + offset) / rowHeight)))
  const above = Math.max(0, top + start * rowHeight - offset)
  return { start, end, above, below: Math.max(0, body - above - (end - start) * rowHeight) }
}

/** Narrowest and widest a column is drawn, in characters; longer values end in an ellipsis. */
export const MIN_COLUMN_CH = 7
export const MAX_COLUMN_CH = 40

/**
 * A width for each column (in ch) from its label and the longest of the sample values as shown,
 * so the table can use a fixed layout. The label line also holds the column menu's button.
 */
export function columnWidths(columns: readonly Pick<DatasetColumn, 'label' | 'type' | 'digits'>[], sample: readonly { values: CellValue[] }[]): number[] {
  return columns.map((column, index) => {
    let widest = column.label.length + 4
    for (const row of sample) {
      const shown = formatCell(row.values[index] ?? null, column)
      if (shown !== null && shown.length + 2 > widest) widest = shown.length + 2
      if (widest >= MAX_COLUMN_CH) break
    }
    return Math.min(MAX_COLUMN_CH, Math.max(MIN_COLUMN_CH, widest))
  })
}

const DATE = /^\d{4}-[01]\d-[0-3]\d$/
const DATETIME = /^\d{4}-[01]\d-[0-3]\d/
/** A number as a file may spell it; the archive shows such a number in its own spelling ("1.50", "+3", "1e3"). */
const SPELLED_NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/

/** The number a cell of a number column stands for: itself, or the number its spelling reads as; null for text. */
function numberOf(value: string | number): number | null {
  if (typeof value === 'number') return value
  return SPELLED_NUMBER.test(value) ? Number(value) : null
}

/**
 * Whether a stored value does not read as its column's type (a marker such as b6 in a column of
 * numbers, text left there after "Read as…"). Mirrors the archive's own test, so the table marks
 * exactly the values it counted.
 */
export function isMisfit(value: CellValue, type: ColumnType): boolean {
  if (value === null) return false
  switch (type) {
    case 'integer': {
      const number = numberOf(value)
      return number === null || !Number.isInteger(number)
    }
    case 'real':
      return numberOf(value) === null
    case 'date':
      return typeof value !== 'string' || !DATE.test(value)
    case 'datetime':
      return typeof value !== 'string' || !DATETIME.test(value)
    case 'text':
      return false
  }
}

/** A cell as copied: the stored value exactly (no thousands separators), nothing for no value. */
export function cellCopyText(value: CellValue): string {
  return value === null ? '' : String(value)
}

/** A row as copied: its values separated by tabs, which spreadsheets paste into separate cells. */
export function rowCopyText(values: readonly CellValue[]): string {
  return values.map((value) => cellCopyText(value).replace(/[\t\r\n]+/g, ' ')).join('\t')
}

/** The next cell after an arrow, Home/End or Page key, kept inside the table; null for other keys. */
export function movedCell(
  key: string,
  at: { row: number; column: number },
  size: { rows: number; columns: number; page: number },
  withControl: boolean
): { row: number; column: number } | null {
  const clampRow = (row: number) => Math.max(0, Math.min(size.rows - 1, row))
  const clampColumn = (column: number) => Math.max(0, Math.min(size.columns - 1, column))
  switch (key) {
    case 'ArrowDown':
      return { row: clampRow(at.row + 1), column: at.column }
    case 'ArrowUp':
      return { row: clampRow(at.row - 1), column: at.column }
    case 'ArrowRight':
      return { row: at.row, column: clampColumn(at.column + 1) }
    case 'ArrowLeft':
      return { row: at.row, column: clampColumn(at.column - 1) }
    case 'PageDown':
      return { row: clampRow(at.row + size.page), column: at.column }
    case 'PageUp':
      return { row: clampRow(at.row - size.page), column: at.column }
    case 'Home':
      return withControl ? { row: 0, column: 0 } : { row: at.row, column: 0 }
    case 'End':
      return withControl ? { row: clampRow(size.rows - 1), column: clampColumn(size.columns - 1) } : { row: at.row, column: clampColumn(size.columns - 1) }
    default:
      return null
  }
}
