import { removeReservedCharacters } from '../article/remove-reserved-characters'

/**
 * Text a document shows beside its body: a running header or footer (printed on every page, kept
 * once), or a reviewer's comment. An export stamps its Bates number and handling mark ("FOR
 * OFFICIAL USE ONLY") there, which a reader must be able to find.
 */
export interface MarginText {
  kind: 'Header' | 'Footer' | 'Comment'
  /** Who wrote a comment, when the document says. */
  author: string | null
  /** Its paragraphs, as read. */
  paragraphs: string[]
}

/**
 * The paragraphs that end the article: one per header, footer and comment, labelled as what it
 * is ("Header: …", "Comment by A. Reviewer: …"), headers first, then footers, then comments; a
 * header or footer that several page styles or sections repeat is kept once, and empty ones none.
 */
export function marginParagraphs(texts: readonly MarginText[]): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  for (const kind of ['Header', 'Footer', 'Comment'] as const) {
    for (const text of texts) {
      const lines = text.paragraphs.map((paragraph) => paragraph.trim()).filter((paragraph) => paragraph !== '')
      if (text.kind !== kind || lines.length === 0) continue
      const label = text.author === null ? kind : `${kind} by ${text.author}`
      const paragraph = removeReservedCharacters(`${label}: ${lines.join('\n')}`)
      if (seen.has(paragraph)) continue
      seen.add(paragraph)
      out.push(paragraph)
    }
  }
  return out
}
