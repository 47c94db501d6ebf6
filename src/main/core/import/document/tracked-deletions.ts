import type { RenderedParagraph } from '../article/render-html-text'

/**
 * Where a passage deleted under change tracking stood: a mark put in the text in its place while the
 * document is read, `\uE100n\uE101` (n indexes the deleted passages), and taken out again by
 * takeTrackedDeletions. Private-use characters: no document's text is expected to hold them there.
 */
const MARK = /\uE100(\d+)\uE101/g
/** At most this many words of the text around a deleted passage are shown with it. */
const CONTEXT_WORDS = 6

/** The mark for the deleted passage at `index`. */
export function deletionMark(index: number): string {
  return `\uE100${index}\uE101`
}

/** `text` without deletion marks. */
export function withoutDeletionMarks(text: string): string {
  return text.replace(MARK, '')
}

/** A run of w:del elements (Word writes one per run of formatting), with their contents. */
const WORD_DELETIONS = /(?:<w:del\b(?:[^>"'/]|"[^"]*"|'[^']*')*>[\s\S]*?<\/w:del>\s*)+/g
/** A run of w:ins elements with contents (a self-closing one marks an inserted paragraph mark, not text). */
const WORD_INSERTIONS = /(?:<w:ins\b(?:[^>"'/]|"[^"]*"|'[^']*')*>[\s\S]*?<\/w:ins>\s*)+/g
const DELETED_TEXT = /<w:delText\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:delText>)|<w:(tab|br|cr)\b[^>]*\/>/g
const XML_ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/**
 * A WordprocessingML part with each passage deleted under change tracking (a run of w:del) replaced
 * by a run holding its mark (see deletionMark), its text added to `deleted`; and how many inserted
 * passages (runs of w:ins with contents) the part holds. mammoth leaves deleted text out without a
 * word, and reads inserted text as the document's: the text reads with the changes accepted.
 */
export function markWordDeletions(xml: string, deleted: string[]): { xml: string; insertions: number } {
  const insertions = xml.includes('<w:ins') ? (xml.match(WORD_INSERTIONS) ?? []).length : 0
  if (!xml.includes('<w:del')) return { xml, insertions }
  const marked = xml.replace(WORD_DELETIONS, (run) => {
    let text = ''
    for (const match of run.matchAll(DELETED_TEXT)) text += match[2] !== undefined ? ' ' : decodeXml(match[1] ?? '')
    const passage = text.replace(/\s+/g, ' ').trim()
    if (passage === '') return run
    deleted.push(passage)
    return `<w:r><w:t xml:space="preserve">${deletionMark(deleted.length - 1)}</w:t></w:r>`
  })
  return { xml: marked, insertions }
}

function decodeXml(text: string): string {
  return text.replace(XML_ENTITY, (entity, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name]!
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16)
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity
  })
}

/**
 * The paragraphs without their deletion marks (a paragraph left empty, one deleted whole, is
 * dropped), and a line per deleted passage, in the order met: the passage in brackets where it
 * stood, with up to CONTEXT_WORDS words of the paragraph's text (as it reads with the changes
 * accepted) either side, "…the total was [deleted: 1,500] 2,700 closures."
 */
export function takeTrackedDeletions(paragraphs: readonly RenderedParagraph[], deleted: readonly string[]): { paragraphs: RenderedParagraph[]; passages: string[] } {
  const kept: RenderedParagraph[] = []
  const passages: string[] = []
  for (const paragraph of paragraphs) {
    if (!paragraph.text.includes('\uE100')) {
      kept.push(paragraph)
      continue
    }
    const text = withoutDeletionMarks(paragraph.text)
    let at = 0
    for (const match of paragraph.text.matchAll(MARK)) {
      const before = withoutDeletionMarks(paragraph.text.slice(0, match.index)).trimEnd()
      const after = withoutDeletionMarks(paragraph.text.slice(match.index + match[0].length)).trimStart()
      const passage = deleted[Number(match[1])]
      at++
      if (passage === undefined) continue
      passages.push([lastWords(before), `[deleted: ${passage}]`, firstWords(after)].filter((part) => part !== '').join(' '))
    }
    if (at > 0 && text.trim() === '') continue
    kept.push({ ...paragraph, text })
  }
  return { paragraphs: kept, passages }
}

function lastWords(text: string): string {
  const words = text.split(/\s+/).filter((word) => word !== '')
  return words.length > CONTEXT_WORDS ? `…${words.slice(-CONTEXT_WORDS).join(' ')}` : words.join(' ')
}

function firstWords(text: string): string {
  const words = text.split(/\s+/).filter((word) => word !== '')
  return words.length > CONTEXT_WORDS ? `${words.slice(0, CONTEXT_WORDS).join(' ')}…` : words.join(' ')
}

/** The heading of the section after the body that lists the deleted passages. */
export const TRACKED_DELETIONS = 'Tracked deletions'

/** The import's warning for a document with tracked changes, or null when it has none. */
export function trackedChangesWarning(fileName: string, deletions: number, insertions: number): string | null {
  if (deletions === 0 && insertions === 0) return null
  const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
  const listed = deletions === 0 ? '' : `; the deleted text is kept after the body, under “${TRACKED_DELETIONS}”, each passage with the words around it`
  return `${fileName}: it has tracked changes (${count(deletions, 'deletion', 'deletions')}, ${count(insertions, 'insertion', 'insertions')}); its text is read as it reads with the changes accepted${listed}.`
}
