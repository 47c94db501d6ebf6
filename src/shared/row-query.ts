// Reading a dataset the way the data explorer shows it: sorted by any column, filtered, one page
// at a time. Pages continue from the last row shown (a keyset), so page 10,000 costs what page 1 does.

import { rowFilterValidator } from './chart-spec'
import type { CellValue, ColumnType } from './model'
import { bool, cell, id, int, list, nullable, oneOf, record, type Infer } from './validate'

export const rowQueryValidator = record({
  datasetId: id(),
  sort: nullable(record({ column: int(0, 1999), direction: oneOf('asc', 'desc') })),
  filters: list(rowFilterValidator, 20),
  /** The last row of the previous page: its value in the sort column and its rowid; null for the first page. */
  after: nullable(record({ value: cell(100_000), rowid: id() })),
  /**
   * Rows to skip before the page, for a jump deep into a sorted or filtered table (the scroll bar
   * dragged far down) where no earlier page holds a cursor; 0 when `after` is given.
   */
  offset: int(0, 2_000_000_000),
  limit: int(1, 1000),
  /** Whether to count the rows that pass the filters: a scan under a filter, so asked once per question, not per page. */
  count: bool()
})

export type RowQuery = Infer<typeof rowQueryValidator>

export interface RowPage {
  rows: { rowid: number; values: CellValue[] }[]
  /** Where the next page starts, or null when this page is the last. */
  next: RowQuery['after']
  /** Rows that pass the filters, an exact count; null when the query did not ask for it. */
  total: number | null
}

export interface ColumnStats {
  position: number
  type: ColumnType
  min: CellValue
  max: CellValue
  distinct: number
  empty: number
  /** In a column of numbers or dates, the cells that hold text instead (markers such as b6, (b)(6) or N/A); 0 in other columns. */
  markers: number
  /** The most frequent values with their counts, when the column has at most FACET_LIMIT distinct values. */
  facets: { value: CellValue; count: number }[] | null
  /**
   * How the numbers among min, max and the facets were written, keyed by String(number), where every
   * cell holding one shares a spelling ("1.50", "8.0", "1e3"): shown instead of the number.
   */
  spellings: Record<string, string>
}

export const FACET_LIMIT = 50

export const COLUMN_TYPES = ['integer', 'real', 'date', 'datetime', 'text'] as const

export interface ColumnTypeChange {
  position: number
  type: ColumnType
  /** Values that do not fit the new type: kept as they are, counted, and the first few shown. */
  misfits: number
  examples: { rowid: number; value: CellValue }[]
}

/** Where an export was written; null when the person closed the save dialog. */
export interface SavedFile {
  path: string | null
  rows: number
}

/**
 * How a CSV export writes a text cell that a spreadsheet program would take for a formula
 * (`=HYPERLINK(…)`, `+1+cmd|…`, `@SUM(…)`): as it was imported (the file reads back the same), or
 * with a leading `'` so Excel and LibreOffice show it as text instead of running it.
 */
export const CSV_FORMULAS = ['as-imported', 'as-text'] as const
export type CsvFormulas = (typeof CSV_FORMULAS)[number]

/** A CSV export: where it went, and how many of its text cells begin like a formula. */
export interface ExportedRows extends SavedFile {
  formulaCells: number
  formulas: CsvFormulas
}
