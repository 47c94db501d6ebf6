import { Parser } from 'htmlparser2'

export interface HtmlElement {
  /** Lower-case tag name; the root is '#root'. */
  tag: string
  /** Lower-case attribute names; values with entities decoded. Never interpreted, only read. */
  attrs: Record<string, string>
  children: HtmlNode[]
  parent: HtmlElement | null
}

/** Text is kept as decoded strings; comments, doctypes and processing instructions are dropped. */
export type HtmlNode = HtmlElement | string

/**
 * Parses HTML into a plain tree of elements and text with htmlparser2 — a tolerant tokenizer that
 * closes what the page forgot to. Nothing is executed or fetched: scripts and styles are just
 * elements whose text nobody reads.
 */
export function parseHtmlTree(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [], parent: null }
  let current = root
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const element: HtmlElement = { tag: name, attrs: { ...attrs }, children: [], parent: current }
        current.children.push(element)
        current = element
      },
      ontext(text) {
        const last = current.children.at(-1)
        // Entities arrive as separate text events; joining them keeps one string per run of text.
        if (typeof last === 'string') current.children[current.children.length - 1] = last + text
        else current.children.push(text)
      },
      onclosetag(name) {
        for (let element: HtmlElement | null = current; element !== null && element !== root; element = element.parent) {
          if (element.tag === name) {
            current = element.parent ?? root
            return
          }
        }
      }
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true }
  )
  parser.write(html)
  parser.end()
  return root
}

/** Every element under `root` (not `root` itself), in document order, without recursion. */
export function* descendants(root: HtmlElement): Generator<HtmlElement> {
  const stack: HtmlNode[] = [...root.children].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (typeof node === 'string') continue
    yield node
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
}

// Elements that separate words even when the markup puts no space between them.
const SEPARATING = new Set(['br', 'p', 'div', 'li', 'td', 'th', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'dd', 'dt'])

/** The element's text with whitespace collapsed: for short fields like a title or a byline. */
export function textOf(element: HtmlElement): string {
  const parts: string[] = []
  const stack: (HtmlNode | null)[] = [element]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node === null || typeof node === 'string') {
      parts.push(node ?? ' ')
      continue
    }
    const separated = SEPARATING.has(node.tag)
    if (separated) stack.push(null)
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
    if (separated) stack.push(null)
  }
  return parts.join('').replace(/\s+/g, ' ').trim()
}
