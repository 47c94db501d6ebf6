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

/** The headers and footers read from styles.xml (`pageStyles`, one div per region) and the comments, as margin text. */
export function odfMarginText(pageStyles: HtmlElement, comments: readonly OdfComment[]): MarginText[] {
  const texts: MarginText[] = []
  for (const region of pageStyles.children) {
    if (typeof region === 'string' || region.attrs.region === undefined) continue
    texts.push({ kind: region.attrs.region.includes(':header') ? 'Header' : 'Footer', author: null, paragraphs: asWritten(region) })
  }
  for (const comment of comments) texts.push({ kind: 'Comment', author: comment.author, paragraphs: asWritten(comment.element) })
  return texts
}

function asWritten(element: HtmlElement): string[] {
  return renderHtmlText(element, () => false, 'as-written')
}
