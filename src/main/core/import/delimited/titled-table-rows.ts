import type { ImportDelimiter } from '@shared/model'
import type { ReaderWarning, RowSink } from '../row-sink'
import { SheetTableReader, type SheetTableSummary } from '../workbook/sheet-table-reader'
import { delimitedSheetRow } from './delimited-sheet-row'

/**
 * The records of a delimited file that opens with a title (see opensWithTitle), read as the
 * workbook reads a sheet (SheetTableReader): its header found below the title, the title and the
 * footnotes under the table kept for the dataset's source, the header repeated page by page left
 * out. It stands in for the RowBatcher, with the same calls. Rows go to the sink as strings; its
 * memory is the reader's (the header window, a batch, the rows held back as possible footnotes).
 *
 * A second table under the first, which the workbook import makes a dataset of its own, stays in
 * this one dataset: its header as a row, its rows after it, as the file holds them, and a warning.
 */
export class TitledTableRows {
  private columnCount = -1
  private delivered = 0
  private readonly reader: SheetTableReader
  private readonly stackedAt: number[] = []
  private first: SheetTableSummary | null = null
  summary: SheetTableSummary | null = null

  constructor(
    private readonly sink: RowSink,
    private readonly fileName: string,
    private readonly delimiter: ImportDelimiter
  ) {
    const own: RowSink = {
      columns: (labels) => {
        this.columnCount = labels.length
        sink.columns(labels)
      },
      addColumns: (labels) => sink.addColumns(labels),
      rows: (batch) => this.deliver(batch),
      warning: (warning) => this.warn(warning),
      progress: (bytes) => sink.progress(bytes)
    }
    // A table stacked under the first: its labels and rows go on in the same dataset, fitted to its width.
    const stacked: RowSink = {
      columns: (labels) => this.deliver([this.fit(labels)]),
      addColumns: () => {},
      rows: (batch) => this.deliver(batch.map((row) => this.fit(row))),
      warning: (warning) => this.warn(warning),
      progress: (bytes) => sink.progress(bytes)
    }
    this.reader = new SheetTableReader(
      own,
      [],
      true,
      fileName,
      (ended) => {
        // The rows between the two tables stay where they were, as rows; the first table's title stays the source's.
        this.first ??= ended
        this.stackedAt.push(ended.rows)
        this.deliver(ended.footnotes.map((note) => [note]))
        return stacked
      },
      null,
      'line'
    )
  }

  /** Data rows delivered to the sink so far. */
  get rows(): number {
    return this.delivered
  }

  /** The table's width, or -1 before its header is found. */
  get columns(): number {
    return this.columnCount
  }

  /** Takes one record from the parser; a DelimitedRecordHandler. */
  readonly record = (fields: (string | null)[], line: number): void => {
    this.reader.row(delimitedSheetRow(fields, line))
  }

  /** The reader batches rows itself. */
  textRead(): void {}

  /** Ends the table: its last rows, its summary, and a warning naming the lines set aside. */
  finish(): void {
    const ended = this.reader.end([])
    // With tables stacked, the later tables' titles are notes under the first's title.
    const first = this.first
    const summary = ended === null || first === null ? ended : { ...ended, titles: [...first.titles, ...ended.titles], headerRows: first.headerRows }
    this.summary = summary
    if (this.stackedAt.length > 0) {
      this.sink.warning({
        line: null,
        message: `${this.fileName} seems to hold more than one table, one under the other; the later ones were kept in this dataset as rows, their headers and the notes between them included, and their titles in the dataset's source.`
      })
    }
    if (summary === null) return
    const header = summary.headerRows[0]
    const above = header === undefined ? '' : `${header > 2 ? `lines 1–${header - 1}` : 'line 1'} above the header (line ${header})`
    const under = summary.footnoteRows.length === 0 ? '' : `${lineList(summary.footnoteRows)} under the table`
    const what = [above, under].filter((part) => part !== '').join(' and ')
    if (what === '') return
    const one = summary.footnoteRows.length + Math.max(0, (header ?? 1) - 1) === 1
    this.sink.warning({
      line: null,
      message: `${this.fileName}: ${what} ${one ? 'was' : 'were'} kept in the dataset's source as the table's title and notes, not read as data.`
    })
  }

  private deliver(batch: (string | null)[][]): void {
    if (batch.length === 0) return
    this.delivered += batch.length
    this.sink.rows(batch)
  }

  /** The workbook import's word for what it does with a second table is not this import's. */
  private warn(warning: ReaderWarning): void {
    if (warning.message.startsWith(`${this.fileName} holds `)) return
    this.sink.warning(warning)
  }

  /** A row of a table stacked under the first, at the first table's width: extra fields joined into the last column, as the RowBatcher does. */
  private fit(row: (string | null)[]): (string | null)[] {
    const width = this.columnCount
    if (width < 1 || row.length <= width) return row
    const rest = row.slice(width - 1).map((field) => field ?? '')
    const fitted = row.slice(0, width)
    fitted[width - 1] = rest.join(this.delimiter)
    return fitted
  }
}

/** Lines as a sentence names them: "line 7", "lines 146–149", "lines 3, 9–10". */
function lineList(lines: readonly number[]): string {
  const parts: string[] = []
  for (let i = 0; i < lines.length; i++) {
    let j = i
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++
    parts.push(i === j ? `${lines[i]}` : `${lines[i]}–${lines[j]}`)
    i = j
  }
  return `${lines.length === 1 ? 'line' : 'lines'} ${parts.join(', ')}`
}
