// Parsing plus the source span of every chip: parseQuery hands out the chips, removeChip needs to know
// where each one came from.

import { lexQuery } from './lex-query'
import { MAX_QUERY_CHARS, MAX_QUERY_TERMS, type ParsedQuery, type QueryChip, type QueryNode, type Span } from './query-ast'
import { conjunctChip, conjunctsOf } from './query-chips'
import { QueryParser } from './query-parser'
import { toFtsMatch, type FieldColumns } from './to-fts-match'

export interface ReadQuery {
  parsed: ParsedQuery
  /** Chip id → offsets in the input (the cap only ever cuts the end, so offsets fit the full input). */
  spans: ReadonlyMap<string, Span>
}

// Only used to ask "is there anything positive to search for?"; any table's real columns give the same
// answer as long as no field is missing.
const EVERY_FIELD: FieldColumns = { title: ['title'], author: ['author'], source: ['source'] }

export function readQuery(input: string): ReadQuery {
  const notes: string[] = []
  const source = capLength(input)
  if (source.length < input.length) notes.push(`Only the first ${MAX_QUERY_CHARS} characters are searched.`)

  const { tokens, unmatchedQuotes } = lexQuery(source)
  if (unmatchedQuotes > 0) notes.push('A quote had no closing quote; the words after it are searched as plain words.')
  const parser = new QueryParser(source, tokens)
  const conjuncts = conjunctsOf(parser.parseAll())
  notes.push(...parser.notes)
  if (parser.ignoredPunctuation > 0) notes.push('Ignored parts with no letters or digits.')
  if (parser.droppedTerms > 0) {
    notes.push(`Only the first ${MAX_QUERY_TERMS} words are searched; ${parser.droppedTerms} more were left out.`)
  }

  const first = conjuncts[0]
  const last = conjuncts[conjuncts.length - 1]
  let ast: QueryNode | null = null
  if (first !== undefined && last !== undefined) {
    ast = conjuncts.length === 1 ? first : { type: 'and', children: conjuncts, span: { start: first.span.start, end: last.span.end } }
  }
  if (ast !== null && toFtsMatch(ast, EVERY_FIELD) === null) {
    notes.push('The query only excludes words; add a word to search for, or nothing will match.')
  }

  const located: { chip: QueryChip; span: Span }[] = [
    ...conjuncts.map((node) => ({ chip: conjunctChip(node, source), span: node.span })),
    ...parser.filterChips
  ].sort((a, b) => a.span.start - b.span.start)
  return {
    parsed: { ast, filters: parser.filters, chips: located.map(({ chip }) => chip), notes },
    spans: new Map(located.map(({ chip, span }) => [chip.id, span]))
  }
}

function capLength(input: string): string {
  if (input.length <= MAX_QUERY_CHARS) return input
  const cut = input.slice(0, MAX_QUERY_CHARS)
  // Never end on half of a surrogate pair: the lone half would reach SQLite as a replacement character.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}
