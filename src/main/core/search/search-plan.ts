import type { SearchHitKind, SearchRequest } from '@shared/model'
import { SEARCH_HIT_KINDS } from '@shared/model'
import { parsePeriodStart } from '@shared/query/filter-values'
import type { ParsedQuery } from '@shared/query/query-ast'
import { toFtsMatch } from '@shared/query/to-fts-match'
import { FIELD_COLUMNS } from './search-fields'

/** What one search will ask each kind's index, worked out from the parsed query and the request. */
export interface SearchPlan {
  /** The FTS5 expression per kind the query can reach at all (facet picks aside). */
  matches: Partial<Record<SearchHitKind, string>>
  /** Kinds whose hits are listed: the reachable ones the facets picked (all when none picked). */
  listed: Set<SearchHitKind>
  /** Half-open date range [after, before) as YYYY-MM-DD, or null ends. */
  after: string | null
  before: string | null
  /** Names from `dataset:` (matched without regard to case); empty means any dataset. */
  datasetNames: string[]
  notes: string[]
}

function later(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a > b ? a : b
}

function earlier(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a < b ? a : b
}

export function planSearch(parsed: ParsedQuery, request: SearchRequest): SearchPlan {
  const notes: string[] = []
  const { filters } = parsed
  let after = filters.after
  let before = filters.before
  if (filters.year !== null) {
    after = later(after, `${String(filters.year).padStart(4, '0')}-01-01`)
    before = earlier(before, `${String(filters.year + 1).padStart(4, '0')}-01-01`)
  }
  for (const [value, bound] of [
    [request.after, 'after'],
    [request.before, 'before']
  ] as const) {
    if (value === null || value === '') continue
    const start = parsePeriodStart(value)
    if (start === null) notes.push(`The date “${value}” was not understood (use YYYY, YYYY-MM or YYYY-MM-DD), so it was ignored.`)
    else if (bound === 'after') after = later(after, start)
    else before = earlier(before, start)
  }

  const reachable = new Set<SearchHitKind>(filters.kinds.length > 0 ? filters.kinds : SEARCH_HIT_KINDS)
  // dataset: names datasets (and their rows), so it leaves articles and notes out.
  if (filters.datasets.length > 0) {
    reachable.delete('article')
    reachable.delete('note')
  }
  if (after !== null || before !== null) {
    // A dataset has no date either; said once, for rows and datasets alike.
    if (reachable.has('data')) notes.push('Data rows have no date, so the date filter leaves them out.')
    else if (reachable.has('dataset')) notes.push('Datasets have no date, so the date filter leaves them out.')
    reachable.delete('data')
    reachable.delete('dataset')
  }

  const matches: Partial<Record<SearchHitKind, string>> = {}
  if (parsed.ast !== null) {
    for (const kind of reachable) {
      const match = toFtsMatch(parsed.ast, FIELD_COLUMNS[kind])
      if (match !== null) matches[kind] = match
    }
  }
  const picked = request.kinds.length > 0 ? new Set(request.kinds) : new Set(SEARCH_HIT_KINDS)
  // A source picked in the facets is a publisher or a dataset; notes have neither.
  if (request.source !== null) picked.delete('note')
  const listed = new Set(SEARCH_HIT_KINDS.filter((kind) => matches[kind] !== undefined && picked.has(kind)))
  return { matches, listed, after, before, datasetNames: filters.datasets, notes }
}
