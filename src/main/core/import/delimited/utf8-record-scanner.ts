import { NULL_FIELD, type Utf8Record } from '../row-sink'

const LF = 10
const CR = 13
const DOUBLE_QUOTE = 34

/** Why `scan` stopped before the end of what it was given. */
export const SCAN_NEEDS_MORE = 0
/** The record at `stoppedAt` is not an ordinary one: the text parser must take over from there. */
export const SCAN_UNUSUAL = 1
export type ScanStop = typeof SCAN_NEEDS_MORE | typeof SCAN_UNUSUAL

export interface Utf8ScannerSettings {
  delimiter: number
  /** -1 when quotes are ordinary characters. */
  quote: number
}

/**
 * Finds the records of delimited UTF-8 text in its bytes, without decoding it: the delimiter, quote
 * and line breaks are ASCII, and no byte of a multi-byte UTF-8 character is, so bytes split the
 * text exactly where characters would. It reads only ordinary records — ended by LF or CRLF, quoted
 * fields closed right before a delimiter or line break, `expectedFields` fields — and gives the
 * rest to DelimitedParser, whose results it matches field for field on the records it does read
 * (blank lines skipped, empty fields null, lines counted alike).
 */
export class Utf8RecordScanner {
  /** The line the next record starts on (1-based, as DelimitedParser counts). */
  line = 1
  /** Fields a record must have; -1 accepts any number (the first record). */
  expectedFields = -1
  /** Why the last `scan` stopped early; meaningless when it read everything. */
  stop: ScanStop = SCAN_NEEDS_MORE
  private readonly record: Utf8Record = {
    count: 0,
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    doubledQuotes: new Int32Array(64)
  }
  private readonly delimiter: number
  private readonly quote: number

  constructor(settings: Utf8ScannerSettings) {
    this.delimiter = settings.delimiter
    this.quote = settings.quote
  }

  /**
   * Reads the records wholly inside `bytes[from, to)` and calls `onRecord` with each (the record
   * object is reused). Returns where it stopped: `to` when it read everything, else the start of
   * the record it could not read, and why, in `stop`. With `atEnd` the bytes end the file, so a
   * record cut off by the end is unusual (left to the text parser) rather than incomplete.
   */
  scan(bytes: Uint8Array, from: number, to: number, atEnd: boolean, onRecord: (record: Utf8Record, line: number) => void): number {
    const delimiter = this.delimiter
    const quote = this.quote
    const record = this.record
    const cut = atEnd ? SCAN_UNUSUAL : SCAN_NEEDS_MORE
    let i = from
    let line = this.line
    this.stop = SCAN_NEEDS_MORE
    while (i < to) {
      const recordStart = i
      let c = bytes[i]!
      if (c === LF || c === CR) {
        // A blank line: not a record. A lone CR is a line break too, but left to the parser.
        if (c === CR) {
          if (i + 1 === to) return this.stopAt(recordStart, line, cut)
          if (bytes[i + 1] !== LF) return this.stopAt(recordStart, line, SCAN_UNUSUAL)
          i++
        }
        i++
        line++
        continue
      }
      let count = 0
      let breaks = 0
      for (;;) {
        if (i === to) return this.stopAt(recordStart, line, cut)
        if (count === record.starts.length) this.growRecord()
        let start: number
        let end: number
        let doubled = 0
        if (bytes[i] === quote) {
          start = i + 1
          let j = start
          for (;;) {
            while (j < to) {
              c = bytes[j]!
              if (c === quote) break
              // Line breaks inside quoted fields count, as the parser counts them: CR, or LF not after CR.
              if (c === CR || (c === LF && bytes[j - 1] !== CR)) breaks++
              j++
            }
            // The closing quote must be seen with the byte after it.
            if (j + 1 >= to) return this.stopAt(recordStart, line, cut)
            if (bytes[j + 1] !== quote) break
            doubled++
            j += 2
          }
          end = j
          i = j + 1
          c = bytes[i]!
          if (c !== delimiter && c !== LF && c !== CR) return this.stopAt(recordStart, line, SCAN_UNUSUAL)
          if (end === start) doubled = NULL_FIELD
        } else {
          start = i
          while (i < to) {
            c = bytes[i]!
            if (c === delimiter || c === LF || c === CR) break
            i++
          }
          if (i === to) return this.stopAt(recordStart, line, cut)
          end = i
          if (end === start) doubled = NULL_FIELD
        }
        record.starts[count] = start
        record.ends[count] = end
        record.doubledQuotes[count] = doubled
        count++
        // bytes[i] ends the field: a delimiter, LF or CR.
        i++
        if (c === delimiter) continue
        if (c === CR) {
          if (i === to) return this.stopAt(recordStart, line, cut)
          if (bytes[i] !== LF) return this.stopAt(recordStart, line, SCAN_UNUSUAL)
          i++
        }
        break
      }
      if (this.expectedFields >= 0 && count !== this.expectedFields) return this.stopAt(recordStart, line, SCAN_UNUSUAL)
      record.count = count
      onRecord(record, line)
      line += breaks + 1
    }
    this.line = line
    return to
  }

  private stopAt(at: number, line: number, stop: ScanStop): number {
    this.line = line
    this.stop = stop
    return at
  }

  private growRecord(): void {
    const record = this.record
    const size = record.starts.length * 2
    const grow = (from: Int32Array) => {
      const to = new Int32Array(size)
      to.set(from)
      return to
    }
    record.starts = grow(record.starts)
    record.ends = grow(record.ends)
    record.doubledQuotes = grow(record.doubledQuotes)
  }
}
