// Pages of an article read from a PDF, as the reader shows them: a "p. 3" mark before the first
// paragraph of each page (saying when the page was read by OCR), and each paragraph's page.

import type { ArticlePage } from '@shared/model'
import { LOW_OCR_CONFIDENCE } from '@shared/ocr-summary'

/** The page whose text holds body offset `offset`: the last page starting at or before it. */
export function pageAt(pages: readonly ArticlePage[], offset: number): ArticlePage | null {
  let found: ArticlePage | null = null
  for (const page of pages) {
    if (page.start > offset) break
    found = page
  }
  return found
}

/** Per paragraph (given by where it starts in the body): its page, and whether a page mark goes before it. */
export function paragraphPages(pages: readonly ArticlePage[], paragraphStarts: readonly number[]): { page: ArticlePage | null; opens: boolean }[] {
  let previous: ArticlePage | null = null
  return paragraphStarts.map((start) => {
    const page = pageAt(pages, start)
    const opens = page !== null && page !== previous
    previous = page
    return { page, opens }
  })
}

/** Whether a page was read by OCR with too little confidence to trust its words without the scan. */
export function lowConfidence(page: ArticlePage): boolean {
  return page.method === 'ocr' && (page.confidence ?? 0) < LOW_OCR_CONFIDENCE
}

/** "p. 3 · read by OCR, 93% confidence" (with a caution when that is low), or "p. 3" for a page with a text layer. */
export function pageMarkLabel(page: ArticlePage): string {
  if (page.method !== 'ocr') return `p. ${page.page}`
  const confidence = page.confidence ?? 0
  return lowConfidence(page)
    ? `p. ${page.page} · read by OCR, only ${Math.round(confidence)}% confidence: compare with the scan`
    : `p. ${page.page} · read by OCR, ${Math.round(confidence)}% confidence`
}
