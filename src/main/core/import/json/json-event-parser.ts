import { SNIPPET_MARK_END, SNIPPET_MARK_START } from '@shared/model'
import { JsonShapeError } from './json-shape-error'
import { JsonSyntaxError } from './json-syntax-error'

/** Events in document order. Numbers come as the text written in the file, so "1.50" stays "1.50". */
export interface JsonEventHandler {
  beginObject(): void
  endObject(): void
  beginArray(): void
  endArray(): void
  key(name: string): void
  string(value: string): void
  number(raw: string): void
  literal(value: boolean | null): void
  /** A top-level value is complete (in NDJSON, one line's value). */
  endValue(): void
}

/** Deeper documents are refused: a table's rows never need it, and it caps the parser's memory. */
export const MAX_JSON_DEPTH = 512

// Where the parser stands; the first group sits between tokens, the second inside one.
const S_VALUE = 0
const S_VALUE_OR_CLOSE = 1
const S_KEY_OR_CLOSE = 2
const S_KEY = 3
const S_COLON = 4
const S_COMMA_OR_CLOSE = 5
const S_DONE = 6
const S_STRING = 7
const S_NUMBER = 8
const S_LITERAL = 9

// Number grammar (RFC 8259 §6); the states marked * may end the number.
const N_MINUS = 0
const N_ZERO = 1 // *
const N_INT = 2 // *
const N_DOT = 3
const N_FRACTION = 4 // *
const N_EXP = 5
const N_EXP_SIGN = 6
const N_EXP_DIGITS = 7 // *

const OBJECT = 1
const ARRAY = 2

const LF = 10
const QUOTE = 34
const BACKSLASH = 92
const MARK_START = SNIPPET_MARK_START.charCodeAt(0)
const MARK_END = SNIPPET_MARK_END.charCodeAt(0)
const LOW_SURROGATE = /[\uDC00-\uDFFF]/

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
const LITERALS: Record<string, [string, boolean | null]> = { t: ['true', true], f: ['false', false], n: ['null', null] }

/**
 * A strict (RFC 8259), incremental JSON parser: feed it text in pieces split anywhere (inside a
 * string, an escape, a number, a literal) and it reports each token as an event once complete, so a
 * document of any size is read in constant memory apart from the values themselves. It never
 * recurses, so hostile nesting cannot overflow the stack; past MAX_JSON_DEPTH it stops.
 *
 * In `lines` mode (NDJSON) it reads one value per line: blank lines are skipped and a value may not
 * span lines.
 *
 * Casefile-specific: U+0000 and the search-snippet markers never reach stored text, so they are
 * dropped from strings (counted in `removedNuls` for a warning) rather than failing the import.
 */
export class JsonEventParser {
  private state = S_VALUE
  private depth = 0
  private readonly stack = new Uint8Array(MAX_JSON_DEPTH + 1)

  private stringIsKey = false
  /** 0: none; 1: after a backslash; 2–5: reading the hex digits of \u (state − 2 digits read). */
  private escape = 0
  private hex = 0
  /** Text of the token in progress carried over from earlier chunks (decoded, for strings). */
  private pending = ''
  private numberState = N_MINUS
  private literalText = ''
  private literalValue: boolean | null = null
  private literalIndex = 0

  private text = ''
  private chunkByte = 0
  private lineNumber = 1
  /** Index in `text` where the current line starts (0 when it started in an earlier chunk). */
  private lineStart = 0
  /** Code points of the current line that were in earlier chunks. */
  private carriedColumns = 0
  /** Index in `text` where the token in progress starts, or -1 once it is resolved below. */
  private tokenIndex = 0
  private tokenLine = 1
  private tokenColumn = 1
  private tokenByte = 0
  private nuls = 0

  constructor(
    private readonly handler: JsonEventHandler,
    private readonly lines: boolean
  ) {}

  /** U+0000 characters removed from strings so far. */
  get removedNuls(): number {
    return this.nuls
  }

  /** Where the token just reported starts (a key, during the handler's `key` call). */
  tokenPosition(): { line: number; column: number } {
    return { line: this.tokenLine, column: this.tokenIndex < 0 ? this.tokenColumn : this.columnAt(this.tokenIndex) }
  }

  /** Where the next character fed would be: for errors found outside the parser (bad UTF-8). */
  positionAtEnd(): { line: number; column: number } {
    return { line: this.lineNumber, column: this.carriedColumns + 1 }
  }

  /** Parses `text`, whose first character is at `byteOffset` in the file. */
  feed(text: string, byteOffset: number): void {
    this.text = text
    this.chunkByte = byteOffset
    this.lineStart = 0
    try {
      this.run(text)
    } catch (error) {
      if (error instanceof JsonShapeError && error.at === 'value') throw this.tokenError(error.reason)
      throw error
    }
    // Indexes into this chunk mean nothing once the next one arrives.
    if (this.tokenIndex >= 0) {
      this.tokenColumn = this.columnAt(this.tokenIndex)
      this.tokenByte = this.byteAt(this.tokenIndex)
      this.tokenIndex = -1
    }
    this.carriedColumns += codePoints(text, this.lineStart, text.length)
    this.lineStart = 0
    this.text = ''
  }

  /** Ends the input, `totalBytes` long; throws when the document is incomplete. */
  finish(totalBytes: number): void {
    this.text = ''
    this.chunkByte = totalBytes
    try {
      if (this.state === S_NUMBER) {
        if (this.numberState === N_ZERO || this.numberState === N_INT || this.numberState === N_FRACTION || this.numberState === N_EXP_DIGITS) {
          this.endNumber('', 0)
        }
      }
    } catch (error) {
      if (error instanceof JsonShapeError && error.at === 'value') throw this.tokenError(error.reason)
      throw error
    }
    if (this.state === S_DONE || (this.lines && this.depth === 0 && this.state === S_VALUE)) return
    throw this.errorAt(0, `expected ${this.expectation()}, found the end of the file`)
  }

  private run(text: string): void {
    const n = text.length
    let i = 0
    while (i < n) {
      switch (this.state) {
        case S_STRING:
          i = this.continueString(text, i)
          break
        case S_NUMBER:
          i = this.continueNumber(text, i, i)
          break
        case S_LITERAL:
          i = this.continueLiteral(text, i)
          break
        default:
          i = this.structural(text, i)
      }
    }
  }

  /** Skips whitespace, then handles one structural character or starts a token. */
  private structural(text: string, i: number): number {
    const n = text.length
    let c = 0
    for (; i < n; i++) {
      c = text.charCodeAt(i)
      if (c === 32 || c === 9 || c === 13) continue
      if (c !== LF) break
      if (this.lines) {
        if (this.state === S_DONE) this.state = S_VALUE
        else if (this.depth > 0 || this.state !== S_VALUE) {
          throw this.errorAt(i, `the line ends before the value is complete (expected ${this.expectation()}); NDJSON needs one value per line`)
        }
      }
      this.lineNumber++
      this.lineStart = i + 1
      this.carriedColumns = 0
    }
    if (i === n) return n
    switch (this.state) {
      case S_VALUE:
        if (c === 93 && this.depth > 0 && this.stack[this.depth] === ARRAY) {
          throw this.errorAt(i, "expected a value after ',', found ']' (trailing commas are not allowed)")
        }
        return this.startValue(text, i, c)
      case S_VALUE_OR_CLOSE:
        if (c === 93) return this.close(i, ARRAY)
        return this.startValue(text, i, c)
      case S_KEY_OR_CLOSE:
      case S_KEY:
        if (c === QUOTE) {
          this.startString(i, true)
          return this.continueString(text, i + 1)
        }
        if (c === 125 && this.state === S_KEY_OR_CLOSE) return this.close(i, OBJECT)
        if (c === 125) throw this.errorAt(i, "expected a key after ',', found '}' (trailing commas are not allowed)")
        throw this.errorAt(i, `expected ${this.expectation()}, found ${this.describe(text, i)}${c === 39 ? ' (keys are double-quoted strings)' : ''}`)
      case S_COLON:
        if (c === 58) {
          this.state = S_VALUE
          return i + 1
        }
        throw this.errorAt(i, `expected ':' after the key, found ${this.describe(text, i)}`)
      case S_COMMA_OR_CLOSE: {
        const container = this.stack[this.depth]
        if (c === 44) {
          this.state = container === ARRAY ? S_VALUE : S_KEY
          return i + 1
        }
        if (c === 93 && container === ARRAY) return this.close(i, ARRAY)
        if (c === 125 && container === OBJECT) return this.close(i, OBJECT)
        throw this.errorAt(i, `expected ${this.expectation()}, found ${this.describe(text, i)}`)
      }
      default:
        throw this.errorAt(i, `expected ${this.expectation()}, found ${this.describe(text, i)}`)
    }
  }

  private startValue(text: string, i: number, c: number): number {
    this.tokenIndex = i
    this.tokenLine = this.lineNumber
    if (c === 123 || c === 91) {
      if (this.depth === MAX_JSON_DEPTH) throw this.errorAt(i, `the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`)
      const container = c === 123 ? OBJECT : ARRAY
      this.stack[++this.depth] = container
      this.state = container === OBJECT ? S_KEY_OR_CLOSE : S_VALUE_OR_CLOSE
      if (container === OBJECT) this.handler.beginObject()
      else this.handler.beginArray()
      return i + 1
    }
    if (c === QUOTE) {
      this.startString(i, false)
      return this.continueString(text, i + 1)
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      this.state = S_NUMBER
      this.numberState = c === 45 ? N_MINUS : c === 48 ? N_ZERO : N_INT
      this.pending = ''
      return this.continueNumber(text, i + 1, i)
    }
    const literal = LITERALS[text[i]!]
    if (literal !== undefined) {
      this.state = S_LITERAL
      this.literalText = literal[0]
      this.literalValue = literal[1]
      this.literalIndex = 1
      return i + 1
    }
    throw this.errorAt(i, `expected ${this.expectation()}, found ${this.describe(text, i)}${valueHint(c)}`)
  }

  private close(i: number, container: number): number {
    this.depth--
    if (container === OBJECT) this.handler.endObject()
    else this.handler.endArray()
    this.afterValue()
    return i + 1
  }

  private afterValue(): void {
    if (this.depth > 0) {
      this.state = S_COMMA_OR_CLOSE
      return
    }
    this.state = S_DONE
    this.handler.endValue()
  }

  private startString(i: number, isKey: boolean): void {
    // A key is located too: a key repeated in one object is reported where it stands.
    this.tokenIndex = i
    this.tokenLine = this.lineNumber
    this.state = S_STRING
    this.stringIsKey = isKey
    this.escape = 0
    this.pending = ''
  }

  private continueString(text: string, i: number): number {
    const n = text.length
    let start = i
    for (;;) {
      if (this.escape !== 0) {
        i = this.continueEscape(text, i)
        if (this.escape !== 0) return n
        start = i
      }
      let c = 0
      for (; i < n; i++) {
        c = text.charCodeAt(i)
        // One comparison keeps the common case (plain text) on the fast path.
        if (c <= BACKSLASH) {
          if (c === QUOTE || c === BACKSLASH || c < 32) break
        } else if (c === MARK_START || c === MARK_END) break
      }
      if (i === n) {
        this.pending += text.slice(start, n)
        return n
      }
      if (c === QUOTE) {
        const value = this.pending === '' ? text.slice(start, i) : this.pending + text.slice(start, i)
        this.pending = ''
        if (this.stringIsKey) {
          this.state = S_COLON
          this.handler.key(value)
        } else {
          this.handler.string(value)
          this.afterValue()
        }
        return i + 1
      }
      this.pending += text.slice(start, i)
      if (c === BACKSLASH) this.escape = 1
      else if (c < 32) throw this.errorAt(i, `control character U+${hex4(c)} must be escaped inside a string`)
      i++
      start = i
    }
  }

  private continueEscape(text: string, i: number): number {
    const n = text.length
    while (i < n && this.escape !== 0) {
      const ch = text[i]!
      if (this.escape === 1) {
        if (ch === 'u') {
          this.escape = 2
          this.hex = 0
        } else {
          const decoded = ESCAPES[ch]
          if (decoded === undefined) {
            throw this.errorAt(i, `expected an escape letter after '\\' (one of " \\ / b f n r t u), found ${this.describe(text, i)}`)
          }
          this.pending += decoded
          this.escape = 0
        }
      } else {
        const digit = parseHexDigit(text.charCodeAt(i))
        if (digit < 0) throw this.errorAt(i, `expected a hexadecimal digit in a \\u escape, found ${this.describe(text, i)}`)
        this.hex = this.hex * 16 + digit
        if (++this.escape === 6) {
          this.escape = 0
          // Lone surrogates are kept as they are: JSON allows them and dropping one would lose data.
          if (this.hex === 0) this.nuls++
          else if (this.hex !== MARK_START && this.hex !== MARK_END) this.pending += String.fromCharCode(this.hex)
        }
      }
      i++
    }
    return i
  }

  /** `tokenStart` is where the number's text in this chunk begins (its first character, or 0). */
  private continueNumber(text: string, i: number, tokenStart: number): number {
    const n = text.length
    let s = this.numberState
    for (; i < n; i++) {
      const c = text.charCodeAt(i)
      const digit = c >= 48 && c <= 57
      switch (s) {
        case N_MINUS:
          if (!digit) throw this.errorAt(i, `expected a digit after '-', found ${this.describe(text, i)}`)
          s = c === 48 ? N_ZERO : N_INT
          continue
        case N_ZERO:
          if (digit) throw this.errorAt(i, 'a number cannot start with 0 followed by more digits (leading zeros are not allowed)')
          if (c === 46) s = N_DOT
          else if (c === 101 || c === 69) s = N_EXP
          else return this.endNumber(text.slice(tokenStart, i), i)
          continue
        case N_INT:
          if (digit) continue
          if (c === 46) s = N_DOT
          else if (c === 101 || c === 69) s = N_EXP
          else return this.endNumber(text.slice(tokenStart, i), i)
          continue
        case N_DOT:
          if (!digit) throw this.errorAt(i, `expected a digit after the decimal point, found ${this.describe(text, i)}`)
          s = N_FRACTION
          continue
        case N_FRACTION:
          if (digit) continue
          if (c === 101 || c === 69) s = N_EXP
          else return this.endNumber(text.slice(tokenStart, i), i)
          continue
        case N_EXP:
          if (c === 43 || c === 45) s = N_EXP_SIGN
          else if (digit) s = N_EXP_DIGITS
          else throw this.errorAt(i, `expected a digit or sign in the exponent, found ${this.describe(text, i)}`)
          continue
        case N_EXP_SIGN:
          if (!digit) throw this.errorAt(i, `expected a digit in the exponent, found ${this.describe(text, i)}`)
          s = N_EXP_DIGITS
          continue
        default:
          if (digit) continue
          return this.endNumber(text.slice(tokenStart, i), i)
      }
    }
    this.numberState = s
    this.pending += text.slice(tokenStart, n)
    return n
  }

  /** The number ends before index `i`, which is not consumed: it belongs to what follows. */
  private endNumber(tail: string, i: number): number {
    const raw = this.pending + tail
    this.pending = ''
    this.handler.number(raw)
    this.afterValue()
    return i
  }

  private continueLiteral(text: string, i: number): number {
    const n = text.length
    const expected = this.literalText
    for (; i < n && this.literalIndex < expected.length; i++, this.literalIndex++) {
      if (text.charCodeAt(i) !== expected.charCodeAt(this.literalIndex)) {
        throw this.errorAt(i, `expected '${expected}', found ${this.describe(text, i)}`)
      }
    }
    if (this.literalIndex === expected.length) {
      this.handler.literal(this.literalValue)
      this.afterValue()
    }
    return i
  }

  private expectation(): string {
    switch (this.state) {
      case S_VALUE:
      case S_VALUE_OR_CLOSE:
        return this.state === S_VALUE_OR_CLOSE ? "a value or ']'" : 'a value'
      case S_KEY_OR_CLOSE:
        return "a key in double quotes or '}'"
      case S_KEY:
        return 'a key in double quotes'
      case S_COLON:
        return "':'"
      case S_COMMA_OR_CLOSE:
        return this.stack[this.depth] === ARRAY ? "',' or ']'" : "',' or '}'"
      case S_STRING:
        return this.escape === 0 ? "the closing '\"' of the string" : 'the rest of the escape sequence'
      case S_NUMBER:
        return 'a digit'
      case S_LITERAL:
        return `'${this.literalText}'`
      default:
        return this.lines ? 'the end of the line after the value' : 'the end of the file after the value'
    }
  }

  private describe(text: string, i: number): string {
    if (i >= text.length) return 'the end of the file'
    const code = text.codePointAt(i)!
    if (code === LF) return 'the end of the line'
    if (code < 32 || code === 127) return `control character U+${hex4(code)}`
    if (code >= 0x80 && code <= 0x9f) return `U+${hex4(code)}`
    // Outside ASCII a character may be invisible or look like another (no-break space, word joiner).
    if (code > 127) return `'${String.fromCodePoint(code)}' (U+${hex4(code)})`
    return `'${String.fromCodePoint(code)}'`
  }

  private columnAt(i: number): number {
    return this.carriedColumns + codePoints(this.text, this.lineStart, i) + 1
  }

  private byteAt(i: number): number {
    return this.chunkByte + Buffer.byteLength(this.text.slice(0, i))
  }

  private errorAt(i: number, reason: string): JsonSyntaxError {
    return new JsonSyntaxError(reason, this.lineNumber, this.columnAt(i), this.byteAt(i))
  }

  /** An error about the value that was just reported: located where that value starts. */
  private tokenError(reason: string): JsonSyntaxError {
    if (this.tokenIndex < 0) return new JsonSyntaxError(reason, this.tokenLine, this.tokenColumn, this.tokenByte)
    return new JsonSyntaxError(reason, this.tokenLine, this.columnAt(this.tokenIndex), this.byteAt(this.tokenIndex))
  }
}

function codePoints(text: string, from: number, to: number): number {
  if (to <= from) return 0
  const part = text.slice(from, to)
  if (!LOW_SURROGATE.test(part)) return part.length
  let count = 0
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i)
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && part.charCodeAt(i - 1) >= 0xd800 && part.charCodeAt(i - 1) <= 0xdbff)) count++
  }
  return count
}

function parseHexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  if (c >= 65 && c <= 70) return c - 55
  if (c >= 97 && c <= 102) return c - 87
  return -1
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0')
}

/** Why a common near-JSON spelling fails, for the error message. */
function valueHint(c: number): string {
  if (c === 39) return ' (strings use double quotes)'
  if (c === 47) return ' (JSON has no comments)'
  if (c === 78 || c === 73) return ' (NaN and Infinity are not JSON numbers)'
  if (c === 43 || c === 46) return " (a number starts with a digit or '-')"
  return ''
}
