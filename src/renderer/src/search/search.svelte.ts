// The search field, the screen's options and the results. Typing is debounced; a change of options
// runs at once. The first page is a Loadable, so a slow answer to an older search can never replace
// the answer to a newer one, and a page fetched for an older search is never appended.

import { createContext } from 'svelte'
import { selectionQuery } from '@shared/context-menu'
import type { SavedSearch, SearchHit, SearchRequest, SearchResult } from '@shared/model'
import { searchRequest } from '@shared/search-request'
import { removeChip } from '@shared/query/remove-chip'
import { dateRange } from '@shared/date-range'
import { api, type ApiFailure } from '../lib/api'
import { Loadable } from '../lib/loadable.svelte'
import { PageLoad } from '../lib/page-load.svelte'
import type { Place } from '../shell/place'
import { hitKey, nextPageOffset, pagingEnd, SEARCH_PAGE_SIZE, unseenHits, type PagingEnd } from './search-paging'
import { DEFAULT_SEARCH_OPTIONS, optionsOfSaved, type SearchOptions } from './search-options'

export const SEARCH_DEBOUNCE_MS = 150

/** The id of the results' element, where ArrowDown in the search field moves the keyboard. */
export const SEARCH_RESULTS_ID = 'search-results'

/** The answer to the first page and every hit fetched for it since, page by page. */
interface Listing {
  result: SearchResult
  /** Kept as pages so that adding one leaves the others untouched: the view renders a page as one block. */
  pages: SearchHit[][]
  /** How many hits the pages hold. */
  shown: number
  /** How far into the ranking the pages reach (duplicates dropped from a page still count here). */
  fetched: number
  /** A page came back empty although the total promised more. */
  exhausted: boolean
  /** Keys of the hits listed, so a hit that comes back on a later page is not shown twice. */
  seen: Set<string>
}

function firstListing(result: SearchResult): Listing {
  return {
    result,
    pages: result.hits.length === 0 ? [] : [result.hits],
    shown: result.hits.length,
    fetched: result.hits.length,
    exhausted: false,
    seen: new Set(result.hits.map(hitKey))
  }
}

/** Something that can take the keyboard: the search field, once it exists. */
interface Focusable {
  focus(): void
}

export class SearchState {
  query = $state('')
  options = $state.raw<SearchOptions>(DEFAULT_SEARCH_OPTIONS)
  /** Whether the results cover the main pane; opening a hit hides them but keeps the query. */
  showing = $state(false)

  readonly #listing = new Loadable<Listing>()
  /** The next page's fetch; a failure here leaves the hits already shown in place. */
  readonly more = new PageLoad(this.#listing)
  #timer: ReturnType<typeof setTimeout> | null = null
  #field: Focusable | null = null

  /** The answer to the first page: total, facets, chips and notes. */
  get result(): SearchResult | null {
    return this.#listing.value?.result ?? null
  }

  get pages(): SearchHit[][] {
    return this.#listing.value?.pages ?? []
  }

  get shown(): number {
    return this.#listing.value?.shown ?? 0
  }

  get status(): 'idle' | 'loading' | 'ready' | 'error' {
    return this.#listing.status
  }

  get error(): ApiFailure | null {
    return this.#listing.error
  }

  get active(): boolean {
    return this.showing && this.query.trim() !== ''
  }

  get end(): PagingEnd {
    const listing = this.#listing.value
    return listing === null ? 'all' : pagingEnd(listing.fetched, listing.result.total, listing.exhausted)
  }

  setQuery(query: string): void {
    this.query = query
    this.#cancelTimer()
    if (query.trim() === '') {
      this.#reset()
      return
    }
    this.showing = true
    this.#listing.expect()
    this.#timer = setTimeout(() => void this.run(), SEARCH_DEBOUNCE_MS)
  }

  /** Replaces the query and searches at once (a chip removed, a saved search opened): nothing is being typed. */
  replaceQuery(query: string): void {
    this.setQuery(query)
    if (query.trim() !== '') void this.run()
  }

  /** Cuts one chip out of the query the chips were read from. */
  removeChip(chipId: string): void {
    this.replaceQuery(removeChip(this.result?.query ?? this.query, chipId))
  }

  /** "Search the archive for …": the selected words as a phrase, results shown at once. */
  searchFor(selection: string): void {
    const query = selectionQuery(selection)
    if (query === '') return
    this.replaceQuery(query)
    this.reveal()
  }

  setOptions(patch: Partial<SearchOptions>): void {
    this.options = { ...this.options, ...patch }
    if (this.query.trim() !== '') void this.run()
  }

  /** Drops the filters (kinds, source, dates) and keeps the sort order and the exact switch. */
  clearFilters(): void {
    this.setOptions({ kinds: [], source: null, from: '', to: '' })
  }

  /** Runs a saved search as it was saved: its query, exact switch, filters and order. */
  openSaved(saved: Pick<SavedSearch, 'query' | 'exact' | 'filters'>): void {
    this.options = optionsOfSaved(saved)
    this.showing = true
    this.replaceQuery(saved.query)
  }

  /** Empties the field and forgets the filters: the next search starts afresh. */
  clear(): void {
    this.options = DEFAULT_SEARCH_OPTIONS
    this.setQuery('')
  }

  hide(): void {
    this.showing = false
  }

  /** Brings the results back, e.g. when the search field is focused again. */
  reveal(): void {
    if (this.query.trim() !== '') this.showing = true
  }

  /** "← Search results" in a view opened from a hit: the results again, and the keyboard in the field. */
  backToResults(): void {
    this.reveal()
    this.#field?.focus()
  }

  /** The search field says how to focus it while it exists; returns the way to forget it. */
  attachField(field: Focusable): () => void {
    this.#field = field
    return () => {
      if (this.#field === field) this.#field = null
    }
  }

  /** Where a hit opens: an article marked with the query it was found by (not whatever has been typed since). */
  placeOf(hit: SearchHit): Place {
    const query = (this.result?.query ?? this.query).trim()
    if (hit.kind === 'article') return { kind: 'article', id: hit.id, highlight: query, exact: this.options.exact }
    if (hit.kind === 'data' || hit.kind === 'dataset') return { kind: 'dataset', id: hit.id, row: hit.row }
    return { kind: 'note', id: hit.id, editing: false, seed: null }
  }

  async run(): Promise<void> {
    this.#cancelTimer()
    const query = this.query.trim()
    if (query === '') return
    this.more.reset()
    const request = this.#request(query, 0)
    await this.#listing.load(async () => firstListing(await api.search(request)))
  }

  /** Fetches the page after the hits shown; does nothing while another fetch is under way or when all are shown. */
  async loadMore(): Promise<void> {
    const listing = this.#listing.value
    if (listing === null || this.status !== 'ready' || this.more.loading) return
    const offset = nextPageOffset(listing.fetched, listing.result.total, listing.exhausted)
    if (offset === null) return
    const request = this.#request(listing.result.query.trim(), offset)
    await this.more.load(
      () => api.search(request),
      (page) =>
        this.#listing.modify((current) => {
          const added = unseenHits(current.seen, page.hits)
          return {
            ...current,
            result: page.total === current.result.total ? current.result : { ...current.result, total: page.total },
            pages: added.length === 0 ? current.pages : [...current.pages, added],
            shown: current.shown + added.length,
            fetched: offset + page.hits.length,
            exhausted: current.exhausted || page.hits.length === 0
          }
        })
    )
  }

  #request(query: string, offset: number): SearchRequest {
    const { kinds, source, from, to, sort, exact } = this.options
    const range = dateRange(from, to)
    return searchRequest(query, {
      kinds: [...kinds],
      source,
      after: range.after,
      before: range.before,
      sort,
      exact,
      offset,
      limit: SEARCH_PAGE_SIZE
    })
  }

  #reset(): void {
    this.#listing.reset()
    this.more.reset()
    this.showing = false
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }
}

export const [getSearch, setSearch] = createContext<SearchState>()
