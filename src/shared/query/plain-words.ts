// Until the full query language arrives, search input is read as plain words: every run of letters
// or digits becomes one quoted FTS5 string, so no user text can ever be FTS5 syntax.

const WORD = /[\p{L}\p{N}]+/gu
export const MAX_QUERY_WORDS = 64

export function queryWords(input: string): string[] {
  return (input.match(WORD) ?? []).slice(0, MAX_QUERY_WORDS)
}

/** An FTS5 MATCH expression in which every word must occur, or null when the input has no words. */
export function plainWordsMatch(input: string): string | null {
  const words = queryWords(input)
  if (words.length === 0) return null
  return words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ')
}
