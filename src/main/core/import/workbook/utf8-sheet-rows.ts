import { NULL_FIELD, type Utf8Record } from '../row-sink'
import { EncodedSheetRow } from './encoded-sheet-row'
import type { SheetRow } from './sheet-row'
import { writeUtf8 } from './write-utf8'

const INITIAL_BYTES = 64 * 1024

/**
 * A sheet row's cells written as one UTF-8 record (see Utf8Record), for a sink that takes rows as
 * bytes: the typer then answers most cells from their bytes and the writer gets JSONB, which SQLite
 * unpacks without parsing. A row its reader already wrote as bytes (EncodedSheetRow) is pointed at
 * as it is; any other is encoded into a buffer reused from row to row, like the record.
 * Text holding a lone surrogate (an XML character reference such as &#xD800;) has no UTF-8 form:
 * `encode` refuses its row, which then goes as strings, as it always did.
 */
export class Utf8SheetRows {
  bytes = new Uint8Array(INITIAL_BYTES)
  readonly record: Utf8Record = { count: 0, starts: new Int32Array(16), ends: new Int32Array(16), doubledQuotes: new Int32Array(16) }

  /**
   * Sets `record` to `width` cells of `row`, from column `first` on (those past the row's end are
   * empty); returns the bytes it points into, or null when a cell has no UTF-8 form.
   */
  encode(row: SheetRow, first: number, width: number): Uint8Array | null {
    if (row instanceof EncodedSheetRow && row.asBytes) return this.point(row, first, width)
    return this.encodeStrings(row.values, first, width) ? this.bytes : null
  }

  private point(row: EncodedSheetRow, first: number, width: number): Uint8Array {
    const record = this.ensureWidth(width)
    const ranges = row.ranges
    const columns = row.width
    for (let k = 0; k < width; k++) {
      const column = first + k
      const start = column < columns ? ranges[2 * column]! : -1
      if (start < 0) {
        record.doubledQuotes[k] = NULL_FIELD
        continue
      }
      record.starts[k] = start
      record.ends[k] = ranges[2 * column + 1]!
      record.doubledQuotes[k] = 0
    }
    record.count = width
    return row.bytes
  }

  private encodeStrings(values: readonly (string | null)[], first: number, width: number): boolean {
    const record = this.ensureWidth(width)
    let at = 0
    for (let k = 0; k < width; k++) {
      const value = first + k < values.length ? (values[first + k] ?? null) : null
      if (value === null || value === '') {
        record.doubledQuotes[k] = NULL_FIELD
        continue
      }
      if (at + value.length * 3 > this.bytes.length) this.grow(at + value.length * 3)
      const end = writeUtf8(this.bytes, at, value)
      if (end < 0) return false
      record.starts[k] = at
      record.ends[k] = end
      record.doubledQuotes[k] = 0
      at = end
    }
    record.count = width
    return true
  }

  private ensureWidth(width: number): Utf8Record {
    const record = this.record
    if (record.starts.length < width) {
      record.starts = new Int32Array(width)
      record.ends = new Int32Array(width)
      record.doubledQuotes = new Int32Array(width)
    }
    return record
  }

  private grow(needed: number): void {
    let capacity = this.bytes.length * 2
    while (capacity < needed) capacity *= 2
    const grown = new Uint8Array(capacity)
    grown.set(this.bytes)
    this.bytes = grown
  }
}
