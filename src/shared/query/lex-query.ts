// Splits query text into words, quoted phrases and parentheses. Everything else (operators, fields,
// prefixes, NEAR) is decided by the parser, which needs to see the neighbours to decide it.

export type QueryToken =
  | { type: 'word'; text: string; start: number; end: number }
  | { type: 'phrase'; text: string; start: number; end: number }
  | { type: 'open'; start: number; end: number }
  | { type: 'close'; start: number; end: number }

export interface LexedQuery {
  tokens: QueryToken[]
  /** Quotes with no partner; they are read as spaces so the text after them stays searchable. */
  unmatchedQuotes: number
}

// Control characters count as spaces: a NUL inside an FTS5 string ends it early and breaks the query.
const SPACE = /[\s\p{Cc}]/u
const WORD_END = /[\s\p{Cc}"()]/u

export function lexQuery(input: string): LexedQuery {
  const tokens: QueryToken[] = []
  let unmatchedQuotes = 0
  let i = 0
  while (i < input.length) {
    const ch = input[i] as string
    if (SPACE.test(ch)) {
      i += 1
    } else if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'open' : 'close', start: i, end: i + 1 })
      i += 1
    } else if (ch === '"') {
      const close = input.indexOf('"', i + 1)
      if (close === -1) {
        unmatchedQuotes += 1
        i += 1
      } else {
        tokens.push({ type: 'phrase', text: input.slice(i + 1, close), start: i, end: close + 1 })
        i = close + 1
      }
    } else {
      let end = i + 1
      while (end < input.length && !WORD_END.test(input[end] as string)) end += 1
      tokens.push({ type: 'word', text: input.slice(i, end), start: i, end })
      i = end
    }
  }
  return { tokens, unmatchedQuotes }
}
