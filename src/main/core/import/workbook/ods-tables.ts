/** What `OdsTables.scan` answers when a tag it needs has not all arrived yet. */
export const TAG_INCOMPLETE = -1

const OPEN = '<table:table '
const CLOSE = '</table:table>'

/**
 * Finds the sheets of an OpenDocument spreadsheet's content.xml as it streams: each top-level
 * `<table:table>` (a table inside a table's cell is part of that sheet), counted in the order
 * written. Only the table tags are looked for, so the rows between them cost one string search.
 */
export class OdsTables {
  /** Top-level tables opened so far. */
  count = 0
  /** Tables open now (0: between sheets). */
  private depth = 0

  /**
   * Reads `text` from `pos` on until `onTable` (given a top-level table's start tag, its 0-based
   * index, whether it closes itself, and where it starts in `text`) answers true: the table's
   * reader then reads it to its end tag. Returns where reading stopped (after that start tag), or
   * how far it could read: text that may be the start of a tag cut by the chunk's end is left for
   * the next.
   */
  scan(text: string, pos: number, onTable: (tag: string, index: number, empty: boolean, at: number) => boolean): number {
    let open = -2
    let close = -2
    for (;;) {
      if (open !== -1 && open < pos) open = text.indexOf(OPEN, pos)
      if (close !== -1 && close < pos) close = text.indexOf(CLOSE, pos)
      if (open < 0 && close < 0) return Math.max(pos, text.length - OPEN.length - CLOSE.length)
      if (close >= 0 && (open < 0 || close < open)) {
        if (this.depth > 0) this.depth--
        pos = close + CLOSE.length
        continue
      }
      const end = text.indexOf('>', open)
      if (end < 0) return open
      const tag = text.slice(open, end + 1)
      const empty = text.charCodeAt(end - 1) === 47
      pos = end + 1
      if (this.depth === 0 && onTable(tag, this.count++, empty, open)) return pos
      if (!empty) this.depth++
    }
  }
}
