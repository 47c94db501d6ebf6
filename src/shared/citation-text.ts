// How a note's Markdown carries its citations: the token [[cite:ID]] where it cites, and a quoted
// passage as a blockquote ending with that token. The core writes quotations and restores notes with
// these; the renderer shows and inserts the same tokens.

import type { QuotedPages } from './model'
import { LOW_OCR_CONFIDENCE } from './ocr-summary'

/**
 * Where a quoted passage lies in a PDF, as a citation names it: "p. 2", or "pp. 1–2" across a page
 * break, with a caution when OCR read a page of it with low confidence: "p. 2, read by OCR at 52%
 * confidence", so whoever reads the note or its export knows to check the words against the scan.
 */
export function pagesText(pages: QuotedPages): string {
  const where = pages.first === pages.last ? `p. ${pages.first}` : `pp. ${pages.first}–${pages.last}`
  const confidence = pages.ocrConfidence
  return confidence !== null && confidence < LOW_OCR_CONFIDENCE ? `${where}, read by OCR at ${Math.round(confidence)}% confidence` : where
}

export function citationToken(id: number): string {
  return `[[cite:${id}]]`
}

export const CITATION_TOKEN = /\[\[cite:(\d{1,15})\]\]/g

/** Keeps quoted words from being read as Markdown structure or as another reference. */
function escapeQuotedLine(line: string): string {
  const escaped = line.replaceAll('\\', '\\\\').replaceAll('[[', '\\[[').replaceAll('`', '\\`').replaceAll('*', '\\*')
  return escaped.replace(/^(\s*)([#>+=_-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2')
}

/** A quoted passage as a Markdown blockquote ending with its citation: `> words [[cite:ID]]`. */
export function quoteBlock(quote: string, citationId: number): string {
  const lines = quote
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${escapeQuotedLine(line.trim())}`))
  return `${lines.join('\n')} ${citationToken(citationId)}`
}

/** The text with a block added at its end, a blank line before it. */
export function appendBlock(text: string, block: string): string {
  const kept = text.replace(/\s+$/, '')
  return kept === '' ? `${block}\n` : `${kept}\n\n${block}\n`
}

/**
 * The text with each [[cite:OLD]] whose id is in `ids` turned into [[cite:NEW]], or taken out (with
 * the space before it) where NEW is null; tokens not in `ids` stay. One pass, so a new id that
 * equals another old one is never rewritten twice.
 */
export function remapCitations(text: string, ids: ReadonlyMap<number, number | null>): string {
  return text.replace(new RegExp(` ?${CITATION_TOKEN.source}`, 'g'), (token, id: string) => {
    const replacement = ids.get(Number(id))
    if (replacement === undefined) return token
    return replacement === null ? '' : `${token.startsWith(' ') ? ' ' : ''}${citationToken(replacement)}`
  })
}
