// The words FTS5's unicode61 tokenizer would find in a piece of text: runs of letters or digits.
// The query parser asks for them to drop terms that could never match (punctuation, emoji), and
// their cap bounds how many terms one query may hold.

const WORD = /[\p{L}\p{N}]+/gu
export const MAX_QUERY_WORDS = 64

export function queryWords(input: string): string[] {
  return (input.match(WORD) ?? []).slice(0, MAX_QUERY_WORDS)
}
