import type { SearchRequest } from './model'

/** A search for `query` with the screen's defaults: every kind, any date, best first, first page. */
export function searchRequest(query: string, options: Partial<Omit<SearchRequest, 'query'>> = {}): SearchRequest {
  return { query, kinds: [], source: null, after: null, before: null, sort: 'relevance', exact: false, offset: 0, limit: 20, ...options }
}
