import type { PdfTextRun } from './lay-out-pdf-text'

/** What pdf.js's getTextContent gives with includeMarkedContent: text, or the edges of marked content. */
export type PdfContentItem =
  | { str: string; transform: unknown[]; width: number; height: number; fontName: string }
  | { type: string; id?: string | null; tag?: string | null }

/** Stands where the text layer does not say which character is drawn. */
export const UNREADABLE_CHARACTER = '\uFFFD'

/**
 * A page's text runs, and how many characters the text layer cannot give. A PDF made without a
 * font for some characters (LibreOffice without a CJK font) draws each with the one missing-glyph
 * shape, whose character code the ToUnicode map ties to the first of them, and gives each one's
 * real character as ActualText in a marked-content Span. pdf.js does not read ActualText, so its
 * text repeats that first character ("移移移…" for "移民法院…"); such a character, in a Span of its
 * own, repeating the one drawn just before it in the same font, is counted and kept as U+FFFD rather
 * than stored as a character the page does not hold.
 */
export function pdfTextRuns(items: readonly PdfContentItem[]): { runs: PdfTextRun[]; unreadable: number } {
  const runs: PdfTextRun[] = []
  let unreadable = 0
  /** Open marked content: true for a Span with properties but no structure id (what ActualText comes in). */
  const open: boolean[] = []
  let previous: { text: string; font: string } | null = null
  for (const item of items) {
    if (!('str' in item)) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.type === 'beginMarkedContentProps' && item.tag === 'Span' && item.id === null)
      else if (item.type === 'endMarkedContent') open.pop()
      continue
    }
    const [a, b, c, d, x, y] = item.transform as number[]
    let text = item.str
    const characters = [...item.str]
    if (open.at(-1) === true && characters.length === 1 && previous !== null && previous.font === item.fontName && previous.text === item.str) {
      unreadable++
      text = UNREADABLE_CHARACTER
    }
    if (characters.length > 0) previous = { text: characters.at(-1)!, font: item.fontName }
    runs.push({ text, x: x!, y: y!, width: item.width, size: item.height || Math.hypot(c!, d!) || Math.hypot(a!, b!) })
  }
  return { runs, unreadable }
}
