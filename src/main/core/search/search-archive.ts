import type { Database } from 'better-sqlite3'
import { SEARCH_HIT_KINDS, type SearchFacets, type SearchHit, type SearchHitKind, type SearchRequest, type SearchResult } from '@shared/model'
import { parseQuery } from '@shared/query/parse-query'
import { exactCondition, exactTest } from './exact-condition'
import type { ExactSpelling, FacetBucket, KindQuery, KindResult } from './kind-search'
import { matchTerms } from './match-terms'
import { datasetScope, ROWS_RANKED_AT_MOST, searchDataRows } from './search-data-rows'
import { searchDatasets } from './search-datasets'
import { ARTICLES, isSplittable, NOTES, searchDocuments, searchDocumentsHalf } from './search-documents'
import { NEVER_ABANDONED, type Checkpoint } from './search-abandoned'
import { planSearch } from './search-plan'

const KIND_ORDER: Record<SearchHitKind, number> = { article: 0, note: 1, dataset: 2, data: 3 }

function compareHits(sort: SearchRequest['sort']): (a: SearchHit, b: SearchHit) => number {
  const byRank = (a: SearchHit, b: SearchHit) => a.rank - b.rank || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id - b.id || (a.row ?? 0) - (b.row ?? 0)
  if (sort === 'relevance') return byRank
  const direction = sort === 'newest' ? -1 : 1
  return (a, b) => {
    if (a.date === b.date) return byRank(a, b)
    if (a.date === null) return 1
    if (b.date === null) return -1
    return (a.date < b.date ? -1 : 1) * direction
  }
}

function facetsOf(results: Partial<Record<SearchHitKind, KindResult>>): SearchFacets {
  const kinds: Record<SearchHitKind, number> = { article: 0, note: 0, dataset: 0, data: 0 }
  const sources = new Map<string, { kind: 'article' | 'data'; name: string; count: number }>()
  const years = new Map<number, number>()
  for (const kind of SEARCH_HIT_KINDS) {
    for (const bucket of results[kind]?.buckets ?? []) {
      kinds[kind] += bucket.count
      if (bucket.source !== null && kind !== 'note') {
        // A dataset found by its name or provenance counts under its name with its rows: picking it narrows to both.
        const sourceKind = kind === 'article' ? 'article' : 'data'
        const key = `${sourceKind}\u0000${bucket.source}`
        const entry = sources.get(key) ?? { kind: sourceKind, name: bucket.source, count: 0 }
        entry.count += bucket.count
        sources.set(key, entry)
      }
      if (bucket.year !== null) years.set(bucket.year, (years.get(bucket.year) ?? 0) + bucket.count)
    }
  }
  return {
    kinds,
    sources: [...sources.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    years: [...years].map(([year, count]) => ({ year, count })).sort((a, b) => a.year - b.year)
  }
}

function countListed(buckets: readonly FacetBucket[], source: string | null): number {
  return buckets.reduce((sum, bucket) => sum + (source === null || bucket.source === source ? bucket.count : 0), 0)
}

/**
 * Each dataset hit ranked at least just above the best of its rows listed: the table is a better
 * answer than one of its rows. Its own bm25 comes from an index of one entry per dataset, where a
 * word in half of a handful of datasets weighs next to nothing, and would put it after every row.
 */
function aboveItsRows(datasets: readonly SearchHit[], rows: readonly SearchHit[]): SearchHit[] {
  const best = new Map<number, number>()
  for (const row of rows) best.set(row.id, Math.min(best.get(row.id) ?? 0, row.rank))
  return datasets.map((hit) => {
    const rowRank = best.get(hit.id)
    return rowRank === undefined || hit.rank < rowRank ? hit : { ...hit, rank: rowRank - Math.abs(rowRank) * 1e-6 - 1e-9 }
  })
}

/**
 * The parts of a search, which can run at once on separate connections (search-pool.ts): articles
 * and notes, and datasets with their rows (a dataset's own words are a small index, searched beside its rows'); and for a search by relevance that filters nothing, the articles'
 * and notes' ranked page apart from their facet counts (the page does not need the counts). Each is
 * most of the work for some queries.
 */
export type SearchPart = 'documents' | 'document-pages' | 'document-counts' | 'rows'

/** The order parts are handed to threads, and merged in: longest first, as a rule. */
export const SEARCH_PART_ORDER: readonly SearchPart[] = ['documents', 'document-pages', 'rows', 'document-counts']

/** What one part of a search found, and what it has to say about it. */
export interface PartialSearch {
  results: Partial<Record<SearchHitKind, KindResult>>
  notes: string[]
  /** More rows matched than are counted (search-data-rows.ts): the total is a lower bound. */
  rowsCapped: boolean
}

export interface SearchOptions {
  /** Only what arrived after this ISO time (a saved search's "new since"). */
  addedAfter?: string
  checkpoint?: Checkpoint
}

/**
 * The parts `request` reaches: those with something to search for. `addedAfter` (a saved search's
 * "new since") filters, so its articles and notes are searched whole.
 */
export function searchParts(request: SearchRequest, addedAfter: string | null): SearchPart[] {
  const plan = planSearch(parseQuery(request.query), request)
  const parts: SearchPart[] = []
  if (plan.matches.article !== undefined || plan.matches.note !== undefined) {
    const splittable = isSplittable({ sort: request.sort, after: plan.after, before: plan.before, addedAfter, source: request.source, exact: request.exact })
    parts.push(...(splittable ? (['document-pages', 'document-counts'] as const) : (['documents'] as const)))
  }
  if (plan.matches.data !== undefined || plan.matches.dataset !== undefined) parts.push('rows')
  return SEARCH_PART_ORDER.filter((part) => parts.includes(part))
}

/** One part of a search, on `db`. Never throws on any query text (see searchArchive). */
export function searchPart(db: Database, request: SearchRequest, part: SearchPart, options: SearchOptions): PartialSearch {
  const checkpoint = options.checkpoint ?? NEVER_ABANDONED
  const parsed = parseQuery(request.query)
  const plan = planSearch(parsed, request)
  const exact: ExactSpelling | null = request.exact
    ? {
        sql: (haystack) => {
          const params: string[] = []
          const sql = exactCondition(parsed.ast, haystack, params)
          return sql === null ? null : { sql, params }
        },
        test: exactTest(parsed.ast)
      }
    : null
  const take = request.offset + request.limit
  const query = (kind: SearchHitKind, match: string): KindQuery => ({
    match,
    after: plan.after,
    before: plan.before,
    exact,
    source: request.source,
    sort: request.sort,
    addedAfter: options.addedAfter ?? null,
    take: plan.listed.has(kind) ? take : 0,
    checkpoint
  })
  const results: Partial<Record<SearchHitKind, KindResult>> = {}
  const notes: string[] = []
  let rowsCapped = false
  checkpoint()
  if (part === 'documents' || part === 'document-pages' || part === 'document-counts') {
    const search = (spec: typeof ARTICLES, kindQuery: KindQuery) =>
      part === 'documents' ? searchDocuments(db, spec, kindQuery) : searchDocumentsHalf(db, spec, kindQuery, part === 'document-pages' ? 'page' : 'counts')
    if (plan.matches.article !== undefined) results.article = search(ARTICLES, query('article', plan.matches.article))
    checkpoint()
    if (plan.matches.note !== undefined) results.note = search(NOTES, query('note', plan.matches.note))
  } else if (plan.matches.data !== undefined || plan.matches.dataset !== undefined) {
    const scope = datasetScope(db, plan.datasetNames, options.addedAfter ?? null)
    if (plan.datasetNames.length > 0 && options.addedAfter === undefined && scope?.length === 0) notes.push(`No dataset's name contains ${plan.datasetNames.map((name) => `“${name}”`).join(' or ')}.`)
    if (plan.matches.dataset !== undefined) results.dataset = searchDatasets(db, query('dataset', plan.matches.dataset), scope)
    checkpoint()
    if (plan.matches.data === undefined) return { results, notes, rowsCapped }
    const { capped, ...found } = searchDataRows(db, query('data', plan.matches.data), scope, matchTerms(parsed.ast))
    results.data = found
    rowsCapped = capped
    if (results.dataset !== undefined) results.dataset = { ...results.dataset, hits: aboveItsRows(results.dataset.hits, found.hits) }
    if (capped) {
      notes.push(
        `More than ${ROWS_RANKED_AT_MOST.toLocaleString('en-US')} rows match, too many to rank or count at once: the rows are listed in table order after the articles and notes, and a dataset counted at ${ROWS_RANKED_AT_MOST.toLocaleString('en-US')} has more.`
      )
    }
  }
  return { results, notes, rowsCapped }
}

/** The parts' findings as one ranked page with its facets, chips and notes. */
export function mergeSearch(request: SearchRequest, partials: readonly PartialSearch[]): SearchResult {
  const parsed = parseQuery(request.query)
  const plan = planSearch(parsed, request)
  // A kind's page and its counts may come from two parts: their hits and buckets join.
  const results: Partial<Record<SearchHitKind, KindResult>> = {}
  for (const partial of partials) {
    for (const kind of SEARCH_HIT_KINDS) {
      const found = partial.results[kind]
      if (found === undefined) continue
      const known = results[kind]
      results[kind] = known === undefined ? found : { hits: [...known.hits, ...found.hits], buckets: [...known.buckets, ...found.buckets] }
    }
  }
  const notes = [...parsed.notes, ...plan.notes, ...partials.flatMap((partial) => partial.notes)]
  if (parsed.ast === null && request.query.trim() !== '') notes.push('There is nothing to search for yet: add a word or a "phrase".')
  const take = request.offset + request.limit
  const total = SEARCH_HIT_KINDS.filter((kind) => plan.listed.has(kind)).reduce(
    (sum, kind) => sum + countListed(results[kind]?.buckets ?? [], kind === 'note' ? null : request.source),
    0
  )
  const hits = SEARCH_HIT_KINDS.flatMap((kind) => results[kind]?.hits ?? [])
    .sort(compareHits(request.sort))
    .slice(request.offset, take)
  const moreThanTotal = plan.listed.has('data') && partials.some((partial) => partial.rowsCapped)
  return { query: request.query, total, moreThanTotal, facets: facetsOf(results), hits, offset: request.offset, chips: parsed.chips, notes }
}

/**
 * One ranked search over articles, notes, datasets and their rows. Never throws on any query text: the
 * query language reads anything, and every piece of user text reaches FTS5 as a quoted string.
 */
export function searchArchive(db: Database, request: SearchRequest, options: SearchOptions = {}): SearchResult {
  return mergeSearch(
    request,
    searchParts(request, options.addedAfter ?? null).map((part) => searchPart(db, request, part, options))
  )
}
