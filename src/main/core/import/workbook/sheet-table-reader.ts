import type { RowSink } from '../row-sink'
import { columnLetters } from './cell-reference'
import { findSheetTable, footnoteLike, HEADER_WINDOW, type SheetTableLayout } from './find-sheet-table'
import type { MergedCells, SheetRow } from './sheet-row'

const BATCH_ROWS = 10_000
const BATCH_CELLS = 200_000
/** Rows that read like footnotes are held back until a data row proves them data; at most this many. */
const MAX_HELD_ROWS = 1000

/** What a sheet's table left beside its rows: the provenance "Where these figures come from" shows. */
export interface SheetTableSummary {
  /** Title and note rows above the header, and notes between the header and the first data row. */
  titles: string[]
  /** Footnote rows after the last data row (sources, notes, legends of markers such as D or X). */
  footnotes: string[]
  rows: number
  labels: string[]
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
  private delivered = 0
  private readonly notesBeforeData: string[] = []
  private cellsLeftOut = 0
  private leftOutColumn = -1

  constructor(
    private readonly sink: RowSink,
    private readonly merges: readonly MergedCells[],
    private readonly header: boolean,
    private readonly sheetLabel: string
  ) {}

  row(row: SheetRow): void {
    if (this.layout === null) {
      this.window.push(row)
      if (this.window.length >= HEADER_WINDOW) this.start()
      return
    }
    if (footnoteLike(row)) {
      this.held.push(row)
      if (this.held.length >= MAX_HELD_ROWS) this.release()
      return
    }
    this.release()
    this.emit(row)
  }

  /** Ends the table; null when the sheet held no table at all (nothing but blank cells). */
  end(): SheetTableSummary | null {
    if (this.layout === null && !this.start()) return null
    this.flush()
    const layout = this.layout!
    const footnotes = this.held.map((row) => row.values.filter((value) => value !== null).join(' ').replace(/\s+/g, ' ').trim()).filter((text) => text !== '')
    if (this.cellsLeftOut > 0) {
      this.sink.warning({
        line: null,
        message: `${this.sheetLabel}: ${this.cellsLeftOut.toLocaleString('en-US')} cells left of the table (from column ${columnLetters(this.leftOutColumn)}) were not imported.`
      })
    }
    if (this.header && this.delivered === 0) this.sink.warning({ line: null, message: `${this.sheetLabel} has a header but no data rows.` })
    return { titles: [...layout.titles, ...this.notesBeforeData], footnotes, rows: this.delivered, labels: layout.labels }
  }

  private start(): boolean {
    const layout = findSheetTable(this.window, this.merges, this.header)
    if (layout === null) return false
    this.layout = layout
    this.sink.columns(layout.labels)
    for (const row of this.window.splice(0)) if (row.row >= layout.bodyStart) this.row(row)
    return true
  }

  /** Held rows turn out to be data (a data row follows); before the first data row they are notes. */
  private release(): void {
    for (const row of this.held) {
      const values = row.values.filter((value) => value !== null)
      if (values.length === 0) continue
      if (this.delivered === 0 && this.batch.length === 0) this.notesBeforeData.push(values.join(' ').replace(/\s+/g, ' ').trim())
      else this.emit(row)
    }
    this.held = []
  }

  private emit(row: SheetRow): void {
    const layout = this.layout!
    const values = row.values
    if (values.length - 1 > layout.lastColumn) {
      const added: string[] = []
      for (let column = layout.lastColumn + 1; column < values.length; column++) added.push(`Column ${column - layout.firstColumn + 1}`)
      layout.lastColumn = values.length - 1
      layout.labels.push(...added)
      this.flush()
      this.sink.addColumns(added)
    }
    for (let column = 0; column < layout.firstColumn && column < values.length; column++) {
      if (values[column] === null) continue
      this.cellsLeftOut++
      if (this.leftOutColumn < 0 || column < this.leftOutColumn) this.leftOutColumn = column
    }
    const cells = values.slice(layout.firstColumn, layout.lastColumn + 1)
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop()
    if (cells.length === 0) return
    this.batch.push(cells)
    this.batchCells += cells.length
    if (this.batch.length >= BATCH_ROWS || this.batchCells >= BATCH_CELLS) this.flush()
  }

  private flush(): void {
    if (this.batch.length === 0) return
    this.sink.rows(this.batch)
    this.delivered += this.batch.length
    this.batch = []
    this.batchCells = 0
  }
}
