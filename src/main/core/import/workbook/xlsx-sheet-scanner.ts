import { DamagedXml, elementTooLong, MAX_ELEMENT_CHARS } from './damaged-xml'
import { attribute, officeText, xmlText } from './xml-text'

/** A cell's t attribute, as a number: what its <v> holds. */
export const CELL_NUMBER = 0
export const CELL_SHARED_STRING = 1
export const CELL_FORMULA_STRING = 2
export const CELL_INLINE_STRING = 3
export const CELL_BOOLEAN = 4
export const CELL_ERROR = 5
export const CELL_ISO_DATE = 6

/**
 * One row's cells as the sheet XML stores them, before styles and shared strings give them meaning:
 * cell k is at `columns[k]`, of type `types[k]` (CELL_…), cell format `styles[k]`, with the <v>
 * text or an inline string's text `values[k]` (null when it has neither). The arrays are reused
 * from row to row: a consumer reads them before its callback returns.
 */
export interface RawRow {
  row: number
  count: number
  columns: number[]
  types: number[]
  styles: number[]
  values: (string | null)[]
}

/** What `cell` answers when the cell's XML has not all arrived yet. */
const INCOMPLETE = -1

/**
 * Reads a worksheet's XML (sheetN.xml) as it streams in, without building a tree: rows and their
 * cells are found with indexOf and charCodeAt and handed on one row at a time, so memory holds only
 * the cell that is still arriving. Element names may carry a namespace prefix (x:row).
 * Written for speed: this runs once for every cell of a workbook.
 * XML that ends before the worksheet does, or rows out of order, are damage (DamagedXml): a sheet
 * cut short by a failed copy must not pass for a complete one.
 */
export class XlsxSheetScanner {
  /** Text not read yet, in the pieces it came in: an element (a cell, mostly) still arriving. */
  private waiting: string[] = []
  private waitingLength = 0
  private readonly current: RawRow = { row: 0, count: 0, columns: [], types: [], styles: [], values: [] }
  private inRow = false
  /** Formula cells written without a saved value: there is nothing to show for them. */
  formulasWithoutValue = 0
  /** Set by `stop`: the rest of the XML is not read. */
  private stopped = false
  /** Whether the worksheet's root element has closed: the XML is whole. */
  private ended = false

  constructor(private readonly onRow: (row: RawRow) => void) {}

  feed(chunk: string): void {
    if (this.stopped) return
    // A piece with neither < nor > completes nothing: a long text goes on. It waits unread, so a
    // cell of megabytes costs one pass, not one for each piece.
    if (this.waitingLength > 0 && chunk.indexOf('<') < 0 && chunk.indexOf('>') < 0) {
      this.wait(chunk)
      return
    }
    const text = this.waitingLength > 0 ? this.waiting.join('') + chunk : chunk
    const read = this.scan(text)
    this.waiting = []
    this.waitingLength = 0
    if (read < text.length) this.wait(text.slice(read))
  }

  /** The XML has all been fed: refuses it unless it ended where a worksheet ends. */
  end(): void {
    if (this.stopped) return
    const text = this.waiting.join('')
    this.waiting = []
    this.waitingLength = 0
    if (this.scan(text) < text.length || this.inRow || !this.ended) throw new DamagedXml('ends mid-way through its XML')
  }

  /** Reads no further rows (the caller has seen enough). */
  stop(): void {
    this.stopped = true
  }

  private wait(text: string): void {
    this.waiting.push(text)
    this.waitingLength += text.length
    if (this.waitingLength > MAX_ELEMENT_CHARS) throw elementTooLong(this.inRow ? `a cell in row ${this.current.row}` : 'an element')
  }

  /** Reads the rows and cells in `text`; returns how far it read (the start of an element not all there). */
  private scan(text: string): number {
    const row = this.current
    let pos = 0
    while (!this.stopped) {
      const open = text.indexOf('<', pos)
      if (open < 0) return text.length
      const closing = text.charCodeAt(open + 1) === 47
      const nameStart = closing ? open + 2 : open + 1
      // Fast path: an unprefixed <c …> start tag.
      if (!closing && this.inRow && text.charCodeAt(nameStart) === 99 && isNameEnd(text.charCodeAt(nameStart + 1))) {
        const next = this.cell(text, open, nameStart + 1)
        if (next === INCOMPLETE) return open
        pos = next
        continue
      }
      const comment = afterComment(text, open)
      if (comment !== null) {
        if (comment === INCOMPLETE) return open
        pos = comment
        continue
      }
      const close = text.indexOf('>', open)
      if (close < 0) return open
      const name = localName(text, nameStart)
      if (name === 'c' && !closing && this.inRow) {
        const next = this.cell(text, open, nameEndOf(text, nameStart))
        if (next === INCOMPLETE) return open
        pos = next
        continue
      }
      if (name === 'row') {
        if (closing) {
          if (this.inRow) this.onRow(row)
          this.inRow = false
        } else {
          const tag = text.slice(open, close + 1)
          const r = attribute(tag, 'r')
          if (r !== null && /^[0-9]+$/.test(r)) {
            // Excel writes rows in order and repairs a file that does not: which of two rows
            // numbered alike is meant, or where a row out of order belongs, cannot be known.
            if (Number(r) <= row.row) throw new DamagedXml(`has row ${r} after row ${row.row}`)
            row.row = Number(r)
          } else row.row++
          row.count = 0
          this.inRow = tag.charCodeAt(tag.length - 2) !== 47
        }
      } else if (name === 'worksheet' && closing) this.ended = true
      pos = close + 1
    }
    return pos
  }

  /** Reads the cell whose start tag opens at `open` (its attributes from `from` on) and adds it to the row; returns where reading goes on. */
  private cell(text: string, open: number, from: number): number {
    const row = this.current
    let column = -2
    let type = CELL_NUMBER
    let style = 0
    // Attributes r (reference), t (type) and s (style); others are skipped.
    let i = from
    let close = -1
    for (;;) {
      const code = text.charCodeAt(i)
      if (code === 62) {
        close = i
        break
      }
      if (code === 32 || code === 9 || code === 10 || code === 13 || code === 47) {
        i++
        continue
      }
      if (Number.isNaN(code)) return INCOMPLETE
      const equals = text.indexOf('=', i)
      if (equals < 0) return INCOMPLETE
      let quoteAt = equals + 1
      while (text.charCodeAt(quoteAt) === 32) quoteAt++
      const valueStart = quoteAt + 1
      const valueEnd = text.indexOf(text.charCodeAt(quoteAt) === 39 ? "'" : '"', valueStart)
      if (valueEnd < 0) return INCOMPLETE
      let nameEnd = equals
      while (text.charCodeAt(nameEnd - 1) === 32) nameEnd--
      if (nameEnd - i === 1) {
        const attribute = text.charCodeAt(i)
        if (attribute === 114) column = columnAt(text, valueStart, valueEnd)
        else if (attribute === 116) type = cellType(text, valueStart, valueEnd)
        else if (attribute === 115) style = digitsAt(text, valueStart, valueEnd)
      }
      i = valueEnd + 1
    }
    const count = row.count
    if (column === -2) column = count > 0 ? row.columns[count - 1]! + 1 : 0
    if (text.charCodeAt(close - 1) === 47) {
      this.push(column, type, style, null)
      return close + 1
    }
    let value: string | null = null
    let formula = false
    let at = close + 1
    // Nothing is kept from a cell until its end tag has come: one not all there is read again, whole,
    // once more of the XML has arrived.
    for (;;) {
      const lt = text.indexOf('<', at)
      if (lt < 0) return INCOMPLETE
      const tagEnd = text.indexOf('>', lt)
      if (tagEnd < 0) return INCOMPLETE
      if (text.charCodeAt(lt + 1) === 47) {
        // The end of the cell (</c>); a child's end tag is consumed where the child is read.
        if (formula && value === null) this.formulasWithoutValue++
        if (value !== null && type !== CELL_INLINE_STRING && type !== CELL_SHARED_STRING) value = type === CELL_FORMULA_STRING ? officeText(value) : xmlText(value)
        this.push(column, type, style, value)
        return tagEnd + 1
      }
      // Fast path: <v>digits</v>, the commonest child by far.
      if (text.charCodeAt(lt + 1) === 118 && tagEnd === lt + 2) {
        const end = text.indexOf('<', tagEnd)
        const endClose = end < 0 ? -1 : text.indexOf('>', end)
        if (endClose < 0) return INCOMPLETE
        value = text.slice(tagEnd + 1, end)
        at = endClose + 1
        continue
      }
      const comment = afterComment(text, lt)
      if (comment !== null) {
        if (comment === INCOMPLETE) return INCOMPLETE
        at = comment
        continue
      }
      const child = localName(text, lt + 1)
      if (text.charCodeAt(tagEnd - 1) === 47) {
        if (child === 'f') formula = true
        else if (child === 'v') value = ''
        at = tagEnd + 1
        continue
      }
      const childEnd = findChildClose(text, tagEnd + 1, child)
      if (childEnd < 0) return INCOMPLETE
      // A child left open ends where its cell does, whose end tag is then read as the cell's.
      const next = localName(text, childEnd + 2) === child ? text.indexOf('>', childEnd) + 1 : childEnd
      if (next === 0) return INCOMPLETE
      if (child === 'v') value = text.slice(tagEnd + 1, childEnd)
      else if (child === 'f') formula = true
      else if (child === 'is') value = inlineText(text.slice(tagEnd + 1, childEnd))
      at = next
    }
  }

  private push(column: number, type: number, style: number, value: string | null): void {
    if (column < 0) return
    const row = this.current
    const k = row.count++
    row.columns[k] = column
    row.types[k] = type
    row.styles[k] = style
    row.values[k] = value
  }
}

/** Where reading goes on after the comment that opens at `lt` (INCOMPLETE before its end has come); null when none opens there. */
function afterComment(text: string, lt: number): number | null {
  if (!text.startsWith('!--', lt + 1)) return null
  const end = text.indexOf('-->', lt + 4)
  return end < 0 ? INCOMPLETE : end + 3
}

function isNameEnd(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13
}

function nameEndOf(text: string, start: number): number {
  let end = start
  while (!isNameEnd(text.charCodeAt(end)) && end < text.length) end++
  return end
}

/** The t attribute's value text[start, end) as a CELL_… number. */
function cellType(text: string, start: number, end: number): number {
  const first = text.charCodeAt(start)
  const length = end - start
  if (first === 115) return length === 1 ? CELL_SHARED_STRING : CELL_FORMULA_STRING
  if (first === 105) return CELL_INLINE_STRING
  if (first === 98) return CELL_BOOLEAN
  if (first === 101) return CELL_ERROR
  if (first === 100) return CELL_ISO_DATE
  return CELL_NUMBER
}

function digitsAt(text: string, start: number, end: number): number {
  let value = 0
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return 0
    value = value * 10 + digit
  }
  return value
}

/** The 0-based column of the reference text[start, end) ("AB12" → 27), or -1. */
function columnAt(text: string, start: number, end: number): number {
  let column = 0
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64)
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96)
    else if (code !== 36) break
  }
  return column > 0 && column <= 16_384 ? column - 1 : -1
}

/** The element name at `start` without its namespace prefix. */
function localName(text: string, start: number): string {
  let end = start
  let colon = -1
  for (;;) {
    const code = text.charCodeAt(end)
    if (Number.isNaN(code) || isNameEnd(code)) break
    if (code === 58) colon = end
    end++
  }
  return text.slice(colon >= 0 ? colon + 1 : start, end)
}

/** Where the element `name` (with or without a prefix) that is open before `from` closes; -1 when it does not in `text`. */
function findClose(text: string, from: number, name: string): number {
  for (let at = text.indexOf('</', from); at >= 0; at = text.indexOf('</', at + 2)) {
    if (localName(text, at + 2) === name) return at
  }
  return -1
}

/**
 * Where a cell's child element `name` that is open before `from` closes, or where its cell or row
 * does, whichever comes first (a child left open ends with its cell); -1 when neither is in `text`.
 * Stopping there keeps garbage (what damaged bytes inflate to) from being searched to its end
 * again with every chunk that arrives.
 */
function findChildClose(text: string, from: number, name: string): number {
  for (let at = text.indexOf('</', from); at >= 0; at = text.indexOf('</', at + 2)) {
    const local = localName(text, at + 2)
    if (local === name || local === 'c' || local === 'row') return at
  }
  return -1
}

/**
 * The text of a rich or plain string (<si> in shared strings, <is> in a cell): its <t> runs joined,
 * leaving out phonetic guides (<rPh>), decoded.
 */
export function inlineText(inner: string): string | null {
  let text: string | null = null
  let skipUntil = -1
  for (let at = inner.indexOf('<'); at >= 0; at = inner.indexOf('<', at + 1)) {
    if (at < skipUntil || inner.charCodeAt(at + 1) === 47) continue
    const name = localName(inner, at + 1)
    const close = inner.indexOf('>', at)
    if (close < 0) break
    // An element left open runs to the end of the string (the string itself did end).
    if (name === 'rPh') {
      skipUntil = findClose(inner, close + 1, 'rPh')
      if (skipUntil < 0) break
      continue
    }
    if (name !== 't') continue
    if (inner.charCodeAt(close - 1) === 47) {
      text ??= ''
      continue
    }
    const found = findClose(inner, close + 1, 't')
    const end = found < 0 ? inner.length : found
    text = (text ?? '') + officeText(inner.slice(close + 1, end))
    at = end
  }
  return text
}
