import type { Database } from 'better-sqlite3'
import { SEARCH_HIT_KINDS, type SearchFacets, type SearchHit, type SearchHitKind, type SearchRequest, type SearchResult } from '@shared/model'
import { parseQuery } from '@shared/query/parse-query'
import { exactCondition, exactTest } from './exact-condition'
import type { ExactSpelling, FacetBucket, KindQuery, KindResult } from './kind-search'
import { matchTerms } from './match-terms'
import { datasetScope, searchDataRows } from './search-data-rows'
import { ARTICLES, NOTES, searchDocuments } from './search-documents'
import { NEVER_ABANDONED, type Checkpoint } from './search-abandoned'
import { planSearch } from './search-plan'

const KIND_ORDER: Record<SearchHitKind, number> = { article: 0, note: 1, data: 2 }

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
  const kinds: Record<SearchHitKind, number> = { article: 0, note: 0, data: 0 }
  const sources = new Map<string, { kind: 'article' | 'data'; name: string; count: number }>()
  const years = new Map<number, number>()
  for (const kind of SEARCH_HIT_KINDS) {
    for (const bucket of results[kind]?.buckets ?? []) {
      kinds[kind] += bucket.count
      if (bucket.source !== null && kind !== 'note') {
        const key = `${kind}\u0000${bucket.source}`
        const entry = sources.get(key) ?? { kind, name: bucket.source, count: 0 }
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
 * One ranked search over articles, notes and dataset rows. Never throws on any query text: the
 * query language reads anything, and every piece of user text reaches FTS5 as a quoted string.
 */
export function searchArchive(db: Database, request: SearchRequest, options: { addedAfter?: string; checkpoint?: Checkpoint } = {}): SearchResult {
  const checkpoint = options.checkpoint ?? NEVER_ABANDONED
  const parsed = parseQuery(request.query)
  const plan = planSearch(parsed, request)
  const notes = [...parsed.notes, ...plan.notes]
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
  checkpoint()
  if (plan.matches.article !== undefined) results.article = searchDocuments(db, ARTICLES, query('article', plan.matches.article))
  checkpoint()
  if (plan.matches.note !== undefined) results.note = searchDocuments(db, NOTES, query('note', plan.matches.note))
  checkpoint()
  if (plan.matches.data !== undefined) {
    const scope = datasetScope(db, plan.datasetNames, options.addedAfter ?? null)
    if (plan.datasetNames.length > 0 && options.addedAfter === undefined && scope?.length === 0) notes.push(`No dataset's name contains ${plan.datasetNames.map((name) => `“${name}”`).join(' or ')}.`)
    results.data = searchDataRows(db, query('data', plan.matches.data), scope, matchTerms(parsed.ast))
  }
  if (parsed.ast === null && request.query.trim() !== '') notes.push('There is nothing to search for yet: add a word or a "phrase".')

  const total = SEARCH_HIT_KINDS.filter((kind) => plan.listed.has(kind)).reduce(
    (sum, kind) => sum + countListed(results[kind]?.buckets ?? [], kind === 'note' ? null : request.source),
    0
  )
  const hits = SEARCH_HIT_KINDS.flatMap((kind) => results[kind]?.hits ?? [])
    .sort(compareHits(request.sort))
    .slice(request.offset, take)
  return { query: request.query, total, facets: facetsOf(results), hits, offset: request.offset, chips: parsed.chips, notes }
}
