// The parsed form of a search query. The parser produces it from any text; the FTS5 compiler and the
// UI's chips read it. Spans are offsets into the (length-capped) input so a chip can be cut back out.

import { MAX_QUERY_WORDS } from './plain-words'

/** Half-open [start, end) offsets into the query text. */
export interface Span {
  start: number
  end: number
}

/** Full-text fields a term can be scoped to; each table maps them to its own FTS columns. */
export type QueryField = 'title' | 'author' | 'source'

/** What `kind:` can filter on. */
export type QueryKind = 'article' | 'note' | 'dataset' | 'data'

/** How a term matches: one word, adjacent words in order, or words starting with the text. */
export type TermMatch = 'word' | 'phrase' | 'prefix'

export interface TermNode {
  type: 'term'
  /** The user's text without quotes or the trailing `*`; quoting for FTS5 is the compiler's job. */
  text: string
  match: TermMatch
  field: QueryField | null
  span: Span
}

export interface NearNode {
  type: 'near'
  terms: TermNode[]
  /** Most tokens allowed between the terms (FTS5's NEAR distance). */
  distance: number
  span: Span
}

export interface AndNode {
  type: 'and'
  children: QueryNode[]
  span: Span
}

export interface OrNode {
  type: 'or'
  children: QueryNode[]
  span: Span
}

export interface NotNode {
  type: 'not'
  child: QueryNode
  span: Span
}

export type QueryNode = TermNode | NearNode | AndNode | OrNode | NotNode

/** Filters narrow results outside FTS5; they apply to the whole query wherever they were typed. */
export interface QueryFilters {
  kinds: QueryKind[]
  datasets: string[]
  year: number | null
  /** Inclusive lower bound, YYYY-MM-DD: keep dates >= after. */
  after: string | null
  /** Exclusive upper bound, YYYY-MM-DD: keep dates < before. */
  before: string | null
}

export type QueryChipKind = 'term' | 'phrase' | 'prefix' | 'or' | 'not' | 'near' | 'field' | 'filter'

/** One removable piece of the query as the UI shows it back: a top-level conjunct or a filter. */
export interface QueryChip {
  id: string
  label: string
  kind: QueryChipKind
  /** The source slice this chip was parsed from. */
  text: string
}

export interface ParsedQuery {
  /** null when the query has no full-text terms (only filters, punctuation or nothing). */
  ast: QueryNode | null
  filters: QueryFilters
  chips: QueryChip[]
  /** Plain-language remarks on what was ignored or reinterpreted, for the UI to show quietly. */
  notes: string[]
}

/** Longer input is cut here: a search box never needs more, and it bounds parsing time. */
export const MAX_QUERY_CHARS = 10_000
/** A query's terms are capped like its words, so no query makes FTS5 weigh more than 64 of them. */
export const MAX_QUERY_TERMS = MAX_QUERY_WORDS
/** Deeper parentheses are read as plain grouping-free text: FTS5's parser stack overflows near 40 levels. */
export const MAX_GROUP_DEPTH = 6
export const DEFAULT_NEAR_DISTANCE = 10
/** Larger distances are clamped: beyond this NEAR means "anywhere in the document" anyway. */
export const MAX_NEAR_DISTANCE = 1000
