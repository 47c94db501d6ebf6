import type { HtmlElement } from '../article/html-tree'

/** Marks a cell that stands for a place a merged cell covers (see coveredCell). */
const COVERED = 'data-covered'

/** An empty cell in a place a merged cell covers. */
export function coveredCell(row: HtmlElement): HtmlElement {
  return { tag: 'td', attrs: { [COVERED]: '' }, children: [], parent: row }
}

/** No table a word processor writes spans more; a larger span is read as this many. */
const MOST_SPANNED = 1024

/**
 * Gives each table's rows an empty cell wherever a cell merged across (colspan) or down (rowspan)
 * covers a place, so that every value is read under its own column: a row under a cell merged
 * down read "(b)(7)(E) | D", as if the FY 2011 marker were the facility type. The merged cell's
 * text stays in its first place only, as the document shows it once. (.docx through mammoth's
 * HTML; the OpenDocument reader writes its covered cells itself.) Covered places at a row's end
 * hold no column's value and are dropped ("Note: figures exclude … | |").
 */
export function spreadMergedCells(root: HtmlElement): void {
  const tables: HtmlElement[] = []
  const walk = (element: HtmlElement): void => {
    if (element.tag === 'table') tables.push(element)
    for (const child of element.children) if (typeof child !== 'string') walk(child)
  }
  walk(root)
  for (const table of tables) {
    spreadTable(table)
    for (const row of rowsOf(table)) {
      let end = row.children.length
      while (end > 0 && isCovered(row.children[end - 1]!)) end--
      row.children.length = end
    }
  }
}

function isCovered(node: HtmlElement['children'][number]): boolean {
  return typeof node !== 'string' && node.attrs[COVERED] !== undefined
}

function span(value: string | undefined): number {
  const count = Number(value ?? '1')
  return Number.isSafeInteger(count) && count > 1 ? Math.min(count, MOST_SPANNED) : 1
}

/** The table's own rows, in thead, tbody and tfoot or directly under it; not a nested table's. */
function rowsOf(table: HtmlElement): HtmlElement[] {
  const rows: HtmlElement[] = []
  for (const child of table.children) {
    if (typeof child === 'string') continue
    if (child.tag === 'tr') rows.push(child)
    else if (child.tag === 'thead' || child.tag === 'tbody' || child.tag === 'tfoot') for (const row of child.children) if (typeof row !== 'string' && row.tag === 'tr') rows.push(row)
  }
  return rows
}

function spreadTable(table: HtmlElement): void {
  /** Rows still covered at each column by a cell merged down from above. */
  const coveredFor: number[] = []
  for (const row of rowsOf(table)) {
    const spread: HtmlElement['children'] = []
    let column = 0
    const fillCovered = () => {
      while ((coveredFor[column] ?? 0) > 0) {
        coveredFor[column]!--
        spread.push(coveredCell(row))
        column++
      }
    }
    for (const child of row.children) {
      if (typeof child === 'string' || (child.tag !== 'td' && child.tag !== 'th')) {
        spread.push(child)
        continue
      }
      fillCovered()
      const across = span(child.attrs.colspan)
      const down = span(child.attrs.rowspan)
      spread.push(child)
      for (let at = 0; at < across; at++) {
        if (at > 0) spread.push(coveredCell(row))
        if (down > 1) coveredFor[column + at] = down - 1
      }
      column += across
    }
    // Places after the row's last cell that a cell above still covers.
    for (let at = column; at < coveredFor.length; at++) {
      if ((coveredFor[at] ?? 0) === 0) continue
      while (column < at) {
        spread.push(coveredCell(row))
        column++
      }
      fillCovered()
    }
    row.children = spread
  }
}
