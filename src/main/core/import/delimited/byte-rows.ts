import { isUtf8 } from 'node:buffer'
import type { ImportDelimiter } from '@shared/model'
import { utf8FieldText, type Utf8Record, type Utf8RowTarget } from '../row-sink'
import { incompleteUtf8Tail } from '../utf8/incomplete-utf8-tail'
import type { RowBatcher } from './row-batcher'
import { utf8NeedsCleaning } from './text-chunk-decoder'
import { SCAN_UNUSUAL, Utf8RecordScanner } from './utf8-record-scanner'

/** A record longer than this is left to the text parser rather than carried whole from read to read. */
const MAX_CARRIED_RECORD_BYTES = 8 * 1024 * 1024

/**
 * The fast way through a UTF-8 delimited file: records are found in the file's bytes and handed to
 * the sink as byte ranges (Utf8RowTarget), with no string made for the common field. It reads from
 * the first record until something only the text parser handles — a byte sequence that is not
 * UTF-8, a NUL, a record of the wrong width, a lone CR, text after a closing quote, the end of a
 * file without a final line break — and then stops for good: `active` turns false and the text
 * parser takes over at that record, on `line`. The first record goes through the RowBatcher as
 * strings, so labels and the column count are decided in one place.
 */
export class ByteRows {
  active = true
  private readonly scanner: Utf8RecordScanner
  private delivered = 0
  private buffer: Buffer = Buffer.alloc(0)

  constructor(
    private readonly target: Utf8RowTarget,
    private readonly rows: RowBatcher,
    format: { delimiter: ImportDelimiter; quote: 'double' | 'none' }
  ) {
    this.scanner = new Utf8RecordScanner({ delimiter: format.delimiter.charCodeAt(0), quote: format.quote === 'double' ? 34 : -1 })
  }

  /** The line of the first record not yet read. */
  get line(): number {
    return this.scanner.line
  }

  /**
   * Reads the whole records in `buffer[0, end)` and returns where it stopped: the start of a record
   * cut by the end of the buffer, to be carried into the next read; or, once `active` is false, the
   * first byte the text parser must read.
   */
  read(buffer: Buffer, end: number, atEnd: boolean): number {
    // A character cut by the end of the buffer is in the record that is carried; checked next time.
    const whole = buffer.subarray(0, atEnd ? end : end - incompleteUtf8Tail(buffer, end))
    if (!isUtf8(whole) || utf8NeedsCleaning(whole)) {
      this.stop()
      return 0
    }
    this.buffer = buffer
    const readTo = this.scanner.scan(buffer, 0, end, atEnd, this.onRecord)
    if (readTo < end && (this.scanner.stop === SCAN_UNUSUAL || end - readTo > MAX_CARRIED_RECORD_BYTES)) this.stop()
    return readTo
  }

  /** Delivers the rows read so far; from here on the text parser reads. */
  stop(): void {
    if (!this.active) return
    this.active = false
    this.target.flushUtf8Rows()
    this.rows.deliveredElsewhere(this.delivered)
  }

  private readonly onRecord = (record: Utf8Record, line: number): void => {
    if (this.scanner.expectedFields >= 0) {
      this.target.utf8Row(this.buffer, record)
      this.delivered++
      return
    }
    const fields = Array.from({ length: record.count }, (_, k) => utf8FieldText(this.buffer, record, k))
    this.rows.record(fields, line)
    // Delivered now, so a first data row (no header) keeps its place before the byte rows.
    this.rows.flush()
    const width = this.rows.columns
    // No record has zero fields: a width the sink cannot take as bytes sends every later record to the text parser.
    this.scanner.expectedFields = this.target.acceptsUtf8Width(width) ? width : 0
  }
}
