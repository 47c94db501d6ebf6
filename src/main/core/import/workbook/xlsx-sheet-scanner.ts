import { attribute, officeText, xmlText } from './xml-text'

/** One cell as the sheet XML stores it, before styles and shared strings give it meaning. */
export interface RawCell {
  column: number
  /** The t attribute: s, str, inlineStr, b, e, d, n; '' when absent (a number). */
  type: string
  /** Index into the workbook's cell formats; 0 when absent. */
  style: number
  /** The <v> text, or an inline string's text; null when the cell has neither. */
  value: string | null
  formula: boolean
}

/**
 * Reads a worksheet's XML (sheetN.xml) as it streams in, without building a tree: rows and their
 * cells are found with indexOf and handed on one row at a time, so memory holds only the text of
 * the rows in the current chunk. Element names may carry a namespace prefix (x:row).
 */
export class XlsxSheetScanner {
  private pending = ''
  private rowNumber = 0
  /** Merged ranges, as written (<mergeCell ref="A1:C1"/>); they follow the rows in the XML. */
  readonly merges: string[] = []
  /** Formula cells written without a saved value: there is nothing to show for them. */
  formulasWithoutValue = 0

  constructor(private readonly onRow: (row: number, cells: RawCell[]) => void) {}

  feed(chunk: string): void {
    const text = this.pending + chunk
    // Only whole rows are read; the tail waits for the next chunk.
    const cut = lastRowEnd(text)
    if (cut < 0) {
      this.pending = text
      return
    }
    this.scan(text, cut)
    this.pending = text.slice(cut)
  }

  end(): void {
    this.scan(this.pending, this.pending.length)
    this.pending = ''
  }

  private scan(text: string, limit: number): void {
    let pos = 0
    let cells: RawCell[] | null = null
    let previousColumn = -1
    while (pos < limit) {
      const open = text.indexOf('<', pos)
      if (open < 0 || open >= limit) break
      const close = text.indexOf('>', open)
      if (close < 0) break
      const closing = text.charCodeAt(open + 1) === 47
      const name = localName(text, closing ? open + 2 : open + 1)
      if (name === 'c' && !closing && cells !== null) {
        pos = this.cell(text, open, close, cells, previousColumn)
        previousColumn = cells.length > 0 ? cells[cells.length - 1]!.column : previousColumn
        continue
      }
      if (name === 'row') {
        if (closing) {
          if (cells !== null) this.onRow(this.rowNumber, cells)
          cells = null
        } else {
          const tag = text.slice(open, close + 1)
          const r = attribute(tag, 'r')
          this.rowNumber = r !== null && /^[0-9]+$/.test(r) ? Number(r) : this.rowNumber + 1
          previousColumn = -1
          cells = tag.charCodeAt(tag.length - 2) === 47 ? null : []
        }
      } else if (name === 'mergeCell' && !closing) {
        const ref = attribute(text.slice(open, close + 1), 'ref')
        if (ref !== null) this.merges.push(ref)
      }
      pos = close + 1
    }
  }

  /**
   * Reads the cell whose start tag spans [open, close] and pushes it; returns where reading goes on.
   * Written with charCodeAt and indexOf rather than slices and regular expressions: this runs once for
   * every cell of a sheet.
   */
  private cell(text: string, open: number, close: number, cells: RawCell[], previousColumn: number): number {
    let column = -2
    let type = ''
    let style = 0
    // Attributes (after the element's name, which may carry a prefix): r (reference), t (type),
    // s (style); others are skipped.
    let i = open + 1
    for (let code = text.charCodeAt(i); code !== 32 && code !== 9 && code !== 10 && code !== 13 && code !== 47 && code !== 62; code = text.charCodeAt(++i));
    while (i < close) {
      const code = text.charCodeAt(i)
      if (code === 32 || code === 9 || code === 10 || code === 13 || code === 47) {
        i++
        continue
      }
      const equals = text.indexOf('=', i)
      if (equals < 0 || equals > close) break
      const quote = text.charCodeAt(equals + 1)
      const valueEnd = text.indexOf(quote === 39 ? "'" : '"', equals + 2)
      const nameLength = equals - i
      if (nameLength === 1) {
        const attribute = text.charCodeAt(i)
        if (attribute === 114) column = columnAt(text, equals + 2, valueEnd)
        else if (attribute === 116) type = text.slice(equals + 2, valueEnd)
        else if (attribute === 115) style = Number(text.slice(equals + 2, valueEnd)) || 0
      }
      i = valueEnd + 1
    }
    if (column === -2) column = previousColumn + 1
    if (text.charCodeAt(close - 1) === 47) {
      if (column >= 0) cells.push({ column, type, style, value: null, formula: false })
      return close + 1
    }
    let value: string | null = null
    let formula = false
    let at = close + 1
    for (;;) {
      const lt = text.indexOf('<', at)
      if (lt < 0) return text.length
      const tagEnd = text.indexOf('>', lt)
      if (text.charCodeAt(lt + 1) === 47) {
        // The end of the cell (</c>); a child's end tag is consumed where the child is read.
        if (column >= 0) {
          if (formula && value === null) this.formulasWithoutValue++
          cells.push({ column, type, style, value: value === null || type === 'inlineStr' ? value : type === 'str' ? officeText(value) : xmlText(value), formula })
        }
        return tagEnd + 1
      }
      const child = localName(text, lt + 1)
      const selfClosing = text.charCodeAt(tagEnd - 1) === 47
      if (selfClosing) {
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
    if (Number.isNaN(code) || code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13) break
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

function hasChild(inner: string, name: string): boolean {
  for (let at = inner.indexOf('<'); at >= 0; at = inner.indexOf('<', at + 1)) {
    if (inner.charCodeAt(at + 1) !== 47 && localName(inner, at + 1) === name) return true
  }
  return false
}

/** The raw text of the first child element `name`, or null when there is none. */
function childText(inner: string, name: string): string | null {
  for (let at = inner.indexOf('<'); at >= 0; at = inner.indexOf('<', at + 1)) {
    if (inner.charCodeAt(at + 1) === 47 || localName(inner, at + 1) !== name) continue
    const close = inner.indexOf('>', at)
    if (inner.charCodeAt(close - 1) === 47) return ''
    const end = findClose(inner, close + 1, name)
    return inner.slice(close + 1, end)
  }
  return null
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
