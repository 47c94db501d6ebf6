import type { CellKind, SheetRow } from '../workbook/sheet-row'

/** A number as a CSV writes one: 2011, -3, 0.142857143, 1,234,567.5, 6.1E+05. */
const NUMBER = /^[-+]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][-+]?\d+)?$|^[-+]?\.\d+$/
/** A date as a CSV writes one from a sheet: 1900-01-01, 2014-06-17T10:30:00. */
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/

/**
 * A record of a delimited file as a sheet row, for the workbook's rules on where a table lies
 * (findSheetTable, SheetTableReader): a number or a date is what a sheet would hold as one, the
 * rest is text, and empty fields past the last filled one are no cells, as a sheet has none there.
 * `row` is the record's 1-based line, so that what those rules name by row is named by line.
 */
export function delimitedSheetRow(fields: readonly (string | null)[], line: number): SheetRow {
  let width = fields.length
  while (width > 0 && (fields[width - 1] ?? null) === null) width--
  const values: (string | null)[] = new Array<string | null>(width)
  const kinds: (CellKind | null)[] = new Array<CellKind | null>(width)
  for (let column = 0; column < width; column++) {
    const value = fields[column] ?? null
    values[column] = value
    kinds[column] = value === null ? null : kindOf(value)
  }
  return { row: line, hidden: false, values, kinds }
}

function kindOf(value: string): CellKind {
  const trimmed = value.trim()
  if (NUMBER.test(trimmed)) return 'number'
  if (DATE.test(trimmed)) return 'date'
  return 'text'
}
