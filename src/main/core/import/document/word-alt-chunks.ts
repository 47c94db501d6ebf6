import { decodeText } from '../decode-text'
import { parseHtmlTree, descendants, textOf, type HtmlElement } from '../article/html-tree'
import { findMainContent } from '../article/find-main-content'
import { renderHtmlText } from '../article/render-html-text'
import type { ZipPackage } from '../zip/zip-package'

const RELATIONSHIPS = 'word/_rels/document.xml.rels'
/** A w:altChunk, self-closing or holding its properties (w:altChunkPr). */
const ALT_CHUNK = /<w:altChunk\b((?:[^>"'/]|"[^"]*"|'[^']*')*)(?:\/>|>[\s\S]*?<\/w:altChunk>)/g
const RELATIONSHIP = /<Relationship\b((?:[^>"']|"[^"]*"|'[^']*')*)\/?>/g
const HTML_PART = /\.(html?|xhtml)$/i
/** Where a chunk stands in mammoth's HTML until its text is put there: a paragraph holding only this mark. */
const CHUNK_MARK = /^\uE102(\d+)\uE103$/

function attribute(attributes: string, name: string): string | null {
  return new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes)?.slice(1).find((value) => value !== undefined) ?? null
}

/**
 * The document's XML with each w:altChunk that holds an HTML part (Word reads the part into the
 * document where the chunk stands when it opens it; report generators and SharePoint write them)
 * replaced by a paragraph holding a mark, and each such part's HTML, by the index its mark gives.
 * A chunk of another kind (RTF, another .docx, plain text) is left in place, and mammoth's warning
 * names it as not read.
 */
export async function markHtmlAltChunks(xml: string, zip: ZipPackage): Promise<{ xml: string; chunks: string[] }> {
  const chunks: string[] = []
  if (!xml.includes('altChunk')) return { xml, chunks }
  const targets = new Map<string, string>()
  for (const match of ((await zip.text(RELATIONSHIPS)) ?? '').matchAll(RELATIONSHIP)) {
    const attributes = match[1]!
    const id = attribute(attributes, 'Id')
    const target = attribute(attributes, 'Target')
    if (id === null || target === null || attribute(attributes, 'TargetMode') === 'External' || !/\/aFChunk$/.test(attribute(attributes, 'Type') ?? '')) continue
    targets.set(id, target.startsWith('/') ? target.slice(1) : `word/${target}`)
  }
  const html = new Map<string, string>()
  for (const [id, part] of targets) {
    if (!HTML_PART.test(part) || !zip.has(part)) continue
    html.set(id, decodeText(await zip.bytes(part), part, null).text)
  }
  const marked = xml.replace(ALT_CHUNK, (chunk, attributes: string) => {
    const text = html.get(attribute(attributes, 'r:id') ?? '')
    if (text === undefined) return chunk
    chunks.push(text)
    return `<w:p><w:r><w:t>\uE102${chunks.length - 1}\uE103</w:t></w:r></w:p>`
  })
  return { xml: marked, chunks }
}

/**
 * Puts each HTML chunk's text where its mark stands in mammoth's HTML: read as Casefile reads a web
 * page (its main content, headings kept as headings), as paragraphs and headings of the document.
 */
export function insertHtmlAltChunks(root: HtmlElement, chunks: readonly string[]): void {
  if (chunks.length === 0) return
  for (const element of [...descendants(root)]) {
    if (element.tag !== 'p') continue
    const index = CHUNK_MARK.exec(textOf(element))?.[1]
    const parent = element.parent
    if (index === undefined || parent === null) continue
    const page = parseHtmlTree(chunks[Number(index)] ?? '')
    const content = findMainContent(page)
    const read: HtmlElement[] = renderHtmlText(content.root, content.dropped, 'collapse').map(({ text, heading }) => ({ tag: heading === null ? 'p' : `h${heading}`, attrs: {}, children: [text], parent }))
    parent.children.splice(parent.children.indexOf(element), 1, ...read)
  }
}
