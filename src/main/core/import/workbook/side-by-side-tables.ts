import { EncodedSheetRow } from './encoded-sheet-row'
import { findSheetTable, labelValueLine, type SheetTableLayout } from './find-sheet-table'
import type { MergedCells, SheetRow } from './sheet-row'

/** 0-based sheet columns a table set beside others spans, both ends included. */
export interface ColumnBand {
  first: number
  last: number
}

/**
 * A row as a table in `band` sees it: cells outside the band are not there, and it ends at its last
 * cell in the band (a longer row adds columns to a table). A row its reader wrote as bytes stays bytes.
 */
export function rowInBand(row: SheetRow, band: ColumnBand): SheetRow {
  let width = Math.min(row.kinds.length, band.last + 1)
  while (width > band.first && (row.kinds[width - 1] ?? null) === null) width--
  if (row instanceof EncodedSheetRow && row.asBytes) {
    const kinds = row.kinds.slice(0, width)
    const ranges = row.ranges.slice(0, 2 * width)
    let filled = 0
    for (let column = 0; column < width; column++) {
      if (column < band.first) {
        kinds[column] = null
        ranges[2 * column] = ranges[2 * column + 1] = -1
      } else if (ranges[2 * column]! >= 0) filled++
    }
    return new EncodedSheetRow(row.row, row.hidden, kinds, row.bytes, ranges, filled, null)
  }
  const values = row.values.slice(0, width)
  const kinds = row.kinds.slice(0, width)
  for (let column = 0; column < band.first && column < width; column++) {
    values[column] = null
    kinds[column] = null
  }
  return { row: row.row, hidden: row.hidden, values, kinds }
}

/** The merged cells a table in `band` reads: those that start in it. */
export function mergesInBand(merges: readonly MergedCells[], band: ColumnBand): MergedCells[] {
  return merges.filter((merge) => merge.firstColumn >= band.first && merge.firstColumn <= band.last)
}

/** Past this many runs of columns parted by blank ones, a sheet's first rows are one table with spacer columns. */
const MAX_BANDS = 32

interface BandTable {
  band: ColumnBand
  layout: SheetTableLayout | null
  rows: SheetRow[]
}

function bandTable(rows: readonly SheetRow[], merges: readonly MergedCells[], band: ColumnBand): BandTable {
  const inBand = rows.map((row) => rowInBand(row, band))
  return { band, layout: findSheetTable(inBand, mergesInBand(merges, band), true), rows: inBand }
}

/**
 * The columns of the tables set side by side in a sheet's first rows (`window`), left to right;
 * empty when it holds one table. Columns blank in every row part the sheet into bands, but a blank column inside one
 * table (a spacer between groups of years, a column no row fills) parts nothing: a band is a table
 * of its own only when it stands as one beside the table left of it, both with a header of two
 * labels or more over rows of their own, and the band opening with a column of row labels (text,
 * or under the same label as the table beside it: "Year" and "Year"). And what it holds must say it
 * is another table: a title of its own over it, a header on another row, or labels the table beside
 * it has too ("FY2011" twice). A merged cell over a blank column joins what it covers.
 */
export function sideBySideTables(window: readonly SheetRow[], merges: readonly MergedCells[]): ColumnBand[] {
  const rows = window.filter((row) => row.values.some((value) => value !== null && value !== undefined))
  const columns = new Set<number>()
  for (const row of rows) row.values.forEach((value, column) => value !== null && value !== undefined && columns.add(column))
  const bands: ColumnBand[] = []
  for (const column of [...columns].sort((a, b) => a - b)) {
    const band = bands.at(-1)
    if (band !== undefined && column === band.last + 1) band.last = column
    else bands.push({ first: column, last: column })
  }
  // Blank columns between most columns are spacers of one wide table, and asking each band would cost much.
  if (bands.length < 2 || bands.length > MAX_BANDS) return []
  const lastRow = rows.at(-1)!.row
  const tables = [bandTable(rows, merges, bands[0]!)]
  for (const band of bands.slice(1)) {
    const left = tables.at(-1)!
    const right = bandTable(rows, merges, band)
    const joined = merges.some((merge) => merge.firstRow <= lastRow && merge.firstColumn <= left.band.last && merge.lastColumn >= band.first)
    if (!joined && tableOfItsOwn(left, right)) tables.push(right)
    else tables[tables.length - 1] = bandTable(rows, merges, { first: left.band.first, last: band.last })
  }
  if (tables.length < 2) return []
  // Every column is some table's: a cell the first rows left blank (in a blank column, left of the
  // first table, right of the last) is read with the table left of it, as a column it adds.
  return tables.map((table, index) => ({ first: index === 0 ? 0 : table.band.first, last: (tables[index + 1]?.band.first ?? Number.MAX_SAFE_INTEGER) - 1 }))
}

/** How many columns of a layout have a label of their own. */
function labelled(layout: SheetTableLayout): number {
  return layout.labels.length - layout.unlabelled.length
}

/** Whether a band's table has rows under its header (in the rows read so far). */
function hasBody(table: BandTable): boolean {
  return table.rows.some((row) => row.row >= table.layout!.bodyStart && row.values.some((value) => value !== null && value !== undefined))
}

/**
 * Whether a band holds "Label: value" lines ("Released: | 6/17/2014") and at most title lines
 * beside them: the facts a sheet opens with over its table, not a table of its own.
 */
function factsOnly(table: BandTable): boolean {
  const rows = table.rows.filter((row) => row.values.some((value) => value !== null && value !== undefined))
  return rows.some(labelValueLine) && rows.every((row) => labelValueLine(row) || row.values.filter((value) => value !== null && value !== undefined).length === 1)
}

/** Whether `right` is a table of its own beside `left` (see sideBySideTables). */
function tableOfItsOwn(left: BandTable, right: BandTable): boolean {
  const [a, b] = [left.layout, right.layout]
  if (factsOnly(left) || factsOnly(right)) return false
  if (a === null || b === null || a.headerRows.length === 0 || b.headerRows.length === 0) return false
  if (labelled(a) < 2 || labelled(b) < 2 || !hasBody(left) || !hasBody(right)) return false
  if (b.unlabelled.includes(b.firstColumn)) return false
  // Its first column holds row labels: text down the column, or the label the table beside it opens with.
  let text = 0
  let typed = 0
  for (const row of right.rows) {
    if (row.row < b.bodyStart) continue
    const kind = row.kinds[b.firstColumn]
    if (kind === 'text') text++
    else if (kind !== null && kind !== undefined) typed++
  }
  if (text <= typed && b.labels[0] !== a.labels[0]) return false
  const ownTitle = b.titles.length > 0
  const ownHeaderRow = b.bodyStart !== a.bodyStart
  const sharedLabel = b.labels.some((label, position) => !b.unlabelled.includes(b.firstColumn + position) && a.labels.includes(label))
  return ownTitle || ownHeaderRow || sharedLabel
}
