// Highlights the words of a search inside an article body. It mirrors how the archive matches:
// whole words, ignoring case and diacritics (FTS5 unicode61 with remove_diacritics 2).

import { queryWords } from '@shared/query/plain-words'
import { pushSegment, type TextSegment } from './text-segment'

const WORD = /[\p{L}\p{N}\p{M}]+/gu

export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
}

/** The folded words of a search query, as a set for quick lookup. */
export function searchTerms(query: string): ReadonlySet<string> {
  return new Set(queryWords(query).map(foldWord).filter((word) => word !== ''))
}

export function termSegments(text: string, terms: ReadonlySet<string>): TextSegment[] {
  const segments: TextSegment[] = []
  if (terms.size === 0) {
    pushSegment(segments, text, false)
    return segments
  }
  let cursor = 0
  for (const match of text.matchAll(WORD)) {
    if (!terms.has(foldWord(match[0]))) continue
    pushSegment(segments, text.slice(cursor, match.index), false)
    pushSegment(segments, match[0], true)
    cursor = match.index + match[0].length
  }
  pushSegment(segments, text.slice(cursor), false)
  return segments
}
