import type { ImportDelimiter } from '@shared/model'
import type { RowSink } from '../row-sink'
import { MisalignedRows } from './misaligned-rows'

// A batch is delivered when it reaches any of these, which keeps memory flat however wide or long
// the rows are while leaving the writer big batches to amortise its per-call cost.
const BATCH_ROWS = 10_000
const BATCH_CELLS = 200_000
const BATCH_CHARS = 2 * 1024 * 1024

/**
 * Turns parsed records into RowSink calls: the first record becomes the column labels (or names
 * them by position when there is no header), rows with extra fields have them joined back into the
 * last column so nothing is lost, and rows go out in bounded batches.
 */
export class RowBatcher {
  private columnCount = -1
  private delivered = 0
  private batch: (string | null)[][] = []
  private batchCells = 0
  private charsSinceFlush = 0
  private readonly misaligned = new MisalignedRows()

  constructor(
    private readonly sink: RowSink,
    private readonly header: boolean,
    private readonly delimiter: ImportDelimiter
  ) {}

  /** Rows delivered to the sink so far. */
  get rows(): number {
    return this.delivered
  }

  /** The header's field count (or the first row's), or -1 before the first record. */
  get columns(): number {
    return this.columnCount
  }

  /** Takes one record from the parser; a DelimitedRecordHandler. */
  readonly record = (fields: (string | null)[], line: number): void => {
    const columnCount = this.columnCount
    if (columnCount < 0) {
      this.start(fields)
      if (this.header) return
    } else if (fields.length !== columnCount) {
      this.misaligned.note(line)
      if (fields.length > columnCount) {
        const rest = fields.slice(columnCount - 1).map((field) => field ?? '')
        fields.length = columnCount
        fields[columnCount - 1] = rest.join(this.delimiter)
      }
    }
    this.batch.push(fields)
    this.batchCells += fields.length
    if (this.batch.length >= BATCH_ROWS || this.batchCells >= BATCH_CELLS) this.flush()
  }

  /** Counts rows the sink was given another way (as bytes; see Utf8RowTarget). */
  deliveredElsewhere(count: number): void {
    this.delivered += count
  }

  /** Counts text read, so a batch of few but long rows is delivered before it grows large. */
  textRead(chars: number): void {
    this.charsSinceFlush += chars
    if (this.charsSinceFlush >= BATCH_CHARS) this.flush()
  }

  flush(): void {
    this.charsSinceFlush = 0
    if (this.batch.length === 0) return
    this.sink.rows(this.batch)
    this.delivered += this.batch.length
    this.batch = []
    this.batchCells = 0
  }

  /** Delivers the last rows, then the warnings only the end can tell. */
  finish(fileName: string): void {
    this.flush()
    const misaligned = this.misaligned.warning(fileName, this.columnCount)
    if (misaligned !== null) this.sink.warning(misaligned)
    if (this.header && this.delivered === 0) this.sink.warning({ line: null, message: `${fileName} has a header but no data rows.` })
  }

  private start(first: (string | null)[]): void {
    this.columnCount = first.length
    // Headers are kept exactly as written (spaces included); only a blank one needs a name.
    const labels = first.map((label, i) => (this.header && label != null && label.trim() !== '' ? label : `Column ${i + 1}`))
    this.sink.columns(labels)
  }
}
