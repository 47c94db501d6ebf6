import { descendants, textOf, type HtmlElement } from '../article/html-tree'

/** Addresses worth keeping: web pages, mail and file servers; a link inside the document is not. */
const KEPT = /^(https?|ftp|mailto):/i
/** Longer than this, an address is data (a query of a tracking link), not something to read. */
const MAX_ADDRESS = 2000

/**
 * A document's link shows its text; where it leads is part of what the document says ("the ICE
 * library" is a particular PDF), so the address is put after the text, "the ICE library
 * <https://…>", unless the text is the address already. (A web page's links are mostly its own
 * navigation, and the HTML reader leaves them out.)
 */
export function showLinkTargets(root: HtmlElement): void {
  for (const link of [...descendants(root)]) {
    const href = link.attrs.href?.trim() ?? ''
    if (link.tag !== 'a' || !KEPT.test(href) || href.length > MAX_ADDRESS || /\s/.test(href)) continue
    const text = textOf(link)
    if (bare(text) === bare(href) || text.trim() === '') continue
    const parent = link.parent!
    parent.children.splice(parent.children.indexOf(link) + 1, 0, ` <${href}>`)
  }
}

/** An address as a reader would write it: no scheme, no "www.", no slash at the end, any case. */
function bare(address: string): string {
  return address
    .trim()
    .replace(/^(https?:\/\/|ftp:\/\/|mailto:)/i, '')
    .replace(/^www\./i, '')
    .replace(/\/+$/, '')
    .toLowerCase()
}
