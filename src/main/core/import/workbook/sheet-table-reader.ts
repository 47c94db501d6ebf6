import type { RowSink } from '../row-sink'
import { columnLetters } from './cell-reference'
import { cellFilled, mayBeFootnote, mayBeLegend, rowLength } from './encoded-sheet-row'
import { findSheetTable, HEADER_WINDOW, type SheetTableLayout } from './find-sheet-table'
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
  rows: number
  labels: string[]
  /**
   * Columns with a blank header cell, as positions in `labels` with their sheet column's letters:
   * a spacer column between a table's label and its figures, left out if no row fills it.
   */
  unlabelled: { position: number; column: string }[]
}

/**
 * Turns a sheet's rows, as they stream, into a table for a RowSink: the first rows are held until
 * the header is found (see findSheetTable), then data rows go out in bounded batches. Rows that
 * read like footnotes are held back; at the end of the sheet they are its footnotes, and if a data
 * row follows them they were data after all. Memory holds the header window, one batch and the
 * held rows, whatever the sheet's length.
 */
export class SheetTableReader {
  private readonly window: SheetRow[] = []
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
  private openMergedDown: { merge: MergedCells; value: string | null; kind: CellKind | null }[] = []

  constructor(
    private readonly sink: RowSink,
    private readonly merges: readonly MergedCells[],
    private readonly header: boolean,
    private readonly sheetLabel: string
  ) {
    this.utf8Rows = sink.utf8 === undefined ? null : new Utf8SheetRows()
  }

  row(row: SheetRow): void {
    if (this.layout === null) {
      this.window.push(row)
      if (this.window.length >= HEADER_WINDOW) this.start()
      return
    }
    if (this.legendAfterTable(row) || (mayBeFootnote(row) && (this.held.some((held) => oneCellText(held) !== null) || this.opensNotes(row)))) {
      this.held.push(row)
      if (this.held.length >= MAX_HELD_ROWS) this.release(true)
      return
    }
    this.release(false)
    this.emit(row)
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

  /** Ends the table; null when the sheet held no table at all (nothing but blank cells). */
  end(): SheetTableSummary | null {
    if (this.layout === null && !this.start()) return null
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
    const footnotes = this.held.map((row) => row.values.filter((value) => value !== null).join(' ').replace(/\s+/g, ' ').trim()).filter((text) => text !== '')
    if (this.cellsLeftOut > 0) {
      this.sink.warning({
        line: null,
        message: `${this.sheetLabel}: ${this.cellsLeftOut.toLocaleString('en-US')} cells left of the table (from column ${columnLetters(this.leftOutColumn)}) were not imported.`
      })
    }
    if (this.header && this.emitted === 0) this.sink.warning({ line: null, message: `${this.sheetLabel} has a header but no data rows.` })
    const unlabelled = layout.unlabelled.map((column) => ({ position: column - layout.firstColumn, column: columnLetters(column) }))
    return { titles: [...layout.titles, ...this.notesBeforeData], footnotes, rows: this.emitted, labels: layout.labels, unlabelled }
  }

  private start(): boolean {
    const layout = findSheetTable(this.window, this.merges, this.header)
    if (layout === null) return false
    this.layout = layout
    this.lastFilledRow = layout.bodyStart - 1
    this.mergedDown = this.merges.filter((merge) => merge.lastRow > merge.firstRow && merge.firstRow >= layout.bodyStart).sort((a, b) => a.firstRow - b.firstRow)
    this.sink.columns(layout.labels)
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
      if (notes) this.notesBeforeData.push(values.join(' ').replace(/\s+/g, ' ').trim())
      else this.emit(row)
    }
    this.held = []
  }

  /**
   * A category merged down over rows ("Central America" beside three countries) shows beside each
   * of them: its text goes into each row it covers, so filters and charts by it keep every row.
   */
  private spreadMergedDown(row: SheetRow): void {
    while (this.nextMergedDown < this.mergedDown.length && this.mergedDown[this.nextMergedDown]!.firstRow <= row.row) {
      const merge = this.mergedDown[this.nextMergedDown++]!
      if (merge.firstRow === row.row) this.openMergedDown.push({ merge, value: row.values[merge.firstColumn] ?? null, kind: row.kinds[merge.firstColumn] ?? null })
    }
    if (this.openMergedDown.length === 0) return
    this.openMergedDown = this.openMergedDown.filter((open) => open.merge.lastRow >= row.row)
    // A row that holds nothing else stays empty: the merge gives it no row of its own.
    if (oneCellText(row) === null) return
    for (const { merge, value, kind } of this.openMergedDown) {
      if (merge.firstRow === row.row || value === null || (row.values[merge.firstColumn] ?? null) !== null) continue
      while (row.values.length <= merge.firstColumn) {
        row.values.push(null)
        row.kinds.push(null)
      }
      row.values[merge.firstColumn] = value
      row.kinds[merge.firstColumn] = kind
    }
  }

  private emit(row: SheetRow): void {
    const layout = this.layout!
    if (this.nextMergedDown < this.mergedDown.length || this.openMergedDown.length > 0) this.spreadMergedDown(row)
    // Asked of the row without making its strings: a row read as bytes goes on as bytes.
    const length = rowLength(row)
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
