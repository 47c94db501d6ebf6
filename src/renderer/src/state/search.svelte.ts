// The search field and its results. Typing is debounced, and every request carries a sequence
// number so a slow answer to an older query can never replace the answer to a newer one.

import type { SearchResult } from '@shared/model'
import { searchRequest } from '@shared/search-request'
import { api, toFailure, type ApiFailure } from '../lib/api'

export const SEARCH_DEBOUNCE_MS = 150
export const SEARCH_LIMIT = 50

export class SearchState {
  query = $state('')
  /** Whether the results cover the main pane; opening a hit hides them but keeps the query. */
  showing = $state(false)
  result = $state.raw<SearchResult | null>(null)
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle')
  error = $state.raw<ApiFailure | null>(null)

  #seq = 0
  #timer: ReturnType<typeof setTimeout> | null = null

  get active(): boolean {
    return this.showing && this.query.trim() !== ''
  }

  setQuery(query: string): void {
    this.query = query
    this.#cancelTimer()
    if (query.trim() === '') {
      this.#seq++
      this.result = null
      this.error = null
      this.status = 'idle'
      this.showing = false
      return
    }
    this.showing = true
    this.status = 'loading'
    this.#timer = setTimeout(() => void this.run(), SEARCH_DEBOUNCE_MS)
  }

  clear(): void {
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
    try {
      const result = await api.search(searchRequest(query, { limit: SEARCH_LIMIT }))
      if (seq !== this.#seq) return
      this.result = result
      this.error = null
      this.status = 'ready'
    } catch (caught) {
      if (seq !== this.#seq) return
      this.error = toFailure(caught)
      this.status = 'error'
    }
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }
}
