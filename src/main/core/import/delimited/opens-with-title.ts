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
 * (one filled field, or a "Released: | date" line) above a header that the workbook's own rules
 * (findSheetTable) find lower down, a header of labels (text, or years). Only then is the file read
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
  if (first === undefined || (filled(first) !== 1 && !labelValueLine(first))) return false
  if (sideBySideTables(window, []).length > 0) return false
  const layout = findSheetTable(window, [], true)
  if (layout === null || layout.titles.length === 0) return false
  const headerRow = rows.find((row) => row.row === layout.headerRows[0])
  return headerRow !== undefined && headerRow.row > first.row && labelsOnly(headerRow)
}

/** A header of labels: text, or years ("Country | 2011 | 2012"); a row with other numbers or dates is data. */
function labelsOnly(row: SheetRow): boolean {
  return row.kinds.every((kind, column) => kind === null || kind === 'text' || (kind === 'number' && /^(1[89]|2[01])\d\d$/.test(row.values[column]!)))
}
