import { Parser } from 'htmlparser2'
import type { HtmlElement } from '../article/html-tree'

/** OpenDocument text elements and the HTML element each reads as (see renderHtmlText). */
const AS_HTML: Record<string, string> = {
  'text:p': 'p',
  'text:list': 'ul',
  'text:list-item': 'li',
  'text:list-header': 'li',
  'table:table': 'table',
  'table:table-row': 'tr',
  'table:table-cell': 'td',
  'text:line-break': 'br'
}
/** Parts of the body that are not its text: drawings, comments, and text deleted under change tracking. */
const LEFT_OUT = new Set(['draw:frame', 'office:annotation', 'text:tracked-changes', 'text:sequence-decls', 'table:covered-table-cell', 'text:note-citation'])

/**
 * The body of an OpenDocument text (content.xml) as an HTML-like tree renderHtmlText can read:
 * headings by outline level, paragraphs, lists, tables and line breaks; spans and links are read
 * through; styles, drawings and comments are left out.
 */
export function odfTextTree(xml: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [], parent: null }
  let current = root
  // One entry per open element: the element it opened, or null for one read through or left out.
  const opened: (HtmlElement | null)[] = []
  let inBody = false
  let skipping = 0
  const text = (value: string): void => {
    if (!inBody || skipping > 0) return
    const last = current.children.at(-1)
    if (typeof last === 'string') current.children[current.children.length - 1] = last + value
    else current.children.push(value)
  }
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'office:text') inBody = true
        if (!inBody || skipping > 0 || LEFT_OUT.has(name)) {
          if (inBody && LEFT_OUT.has(name)) skipping++
          opened.push(null)
          return
        }
        if (name === 'text:s') text(' '.repeat(Math.min(1000, Number(attrs['text:c'] ?? '1') || 1)))
        if (name === 'text:tab') text('\t')
        const level = name === 'text:h' ? Math.min(6, Math.max(1, Number(attrs['text:outline-level'] ?? '1') || 1)) : 0
        const tag = level > 0 ? `h${level}` : AS_HTML[name]
        if (tag === undefined) {
          opened.push(null)
          return
        }
        const element: HtmlElement = { tag, attrs: {}, children: [], parent: current }
        current.children.push(element)
        current = element
        opened.push(element)
      },
      ontext: text,
      onclosetag(name) {
        const element = opened.pop()
        if (inBody && LEFT_OUT.has(name) && skipping > 0) skipping--
        if (element) current = element.parent ?? root
        if (name === 'office:text') inBody = false
      }
    },
    { xmlMode: true, decodeEntities: true }
  )
  parser.write(xml)
  parser.end()
  return root
}
