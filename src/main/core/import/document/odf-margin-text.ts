import { Parser } from 'htmlparser2'
import type { HtmlElement } from '../article/html-tree'
import { renderHtmlText } from '../article/render-html-text'
import type { MarginText } from './margin-text'
import type { OdfComment } from './odf-text-tree'

/**
 * The headers and footers of styles.xml's page styles (master pages): for every page, left-hand
 * pages and the first page; LibreOffice 7 wrote the first page's in its own namespace (loext).
 */
export const ODT_MARGINS: ReadonlySet<string> = new Set(
  ['header', 'header-left', 'header-first', 'footer', 'footer-left', 'footer-first'].flatMap((name) => [`style:${name}`, `loext:${name}`])
)

/**
 * The headers and footers read from styles.xml (`pageStyles`, one div per region, with the name
 * of its page style) of the page styles in `used`, and the comments, as margin text.
 */
export function odfMarginText(pageStyles: HtmlElement, used: ReadonlySet<string>, comments: readonly OdfComment[]): MarginText[] {
  const texts: MarginText[] = []
  for (const region of pageStyles.children) {
    if (typeof region === 'string' || region.attrs.region === undefined || !used.has(region.attrs.page ?? '')) continue
    texts.push({ kind: region.attrs.region.includes(':header') ? 'Header' : 'Footer', author: null, paragraphs: asWritten(region) })
  }
  for (const comment of comments) texts.push({ kind: 'Comment', author: comment.author, paragraphs: asWritten(comment.element) })
  return texts
}

function asWritten(element: HtmlElement): string[] {
  return renderHtmlText(element, () => false, 'as-written').map((paragraph) => paragraph.text)
}

/**
 * The page styles (master pages) a text's pages are set in: the first paragraph's or table's, or
 * Standard; any that a paragraph or table style used in the body starts (style:master-page-name,
 * its own or its parent style's); and the page styles that follow those (style:next-style-name).
 * A page style nothing uses is not shown, nor are its header and footer.
 */
export function usedPageStyles(content: string, styles: string): Set<string> {
  const master = new Map<string, string>()
  const parent = new Map<string, string>()
  const next = new Map<string, string>()
  const blocks: string[] = []
  for (const [xml, isContent] of [[styles, false], [content, true]] as const) {
    let inBody = false
    const parser = new Parser(
      {
        onopentag(name, attrs) {
          if (name === 'office:text') inBody = true
          if (name === 'style:style' && attrs['style:name'] !== undefined) {
            const key = `${attrs['style:family'] ?? ''}/${attrs['style:name']}`
            if (attrs['style:master-page-name'] !== undefined) master.set(key, attrs['style:master-page-name'])
            if (attrs['style:parent-style-name'] !== undefined) parent.set(key, `${attrs['style:family'] ?? ''}/${attrs['style:parent-style-name']}`)
          }
          if (name === 'style:master-page' && attrs['style:name'] !== undefined && attrs['style:next-style-name'] !== undefined) next.set(attrs['style:name'], attrs['style:next-style-name'])
          if (!isContent || !inBody) return
          if (name === 'text:p' || name === 'text:h') blocks.push(`paragraph/${attrs['text:style-name'] ?? ''}`)
          if (name === 'table:table') blocks.push(`table/${attrs['table:style-name'] ?? ''}`)
        },
        onclosetag(name) {
          if (name === 'office:text') inBody = false
        }
      },
      { xmlMode: true, decodeEntities: true }
    )
    parser.write(xml)
    parser.end()
  }
  const masterOf = (style: string): string => {
    const seen = new Set<string>()
    for (let at: string | undefined = style; at !== undefined && !seen.has(at); at = parent.get(at)) {
      seen.add(at)
      const name = master.get(at)
      if (name !== undefined) return name
    }
    return ''
  }
  const used = new Set<string>()
  blocks.forEach((block, index) => {
    const name = masterOf(block)
    if (name !== '') used.add(name)
    else if (index === 0) used.add('Standard')
  })
  if (blocks.length === 0) used.add('Standard')
  for (const name of [...used]) {
    for (let at = next.get(name); at !== undefined && !used.has(at); at = next.get(at)) used.add(at)
  }
  return used
}
