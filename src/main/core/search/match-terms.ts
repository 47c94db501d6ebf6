import type { QueryNode } from '@shared/query/query-ast'
import { NOTE_MARK_DIGITS } from './note-mark'

/** A positive piece of the query, for marking matches in text FTS5 cannot highlight itself. */
export interface MatchTerm {
  /** The term's words, folded (lower case, no accents) like the search index folds them. */
  words: string[]
  prefix: boolean
}

/** A word as the index reads one: letters and digits, not the superscript digits of a note's mark. */
const WORD = new RegExp(`(?:(?![${NOTE_MARK_DIGITS}])[\\p{L}\\p{N}])+`, 'gu')

/** Folds text the way the index's tokenizer does (unicode61, remove_diacritics 2), near enough. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
}

/** The terms a match must contain, skipping everything under NOT. */
export function matchTerms(node: QueryNode | null): MatchTerm[] {
  if (node === null) return []
  switch (node.type) {
    case 'term': {
      const words = (node.text.match(WORD) ?? []).map(foldWord)
      return words.length > 0 ? [{ words, prefix: node.match === 'prefix' }] : []
    }
    case 'near':
      return node.terms.flatMap((term) => matchTerms(term))
    case 'and':
    case 'or':
      return node.children.flatMap((child) => matchTerms(child))
    case 'not':
      return []
  }
}

/**
 * Wraps every word of `text` that one of `terms` matches in `open`/`close`. A phrase's words are
 * marked wherever they occur in sequence; a prefix term marks words starting with it.
 */
export function markTerms(text: string, terms: readonly MatchTerm[], open: string, close: string): { text: string; marks: number } {
  const tokens = [...text.matchAll(WORD)].map((match) => ({ start: match.index, end: match.index + match[0].length, folded: foldWord(match[0]) }))
  const marked = new Array<boolean>(tokens.length).fill(false)
  for (const term of terms) {
    const last = term.words.length - 1
    for (let i = 0; i + last < tokens.length; i++) {
      let fits = true
      for (let k = 0; k <= last && fits; k++) {
        const token = tokens[i + k]!.folded
        const word = term.words[k]!
        fits = k === last && term.prefix ? token.startsWith(word) : token === word
      }
      if (fits) for (let k = 0; k <= last; k++) marked[i + k] = true
    }
  }
  let out = ''
  let at = 0
  let marks = 0
  tokens.forEach((token, i) => {
    if (!marked[i]) return
    out += text.slice(at, token.start) + open + text.slice(token.start, token.end) + close
    at = token.end
    marks++
  })
  return { text: out + text.slice(at), marks }
}
