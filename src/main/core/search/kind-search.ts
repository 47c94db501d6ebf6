import type { SearchHit, SearchSort } from '@shared/model'
import type { Checkpoint } from './search-abandoned'

/** The "match case and accents as typed" switch, as SQL over a text expression and in JavaScript. */
export interface ExactSpelling {
  /** null when the query has nothing to check (every term is excluded, say). */
  sql(haystack: string): { sql: string; params: string[] } | null
  test: ((text: string) => boolean) | null
}

/** What the orchestrator asks of one kind's index. */
export interface KindQuery {
  match: string
  after: string | null
  before: string | null
  /** The exact-spelling check, or null when the switch is off. */
  exact: ExactSpelling | null
  /** A publisher or dataset picked in the facets: narrows the hits and the total, not the facets. */
  source: string | null
  sort: SearchSort
  /** Only items imported or written after this ISO time (a saved search's "new since"), or null. */
  addedAfter: string | null
  /** How many best hits to return (offset + limit of the page); 0 when the kind is not listed. */
  take: number
  /** Stops the search (by throwing) when a newer one has replaced it. */
  checkpoint: Checkpoint
}

/** One facet bucket of one kind: matches per source and year (either may be null). */
export interface FacetBucket {
  source: string | null
  year: number | null
  count: number
}

export interface KindResult {
  hits: SearchHit[]
  buckets: FacetBucket[]
}

/** ORDER BY for a kind whose date lives in `dateColumn` (dates sort last when missing). */
export function orderBy(sort: SearchSort, dateColumn: string, idColumn: string): string {
  if (sort === 'newest') return `ORDER BY ${dateColumn} IS NULL, ${dateColumn} DESC, rank, ${idColumn}`
  if (sort === 'oldest') return `ORDER BY ${dateColumn} IS NULL, ${dateColumn} ASC, rank, ${idColumn}`
  return `ORDER BY rank, ${idColumn}`
}

export function yearOf(value: string | null): number | null {
  if (value === null || !/^\d{4}/.test(value)) return null
  return Number(value.slice(0, 4))
}
