import type { ImportDelimiter } from '@shared/model'

const LF = 10
const CR = 13
const DOUBLE_QUOTE = 34

// Where the parser stands when a chunk of text ends; the next chunk resumes from here.
const FIELD_START = 0
const UNQUOTED = 1
const QUOTED = 2
/** A quote inside a quoted field was just read: the next character says whether it closed the field. */
const AFTER_QUOTE = 3

export type DelimitedRecordHandler = (fields: (string | null)[], line: number) => void

export interface DelimitedParserSettings {
  delimiter: ImportDelimiter
  /** 'none' = quotes are ordinary characters. */
  quote: 'double' | 'none'
}

/**
 * An incremental RFC 4180 parser: feed it text in chunks of any size (a record, a field, even a
 * CRLF may be split between chunks) and it reports each record once complete, with the 1-based
 * line on which it starts. Empty fields (quoted or not) become null; every other field is its text.
 *
 * It is lenient where real exports are sloppy: a quote inside an unquoted field is text, and text
 * after a closing quote (`"ab"c`) is kept as part of the field. Blank lines are not records.
 *
 * Two paths give the same result: `fastFields` handles the ordinary case with native indexOf
 * searches; the character-by-character state machine in `feed` takes over for what it declines
 * (a record cut by the chunk's end, a lone CR, text after a closing quote).
 */
export class DelimitedParser {
  private readonly delimiterCode: number
  // The indexOf needles live in fields, not literals: measured on Node 20, TurboFan code calling
  // indexOf with a literal one-character needle became ~100x slower on long misses (e.g. looking
  // for a CR in a file without any), turning a 1 MB chunk into 500 ms of work.
  private readonly delimiterText: string
  private readonly lfText = '\n'
  private readonly crText = '\r'
  private readonly quoteText = '"'
  // -1 never matches a character, which turns quoting off without a second code path.
  private readonly quoteCode: number
  private state = FIELD_START
  private fields: (string | null)[] = []
  /** The current field's text carried over from earlier chunks (unescaped when quoted). */
  private pending = ''
  private currentLine = 1
  private recordLine = 1
  private quoteLine = 0
  private endedWithCR = false
  // Next positions of LF, CR and the delimiter in the current chunk, as found by the fast path and
  // kept until passed, so that each is searched for once. Below the read position = search again.
  private nextLF = -1
  private nextCR = -1
  private nextDelimiter = -1

  constructor(
    settings: DelimitedParserSettings,
    private readonly onRecord: DelimitedRecordHandler
  ) {
    this.delimiterCode = settings.delimiter.charCodeAt(0)
    this.delimiterText = settings.delimiter
    this.quoteCode = settings.quote === 'double' ? DOUBLE_QUOTE : -1
  }

  /**
   * Starts counting at `line` instead of 1, before any text is fed: for text that follows records
   * read another way (see Utf8RecordScanner).
   */
  startAtLine(line: number): void {
    this.currentLine = line
    this.recordLine = line
  }

  /** The line the next character will be on. */
  get line(): number {
    return this.currentLine
  }

  /** The line on which a quoted field was opened and never closed, if the text so far ends inside one. */
  get unclosedQuoteLine(): number | null {
    return this.state === QUOTED ? this.quoteLine : null
  }

  /** The line that would be reached after `text`, were it fed next (for pointing at bad bytes). */
  lineAfter(text: string): number {
    let line = this.currentLine
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === CR) line++
      else if (c === LF && (i === 0 ? !this.endedWithCR : text.charCodeAt(i - 1) !== CR)) line++
    }
    return line
  }

  feed(text: string): void {
    const n = text.length
    if (n === 0) return
    const delimiter = this.delimiterCode
    const quote = this.quoteCode
    let i = 0
    // The previous chunk ended with CR; an LF here belongs to the same line break.
    let lfAfterCR = false
    if (this.endedWithCR && text.charCodeAt(0) === LF) {
      if (this.state === QUOTED) lfAfterCR = true
      else i = 1
    }
    this.endedWithCR = false
    this.nextLF = -1
    this.nextCR = -1
    this.nextDelimiter = -1
    // Copied into locals: V8 keeps them in registers, which matters in the per-character loops.
    let state = this.state
    let fields = this.fields
    let pending = this.pending
    let line = this.currentLine
    let recordLine = this.recordLine
    let quoteLine = this.quoteLine
    let endedWithCR = false

    while (i < n) {
      let c = 0
      if (state === FIELD_START) {
        this.fields = fields
        this.currentLine = line
        this.recordLine = recordLine
        i = this.fastFields(text, i)
        fields = this.fields
        line = this.currentLine
        recordLine = this.recordLine
        if (i === n) break

        c = text.charCodeAt(i)
        if (c === quote) {
          state = QUOTED
          quoteLine = line
          i++
          continue
        }
        if ((c === LF || c === CR) && fields.length === 0) {
          line++
          i++
          if (c === CR) {
            if (i === n) endedWithCR = true
            else if (text.charCodeAt(i) === LF) i++
          }
          recordLine = line
          continue
        }
        state = UNQUOTED
      }

      if (state === UNQUOTED) {
        let j = i
        while (j < n) {
          c = text.charCodeAt(j)
          if (c === delimiter || c === LF || c === CR) break
          j++
        }
        if (j === n) {
          pending += text.slice(i, n)
          i = n
          break
        }
        const value = pending + text.slice(i, j)
        pending = ''
        fields.push(value.length === 0 ? null : value)
        i = j + 1
      } else if (state === QUOTED) {
        let j = i
        while (j < n) {
          const q = text.charCodeAt(j)
          if (q === quote) break
          // Line breaks inside quoted fields still count, so later line numbers match an editor's.
          if (q === CR) line++
          else if (q === LF && (j === 0 ? !lfAfterCR : text.charCodeAt(j - 1) !== CR)) line++
          j++
        }
        if (j === n) {
          pending += text.slice(i, n)
          endedWithCR = text.charCodeAt(n - 1) === CR
          i = n
          break
        }
        if (j + 1 < n && text.charCodeAt(j + 1) === quote) {
          pending += text.slice(i, j + 1)
          i = j + 2
        } else {
          pending += text.slice(i, j)
          i = j + 1
          state = AFTER_QUOTE
        }
        continue
      } else {
        c = text.charCodeAt(i)
        if (c === quote) {
          // Only reachable when a doubled quote was split between two chunks.
          pending += '"'
          i++
          state = QUOTED
          continue
        }
        if (c !== delimiter && c !== LF && c !== CR) {
          // `"ab"c`: keep the stray text rather than reject a file for it.
          state = UNQUOTED
          continue
        }
        fields.push(pending.length === 0 ? null : pending)
        pending = ''
        i++
      }

      state = FIELD_START
      if (c === delimiter) continue
      this.onRecord(fields, recordLine)
      fields = []
      line++
      if (c === CR) {
        if (i === n) endedWithCR = true
        else if (text.charCodeAt(i) === LF) i++
      }
      recordLine = line
    }

    this.state = state
    this.fields = fields
    this.pending = pending
    this.currentLine = line
    this.recordLine = recordLine
    this.quoteLine = quoteLine
    this.endedWithCR = endedWithCR
  }

  /**
   * The fast path: reads fields from `from` (a field start) while they are ordinary — fully inside
   * the chunk and ended by a delimiter, LF or CRLF — finding their ends with indexOf, which is
   * native and several times faster than a charCodeAt loop. Returns where it stopped: a field start
   * the state machine takes from there, with `this.fields` holding the record's fields so far.
   */
  private fastFields(text: string, from: number): number {
    const n = text.length
    const delimiter = this.delimiterText
    const lf = this.lfText
    const cr = this.crText
    const quoteText = this.quoteText
    const delimiterCode = this.delimiterCode
    const quote = this.quoteCode
    let nextLF = this.nextLF
    let nextCR = this.nextCR
    let nextDelimiter = this.nextDelimiter
    let fields = this.fields
    let line = this.currentLine
    let recordLine = this.recordLine
    let i = from
    while (i < n) {
      let end: number
      let resume: number
      let value: string
      if (text.charCodeAt(i) === quote) {
        let close = text.indexOf(quoteText, i + 1)
        let segment = i + 1
        value = ''
        while (close !== -1 && close + 1 < n && text.charCodeAt(close + 1) === quote) {
          value += text.slice(segment, close + 1)
          segment = close + 2
          close = text.indexOf(quoteText, segment)
        }
        if (close === -1 || close + 1 === n) break
        end = close + 1
        const after = text.charCodeAt(end)
        if (after === CR) {
          if (end + 1 === n || text.charCodeAt(end + 1) !== LF) break
          resume = end + 2
        } else if (after === LF || after === delimiterCode) {
          resume = end + 1
        } else {
          break
        }
        value += text.slice(segment, close)
        if (nextLF < i) {
          nextLF = text.indexOf(lf, i)
          if (nextLF === -1) nextLF = n
        }
        if (nextCR < i) {
          nextCR = text.indexOf(cr, i)
          if (nextCR === -1) nextCR = n
        }
        if (nextLF < close || nextCR < close) {
          line += lineBreaks(text, i + 1, close)
          nextLF = -1
          nextCR = -1
        }
        fields.push(value.length === 0 ? null : value)
      } else {
        if (nextLF < i) {
          nextLF = text.indexOf(lf, i)
          if (nextLF === -1) nextLF = n
        }
        // Leave the chunk's last, incomplete line to the state machine.
        if (nextLF === n) break
        if (nextCR < i) {
          nextCR = text.indexOf(cr, i)
          if (nextCR === -1) nextCR = n
        }
        let lineEnd = nextLF
        if (nextCR < nextLF) {
          // Only a CR that starts the line's CRLF is ordinary; a lone CR goes to the state machine.
          if (nextCR + 1 !== nextLF) break
          lineEnd = nextCR
        }
        if (nextDelimiter < i) {
          nextDelimiter = text.indexOf(delimiter, i)
          if (nextDelimiter === -1) nextDelimiter = n
        }
        end = nextDelimiter < lineEnd ? nextDelimiter : lineEnd
        resume = end === lineEnd ? nextLF + 1 : end + 1
        if (end === lineEnd && end === i && fields.length === 0) {
          // A blank line: not a record.
          line++
          recordLine = line
          i = resume
          continue
        }
        value = text.slice(i, end)
        fields.push(value.length === 0 ? null : value)
      }
      i = resume
      if (text.charCodeAt(end) !== delimiterCode) {
        this.onRecord(fields, recordLine)
        fields = []
        line++
        recordLine = line
      }
    }
    this.nextLF = nextLF
    this.nextCR = nextCR
    this.nextDelimiter = nextDelimiter
    this.fields = fields
    this.currentLine = line
    this.recordLine = recordLine
    return i
  }

  /** Ends the text: reports the last record when the file does not end with a line break. */
  finish(): void {
    if (this.state === QUOTED) {
      throw new Error(`finish() inside a quoted field opened on line ${this.quoteLine}; check unclosedQuoteLine first`)
    }
    if (this.state === UNQUOTED) {
      this.fields.push(this.pending.length === 0 ? null : this.pending)
    } else if (this.state === AFTER_QUOTE) {
      this.fields.push(this.pending.length === 0 ? null : this.pending)
    } else if (this.fields.length > 0) {
      // The text ended right after a delimiter: that is one more, empty, field.
      this.fields.push(null)
    }
    if (this.fields.length > 0) this.onRecord(this.fields, this.recordLine)
    this.fields = []
    this.pending = ''
    this.state = FIELD_START
  }
}

/** Line breaks (LF, CR or CRLF, each counted once) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === CR || (c === LF && (i === from || text.charCodeAt(i - 1) !== CR))) count++
  }
  return count
}
