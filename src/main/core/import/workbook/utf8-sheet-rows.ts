import { NULL_FIELD, type Utf8Record } from '../row-sink'

const INITIAL_BYTES = 64 * 1024

/**
 * A sheet row's cells written as one UTF-8 record (see Utf8Record), for a sink that takes rows as
 * bytes: the typer then answers most cells from their bytes and the writer gets JSONB, which SQLite
 * unpacks without parsing. The buffer and record are reused from row to row.
 * Text holding a lone surrogate (an XML character reference such as &#xD800;) has no UTF-8 form:
 * `encode` refuses its row, which then goes as strings, as it always did.
 */
export class Utf8SheetRows {
  bytes = new Uint8Array(INITIAL_BYTES)
  readonly record: Utf8Record = { count: 0, starts: new Int32Array(16), ends: new Int32Array(16), doubledQuotes: new Int32Array(16) }
  private readonly encoder = new TextEncoder()

  /** Writes `width` cells, from `values[first]` on (those past the row's end are empty); false when one has no UTF-8 form. */
  encode(values: readonly (string | null)[], first: number, width: number): boolean {
    const record = this.ensureWidth(width)
    let at = 0
    for (let k = 0; k < width; k++) {
      const value = first + k < values.length ? (values[first + k] ?? null) : null
      if (value === null || value === '') {
        record.doubledQuotes[k] = NULL_FIELD
        continue
      }
      // At most three bytes of UTF-8 for each UTF-16 unit.
      if (at + value.length * 3 > this.bytes.length) this.grow(at + value.length * 3)
      const end = this.write(value, at)
      if (end < 0) return false
      record.starts[k] = at
      record.ends[k] = end
      record.doubledQuotes[k] = 0
      at = end
    }
    record.count = width
    return true
  }

  /** Writes `text` at `at`; returns where it ends, or -1 when it holds a lone surrogate. */
  private write(text: string, at: number): number {
    const bytes = this.bytes
    const length = text.length
    let i = 0
    // Most cells are ASCII: copied by hand, which beats encodeInto's call for a few characters.
    for (; i < length; i++) {
      const code = text.charCodeAt(i)
      if (code >= 0x80) break
      bytes[at++] = code
    }
    if (i === length) return at
    for (let j = i; j < length; j++) {
      const code = text.charCodeAt(j)
      if (code < 0xd800 || code > 0xdfff) continue
      const next = text.charCodeAt(j + 1)
      if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return -1
      j++
    }
    const { written } = this.encoder.encodeInto(i === 0 ? text : text.slice(i), bytes.subarray(at))
    return at + written
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
