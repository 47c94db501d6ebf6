import { DamagedXml, elementTooLong, MAX_ELEMENT_CHARS } from './damaged-xml'
import { officeText, xmlText } from './xml-text'

/** A cell's t attribute, as a number: what its <v> holds. */
export const CELL_NUMBER = 0
export const CELL_SHARED_STRING = 1
export const CELL_FORMULA_STRING = 2
export const CELL_INLINE_STRING = 3
export const CELL_BOOLEAN = 4
export const CELL_ERROR = 5
export const CELL_ISO_DATE = 6

const LT = 60
const GT = 62
const SLASH = 47
const EQUALS = 61
const QUOTE = 34
const APOSTROPHE = 39
const AMPERSAND = 38
const UNDERSCORE = 95

/** What `cell` answers when the cell's XML has not all arrived yet. */
const INCOMPLETE = -1

const text = new TextDecoder()

/** The UTF-8 text of bytes[start, end) (the scanner's input is checked UTF-8: see streamXmlBytes). */
function decoded(bytes: Uint8Array, start: number, end: number): string {
  return text.decode(bytes.subarray(start, end))
}

/**
 * What the scanner hands a sheet's cells to, as they are read: `startRow`, then each cell of the row
 * (its value, if any, `bytes[start, end)` as written, or `text` once decoded, start -1), then `endRow`
 * at the row's end tag. The bytes are lent: they are read before `cell` returns.
 */
export interface SheetCells {
  startRow(row: number, hidden: boolean): void
  cell(column: number, type: number, style: number, bytes: Uint8Array, start: number, end: number, text: string | null): void
  endRow(): void
}

/**
 * One row's cells as the sheet XML stores them, before styles and shared strings give them meaning,
 * for a reader that wants them as text: cell k is at `columns[k]`, of type `types[k]` (CELL_…), cell
 * format `styles[k]`, with the <v> text or an inline string's text `values[k]` (null when it has
 * neither). The arrays are reused from row to row: a consumer reads them before its callback returns.
 */
export class RawRow implements SheetCells {
  row = 0
  /** The sheet hides the row (<row hidden="1">). */
  hidden = false
  count = 0
  readonly columns: number[] = []
  readonly types: number[] = []
  readonly styles: number[] = []
  readonly values: (string | null)[] = []

  constructor(private readonly onRow: (row: RawRow) => void) {}

  startRow(row: number, hidden: boolean): void {
    this.row = row
    this.hidden = hidden
    this.count = 0
  }

  cell(column: number, type: number, style: number, bytes: Uint8Array, start: number, end: number, text: string | null): void {
    const k = this.count++
    this.columns[k] = column
    this.types[k] = type
    this.styles[k] = style
    this.values[k] = start >= 0 ? decoded(bytes, start, end) : text
  }

  endRow(): void {
    this.onRow(this)
  }
}

/**
 * Reads a worksheet's XML (sheetN.xml) as UTF-8 bytes as they stream in, without decoding them or
 * building a tree: rows and their cells are found by looking at bytes, and handed on one row at a
 * time, so memory holds only the cell that is still arriving. Element names may carry a namespace
 * prefix (x:row). Written for speed: this runs once for every cell of a workbook.
 * XML that ends before the worksheet does, or rows out of order, are damage (DamagedXml): a sheet
 * cut short by a failed copy must not pass for a complete one.
 */
export class XlsxSheetScanner {
  /** Bytes not read yet (an element still arriving), `waitingLength` of them, at the start of `waiting`. */
  private waiting = new Uint8Array(64 * 1024)
  private waitingLength = 0
  private readonly cells: SheetCells
  /** The row being read (the last one read, between rows), and the column of its last cell. */
  private row = 0
  private lastColumn = -1
  private inRow = false
  /** Formula cells written without a saved value: there is nothing to show for them. */
  formulasWithoutValue = 0
  /** 0-based columns the sheet hides (<cols><col min max hidden="1">), in order. */
  private readonly hidden = new Set<number>()
  /** Set by `stop`: the rest of the XML is not read. */
  private stopped = false
  /** Whether the worksheet's root element has closed: the XML is whole. */
  private ended = false

  /** Hands the cells to `cells`, or (a function) to a RawRow given to it at each row's end. */
  constructor(cells: SheetCells | ((row: RawRow) => void)) {
    this.cells = typeof cells === 'function' ? new RawRow(cells) : cells
  }

  get hiddenColumns(): number[] {
    return [...this.hidden].sort((a, b) => a - b)
  }

  /** Reads the next piece of the sheet's XML: UTF-8 bytes (text is encoded first). */
  feed(piece: Uint8Array | string): void {
    if (this.stopped) return
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece
    let from = 0
    if (this.waitingLength > 0) {
      // A piece with neither < nor > completes nothing: a long text goes on. It waits unread, so a
      // cell of megabytes costs one pass, not one for each piece.
      from = chunk.indexOf(LT) < 0 && chunk.indexOf(GT) < 0 ? -1 : this.completeWaiting(chunk)
      if (from < 0) {
        this.wait(chunk, 0, chunk.length)
        from = chunk.length
      }
    }
    if (from < chunk.length) {
      const read = this.scan(chunk, from, chunk.length)
      if (read < chunk.length) this.wait(chunk, read, chunk.length)
    }
    if (this.waitingLength > MAX_ELEMENT_CHARS) throw elementTooLong(this.inRow ? `a cell in row ${this.row}` : 'an element')
  }

  /**
   * Reads what waits with as few of the first bytes of `chunk` as complete it (the rest of the chunk
   * is then read where it lies, not copied after what waits); answers where reading goes on in
   * `chunk`, or -1 when it did not complete (then none of the chunk has been taken).
   */
  private completeWaiting(chunk: Uint8Array): number {
    // As many bytes as wait, at least: what waits is read again with each try.
    for (let taken = Math.min(chunk.length, Math.max(1024, this.waitingLength)); ; taken = Math.min(chunk.length, taken * 4)) {
      const waited = this.waitingLength
      this.wait(chunk, 0, taken)
      const read = this.scan(this.waiting, 0, this.waitingLength)
      if (read >= waited) {
        // What waited has been read, and the chunk's bytes up to `read - waited` with it.
        this.waitingLength = 0
        return read - waited
      }
      // What was read is let go; the chunk's bytes are taken again from its start, more of them.
      this.waiting.copyWithin(0, read, waited)
      this.waitingLength = waited - read
      if (taken === chunk.length || this.stopped) return -1
    }
  }

  /** The XML has all been fed: refuses it unless it ended where a worksheet ends. */
  end(): void {
    if (this.stopped) return
    const length = this.waitingLength
    if (this.scanWaiting() < length || this.inRow || !this.ended) throw new DamagedXml('ends mid-way through its XML')
  }

  /** Reads no further rows (the caller has seen enough). */
  stop(): void {
    this.stopped = true
  }

  /** Scans what waits; keeps what is not read yet, and answers how far it read. */
  private scanWaiting(): number {
    const length = this.waitingLength
    const read = this.scan(this.waiting, 0, length)
    this.waiting.copyWithin(0, read, length)
    this.waitingLength = length - read
    return read
  }

  private wait(bytes: Uint8Array, start: number, end: number): void {
    const length = end - start
    if (this.waitingLength + length > this.waiting.length) {
      const grown = new Uint8Array(Math.max(this.waiting.length * 2, this.waitingLength + length))
      grown.set(this.waiting.subarray(0, this.waitingLength))
      this.waiting = grown
    }
    this.waiting.set(bytes.subarray(start, end), this.waitingLength)
    this.waitingLength += length
  }

  /** Reads the rows and cells in b[start, end); returns how far it read (the start of an element not all there). */
  private scan(b: Uint8Array, start: number, end: number): number {
    let pos = start
    while (!this.stopped) {
      let open = pos
      while (open < end && b[open] !== LT) open++
      if (open >= end) return end
      const closing = b[open + 1] === SLASH
      const nameStart = closing ? open + 2 : open + 1
      // Fast path: an unprefixed <c …> start tag.
      if (!closing && this.inRow && b[nameStart] === 99 && nameStart + 1 < end && isNameEnd(b[nameStart + 1]!)) {
        const next = this.cell(b, end, nameStart + 1)
        if (next === INCOMPLETE) return open
        pos = next
        continue
      }
      const comment = afterComment(b, end, open)
      if (comment !== null) {
        if (comment === INCOMPLETE) return open
        pos = comment
        continue
      }
      let close = open
      while (close < end && b[close] !== GT) close++
      if (close >= end) return open
      const nameEnd = nameEndOf(b, end, nameStart)
      const local = localStart(b, nameStart, nameEnd)
      if (!closing && this.inRow && isName(b, local, nameEnd, 'c')) {
        const next = this.cell(b, end, nameEnd)
        if (next === INCOMPLETE) return open
        pos = next
        continue
      }
      if (isName(b, local, nameEnd, 'row')) {
        if (closing) {
          if (this.inRow) this.cells.endRow()
          this.inRow = false
        } else this.startRow(b, nameEnd, close)
      } else if (!closing && isName(b, local, nameEnd, 'col')) this.hideColumns(b, nameEnd, close)
      else if (closing && isName(b, local, nameEnd, 'worksheet')) this.ended = true
      pos = close + 1
    }
    return pos
  }

  /** A <row> start tag, its attributes in b[from, close): its number, whether it is hidden. */
  private startRow(b: Uint8Array, from: number, close: number): void {
    let number = -1
    let hidden = false
    // A loop rather than forEachAttribute: a row's tag is read hundreds of thousands of times, and a
    // callback that assigns to these variables is a closure made for each.
    const found = ATTRIBUTE
    for (let at = nextAttribute(b, from, close, found); at >= 0; at = nextAttribute(b, at, close, found)) {
      if (isName(b, found[0]!, found[1]!, 'r')) number = digitsAt(b, found[2]!, found[3]!)
      else if (isName(b, found[0]!, found[1]!, 'hidden')) hidden = isTrue(b, found[2]!, found[3]!)
    }
    if (number >= 0) {
      // Excel writes rows in order and repairs a file that does not: which of two rows
      // numbered alike is meant, or where a row out of order belongs, cannot be known.
      if (number <= this.row) throw new DamagedXml(`has row ${number} after row ${this.row}`)
      this.row = number
    } else this.row++
    this.lastColumn = -1
    this.inRow = b[close - 1] !== SLASH
    if (this.inRow) this.cells.startRow(this.row, hidden)
  }

  /** A <col> element (its attributes in b[from, close)): the columns it hides, when it does. */
  private hideColumns(b: Uint8Array, from: number, close: number): void {
    let min = -1
    let max = -1
    let hidden = false
    forEachAttribute(b, from, close, (nameStart, nameEnd, start, end) => {
      if (isName(b, nameStart, nameEnd, 'min')) min = digitsAt(b, start, end)
      else if (isName(b, nameStart, nameEnd, 'max')) max = digitsAt(b, start, end)
      else if (isName(b, nameStart, nameEnd, 'hidden')) hidden = isTrue(b, start, end)
    })
    if (!hidden || min < 1) return
    // A sheet has 16,384 columns; a range past them hides nothing more.
    const last = Math.min(max < min ? min : max, 16_384)
    for (let column = min; column <= last; column++) this.hidden.add(column - 1)
  }

  /** Reads the cell whose start tag's attributes begin at `from` and adds it to the row; returns where reading goes on. */
  private cell(b: Uint8Array, end: number, from: number): number {
    let column = -2
    let type = CELL_NUMBER
    let style = 0
    // Attributes r (reference), t (type) and s (style); others are skipped.
    let i = from
    let close = -1
    for (;;) {
      if (i >= end) return INCOMPLETE
      const code = b[i]!
      if (code === GT) {
        close = i
        break
      }
      if (code === 32 || code === 9 || code === 10 || code === 13 || code === SLASH) {
        i++
        continue
      }
      let equals = i
      while (equals < end && b[equals] !== EQUALS) equals++
      let quoteAt = equals + 1
      while (quoteAt < end && b[quoteAt] === 32) quoteAt++
      if (quoteAt >= end) return INCOMPLETE
      const quote = b[quoteAt] === APOSTROPHE ? APOSTROPHE : QUOTE
      const valueStart = quoteAt + 1
      let valueEnd = valueStart
      while (valueEnd < end && b[valueEnd] !== quote) valueEnd++
      if (valueEnd >= end) return INCOMPLETE
      let nameEnd = equals
      while (b[nameEnd - 1] === 32) nameEnd--
      if (nameEnd - i === 1) {
        const attribute = b[i]
        if (attribute === 114) column = columnAt(b, valueStart, valueEnd)
        else if (attribute === 116) type = cellType(b, valueStart, valueEnd)
        else if (attribute === 115) style = Math.max(0, digitsAt(b, valueStart, valueEnd))
      }
      i = valueEnd + 1
    }
    if (column === -2) column = this.lastColumn + 1
    if (b[close - 1] === SLASH) {
      this.addCell(column, type, style, b, -1, -1, null)
      return close + 1
    }
    // Fast path: <v>value</v></c> exactly, the commonest cell by far, read in one pass. Anything
    // else, or a cell not all there yet, is read below.
    const v = close + 1
    if (b[v] === LT && b[v + 1] === 118 && b[v + 2] === GT) {
      let valueClose = v + 3
      while (valueClose < end && b[valueClose] !== LT) valueClose++
      const after = valueClose + 8
      if (after <= end && isCellEnd(b, valueClose) && (type === CELL_SHARED_STRING || type === CELL_INLINE_STRING || !needsDecoding(b, v + 3, valueClose, type === CELL_FORMULA_STRING))) {
        this.addCell(column, type, style, b, v + 3, valueClose, null)
        return after
      }
    }
    // The value: b[valueStart, valueEnd) as written, or `value` once decoded; neither when -1 and null.
    let valueStart = -1
    let valueEnd = -1
    let value: string | null = null
    let formula = false
    let at = close + 1
    // Nothing is kept from a cell until its end tag has come: one not all there is read again, whole,
    // once more of the XML has arrived.
    for (;;) {
      let lt = at
      while (lt < end && b[lt] !== LT) lt++
      let tagEnd = lt
      while (tagEnd < end && b[tagEnd] !== GT) tagEnd++
      if (tagEnd >= end) return INCOMPLETE
      if (b[lt + 1] === SLASH) {
        // The end of the cell (</c>); a child's end tag is consumed where the child is read.
        if (formula && valueStart < 0 && value === null) this.formulasWithoutValue++
        if (valueStart >= 0 && type !== CELL_INLINE_STRING && type !== CELL_SHARED_STRING && needsDecoding(b, valueStart, valueEnd, type === CELL_FORMULA_STRING)) {
          const raw = decoded(b, valueStart, valueEnd)
          value = type === CELL_FORMULA_STRING ? officeText(raw) : xmlText(raw)
          valueStart = -1
        }
        this.addCell(column, type, style, b, valueStart, valueEnd, value)
        return tagEnd + 1
      }
      // Fast path: <v>digits</v>, the commonest child by far.
      if (b[lt + 1] === 118 && tagEnd === lt + 2) {
        let valueClose = tagEnd + 1
        while (valueClose < end && b[valueClose] !== LT) valueClose++
        let endClose = valueClose
        while (endClose < end && b[endClose] !== GT) endClose++
        if (endClose >= end) return INCOMPLETE
        valueStart = tagEnd + 1
        valueEnd = valueClose
        value = null
        at = endClose + 1
        continue
      }
      const comment = afterComment(b, end, lt)
      if (comment !== null) {
        if (comment === INCOMPLETE) return INCOMPLETE
        at = comment
        continue
      }
      const childEnd = nameEndOf(b, end, lt + 1)
      const child = decoded(b, localStart(b, lt + 1, childEnd), childEnd)
      if (b[tagEnd - 1] === SLASH) {
        if (child === 'f') formula = true
        else if (child === 'v') {
          valueStart = valueEnd = tagEnd
          value = null
        }
        at = tagEnd + 1
        continue
      }
      const childClose = findChildClose(b, end, tagEnd + 1, child)
      if (childClose < 0) return INCOMPLETE
      // A child left open ends where its cell does, whose end tag is then read as the cell's.
      let next = childClose
      if (isName(b, localStart(b, childClose + 2, nameEndOf(b, end, childClose + 2)), nameEndOf(b, end, childClose + 2), child)) {
        next = childClose
        while (next < end && b[next] !== GT) next++
        if (next >= end) return INCOMPLETE
        next++
      }
      if (child === 'v') {
        valueStart = tagEnd + 1
        valueEnd = childClose
        value = null
      } else if (child === 'f') formula = true
      else if (child === 'is') {
        value = inlineText(decoded(b, tagEnd + 1, childClose))
        valueStart = -1
      }
      at = next
    }
  }

  private addCell(column: number, type: number, style: number, b: Uint8Array, start: number, end: number, text: string | null): void {
    if (column < 0) return
    this.lastColumn = column
    this.cells.cell(column, type, style, b, start, end, text)
  }
}

/** Whether `</v></c>` starts at b[at] (the caller has checked that its 8 bytes are there). */
function isCellEnd(b: Uint8Array, at: number): boolean {
  return b[at + 1] === SLASH && b[at + 2] === 118 && b[at + 3] === GT && b[at + 4] === LT && b[at + 5] === SLASH && b[at + 6] === 99 && b[at + 7] === GT
}

/** Whether b[start, end) holds an entity (or, in a formula's string, an Office _xHHHH_ escape). */
function needsDecoding(b: Uint8Array, start: number, end: number, office: boolean): boolean {
  for (let i = start; i < end; i++) {
    const code = b[i]
    if (code === AMPERSAND || (office && code === UNDERSCORE && b[i + 1] === 120)) return true
  }
  return false
}

/** Where nextAttribute puts what it finds: name start, name end, value start, value end. */
const ATTRIBUTE = new Int32Array(4)

/**
 * Finds the first attribute in b[from, close) and puts where its name and value lie in `found`;
 * answers where to look for the next one, or -1 when there is none.
 */
function nextAttribute(b: Uint8Array, from: number, close: number, found: Int32Array): number {
  let i = from
  while (i < close) {
    const code = b[i]!
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === SLASH) {
      i++
      continue
    }
    let equals = i
    while (equals < close && b[equals] !== EQUALS) equals++
    let quoteAt = equals + 1
    while (quoteAt < close && b[quoteAt] === 32) quoteAt++
    if (quoteAt >= close) return -1
    const quote = b[quoteAt]
    if (quote !== QUOTE && quote !== APOSTROPHE) return -1
    let valueEnd = quoteAt + 1
    while (valueEnd < close && b[valueEnd] !== quote) valueEnd++
    let nameEnd = equals
    while (b[nameEnd - 1] === 32) nameEnd--
    found[0] = i
    found[1] = nameEnd
    found[2] = quoteAt + 1
    found[3] = valueEnd
    return valueEnd + 1
  }
  return -1
}

/** Calls `onAttribute` with where each attribute's name, and its value, lie in b[from, close). */
function forEachAttribute(b: Uint8Array, from: number, close: number, onAttribute: (nameStart: number, nameEnd: number, start: number, end: number) => void): void {
  const found = new Int32Array(4)
  for (let at = nextAttribute(b, from, close, found); at >= 0; at = nextAttribute(b, at, close, found)) onAttribute(found[0]!, found[1]!, found[2]!, found[3]!)
}

/** Where reading goes on after the comment that opens at `lt` (INCOMPLETE before its end has come); null when none opens there. */
function afterComment(b: Uint8Array, end: number, lt: number): number | null {
  if (b[lt + 1] !== 33 || b[lt + 2] !== 45 || b[lt + 3] !== 45) {
    // `<!-` cut at the chunk's end may yet be a comment.
    if (lt + 3 >= end && b[lt + 1] === 33 && (lt + 2 >= end || b[lt + 2] === 45)) return INCOMPLETE
    return null
  }
  for (let i = lt + 4; i + 2 < end; i++) if (b[i] === 45 && b[i + 1] === 45 && b[i + 2] === GT) return i + 3
  return INCOMPLETE
}

function isNameEnd(code: number): boolean {
  return code === 32 || code === GT || code === SLASH || code === 9 || code === 10 || code === 13
}

function nameEndOf(b: Uint8Array, end: number, start: number): number {
  let at = start
  while (at < end && !isNameEnd(b[at]!)) at++
  return at
}

/** Where the name b[start, end) begins once a namespace prefix is left out. */
function localStart(b: Uint8Array, start: number, end: number): number {
  let local = start
  for (let i = start; i < end; i++) if (b[i] === 58) local = i + 1
  return local
}

function isName(b: Uint8Array, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false
  for (let i = 0; i < name.length; i++) if (b[start + i] !== name.charCodeAt(i)) return false
  return true
}

function isTrue(b: Uint8Array, start: number, end: number): boolean {
  return isName(b, start, end, '1') || isName(b, start, end, 'true')
}

/** The t attribute's value b[start, end) as a CELL_… number. */
function cellType(b: Uint8Array, start: number, end: number): number {
  const first = b[start]
  if (first === 115) return end - start === 1 ? CELL_SHARED_STRING : CELL_FORMULA_STRING
  if (first === 105) return CELL_INLINE_STRING
  if (first === 98) return CELL_BOOLEAN
  if (first === 101) return CELL_ERROR
  if (first === 100) return CELL_ISO_DATE
  return CELL_NUMBER
}

/** The whole number written in b[start, end), or -1 when it is not one (or empty). */
export function digitsAt(b: Uint8Array, start: number, end: number): number {
  if (end <= start) return -1
  let value = 0
  for (let i = start; i < end; i++) {
    const digit = b[i]! - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/** The 0-based column of the reference b[start, end) ("AB12" → 27), or -1. */
function columnAt(b: Uint8Array, start: number, end: number): number {
  let column = 0
  for (let i = start; i < end; i++) {
    const code = b[i]!
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64)
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96)
    else if (code !== 36) break
  }
  return column > 0 && column <= 16_384 ? column - 1 : -1
}

/**
 * Where a cell's child element `name` that is open before `from` closes, or where its cell or row
 * does, whichever comes first (a child left open ends with its cell); -1 when neither is in b[, end).
 * Stopping there keeps garbage (what damaged bytes inflate to) from being searched to its end
 * again with every chunk that arrives.
 */
function findChildClose(b: Uint8Array, end: number, from: number, name: string): number {
  for (let at = from; at + 1 < end; at++) {
    if (b[at] !== LT || b[at + 1] !== SLASH) continue
    const nameEnd = nameEndOf(b, end, at + 2)
    const local = localStart(b, at + 2, nameEnd)
    if (isName(b, local, nameEnd, name) || isName(b, local, nameEnd, 'c') || isName(b, local, nameEnd, 'row')) return at
  }
  return -1
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
