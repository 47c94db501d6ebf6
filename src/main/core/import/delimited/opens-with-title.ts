import type { ImportDelimiter } from '@shared/model'
import { findSheetTable, HEADER_WINDOW, labelValueLine } from '../workbook/find-sheet-table'
import type { SheetRow } from '../workbook/sheet-row'
import { sideBySideTables } from '../workbook/side-by-side-tables'
import { DelimitedParser } from './delimited-parser'
import { delimitedSheetRow } from './delimited-sheet-row'

function filled(row: SheetRow): number {
  let count = 0
  for (const value of row.values) if (value !== null) count++
  return count
}

/**
 * Whether a delimited file opens as a government table saved from its workbook does: a title line
 * (one filled field of several words, or a "Released: | date" line) above a header that the
 * workbook's own rules (findSheetTable) find lower down, a header of labels (text, or years) with
 * figures (numbers, dates) in the rows under it. Only then is the file read
 * as a sheet (see TitledTableRows); a file whose first record is its header, a file of one column,
 * a file without a header (`header` false) or one whose first rows hold tables side by side is
 * read as it always was. Looks at the first HEADER_WINDOW records of `sample` only, the file's
 * start as sniffing decoded it; a record cut by the sample's end is not looked at.
 */
export function opensWithTitle(
  sample: string,
  sampleIsWholeFile: boolean,
  format: { delimiter: ImportDelimiter; quote: 'double' | 'none' },
  header: boolean
): boolean {
  if (!header) return false
  const window: SheetRow[] = []
  const parser = new DelimitedParser(format, (fields, line) => {
    if (window.length < HEADER_WINDOW) window.push(delimitedSheetRow(fields, line))
  })
  parser.feed(sample)
  if (sampleIsWholeFile && parser.unclosedQuoteLine === null) parser.finish()
  const rows = window.filter((row) => filled(row) > 0)
  const first = rows[0]
  if (first === undefined) return false
  // A title is words ("Table 39. Aliens removed…"); a lone word over wider rows is a header the rows outgrew.
  const title = first.values.find((value) => value !== null) ?? ''
  if (filled(first) === 1 ? !/\S\s+\S/.test(title.trim()) : !labelValueLine(first)) return false
  if (sideBySideTables(window, []).length > 0) return false
  const layout = findSheetTable(window, [], true)
  if (layout === null || layout.titles.length === 0) return false
  const headerRow = rows.find((row) => row.row === layout.headerRows[0])
  if (headerRow === undefined || headerRow.row <= first.row || !labelsOnly(headerRow)) return false
  // Figures under the header, as under a statistical table's: a number or a date in the rows that follow.
  const below = rows.filter((row) => row.row > headerRow.row).slice(0, TYPED_ROWS_LOOKED_AT)
  return below.some((row) => row.kinds.some((kind) => kind === 'number' || kind === 'date'))
}

/** Rows under the header looked at for a figure. */
const TYPED_ROWS_LOOKED_AT = 6

/** A header of labels: text, or years ("Country | 2011 | 2012"); a row with other numbers or dates is data. */
function labelsOnly(row: SheetRow): boolean {
  return row.kinds.every((kind, column) => kind === null || kind === 'text' || (kind === 'number' && /^(1[89]|2[01])\d\d$/.test(row.values[column]!)))
}
