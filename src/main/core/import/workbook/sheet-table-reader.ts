import type { RowSink } from '../row-sink'
import { columnLetters } from './cell-reference'
import { cellFilled, cellValue, EncodedSheetRow, mayBeFootnote, mayBeLegend, rowLength } from './encoded-sheet-row'
import { FAR_COLUMNS, findSheetTable, HEADER_JOINER, HEADER_WINDOW, headerLike, MAX_HEADER_ROWS, type SheetTableLayout } from './find-sheet-table'
import { mergesInBand, rowInBand, sideBySideTables, type ColumnBand } from './side-by-side-tables'
import { headerMark } from './superscript-marks'
import type { CellKind, MergedCells, SheetRow } from './sheet-row'
import { Utf8SheetRows } from './utf8-sheet-rows'

const BATCH_ROWS = 10_000
const BATCH_CELLS = 200_000
/** Rows that read like footnotes are held back until a data row proves them data; at most this many. */
const MAX_HELD_ROWS = 1000
/** Rows between the header and the first data row are notes on the table only when they are this few. */
const MAX_NOTES_BEFORE_DATA = 3
/** A row of one cell that opens the notes of a table of one column: the note's own word. */
const NOTE_WORD = /^\s*(sources?|notes?|footnotes?)\b/i
/** …or, after a blank row, a footnote's mark: 1/, ¹, *, †. */
const NOTE_MARK = /^\s*(\d{1,2}\/|[¹²³⁴⁵⁶⁷⁸⁹]|\*|[†‡§¶])/
/**
 * A footnote's mark standing in its own cell, the footnote's text in the next ("1/ | Includes Yuma
 * and El Centro.", "NOTE: | Detail may not add…", "Source: | CBP…"). A row number ("1.", "12")
 * is no such mark: a numbered list's last rows are its data.
 */
const MARK_CELL = /^(\d{1,2}\/|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}|\*{1,3}|[†‡§¶]|(notes?|sources?|footnotes?)\s*:)$/i
/** Title lines a table stacked under another may have above its header ("Table 39B. Returns…"). */
const MAX_STACKED_TITLE_ROWS = 3
/** A header label, not a marker such as D, X, NA or (b)(6): a word of three letters or more. */
const WORDY = /\p{L}{3,}/u
/** A title line that names a table ("Table 39B. Returns…", "Table A-1."): it may open one right under the last data row. */
const TABLE_TITLE = /^\s*table\s+[A-Z]?-?\d+[A-Z]?\b/i
/**
 * A year as a header labels a column of figures ("2012", "FY2012", "FY 2011-12"), as text or as a
 * number; its first group is the year. Year-like counts (1,999 removals) are told apart by where
 * such a row stands (see yearLabelsOverNumbers).
 */
const YEAR_LABEL = /^(?:(?:FY|CY)\s?)?((?:1[89]|2[01])\d\d)(?:\s?[-–/]\s?\d{2}(?:\d{2})?)?$/i

/** How many cells of a row hold a value, counted by their kinds: a row read as bytes is not made strings. */
function filledCells(row: SheetRow): number {
  let count = 0
  for (const kind of row.kinds) if (kind !== null && kind !== undefined) count++
  return count
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * A note row's cells as one line of the dataset's source: the cells joined by a space, each line
 * break or tab (a cell's wrapped lines) made one space, as a source note is one line. Runs of plain
 * spaces are kept as written: notes set their entries apart with them ("- Represents zero.  X Not
 * applicable.").
 */
function noteLine(values: readonly (string | null)[]): string {
  return values
    .filter((value) => value !== null)
    .join(' ')
    .replace(/ *[\t\n\r\f\v\u2028\u2029]\s*/g, ' ')
    .trim()
}

/** A cell's text as the header's labels read it: a footnote mark in superscript ("Removals¹") given up, as the labels give it up. */
function labelText(text: string | null): string | null {
  return text === null ? null : (headerMark(text)?.label ?? text)
}

/** Words enough in one cell to be a sentence, not a label or a value. */
const SENTENCE_WORDS = 4

/**
 * Rows that are notes, not a table: each filled row one cell of text, and either one such row (a
 * cover note: "The table is on the next sheet") or a title that says they are notes over a
 * sentence (a "Notes" sheet: "Notes", then "Data are preliminary and subject to change."). A
 * column of sentences under a label ("Description") is still a table, as a column of values is.
 */
function onlyNotes(rows: readonly SheetRow[]): boolean {
  const filled = rows.filter((row) => filledCells(row) > 0)
  if (filled.length === 0 || !filled.every(oneTextCell)) return false
  if (filled.length === 1) return true
  return NOTE_WORD.test(oneCellText(filled[0]!) ?? '') && filled.slice(1).some((row) => (oneCellText(row) ?? '').trim().split(/\s+/).length >= SENTENCE_WORDS)
}

/** A row's text on one line, its cells apart by a space; '' for a blank row. */
function rowText(row: SheetRow): string {
  const cells: string[] = []
  for (let column = 0; column < row.kinds.length; column++) {
    const text = row.kinds[column] === null || row.kinds[column] === undefined ? null : cellText(row, column)
    if (text !== null && text !== '') cells.push(text)
  }
  return cells.join(' ')
}

/** A row of one text cell: a title line, if a header follows it. */
function oneTextCell(row: SheetRow): boolean {
  return filledCells(row) === 1 && row.kinds.some((kind) => kind === 'text')
}

/**
 * One cell's text, on one line; a row read as bytes gives it from its bytes and stays bytes (rows
 * after a blank row are asked whether they repeat the header, and most are data).
 */
function cellText(row: SheetRow, column: number): string | null {
  if (row instanceof EncodedSheetRow && row.asBytes) {
    const start = row.ranges[2 * column] ?? -1
    return start < 0 ? null : oneLine(row.bytes.toString('utf8', start, row.ranges[2 * column + 1]))
  }
  const value = row.values[column] ?? null
  return value === null ? null : oneLine(value)
}

/**
 * Whether a row reads as a footnote laid out over two cells: its mark (see MARK_CELL), then its
 * words in the next cell, and nothing else. Asked of the kinds first: a data row holds a number or
 * a third cell, and a row read as bytes gives only the two cells' text.
 */
function markedNote(row: SheetRow): boolean {
  let first = -1
  let count = 0
  for (let column = 0; column < row.kinds.length; column++) {
    const kind = row.kinds[column]
    if (kind === null || kind === undefined) continue
    if (kind !== 'text' || ++count > 2) return false
    if (first < 0) first = column
  }
  if (count !== 2 || row.kinds[first + 1] !== 'text') return false
  return MARK_CELL.test(cellText(row, first)!) && WORDY.test(cellText(row, first + 1)!)
}

function oneCellText(row: SheetRow): string | null {
  for (const value of row.values) if (value !== null && value !== undefined) return value
  return null
}

/** What a sheet's table left beside its rows: the provenance "Where these figures come from" shows. */
export interface SheetTableSummary {
  /** Title and note rows above the header, and notes between the header and the first data row. */
  titles: string[]
  /** Footnote rows after the last data row (sources, notes, legends of markers such as D or X). */
  footnotes: string[]
  /** 1-based rows of the header and of the footnotes, so that a reader of text can name the lines it set aside. */
  headerRows: number[]
  footnoteRows: number[]
  rows: number
  labels: string[]
  /** 1-based sheet rows the sheet hides that were imported as data rows of the table. */
  hiddenRows: number[]
  /** The 0-based sheet column of the table's first label: with `labels`, where the table lies. */
  firstColumn: number
  /** Rows the sheet hides above the table's body (column codes over the header), as "row 1: c_region, c_fy11": not data, not titles. */
  hiddenAbove: string[]
  /**
   * The 0-based columns the sheet hides, known once the whole sheet is read: given with its last
   * table, and named for each table by its own labels (see importWorkbook).
   */
  hiddenColumns: number[]
  /** The units a row under the header gave the columns ("(number)"), by label; kept as a note, not read as data. */
  units: { label: string; unit: string }[]
  /** Labels of the columns whose numbers the sheet shows as percents, most of them at least; stored as fractions. */
  percentColumns: string[]
  /** What the sheet's number formats hide or show as words in the table's cells, as sentences (see shownByFormatText); none when they show every value. */
  shownByFormat: string[]
  /** Footnote marks set in superscript after header labels ("Removals¹"), with the label they were taken off and the mark in plain digits or letters. */
  footnoteMarks: { label: string; mark: string; plain: string }[]
  /** What the file turned out to be when it is not what its name says (see WorkbookFacts.note). */
  fileNote: string | null
  /**
   * Columns with a blank header cell, as positions in `labels` with their sheet column's letters:
   * a spacer column between a table's label and its figures, left out if no row fills it.
   */
  unlabelled: { position: number; column: string }[]
}

/**
 * Where a table found stacked under another goes: `ended` is the table above, whose rows are all
 * given (its footnotes are those between the two); the answer is the sink for the new table.
 */
export type NextTable = (ended: SheetTableSummary) => RowSink

/**
 * Turns a sheet's rows, as they stream, into a table for a RowSink: the first rows are held until
 * the header is found (see findSheetTable), then data rows go out in bounded batches. Rows that
 * read like footnotes are held back; at the end of the sheet they are its footnotes, and if a data
 * row follows them they were data after all. Memory holds the header window, one batch and the
 * held rows, whatever the sheet's length.
 *
 * A second table stacked under the first (a blank row, perhaps a title, then a header whose labels
 * stand in columns the first table filled with numbers, then a row of numbers under them) ends the
 * first: `nextTable` gets its summary and gives the sink the second table's rows go to, and the
 * second table's header is found as the first one's was.
 */
export class SheetTableReader {
  private window: SheetRow[] = []
  private layout: SheetTableLayout | null = null
  private held: SheetRow[] = []
  private batch: (string | null)[][] = []
  private batchCells = 0
  /** Data rows handed on so far, as strings (in `batch` until flushed) or as bytes. */
  private emitted = 0
  /** Set when the sink takes rows as bytes (see Utf8SheetRows): rows go to it that way whenever they can. */
  private readonly utf8Rows: Utf8SheetRows | null
  /** Rows given to the sink as bytes and not flushed yet. */
  private utf8Pending = false
  private readonly notesBeforeData: string[] = []
  private cellsLeftOut = 0
  private leftOutColumn = -1
  /** The last row of the table that held a cell (the header's last row before any data). */
  private lastFilledRow = 0
  /** Cells merged down over rows of the body, by first row, and those the rows read so far are inside. */
  private mergedDown: MergedCells[] = []
  private nextMergedDown = 0
  private openMergedDown: { merge: MergedCells; value: string | null; kind: CellKind | null; kept: boolean }[] = []
  /** Numbers merged down over rows of the body, each left in its first row (see spreadMergedDown). */
  private readonly numbersDown = { count: 0, first: null as MergedCells | null }
  /** Cells merged across data columns of the body, by first row, and those the rows read so far are inside. */
  private mergedAcross: MergedCells[] = []
  private nextMergedAcross = 0
  private openMergedAcross: MergedCells[] = []
  /** Merged cells across columns met in the body: text spread over its columns, numbers left in the first. */
  private readonly across = { text: { count: 0, first: null as MergedCells | null, row: 0 }, number: { count: 0, first: null as MergedCells | null, row: 0 } }
  /** Per sheet column, the number or date cells and the text cells the table's data rows held. */
  private typedCells: number[] = []
  private textCells: number[] = []
  /** Data rows the sheet hides, by row number. */
  private hiddenRows: number[] = []
  private hiddenAbove: string[] = []
  /** Per sheet column, the cells the sheet shows as percents (see CellKind). */
  private percentCells: number[] = []
  /** Per sheet column, the cells a number format hides, and the words it shows in place of numbers with how many of each (see CellKind). */
  private hiddenCells: number[] = []
  private wordCells: Map<string, number>[] = []
  /** Rows after a blank row that may open a table stacked under this one: title lines, then header rows. */
  private stacked: SheetRow[] = []
  /** Rows where the table's header is repeated (see leaveOutRepeatedHeader). */
  private repeatedHeaders: number[] = []
  /** The first header row of each table found stacked under the sheet's first. */
  private readonly stackedHeaders: number[] = []
  /** Tables found beside this one, right of it (see sideBySideTables): the sheet is read again for each. */
  beside: ColumnBand[] = []
  /** Cells far right of the table (see FAR_COLUMNS), left out: how many, and the first. */
  private readonly farCells = { count: 0, first: '' }
  private merges: readonly MergedCells[]
  /** Whether the sheet has been asked for tables side by side: once, at its first table's header. */
  private bandsAsked: boolean

  /**
   * `band` is where the table lies among tables side by side, as the sheet's first reading found
   * them; null on that first reading, which looks for them when it finds the header. `rowWord` is
   * what the warnings call a row's number by: a delimited file read as a sheet numbers its lines.
   */
  constructor(
    private sink: RowSink,
    merges: readonly MergedCells[],
    private readonly header: boolean,
    private readonly sheetLabel: string,
    private readonly nextTable: NextTable,
    private band: ColumnBand | null,
    private readonly rowWord: 'row' | 'line' = 'row'
  ) {
    this.utf8Rows = sink.utf8 === undefined ? null : new Utf8SheetRows()
    this.merges = band === null ? merges : mergesInBand(merges, band)
    this.bandsAsked = band !== null
  }

  row(sheetRow: SheetRow): void {
    const row = this.band === null ? sheetRow : rowInBand(sheetRow, this.band)
    // A row that holds nothing in this table's columns is not one of its rows (a blank row still parts it from what follows).
    if (this.band !== null && filledCells(row) === 0) return
    if (this.layout === null) {
      this.window.push(row)
      if (this.window.length >= HEADER_WINDOW) this.start()
      return
    }
    if (this.stacked.length > 0) {
      this.stackedRow(row)
      return
    }
    if (this.opensStackedTable(row)) {
      this.stacked.push(row)
      return
    }
    this.tableRow(row)
  }

  /** A row of the table being read, past its header: data, or a footnote held back. */
  private tableRow(row: SheetRow): void {
    if (this.legendAfterTable(row) || (this.emitted > 0 && markedNote(row)) || (mayBeFootnote(row) && (this.held.some((held) => oneCellText(held) !== null) || this.opensNotes(row)))) {
      this.held.push(row)
      if (this.held.length >= MAX_HELD_ROWS) this.release(true)
      return
    }
    this.release(false)
    this.emit(row)
  }

  /**
   * Whether a row may open a table stacked under this one: it comes after data and a blank row
   * (or notes), and is a title line or a header (see stackedHeaderRow); or, right under the last
   * data row, it is a title line that names a table.
   */
  private opensStackedTable(row: SheetRow): boolean {
    if (!this.header || this.emitted === 0) return false
    if (row.row <= this.lastFilledRow + 1) {
      // Every data row is asked: one whose first and last cells are filled is told at once.
      const first = this.layout!.firstColumn
      const last = row.kinds.length - 1
      if (last > first && row.kinds[first] !== null && row.kinds[first] !== undefined && row.kinds[last] !== null && row.kinds[last] !== undefined) return false
      return oneTextCell(row) && TABLE_TITLE.test(oneCellText(row)!)
    }
    return oneTextCell(row) || this.stackedHeaderRow(row, false)
  }

  /**
   * Whether a row after a blank row, or after title lines (`titled`), may be the first row of a
   * header: labels of words over this table's columns of numbers, a row of years over them, or the
   * table's own header again, cell for cell.
   */
  private stackedHeaderRow(row: SheetRow, titled: boolean): boolean {
    return this.headerOverNumbers(row) || this.yearLabelsOverNumbers(row, titled) || this.repeatsHeader(row)
  }

  /** A row whose cells are this table's header labels, cell for cell ("Region | 2011 | 2012" again). */
  private repeatsHeader(row: SheetRow): boolean {
    if (filledCells(row) < 2) return false
    // Most rows after a blank row are data: the first cell that differs answers.
    for (let column = 0; column < row.kinds.length; column++) {
      if (row.kinds[column] !== null && row.kinds[column] !== undefined && labelText(cellText(row, column)) !== this.lastLabelPart(column)) return false
    }
    return true
  }

  /**
   * A row of years over this table's columns of numbers ("Country | 2012 | 2013"): every cell it
   * fills in a column of numbers is a year, the years run one way, and its other cells are text. A
   * data row of a table of years ("2011 | 40 | 50") has figures beside its year, not years. Years
   * written as text are labels. Years as numbers may be counts (1,850 then 1,920), so they are
   * labels only under a title line, where the table's own header has years, and when they are that
   * header's years again or run year by year.
   */
  private yearLabelsOverNumbers(row: SheetRow, titled: boolean): boolean {
    const layout = this.layout!
    if (filledCells(row) < 2) return false
    const years: number[] = []
    let numbers = false
    let sameYears = true
    for (let column = 0; column < row.kinds.length; column++) {
      const kind = row.kinds[column]
      if (kind === null || kind === undefined) continue
      const inTable = column >= layout.firstColumn && column <= layout.lastColumn
      const typed = this.typedCells[column] ?? 0
      if (!inTable || typed === 0 || typed < (this.textCells[column] ?? 0)) {
        if (kind !== 'text') return false
        continue
      }
      if (kind !== 'text' && kind !== 'number') return false
      // A number is a year label only under one: asked before its text is read.
      if (kind === 'number' && !YEAR_LABEL.test(this.lastLabelPart(column) ?? '')) return false
      const year = YEAR_LABEL.exec(cellText(row, column)!)
      if (year === null) return false
      if (kind === 'number') numbers = true
      if (this.lastLabelPart(column) !== year[0]) sameYears = false
      years.push(Number(year[1]))
    }
    if (years.length === 0 || (years.length === 1 && !titled)) return false
    const rising = years.every((year, i) => i === 0 || year > years[i - 1]!)
    const falling = years.every((year, i) => i === 0 || year < years[i - 1]!)
    if (!rising && !falling) return false
    return !numbers || (titled && (sameYears || years.every((year, i) => i === 0 || Math.abs(year - years[i - 1]!) === 1)))
  }

  /** The last part of this table's label for a sheet column ("2012" of "Fiscal year › 2012"), or null where it has none. */
  private lastLabelPart(column: number): string | null {
    const layout = this.layout!
    if (column < layout.firstColumn || column > layout.lastColumn || layout.unlabelled.includes(column)) return null
    const label = layout.labels[column - layout.firstColumn]!
    const joined = label.lastIndexOf(HEADER_JOINER)
    return joined < 0 ? label : label.slice(joined + HEADER_JOINER.length)
  }

  /**
   * A row of labels over this table's columns of numbers: text only, two cells or more, and a
   * word (not a marker such as D or NA) in a column whose data rows are mostly numbers or dates.
   */
  private headerOverNumbers(row: SheetRow): boolean {
    const layout = this.layout!
    if (filledCells(row) < 2 || !this.textOverNumbers(row) || !headerLike(row, layout.firstColumn)) return false
    // A header names each column once; "Not reported | Not reported" is a row of data.
    const texts = row.values.filter((value) => value !== null && value !== undefined).map(oneLine)
    if (new Set(texts).size < texts.length) return false
    for (let column = layout.firstColumn; column <= layout.lastColumn && column < row.values.length; column++) {
      const value = row.values[column] ?? null
      const typed = this.typedCells[column] ?? 0
      if (value !== null && row.kinds[column] === 'text' && typed > 0 && typed >= (this.textCells[column] ?? 0) && WORDY.test(value)) return true
    }
    return false
  }

  /**
   * Whether a row has text in a column whose data rows are mostly numbers or dates, asked of its
   * kinds alone: most rows after a blank row are data, and a row read as bytes stays bytes.
   */
  private textOverNumbers(row: SheetRow): boolean {
    const layout = this.layout!
    for (let column = layout.firstColumn; column <= layout.lastColumn && column < row.kinds.length; column++) {
      const typed = this.typedCells[column] ?? 0
      if (row.kinds[column] === 'text' && typed > 0 && typed >= (this.textCells[column] ?? 0)) return true
    }
    return false
  }

  /**
   * The next row after rows that may open a stacked table: another title line or header row, a
   * row with a number or a date under a label of the header (the stacked table is real: the table
   * above ends there), or anything else (they were this table's rows after all).
   */
  private stackedRow(row: SheetRow): void {
    const above = this.stacked.at(-1)!
    const headerRows = this.stacked.filter((held) => !oneTextCell(held))
    if (row.row === above.row + 1) {
      if (headerRows.length === 0 && oneTextCell(row) && this.stacked.length < MAX_STACKED_TITLE_ROWS) {
        this.stacked.push(row)
        return
      }
      // A row that repeats the header's last row completes the header: a table of text goes on under it.
      const complete = headerRows.length >= this.layout!.headerRows.length && this.repeatHeld()
      if (headerRows.length === 0 ? this.stackedHeaderRow(row, true) : !complete && headerRows.length < MAX_HEADER_ROWS && filledCells(row) > 0 && headerLike(row, this.layout!.firstColumn) && !this.underLabels(row, headerRows)) {
        this.stacked.push(row)
        return
      }
      // Numbers under the labels: the table's own header again (as on each printed page), or a
      // table of its own when a title stands over it or it shares a label with this table's header.
      if (headerRows.length > 0 && this.underLabels(row, headerRows)) {
        const matches = this.labelsMatched(headerRows.at(-1)!)
        if (this.repeatHeld()) {
          this.leaveOutRepeatedHeader()
          this.tableRow(row)
          return
        }
        if (matches !== 'none' || this.stacked.length > headerRows.length || this.yearLabelsOverNumbers(headerRows[0]!, false)) {
          this.startStackedTable(row)
          return
        }
      }
    }
    // The header again with no numbers right under it (a blank row, rows of text, the sheet's end) is still no data.
    if (this.repeatHeld()) {
      this.leaveOutRepeatedHeader()
      this.row(row)
      return
    }
    const rows = this.stacked
    this.stacked = []
    for (const held of rows) this.tableRow(held)
    this.row(row)
  }

  /** Whether the rows held are this table's header again, under its own title, one saying it goes on, or none. */
  private repeatHeld(): boolean {
    const headerRows = this.stacked.filter((held) => !oneTextCell(held))
    return headerRows.length > 0 && this.labelsMatched(headerRows.at(-1)!) === 'all' && this.stacked.every((held) => !oneTextCell(held) || this.continuesTitle(held))
  }

  /**
   * How a header row's labels match this table's (the last part of each, "2012" of "Fiscal year ›
   * 2012"), column by column: all of them (the header repeated), some, or none.
   */
  private labelsMatched(header: SheetRow): 'all' | 'some' | 'none' {
    let same = 0
    let different = 0
    for (let column = 0; column < rowLength(header); column++) {
      if (!cellFilled(header, column)) continue
      if (this.lastLabelPart(column) === labelText(cellText(header, column))) same++
      else different++
    }
    return same === 0 ? 'none' : different === 0 ? 'all' : 'some'
  }

  /**
   * Whether a title line over a repeated header goes on with this table: its own title again, or a
   * line that says so ("(continued)"). Another title ("Females" under "Males") starts a table.
   */
  private continuesTitle(row: SheetRow): boolean {
    const text = oneLine(row.values.find((value) => value !== null && value !== undefined)!)
    return /\bcont(inued|'d|\.)/i.test(text) || this.layout!.titles.includes(text)
  }

  /**
   * The table's header repeated under a blank row (a long table printed page by page): the repeat
   * is left out of the data, its title lines are kept as notes, and the rows under it go on.
   */
  private leaveOutRepeatedHeader(): void {
    const rows = this.stacked
    this.stacked = []
    // A title that is the table's own again is kept once.
    for (const row of rows) {
      const title = oneTextCell(row) ? oneLine(oneCellText(row)!) : null
      if (title !== null && !this.layout!.titles.includes(title) && !this.notesBeforeData.includes(title)) this.notesBeforeData.push(title)
    }
    this.repeatedHeaders.push(rows.find((row) => !oneTextCell(row))!.row)
  }

  /** Whether a row has a number or a date under a label of these header rows (a word, or a year: 2012). */
  private underLabels(row: SheetRow, headerRows: readonly SheetRow[]): boolean {
    for (let column = 0; column < row.kinds.length; column++) {
      const kind = row.kinds[column]
      if (kind !== 'number' && kind !== 'percent' && kind !== 'date') continue
      if (headerRows.some((header) => header.kinds[column] === 'text' || (header.kinds[column] === 'number' && YEAR_LABEL.test(header.values[column]!)))) return true
    }
    return false
  }

  /**
   * Ends this table (its footnotes are the rows held between it and the stacked one) and starts the
   * stacked table with its title and header rows, read again to find its header as the first's was.
   */
  private startStackedTable(firstData: SheetRow): void {
    const rows = [...this.stacked, firstData]
    this.stacked = []
    const ended = this.endTable()
    this.sink = this.nextTable(ended)
    this.layout = null
    this.held = []
    this.emitted = 0
    this.notesBeforeData.length = 0
    this.cellsLeftOut = 0
    this.leftOutColumn = -1
    this.lastFilledRow = 0
    this.mergedDown = []
    this.nextMergedDown = 0
    this.openMergedDown = []
    this.mergedAcross = []
    this.nextMergedAcross = 0
    this.openMergedAcross = []
    for (const kind of [this.across.text, this.across.number]) Object.assign(kind, { count: 0, first: null, row: 0 })
    Object.assign(this.numbersDown, { count: 0, first: null })
    Object.assign(this.farCells, { count: 0, first: '' })
    this.typedCells = []
    this.textCells = []
    this.hiddenRows = []
    this.hiddenAbove = []
    this.percentCells = []
    this.hiddenCells = []
    this.wordCells = []
    this.repeatedHeaders = []
    this.window = []
    this.stackedHeaders.push(rows.find((row) => !oneTextCell(row))!.row)
    for (const row of rows) this.row(row)
  }

  /**
   * Whether a row that reads like a footnote may start the table's notes. In a table of one column
   * every row is one cell, and its rows of long text are its data: there a note starts only with
   * its word (Source, Note), or after a blank row with a footnote's mark.
   */
  private opensNotes(row: SheetRow): boolean {
    const layout = this.layout!
    const text = oneCellText(row)
    if (text === null || layout.lastColumn > layout.firstColumn) return true
    return NOTE_WORD.test(text) || (row.row > this.lastFilledRow + 1 && NOTE_MARK.test(text))
  }

  /**
   * Whether a row is a line of the legend under the table ("NA Not available.", "(X) Not
   * applicable."): it reads as one, comes after data, and stands apart from the last data row, a
   * blank row or other notes between them. Right under a data row, or under the header, "NA North
   * America" is a region of the table; and a data row after it still makes it data (see release).
   */
  private legendAfterTable(row: SheetRow): boolean {
    return this.emitted > 0 && row.row > this.lastFilledRow + 1 && mayBeLegend(row)
  }

  /** A sheet column (0-based) as a message names it: its label in quotes, or its letter when it lies outside the table. */
  columnName(column: number): string {
    const label = this.layout === null ? undefined : this.layout.labels[column - this.layout.firstColumn]
    return label === undefined ? `column ${columnLetters(column)}` : `“${label}”`
  }

  /**
   * The text of a sheet that held no table, a line per filled row (a "Notes" sheet beside the
   * tables: its title and sentences), once `end` has said there was none; empty otherwise.
   */
  textWithoutTable: string[] = []

  /** No table on the sheet: what text it has is kept (textWithoutTable). */
  private noTable(): null {
    this.textWithoutTable = this.window.map(rowText).filter((text) => text !== '')
    return null
  }

  /**
   * Ends the sheet's (last) table; null when the sheet held no table at all (nothing but blank
   * cells, or only notes: see textWithoutTable). `hiddenColumns` are the sheet's hidden columns
   * (0-based), known once it is read.
   */
  end(hiddenColumns: readonly number[]): SheetTableSummary | null {
    // Finding the header replays the rows read so far, which may find a table stacked under it
    // (whose header is then still to find), or rows that may open one.
    // A sheet of notes (a cover note: "The table is on the next sheet"; a title and a sentence)
    // holds no table; read as one, it became a dataset whose only column was the title.
    if (this.layout === null && onlyNotes(this.window)) return this.noTable()
    while (this.layout === null || this.stacked.length > 0) {
      if (this.layout === null && !this.start()) return this.noTable()
      if (this.layout === null) continue
      if (this.stacked.length > 0 && this.repeatHeld()) this.leaveOutRepeatedHeader()
      const rows = this.stacked
      this.stacked = []
      for (const row of rows) this.tableRow(row)
    }
    if (this.stackedHeaders.length > 0) {
      const where = this.stackedHeaders.length === 1 ? `a second header at row ${this.stackedHeaders[0]}` : `more headers at rows ${this.stackedHeaders.join(', ')}`
      this.sink.warning({
        line: null,
        message: `${this.sheetLabel} holds ${this.stackedHeaders.length + 1} tables, one under the other (${where}); each was imported as a dataset of its own.`
      })
    }
    if (this.beside.length > 0) {
      const where = this.beside.length === 1 ? `the second from column ${columnLetters(this.beside[0]!.first)}` : `from columns ${this.beside.map((band) => columnLetters(band.first)).join(', ')}`
      this.sink.warning({
        line: null,
        message: `${this.sheetLabel} holds ${this.beside.length + 1} tables side by side (${where}); each was imported as a dataset of its own.`
      })
    }
    return { ...this.endTable(), hiddenColumns: [...hiddenColumns] }
  }

  /** Ends the table being read: its last rows go out, and what it left beside them is summed up. */
  private endTable(): SheetTableSummary {
    // A table is never emptied into its notes: with no data row, the rows held that follow the
    // header without a blank row between them are its data, up to one that says it is a note.
    if (this.emitted === 0) {
      for (let next = this.held[0]; next !== undefined && next.row === this.lastFilledRow + 1; next = this.held[0]) {
        const text = oneCellText(next)
        if (text === null || NOTE_WORD.test(text)) break
        this.emit(this.held.shift()!)
      }
    }
    this.flush()
    const layout = this.layout!
    const notes = this.held.map((row) => ({ row: row.row, text: noteLine(row.values) })).filter(({ text }) => text !== '')
    const footnotes = notes.map(({ text }) => text)
    if (this.farCells.count > 0) {
      const one = this.farCells.count === 1
      this.sink.warning({
        line: null,
        message: `${this.sheetLabel}: ${one ? 'a cell' : `${this.farCells.count.toLocaleString('en-US')} cells`} far right of the table (${one ? '' : 'the first at '}${this.farCells.first}) ${one ? 'was' : 'were'} left out; ${one ? 'it is' : 'they are'} not part of the table.`
      })
    }
    if (this.cellsLeftOut > 0) {
      this.sink.warning({
        line: null,
        message: `${this.sheetLabel}: ${this.cellsLeftOut.toLocaleString('en-US')} cells left of the table (from column ${columnLetters(this.leftOutColumn)}) were not imported.`
      })
    }
    this.warnMergedAcross()
    this.warnNumbersMergedDown()
    if (this.repeatedHeaders.length > 0) {
      const one = this.repeatedHeaders.length === 1
      this.sink.warning({
        line: null,
        message: `${this.sheetLabel}: its header is repeated at ${one ? this.rowWord : `${this.rowWord}s`} ${this.repeatedHeaders.join(', ')}; the ${one ? 'repeat was' : 'repeats were'} not read as data, and the rows under ${one ? 'it go' : 'them go'} on with the table.`
      })
    }
    if (this.header && this.emitted === 0) this.sink.warning({ line: null, message: `${this.sheetLabel} has a header but no data rows.` })
    const unlabelled = layout.unlabelled.map((column) => ({ position: column - layout.firstColumn, column: columnLetters(column) }))
    const percentColumns = layout.labels.filter((_, position) => {
      const percents = this.percentCells[layout.firstColumn + position] ?? 0
      return percents > 0 && percents * 2 >= (this.typedCells[layout.firstColumn + position] ?? 0)
    })
    const footnoteMarks = layout.marks.map(({ position, mark, plain }) => ({ label: layout.labels[position]!, mark, plain }))
    const shownByFormat = shownByFormatText(
      layout.labels.map((label, position) => ({ label, hidden: this.hiddenCells[layout.firstColumn + position] ?? 0, words: this.wordCells[layout.firstColumn + position] ?? new Map<string, number>() }))
    )
    for (const sentence of shownByFormat) this.sink.warning({ line: null, message: `${this.sheetLabel}: ${sentence}` })
    return {
      titles: [...layout.titles, ...this.notesBeforeData],
      footnotes,
      headerRows: layout.headerRows,
      footnoteRows: notes.map(({ row }) => row),
      rows: this.emitted,
      labels: layout.labels,
      firstColumn: layout.firstColumn,
      hiddenRows: this.hiddenRows,
      hiddenAbove: this.hiddenAbove,
      hiddenColumns: [],
      units: layout.units,
      percentColumns,
      shownByFormat,
      footnoteMarks,
      fileNote: null,
      unlabelled
    }
  }

  private start(): boolean {
    if (this.header && !this.bandsAsked) {
      this.bandsAsked = true
      const bands = sideBySideTables(this.window, this.merges)
      if (bands.length > 1) {
        this.band = bands[0]!
        this.beside = bands.slice(1)
        this.merges = mergesInBand(this.merges, this.band)
        this.window = this.window.map((row) => rowInBand(row, this.band!))
      }
    }
    const layout = findSheetTable(this.window, this.merges, this.header)
    if (layout === null) return false
    this.layout = layout
    this.lastFilledRow = layout.bodyStart - 1
    this.mergedDown = this.merges.filter((merge) => merge.lastRow > merge.firstRow && merge.firstRow >= layout.bodyStart).sort((a, b) => a.firstRow - b.firstRow)
    // Only merges that start right of the table's first column: a row label or a section heading
    // merged across the whole table ("Africa") is not a value of the columns it spans.
    this.mergedAcross = this.merges
      .filter((merge) => merge.lastColumn > merge.firstColumn && merge.firstColumn > layout.firstColumn && merge.firstColumn <= layout.lastColumn && merge.lastRow >= layout.bodyStart)
      .sort((a, b) => a.firstRow - b.firstRow)
    this.sink.columns(layout.labels)
    // Rows hidden above the body (codes over the header, a hidden title) are kept for the source.
    for (const row of this.window) {
      const values = row.values.filter((value): value is string => value !== null && value !== undefined).map(oneLine)
      if (row.row < layout.bodyStart && row.hidden && values.length > 0) this.hiddenAbove.push(`row ${row.row}: ${values.join(', ')}`)
    }
    for (const row of this.window.splice(0)) if (row.row >= layout.bodyStart) this.row(row)
    return true
  }

  /**
   * Held rows turn out to be data: a data row follows them, or (`tooMany`) there are too many of
   * them for notes. A few before the first data row are notes on the table ("(In thousands)").
   */
  private release(tooMany: boolean): void {
    const notes = !tooMany && this.emitted === 0 && this.held.filter((row) => oneCellText(row) !== null).length <= MAX_NOTES_BEFORE_DATA
    for (const row of this.held) {
      const values = row.values.filter((value) => value !== null)
      if (values.length === 0) continue
      if (notes) this.notesBeforeData.push(noteLine(values))
      else this.emit(row)
    }
    this.held = []
  }

  /**
   * A category merged down over rows ("Central America" beside three countries) shows beside each
   * of them: its text goes into each row it covers, so filters and charts by it keep every row. A
   * number (or percent) merged so is not known to be each row's (a sum would count it once a row):
   * it stays in its first row, and is counted for the warning at the table's end.
   */
  private spreadMergedDown(row: SheetRow): void {
    while (this.nextMergedDown < this.mergedDown.length && this.mergedDown[this.nextMergedDown]!.firstRow <= row.row) {
      const merge = this.mergedDown[this.nextMergedDown++]!
      if (merge.firstRow === row.row) this.openMergedDown.push({ merge, value: row.values[merge.firstColumn] ?? null, kind: row.kinds[merge.firstColumn] ?? null, kept: false })
    }
    if (this.openMergedDown.length === 0) return
    this.openMergedDown = this.openMergedDown.filter((open) => open.merge.lastRow >= row.row)
    // A row that holds nothing else stays empty: the merge gives it no row of its own.
    if (oneCellText(row) === null) return
    for (const open of this.openMergedDown) {
      const { merge, value, kind } = open
      if (merge.firstRow === row.row || value === null || (row.values[merge.firstColumn] ?? null) !== null) continue
      if (kind === 'number' || kind === 'percent') {
        const layout = this.layout!
        if (!open.kept && merge.firstColumn >= layout.firstColumn && merge.firstColumn <= layout.lastColumn) {
          open.kept = true
          this.numbersDown.count++
          this.numbersDown.first ??= merge
        }
        continue
      }
      while (row.values.length <= merge.firstColumn) {
        row.values.push(null)
        row.kinds.push(null)
      }
      row.values[merge.firstColumn] = value
      row.kinds[merge.firstColumn] = kind
    }
  }

  /**
   * A text merged across data columns ("Not reported for 2011–2012" over 2011 and 2012, or a D
   * over three years) shows over each of them: it goes into each column it covers, as a header's
   * merged label does. A number merged so is not known to be each column's (a sum would count it
   * twice): it stays in its first column. Both are counted, for the warnings at the table's end.
   */
  private spreadMergedAcross(row: SheetRow): void {
    while (this.nextMergedAcross < this.mergedAcross.length && this.mergedAcross[this.nextMergedAcross]!.firstRow <= row.row) {
      this.openMergedAcross.push(this.mergedAcross[this.nextMergedAcross++]!)
    }
    this.openMergedAcross = this.openMergedAcross.filter((merge) => merge.lastRow >= row.row)
    const lastColumn = this.layout!.lastColumn
    for (const merge of this.openMergedAcross) {
      const value = row.values[merge.firstColumn] ?? null
      const kind = row.kinds[merge.firstColumn] ?? null
      if (value === null) continue
      const spread = kind !== 'number' && kind !== 'percent' && kind !== 'date'
      const counted = spread ? this.across.text : this.across.number
      if (counted.first === null) Object.assign(counted, { first: merge, row: row.row })
      counted.count++
      if (!spread) continue
      for (let column = merge.firstColumn + 1; column <= Math.min(merge.lastColumn, lastColumn); column++) {
        while (row.values.length <= column) {
          row.values.push(null)
          row.kinds.push(null)
        }
        if (row.values[column] !== null) continue
        row.values[column] = value
        row.kinds[column] = kind
      }
    }
  }

  /** The warnings about cells merged across columns of the body (see spreadMergedAcross). */
  private warnMergedAcross(): void {
    const { text, number } = this.across
    const where = (merge: MergedCells, row: number, count: number) =>
      `${count === 1 ? 'at' : 'the first at'} row ${row}, over ${this.columnName(merge.firstColumn)} to ${this.columnName(Math.min(merge.lastColumn, this.layout!.lastColumn))}`
    if (text.first !== null) {
      const one = text.count === 1
      this.sink.warning({
        line: null,
        message: `${this.sheetLabel}: ${text.count.toLocaleString('en-US')} ${one ? 'cell of text is' : 'cells of text are'} merged across columns (${where(text.first, text.row, text.count)}); ${one ? 'its' : 'each'} text was written into every column it covers, as the sheet shows it.`
      })
    }
    if (number.first !== null) {
      const one = number.count === 1
      this.sink.warning({
        line: null,
        message: `${this.sheetLabel}: ${number.count.toLocaleString('en-US')} ${one ? 'number is' : 'numbers are'} merged across columns (${where(number.first, number.row, number.count)}); ${one ? 'it' : 'each'} was kept in its first column only, as the sheet does not say what it is for each.`
      })
    }
  }

  /** The warning about numbers merged down over rows of the body (see spreadMergedDown). */
  private warnNumbersMergedDown(): void {
    const { count, first } = this.numbersDown
    if (first === null) return
    const one = count === 1
    this.sink.warning({
      line: null,
      message: `${this.sheetLabel}: ${count.toLocaleString('en-US')} ${one ? 'number is' : 'numbers are'} merged down over rows (${one ? 'at' : 'the first at'} ${this.columnName(first.firstColumn)}, rows ${first.firstRow} to ${first.lastRow}); ${one ? 'it' : 'each'} was kept in its first row only, as the sheet does not say what it is for each.`
    })
  }

  private emit(row: SheetRow): void {
    const layout = this.layout!
    if (this.nextMergedDown < this.mergedDown.length || this.openMergedDown.length > 0) this.spreadMergedDown(row)
    if (this.nextMergedAcross < this.mergedAcross.length || this.openMergedAcross.length > 0) this.spreadMergedAcross(row)
    // Asked of the row without making its strings: a row read as bytes goes on as bytes.
    const length = this.leaveOutFarCells(row, rowLength(row))
    if (length - 1 > layout.lastColumn) {
      const added: string[] = []
      for (let column = layout.lastColumn + 1; column < length; column++) added.push(`Column ${column - layout.firstColumn + 1}`)
      layout.lastColumn = length - 1
      layout.labels.push(...added)
      this.flush()
      this.sink.addColumns(added)
    }
    for (let column = 0; column < layout.firstColumn && column < length; column++) {
      if (!cellFilled(row, column)) continue
      this.cellsLeftOut++
      if (this.leftOutColumn < 0 || column < this.leftOutColumn) this.leftOutColumn = column
    }
    let last = Math.min(length - 1, layout.lastColumn)
    while (last >= layout.firstColumn && !cellFilled(row, last)) last--
    if (last < layout.firstColumn) return
    this.lastFilledRow = row.row
    this.emitted++
    if (row.hidden) this.hiddenRows.push(row.row)
    for (let column = layout.firstColumn; column <= last; column++) {
      const kind = row.kinds[column]
      if (kind === 'number' || kind === 'percent' || kind === 'date') this.typedCells[column] = (this.typedCells[column] ?? 0) + 1
      if (kind === 'percent') this.percentCells[column] = (this.percentCells[column] ?? 0) + 1
      else if (kind === 'text') this.textCells[column] = (this.textCells[column] ?? 0) + 1
      else if (kind === 'hidden') this.hiddenCells[column] = (this.hiddenCells[column] ?? 0) + 1
      else if (kind === 'word') {
        const words = (this.wordCells[column] ??= new Map())
        const word = cellValue(row, column)!
        words.set(word, (words.get(word) ?? 0) + 1)
      }
    }
    const width = layout.lastColumn - layout.firstColumn + 1
    const target = this.sink.utf8
    if (this.utf8Rows !== null && target !== undefined && target.acceptsUtf8Width(width)) {
      const bytes = this.utf8Rows.encode(row, layout.firstColumn, width)
      if (bytes !== null) {
        this.flushStrings()
        target.utf8Row(bytes, this.utf8Rows.record)
        this.utf8Pending = true
        return
      }
    }
    this.flushUtf8()
    const cells = row.values.slice(layout.firstColumn, last + 1)
    this.batch.push(cells)
    this.batchCells += cells.length
    if (this.batch.length >= BATCH_ROWS || this.batchCells >= BATCH_CELLS) this.flushStrings()
  }

  /**
   * A row's length without the cells far right of the table (see FAR_COLUMNS), which are counted
   * for the warning at its end: each filled column past the table's last within FAR_COLUMNS of
   * the one before it is the table's.
   */
  private leaveOutFarCells(row: SheetRow, length: number): number {
    let last = this.layout!.lastColumn
    if (length - 1 - last <= FAR_COLUMNS + 1) return length
    for (let column = last + 1; column < length; column++) {
      if (!cellFilled(row, column)) continue
      if (column - last <= FAR_COLUMNS + 1) {
        last = column
        continue
      }
      if (this.farCells.count++ === 0) this.farCells.first = `${columnLetters(column)}${row.row}`
    }
    return Math.min(length, last + 1)
  }

  /** Hands on every row emitted so far, in the order emitted (only one of the two kinds is ever waiting). */
  private flush(): void {
    this.flushUtf8()
    this.flushStrings()
  }

  private flushUtf8(): void {
    if (!this.utf8Pending) return
    this.sink.utf8!.flushUtf8Rows()
    this.utf8Pending = false
  }

  private flushStrings(): void {
    if (this.batch.length === 0) return
    this.sink.rows(this.batch)
    this.batch = []
    this.batchCells = 0
  }
}

/** Words listed for a column, the commonest first; past them, "…". */
const WORDS_LISTED = 5

/**
 * What the number formats of a table's columns hide and show as words, as the result and the
 * source say it: how many cells, then each column with its count (and its words).
 */
export function shownByFormatText(columns: readonly { label: string; hidden: number; words: ReadonlyMap<string, number> }[]): string[] {
  const sentences: string[] = []
  const hidden = columns.filter((column) => column.hidden > 0)
  const hiddenCount = hidden.reduce((sum, column) => sum + column.hidden, 0)
  if (hiddenCount > 0) {
    const one = hiddenCount === 1
    sentences.push(
      `${hiddenCount.toLocaleString('en-US')} ${one ? 'cell' : 'cells'} the sheet’s number formats hide (it shows ${one ? 'it' : 'them'} blank) ${one ? 'was' : 'were'} imported with the ${one ? 'value' : 'values'} the file holds: ${hidden.map((column) => `“${column.label}” ${column.hidden.toLocaleString('en-US')}`).join(', ')}.`
    )
  }
  const worded = columns.filter((column) => column.words.size > 0)
  const wordCount = worded.reduce((sum, column) => sum + [...column.words.values()].reduce((a, b) => a + b, 0), 0)
  if (wordCount > 0) {
    const one = wordCount === 1
    const listed = worded.map((column) => {
      const words = [...column.words].sort((a, b) => b[1] - a[1])
      const count = words.reduce((sum, [, n]) => sum + n, 0)
      const named = words.slice(0, WORDS_LISTED).map(([word, n]) => (words.length === 1 ? `“${word}”` : `“${word}” ${n.toLocaleString('en-US')}`))
      return `“${column.label}” ${count.toLocaleString('en-US')} (${named.join(', ')}${words.length > WORDS_LISTED ? ', …' : ''})`
    })
    sentences.push(
      `${wordCount.toLocaleString('en-US')} ${one ? 'number' : 'numbers'} the sheet’s number formats show as words ${one ? 'was' : 'were'} kept as ${one ? 'that word' : 'those words'}, not as the ${one ? 'number' : 'numbers'} the file holds under them: ${listed.join(', ')}.`
    )
  }
  return sentences
}
