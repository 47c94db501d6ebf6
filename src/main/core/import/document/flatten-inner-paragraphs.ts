import { descendants, type HtmlElement, type HtmlNode } from '../article/html-tree'

const CELL_BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

const CONTAINERS = new Set(['td', 'th', 'li'])

/**
 * Word processors wrap the text of every table cell and list item in a paragraph, which would put
 * each cell on a line of its own and lose a list item's bullet; read through those paragraphs so a
 * table row reads as one line, "a | b | c", and a list item as "• text".
 */
export function flattenInnerParagraphs(root: HtmlElement): void {
  for (const element of descendants(root)) {
    if (!CONTAINERS.has(element.tag)) continue
    const children: HtmlNode[] = []
    for (const child of element.children) {
      if (typeof child !== 'string' && CELL_BLOCKS.has(child.tag)) {
        if (children.length > 0) children.push(' ')
        for (const inner of child.children) {
          if (typeof inner !== 'string') inner.parent = element
          children.push(inner)
        }
      } else children.push(child)
    }
    element.children = children
  }
}
