/**
 * What a cell holds, as the sheet shows it: a percent is a number the sheet shows times 100 (0.456
 * as 45.6%); a word is what a number format shows in place of a number ("Withheld", "<10"), kept
 * as that word; a hidden value is one a number format shows as nothing (;;;), kept as the file
 * holds it (see ShownInstead).
 */
export type CellKind = 'number' | 'percent' | 'date' | 'text' | 'boolean' | 'error' | 'word' | 'hidden'

/**
 * One row of a sheet as its cells read: each value spelled as the column typer reads it (a number
 * as stored, a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, TRUE/FALSE, an error such as #N/A, text as
 * written), by 0-based column, null where a cell is empty.
 */
export interface SheetRow {
  /** 1-based row number in the sheet. */
  row: number
  /** True when the sheet hides this row (xlsx `<row hidden="1">`, .xls row flags, .ods `table:visibility="collapse"` or `"filter"`). */
  hidden: boolean
  values: (string | null)[]
  kinds: (CellKind | null)[]
}

/** Where a rectangle of merged cells lies, 0-based columns and 1-based rows, ends included. */
export interface MergedCells {
  firstColumn: number
  lastColumn: number
  firstRow: number
  lastRow: number
}
