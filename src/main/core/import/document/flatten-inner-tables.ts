import { descendants, textOf, type HtmlElement, type HtmlNode } from '../article/html-tree'

const CELL = /^(td|th)$/

/**
 * A table inside a table's cell read as text in that cell: its cells joined with "; ", its rows
 * with " / ", as one paragraph of the cell. Read as a table, its rows would each take a line of
 * their own and split the outer row, so that row's later cells would no longer stand under their
 * columns. Inner tables are read first, so a table nested deeper reads the same way.
 */
export function flattenInnerTables(root: HtmlElement): void {
  const cells = [...descendants(root)].filter((element) => CELL.test(element.tag))
  for (const cell of cells.reverse()) {
    for (const [index, child] of cell.children.entries()) {
      if (typeof child === 'string' || child.tag !== 'table') continue
      const text: HtmlNode = tableText(child)
      cell.children[index] = { tag: 'p', attrs: {}, children: [text], parent: cell }
    }
  }
}

function tableText(table: HtmlElement): string {
  const rows = [...descendants(table)].filter((element) => element.tag === 'tr')
  return rows
    .map((row) => row.children.filter((cell): cell is HtmlElement => typeof cell !== 'string' && CELL.test(cell.tag)).map((cell) => textOf(cell).replace(/\s+/g, ' ').trim()).filter((text) => text !== '').join('; '))
    .filter((text) => text !== '')
    .join(' / ')
}
