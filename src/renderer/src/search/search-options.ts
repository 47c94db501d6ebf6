// What the search screen adds to the typed query: facet picks, the date range, sort order and the
// exact-spelling switch. Pure, so the rules (what counts as narrowing, which sources to list) are
// pinned by unit tests.

import type { SavedSearch, SavedSearchFilters, SearchFacets, SearchHitKind, SearchSort } from '@shared/model'
import { SEARCH_HIT_KINDS } from '@shared/model'

export interface SearchOptions {
  /** Kinds ticked in the facets; none ticked means every kind. */
  kinds: readonly SearchHitKind[]
  /** The publisher or dataset picked in the facets, or null for any. */
  source: string | null
  /** The date range as typed, both ends inclusive ('' is open): see lib/date-range.ts. */
  from: string
  to: string
  sort: SearchSort
  exact: boolean
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = { kinds: [], source: null, from: '', to: '', sort: 'relevance', exact: false }

/** The part of the screen's options a saved search keeps besides its query and exact switch. */
export function savedFiltersOf(options: SearchOptions): SavedSearchFilters {
  return { kinds: [...options.kinds], source: options.source, from: options.from.trim(), to: options.to.trim(), sort: options.sort }
}

/** The screen's options for opening a saved search: its filters and switch, nothing else. */
export function optionsOfSaved(saved: Pick<SavedSearch, 'exact' | 'filters'>): SearchOptions {
  return { ...DEFAULT_SEARCH_OPTIONS, ...saved.filters, kinds: [...saved.filters.kinds], exact: saved.exact }
}

/** Whether the screen shows exactly this saved search: the same query, switch, filters and order. */
export function matchesSaved(query: string, options: SearchOptions, saved: SavedSearch): boolean {
  const filters = savedFiltersOf(options)
  return (
    query.trim() === saved.query &&
    options.exact === saved.exact &&
    filters.kinds.join() === saved.filters.kinds.join() &&
    filters.source === saved.filters.source &&
    filters.from === saved.filters.from &&
    filters.to === saved.filters.to &&
    filters.sort === saved.filters.sort
  )
}

/** How many filters narrow the results (sort and the exact switch change how, not which). */
export function activeFilterCount(options: SearchOptions): number {
  return (options.kinds.length > 0 ? 1 : 0) + (options.source !== null ? 1 : 0) + (options.from.trim() !== '' || options.to.trim() !== '' ? 1 : 0)
}

/** Ticks or unticks one kind, keeping the canonical order so equal picks compare equal. */
export function toggleKind(kinds: readonly SearchHitKind[], kind: SearchHitKind): SearchHitKind[] {
  const next = new Set(kinds)
  if (next.has(kind)) next.delete(kind)
  else next.add(kind)
  return SEARCH_HIT_KINDS.filter((entry) => next.has(entry))
}

export interface SourceChoice {
  name: string
  count: number
}

export interface SourceGroups {
  publishers: SourceChoice[]
  datasets: SourceChoice[]
}

/**
 * The facet's sources split into publishers (of articles) and datasets. A picked source the
 * current answer no longer lists is kept, with a count of 0, so it can still be unpicked.
 */
export function sourceGroups(facets: SearchFacets, picked: string | null): SourceGroups {
  const publishers: SourceChoice[] = []
  const datasets: SourceChoice[] = []
  for (const source of facets.sources) {
    const group = source.kind === 'article' ? publishers : datasets
    const existing = group.find((entry) => entry.name === source.name)
    if (existing === undefined) group.push({ name: source.name, count: source.count })
    else existing.count += source.count
  }
  if (picked !== null && !facets.sources.some((source) => source.name === picked)) publishers.unshift({ name: picked, count: 0 })
  return { publishers, datasets }
}

export const KIND_NAMES: Record<SearchHitKind, { one: string; many: string; facet: string }> = {
  article: { one: 'article', many: 'articles', facet: 'Articles' },
  note: { one: 'note', many: 'notes', facet: 'Notes' },
  dataset: { one: 'dataset', many: 'datasets', facet: 'Datasets' },
  data: { one: 'data row', many: 'data rows', facet: 'Data rows' }
}

/** A saved search's filters in a few words for the sidebar, e.g. "Articles · Colorlines · 2011 – 2012"; '' when it has none. */
export function savedFiltersSummary(filters: SavedSearchFilters): string {
  const parts: string[] = []
  if (filters.kinds.length > 0) parts.push(filters.kinds.map((kind) => KIND_NAMES[kind].facet).join(', '))
  if (filters.source !== null) parts.push(filters.source)
  if (filters.from !== '' && filters.from === filters.to) parts.push(filters.from)
  else if (filters.from !== '' && filters.to !== '') parts.push(`${filters.from} – ${filters.to}`)
  else if (filters.from !== '') parts.push(`from ${filters.from}`)
  else if (filters.to !== '') parts.push(`to ${filters.to}`)
  if (filters.sort !== 'relevance') parts.push(`${filters.sort} first`)
  return parts.join(' · ')
}
