// The search field, the screen's options and the results. Typing is debounced; a change of options
// runs at once. Every request carries a sequence number so a slow answer to an older search can never
// replace the answer to a newer one, and a page fetched for an older search is never appended.

import type { SavedSearch, SearchHit, SearchRequest, SearchResult } from '@shared/model'
import { searchRequest } from '@shared/search-request'
import { removeChip } from '@shared/query/remove-chip'
import { api, toFailure, type ApiFailure } from '../lib/api'
import { dateRange } from '@shared/date-range'
import { hitKey, nextPageOffset, pagingEnd, SEARCH_PAGE_SIZE, unseenHits, type PagingEnd } from './search-paging'
import { DEFAULT_SEARCH_OPTIONS, optionsOfSaved, type SearchOptions } from './search-options'

export const SEARCH_DEBOUNCE_MS = 150

export class SearchState {
  query = $state('')
  options = $state.raw<SearchOptions>(DEFAULT_SEARCH_OPTIONS)
  /** Whether the results cover the main pane; opening a hit hides them but keeps the query. */
  showing = $state(false)
  /** The answer to the first page: total, facets, chips and notes. */
  result = $state.raw<SearchResult | null>(null)
  /**
   * Every hit fetched so far for that answer, page by page. Kept as pages so that adding one leaves
   * the others untouched: the view renders (and the browser lays out) a page as one block.
   */
  pages = $state.raw<SearchHit[][]>([])
  /** How many hits the pages hold. */
  shown = $state(0)
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle')
  error = $state.raw<ApiFailure | null>(null)
  /** The next page's fetch; a failure here leaves the hits already shown in place. */
  moreStatus = $state<'idle' | 'loading' | 'error'>('idle')
  moreError = $state.raw<ApiFailure | null>(null)

  #seq = 0
  #timer: ReturnType<typeof setTimeout> | null = null
  #exhausted = $state(false)
  /** How far into the ranking the pages reach (duplicates dropped from a page still count here). */
  #fetched = $state(0)
  #seen = new Set<string>()

  get active(): boolean {
    return this.showing && this.query.trim() !== ''
  }

  get end(): PagingEnd {
    return this.result === null ? 'all' : pagingEnd(this.#fetched, this.result.total, this.#exhausted)
  }

  setQuery(query: string): void {
    this.query = query
    this.#cancelTimer()
    if (query.trim() === '') {
      this.#reset()
      return
    }
    this.showing = true
    this.status = 'loading'
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

  async run(): Promise<void> {
    this.#cancelTimer()
    const query = this.query.trim()
    if (query === '') return
    const seq = ++this.#seq
    this.status = 'loading'
    this.moreStatus = 'idle'
    this.moreError = null
    try {
      const result = await api.search(this.#request(query, 0))
      if (seq !== this.#seq) return
      this.result = result
      this.#seen = new Set(result.hits.map(hitKey))
      this.pages = result.hits.length === 0 ? [] : [result.hits]
      this.shown = result.hits.length
      this.#fetched = result.hits.length
      this.#exhausted = false
      this.error = null
      this.status = 'ready'
    } catch (caught) {
      if (seq !== this.#seq) return
      this.error = toFailure(caught)
      this.status = 'error'
    }
  }

  /** Fetches the page after the hits shown; does nothing while another fetch is under way or when all are shown. */
  async loadMore(): Promise<void> {
    const result = this.result
    if (result === null || this.status !== 'ready' || this.moreStatus === 'loading') return
    const offset = nextPageOffset(this.#fetched, result.total, this.#exhausted)
    if (offset === null) return
    const seq = this.#seq
    this.moreStatus = 'loading'
    this.moreError = null
    try {
      const page = await api.search(this.#request(result.query.trim(), offset))
      if (seq !== this.#seq) return
      const added = unseenHits(this.#seen, page.hits)
      if (page.hits.length === 0) this.#exhausted = true
      this.#fetched = offset + page.hits.length
      if (added.length > 0) {
        this.pages = [...this.pages, added]
        this.shown += added.length
      }
      if (page.total !== result.total) this.result = { ...result, total: page.total }
      this.moreStatus = 'idle'
    } catch (caught) {
      if (seq !== this.#seq) return
      this.moreError = toFailure(caught)
      this.moreStatus = 'error'
    }
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
    this.#seq++
    this.result = null
    this.pages = []
    this.shown = 0
    this.#fetched = 0
    this.#seen = new Set()
    this.error = null
    this.status = 'idle'
    this.moreStatus = 'idle'
    this.moreError = null
    this.showing = false
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }
}
