import { attribute, officeText, xmlText } from './xml-text'

/** The most XML one row may take before the sheet is called damaged. */
export const MAX_ROW_CHARS = 256 * 1024 * 1024

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

/**
 * Reads a worksheet's XML (sheetN.xml) as it streams in, without building a tree: rows and their
 * cells are found with indexOf and charCodeAt and handed on one row at a time, so memory holds only
 * the text of the rows in the current chunk. Element names may carry a namespace prefix (x:row).
 * Written for speed: this runs once for every cell of a workbook.
 */
export class XlsxSheetScanner {
  private pending = ''
  private readonly current: RawRow = { row: 0, count: 0, columns: [], types: [], styles: [], values: [] }
  private inRow = false
  /** Merged ranges, as written (<mergeCell ref="A1:C1"/>); they follow the rows in the XML. */
  readonly merges: string[] = []
  /** Formula cells written without a saved value: there is nothing to show for them. */
  formulasWithoutValue = 0
  /** Set by `stop`: the rest of the XML is not read. */
  private stopped = false

  constructor(private readonly onRow: (row: RawRow) => void) {}

  feed(chunk: string): void {
    if (this.stopped) return
    const text = this.pending.length > 0 ? this.pending + chunk : chunk
    // Only whole rows are read; the tail waits for the next chunk.
    const cut = lastRowEnd(text)
    if (cut < 0) {
      // A row of 16,384 cells of 32,767 characters each is Excel's most; far past a real row's
      // size, the XML is damaged (or made to exhaust memory) and reading stops.
      if (text.length > MAX_ROW_CHARS) throw new RangeError(`a row is longer than ${MAX_ROW_CHARS / 1048576} MB of XML`)
      this.pending = text
      return
    }
    this.scan(text, cut)
    this.pending = text.slice(cut)
  }

  end(): void {
    if (!this.stopped) this.scan(this.pending, this.pending.length)
    this.pending = ''
  }

  /** Reads no further rows (the caller has seen enough). */
  stop(): void {
    this.stopped = true
  }

  private scan(text: string, limit: number): void {
    const row = this.current
    let pos = 0
    while (pos < limit && !this.stopped) {
      const open = text.indexOf('<', pos)
      if (open < 0 || open >= limit) break
      const closing = text.charCodeAt(open + 1) === 47
      const nameStart = closing ? open + 2 : open + 1
      // Fast path: an unprefixed <c …> start tag.
      if (!closing && text.charCodeAt(nameStart) === 99 && isNameEnd(text.charCodeAt(nameStart + 1))) {
        if (this.inRow) {
          pos = this.cell(text, open, nameStart + 1)
          continue
        }
      }
      const close = text.indexOf('>', open)
      if (close < 0) break
      const name = localName(text, nameStart)
      if (name === 'c' && !closing && this.inRow) {
        pos = this.cell(text, open, nameEndOf(text, nameStart))
        continue
      }
      if (name === 'row') {
        if (closing) {
          if (this.inRow) this.onRow(row)
          this.inRow = false
        } else {
          const tag = text.slice(open, close + 1)
          const r = attribute(tag, 'r')
          row.row = r !== null && /^[0-9]+$/.test(r) ? Number(r) : row.row + 1
          row.count = 0
          this.inRow = tag.charCodeAt(tag.length - 2) !== 47
        }
      } else if (name === 'mergeCell' && !closing) {
        const ref = attribute(text.slice(open, close + 1), 'ref')
        if (ref !== null) this.merges.push(ref)
      }
      pos = close + 1
    }
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
      if (Number.isNaN(code)) return text.length
      const equals = text.indexOf('=', i)
      if (equals < 0) return text.length
      let quoteAt = equals + 1
      while (text.charCodeAt(quoteAt) === 32) quoteAt++
      const valueStart = quoteAt + 1
      const valueEnd = text.indexOf(text.charCodeAt(quoteAt) === 39 ? "'" : '"', valueStart)
      if (valueEnd < 0) return text.length
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
    for (;;) {
      const lt = text.indexOf('<', at)
      if (lt < 0) return text.length
      if (text.charCodeAt(lt + 1) === 47) {
        // The end of the cell (</c>); a child's end tag is consumed where the child is read.
        if (formula && value === null) this.formulasWithoutValue++
        if (value !== null && type !== CELL_INLINE_STRING && type !== CELL_SHARED_STRING) value = type === CELL_FORMULA_STRING ? officeText(value) : xmlText(value)
        this.push(column, type, style, value)
        return text.indexOf('>', lt) + 1
      }
      const tagEnd = text.indexOf('>', lt)
      // Fast path: <v>digits</v>, the commonest child by far.
      if (text.charCodeAt(lt + 1) === 118 && tagEnd === lt + 2) {
        const end = text.indexOf('<', tagEnd)
        value = text.slice(tagEnd + 1, end)
        at = text.indexOf('>', end) + 1
        continue
      }
      const child = localName(text, lt + 1)
      if (text.charCodeAt(tagEnd - 1) === 47) {
        if (child === 'f') formula = true
        else if (child === 'v') value = ''
        at = tagEnd + 1
        continue
      }
      const childEnd = findClose(text, tagEnd + 1, child)
      if (child === 'v') value = text.slice(tagEnd + 1, childEnd)
      else if (child === 'f') formula = true
      else if (child === 'is') value = inlineText(text.slice(tagEnd + 1, childEnd))
      at = text.indexOf('>', childEnd) + 1
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

/** The offset just past the last </row> (or </x:row>, with any prefix), or -1. */
function lastRowEnd(text: string): number {
  for (let at = text.lastIndexOf('row>'); at >= 2; at = text.lastIndexOf('row>', at - 1)) {
    const before = text.charCodeAt(at - 1)
    if (before === 47 && text.charCodeAt(at - 2) === 60) return at + 4
    if (before === 58) {
      const open = text.lastIndexOf('</', at)
      if (open >= 0 && /^<\/[A-Za-z0-9_.-]+:$/.test(text.slice(open, at))) return at + 4
    }
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

/** Where the element `name` (with or without a prefix) that is open before `from` closes. */
function findClose(text: string, from: number, name: string): number {
  for (let at = text.indexOf('</', from); at >= 0; at = text.indexOf('</', at + 2)) {
    if (localName(text, at + 2) === name) return at
  }
  return text.length
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
    if (name === 'rPh') {
      skipUntil = findClose(inner, close + 1, 'rPh')
      continue
    }
    if (name !== 't') continue
    if (inner.charCodeAt(close - 1) === 47) {
      text ??= ''
      continue
    }
    const end = findClose(inner, close + 1, 't')
    text = (text ?? '') + officeText(inner.slice(close + 1, end))
    at = end
  }
  return text
}
