import type { CellKind, MergedCells, SheetRow } from './sheet-row'
import { headerMark } from './superscript-marks'

/** Rows read before the header is decided: title rows, header rows and enough data to tell them apart. */
export const HEADER_WINDOW = 30
/** A header is at most this many rows deep ("Removals › Criminal › 2012"). */
export const MAX_HEADER_ROWS = 4
/** Between header rows: "Fiscal year › 2012". */
export const HEADER_JOINER = ' › '
/**
 * A cell more blank columns than this right of a table is no part of it (a stray value at XFD3
 * beside a table of two columns): it would make the table thousands of columns wide.
 */
export const FAR_COLUMNS = 50

/** Where a sheet's table lies, found in its first rows. */
export interface SheetTableLayout {
  /** Text of the rows above the header: the table's title, its subtitle, notes on units. */
  titles: string[]
  /** 1-based rows of the header, top to bottom (empty when the table has no header). */
  headerRows: number[]
  /** 0-based columns the table spans, both ends included. */
  firstColumn: number
  lastColumn: number
  labels: string[]
  /** 0-based sheet columns of the table whose header cells are all blank (named by position). */
  unlabelled: number[]
  /** Footnote marks set in superscript after header labels, left out of the labels (see headerMark), by position in `labels`. */
  marks: { position: number; mark: string; plain: string }[]
  /** The 1-based row the table's body starts at: rows above it are titles and header. */
  bodyStart: number
  /** A row under the header that gives each column's unit ("(number)", "(percent)"), by label; empty when there is none. */
  units: { label: string; unit: string }[]
}

function filled(row: SheetRow): number {
  let count = 0
  for (const value of row.values) if (value !== null) count++
  return count
}

function firstFilled(row: SheetRow): number {
  return row.values.findIndex((value) => value !== null)
}

/** A row that can only be part of a header: text only, or years over an empty first cell. */
export function headerLike(row: SheetRow, firstColumn: number): boolean {
  let years = 0
  for (let column = 0; column < row.values.length; column++) {
    const kind = row.kinds[column]
    if (kind === null || kind === undefined) continue
    if (kind === 'text') continue
    if (kind === 'number' && /^(1[89]|2[01])\d\d$/.test(row.values[column]!)) {
      years++
      continue
    }
    return false
  }
  return years === 0 || row.values[firstColumn] === null || row.values[firstColumn] === undefined
}

function mergeAt(merges: readonly MergedCells[], row: number, column: number): MergedCells | null {
  for (const merge of merges) {
    if (row >= merge.firstRow && row <= merge.lastRow && column >= merge.firstColumn && column <= merge.lastColumn) return merge
  }
  return null
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * Finds the table in a sheet's first rows (`window`, in order, blank rows left out). Government
 * tables open with a title and notes, one cell each; the header is the first row of several cells,
 * together with the rows under it that complete it (a group label merged over its columns, years
 * under "Fiscal year"). Header labels are joined top to bottom ("Fiscal year › 2012"), a merged
 * header cell is spread over the columns it covers, and a label left blank is named by position.
 * With `header` false, the table starts at its first row of several cells and columns are named
 * by position.
 */
export function findSheetTable(window: readonly SheetRow[], merges: readonly MergedCells[], header: boolean): SheetTableLayout | null {
  const rows = window.filter((row) => filled(row) > 0)
  if (rows.length === 0) return null
  // A row the sheet hides above the table (machine column codes, as agency exports carry) is not
  // what a reader sees as its header: the first visible row of two cells or more is.
  const visible = rows.findIndex((row) => !row.hidden && filled(row) >= 2)
  let start = visible >= 0 ? visible : rows.findIndex((row) => filled(row) >= 2)
  // A sheet of one column: its first row is the header.
  if (start < 0) start = 0
  // "Released: | 6/17/2014" lines over the table are notes on it, not its header.
  if (header) start = pastLabelValueLines(rows, start)
  // A title whose row also holds a page number or a unit note is not the header: the row under it is.
  if (header) while (start + 1 < rows.length && titleOver(rows, start)) start++
  let firstColumn = Math.min(...rows.slice(start).map(firstFilled))
  let lastColumn = lastTableColumn(rows.slice(start), firstColumn)
  // A group label alone on its row ("Fiscal year" over the year columns) belongs to the header
  // when it stands right of the table's first column; a title starts at the first column.
  // A note on units standing alone at the right ("(In thousands)") is no group label.
  while (
    header &&
    start > 0 &&
    filled(rows[start - 1]!) === 1 &&
    rows[start - 1]!.row === rows[start]!.row - 1 &&
    firstFilled(rows[start - 1]!) > firstColumn &&
    !NOTE_TEXT.test(rows[start - 1]!.values[firstFilled(rows[start - 1]!)]!)
  )
    start--
  const headerRows: SheetRow[] = []
  if (header) {
    headerRows.push(rows[start]!)
    for (let next = start + 1; next < rows.length && headerRows.length < MAX_HEADER_ROWS; next++) {
      const above = headerRows.at(-1)!
      const row = rows[next]!
      if (row.row !== above.row + 1 || !headerLike(row, firstColumn) || !incomplete(above, row, merges, firstColumn, lastColumn)) break
      headerRows.push(row)
    }
  }
  // A title row's cells are separate lines: the title, then its page number or unit note.
  // Rows the sheet hides above the table are no titles a reader sees; the import names them as hidden.
  const titles = rows
    .slice(0, start)
    .filter((row) => !row.hidden)
    .flatMap((row) => {
      const lines = row.values.filter((value): value is string => value !== null && value !== undefined).map(oneLine)
      // "Released:" and its date are one note: "Released: 2014-06-17".
      return labelValueLine(row) ? [lines.join(' ')] : lines
    })
  if (!header) return { titles, headerRows: [], firstColumn, lastColumn, labels: positions(firstColumn, lastColumn), unlabelled: [], marks: [], bodyStart: rows[start]!.row, units: [] }
  firstColumn = Math.min(firstColumn, ...headerRows.map(firstFilled))
  // Every label of the header is the table's, however far apart.
  lastColumn = lastTableColumn(rows.slice(start), Math.max(firstColumn, ...headerRows.map((row) => row.values.length - 1)))
  const labels: string[] = []
  const unlabelled: number[] = []
  const marks: SheetTableLayout['marks'] = []
  for (let column = firstColumn; column <= lastColumn; column++) {
    const parts: string[] = []
    headerRows.forEach((row, depth) => {
      let part = headerText(row, column, merges, firstColumn, depth < headerRows.length - 1)
      // A footnote mark is no part of the label's words; it is kept beside the label.
      const marked = headerMark(part)
      if (marked !== null) {
        part = marked.label
        if (!marks.some((known) => known.position === column - firstColumn && known.mark === marked.mark)) marks.push({ position: column - firstColumn, mark: marked.mark, plain: marked.plain })
      }
      if (part !== '' && parts.at(-1) !== part) parts.push(part)
    })
    if (parts.length === 0) unlabelled.push(column)
    labels.push(parts.length > 0 ? parts.join(HEADER_JOINER) : `Column ${column - firstColumn + 1}`)
  }
  const last = headerRows.at(-1)!
  const next = rows.indexOf(last) + 1
  const units = rows[next]?.row === last.row + 1 ? unitsRow(rows[next]!, rows.slice(next + 1, next + 1 + TYPED_ROWS_LOOKED_AT), labels, firstColumn, lastColumn) : []
  return { titles, headerRows: headerRows.map((row) => row.row), firstColumn, lastColumn, labels, unlabelled, marks, bodyStart: last.row + (units.length > 0 ? 2 : 1), units }
}

/** A label naming the value beside it ("Released:", "Fiscal year:", "Units:"): short text ending in a colon. */
const LINE_LABEL = /^[^:]{1,40}:$/

/**
 * Whether a row is a line of the block of facts some sheets open with ("Released: | 6/17/2014",
 * "Units: | persons"): a label ending in a colon, then one value that is no label itself, the rest
 * of the row empty.
 */
export function labelValueLine(row: SheetRow): boolean {
  const columns: number[] = []
  for (let column = 0; column < row.values.length; column++) {
    if (row.values[column] === null || row.values[column] === undefined) continue
    if (columns.push(column) > 2) return false
  }
  if (columns.length !== 2) return false
  const [label, value] = columns as [number, number]
  return row.kinds[label] === 'text' && LINE_LABEL.test(row.values[label]!.trim()) && !/:\s*$/.test(row.values[value]!)
}

/** A row that can only be labels: text, or years as numbers ("Country | 2012 | 2013"), two cells or more. */
function labelsOnly(row: SheetRow): boolean {
  if (filled(row) < 2) return false
  return row.kinds.every((kind, column) => kind === null || kind === undefined || kind === 'text' || (kind === 'number' && /^(1[89]|2[01])\d\d$/.test(row.values[column]!)))
}

/**
 * Where the header is when the sheet opens with "Label: value" lines from rows[start] on
 * ("Released: | 6/17/2014", "Fiscal year: | 2013"): the first row of labels under them, which the
 * lines are notes over. A two-cell row right under such lines may be a two-column table's header
 * whose first label ends in a colon; it is taken for the header only set apart from them (a blank
 * row or a title line between) or wider than they are. Without such a row, rows[start] stays the start.
 */
function pastLabelValueLines(rows: readonly SheetRow[], start: number): number {
  let next = start
  while (next < rows.length && (labelValueLine(rows[next]!) || filled(rows[next]!) < 2 || rows[next]!.hidden)) next++
  if (next === start || next >= rows.length || !labelsOnly(rows[next]!)) return start
  const header = rows[next]!
  const above = rows[next - 1]!
  const apart = header.row > above.row + 1 || filled(above) < 2 || filled(header) > 2
  return apart ? next : start
}

/**
 * The last column of a table whose rows are `rows` and which spans at least to `from`: each filled
 * column past it within FAR_COLUMNS of the one before, so that a stray cell far right is no part of it.
 */
function lastTableColumn(rows: readonly SheetRow[], from: number): number {
  const columns = new Set<number>()
  for (const row of rows) row.values.forEach((value, column) => value !== null && value !== undefined && column > from && columns.add(column))
  let last = from
  for (const column of [...columns].sort((a, b) => a - b)) {
    if (column - last > FAR_COLUMNS + 1) break
    last = column
  }
  return last
}

/** A unit a row under the header gives a column: "(number)", "(percent)", "(in thousands)", "%", "US$". */
const UNIT = /^(\((?=[^)]*\p{L}{3}|[^)]*[%$])[^()]{1,40}\)|%|\$|US\$|percent|number|dollars)$/iu

/**
 * A row right under the header that gives its columns' units, not data: text only, each cell a
 * unit (a marker such as (D) or (X) is data), over columns where the rows under it hold numbers.
 */
function unitsRow(row: SheetRow, below: readonly SheetRow[], labels: readonly string[], firstColumn: number, lastColumn: number): { label: string; unit: string }[] {
  const units: { label: string; unit: string }[] = []
  let overNumbers = false
  for (let column = 0; column < row.values.length; column++) {
    const value = row.values[column] ?? null
    if (value === null) continue
    if (row.kinds[column] !== 'text' || column < firstColumn || column > lastColumn || !UNIT.test(value.trim())) return []
    units.push({ label: labels[column - firstColumn]!, unit: oneLine(value) })
    if (below.some((data) => data.kinds[column] === 'number' || data.kinds[column] === 'percent')) overNumbers = true
  }
  return overNumbers ? units : []
}

/** What a title row holds besides its title: a page number, a unit, a note in parentheses. */
const NOTE_TEXT = /^\s*\(.*\)\s*$|\bpage\s+\d+(\s+of\s+\d+)?\b|\bin\s+(thousands|millions|billions)\b/i

/** Rows under a header this far down are looked at for a typed cell (a number, a date) that says data has begun. */
const TYPED_ROWS_LOOKED_AT = 6

/**
 * Whether rows[index], a row of several cells, is a title over the header under it rather than the
 * header: text only, starting at the table's first column, with fewer cells than the row under it,
 * which is a full row of labels with typed data below it and covers every cell of the title row. A
 * group row over a header leaves the same pattern, so a title must also stand apart (a blank row
 * under it) or keep beside its title only notes ("Page 1 of 1", "(In thousands)") or cells right of
 * the header's last column.
 */
function titleOver(rows: readonly SheetRow[], index: number): boolean {
  const row = rows[index]!
  const below = rows[index + 1]!
  const first = firstFilled(row)
  const belowFirst = firstFilled(below)
  const belowLast = below.values.length - 1
  if (first > belowFirst || !headerLike(below, belowFirst)) return false
  for (let column = belowFirst; column <= belowLast; column++) if ((below.values[column] ?? null) === null) return false
  // Beside the title: only notes, or cells right of the header's last column.
  let besideTitle = true
  let notesOnly = true
  for (let column = first; column < row.values.length; column++) {
    const value = row.values[column] ?? null
    if (value === null) continue
    if (row.kinds[column] !== 'text') return false
    if (column < belowFirst || (column <= belowLast && (below.values[column] ?? null) === null)) return false
    if (column === first) continue
    if (!NOTE_TEXT.test(value)) notesOnly = false
    if (column <= belowLast && !NOTE_TEXT.test(value)) besideTitle = false
  }
  // A title with only a note beside it may be as wide as a narrow header ("Country", "Removals").
  if (filled(row) >= filled(below) && !notesOnly) return false
  if (!besideTitle && below.row === row.row + 1) return false
  return rows.slice(index + 2, index + 2 + TYPED_ROWS_LOOKED_AT).some((data) => data.kinds.some((kind) => kind !== null && kind !== undefined && kind !== 'text'))
}

function positions(firstColumn: number, lastColumn: number): string[] {
  return Array.from({ length: lastColumn - firstColumn + 1 }, (_, i) => `Column ${i + 1}`)
}

/**
 * Whether the header row `above` leaves labels for the row under it to complete: a cell merged over
 * several columns, or blank cells over cells the row under fills.
 */
function incomplete(above: SheetRow, below: SheetRow, merges: readonly MergedCells[], firstColumn: number, lastColumn: number): boolean {
  for (let column = firstColumn; column <= lastColumn; column++) {
    const merge = mergeAt(merges, above.row, column)
    if (merge !== null && merge.lastColumn > merge.firstColumn) return true
    if ((above.values[column] ?? null) === null && (below.values[column] ?? null) !== null) return true
  }
  return false
}

/**
 * A header row's label for `column`: its own text; or the text of the merged cell covering it; or,
 * on a row that groups the row below (`upper`), the nearest label to its left, as a label centred
 * across columns is written, except into the table's first column.
 */
function headerText(row: SheetRow, column: number, merges: readonly MergedCells[], firstColumn: number, upper: boolean): string {
  const own = row.values[column] ?? null
  if (own !== null) return oneLine(own)
  const merge = mergeAt(merges, row.row, column)
  if (merge !== null) {
    // The merged range's text sits in its top-left cell; a vertical merge was read on its first row.
    if (merge.firstRow !== row.row) return ''
    return oneLine(row.values[merge.firstColumn] ?? '')
  }
  if (!upper) return ''
  for (let left = column - 1; left > firstColumn; left--) {
    const text = row.values[left] ?? null
    if (text !== null) return mergeAt(merges, row.row, left) === null ? oneLine(text) : ''
  }
  return ''
}

/**
 * Whether findSheetTable could use the sheet's merged cells to read these first rows: only when a
 * row leaves cells blank inside the table's span (a merged cell covers blanks) or a single label
 * stands right of the table's first column. A sheet whose first rows are full needs no merges,
 * and so no pass over its XML to find them.
 */
export function headerMayUseMerges(window: readonly SheetRow[]): boolean {
  const rows = window.filter((row) => filled(row) > 0)
  const wide = rows.filter((row) => filled(row) >= 2)
  if (wide.length === 0) return false
  const first = Math.min(...wide.map(firstFilled))
  const last = Math.max(...wide.map((row) => row.values.length - 1))
  for (const row of rows) {
    if (filled(row) === 1) {
      if (firstFilled(row) > first) return true
      continue
    }
    for (let column = first; column <= last; column++) if ((row.values[column] ?? null) === null) return true
  }
  return false
}

/** Whether a row past the table's data reads as a footnote: one text cell, marked or long. */
export function footnoteLike(row: SheetRow): boolean {
  let text: string | null = null
  for (let column = 0; column < row.values.length; column++) {
    const value = row.values[column]
    if (value === null || value === undefined) continue
    if (text !== null || (row.kinds[column] as CellKind) !== 'text') return false
    text = value
  }
  if (text === null) return true
  const trimmed = text.trim()
  return trimmed.length > 40 || /^(\(?\d{1,2}[.)]?|[a-z][.)]|\*+|[†‡§¶]|[A-Z-](?=\s)|notes?\b|sources?\b|footnotes?\b)/i.test(trimmed)
}

/** A marker as statistical tables print them in their legends: NA, (X), (D), Z, —, *, †. */
const LEGEND_MARKER = String.raw`(\(?[A-Z]{1,3}\)?|\([a-z]\)|[-–—]{1,2}|\*{1,3}|[†‡§¶#])`
const MARKER_ALONE = new RegExp(`^${LEGEND_MARKER}$`)
const MARKER_THEN_TEXT = new RegExp(`^${LEGEND_MARKER}\\s+[A-Z]`)

/**
 * Whether a row reads as one line of a legend of markers ("NA Not available.", "(X) Not
 * applicable.", "— Represents zero.", or the marker in its own cell and its meaning beside it):
 * text only, in the first one or two cells it fills. A region "NA North America" reads the same,
 * so this says only what the row looks like; where it stands decides (see SheetTableReader).
 */
export function legendLike(row: SheetRow): boolean {
  const cells: { column: number; text: string }[] = []
  for (let column = 0; column < row.values.length; column++) {
    const value = row.values[column]
    if (value === null || value === undefined) continue
    if ((row.kinds[column] as CellKind) !== 'text' || cells.length === 2) return false
    cells.push({ column, text: value.trim() })
  }
  const [first, second] = cells
  if (first === undefined) return false
  if (second === undefined) return MARKER_THEN_TEXT.test(first.text)
  return second.column === first.column + 1 && MARKER_ALONE.test(first.text) && /^[A-Z]/.test(second.text)
}
