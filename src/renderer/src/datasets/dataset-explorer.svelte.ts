// The rows the data explorer shows: one sort, any filters, and the rows loaded so far, a page at a
// time from a keyset cursor (page 10,000 costs what page 1 does). A new sort or filter asks again
// from the top; answers to a superseded question are dropped. The rows already shown stay on screen
// while the new ones come, and stay when a later page fails (only its own retry is offered).
//
// In the stored order with no filter, rowids run 1…N, so a window can start anywhere: opened at a
// search hit deep in the table, the rows start just above it and earlier rows load on request.

import type { RowFilter } from '@shared/chart-spec'
import type { RowPage, RowQuery } from '@shared/row-query'
import { api, toFailure, type ApiFailure } from '../lib/api'
import type { RowSort } from './dataset-sort'
import { windowStart } from './row-window'

export const ROWS_PAGE_SIZE = 200

export type ExplorerRow = RowPage['rows'][number]

export class DatasetExplorerState {
  readonly datasetId: number
  sort = $state.raw<RowSort | null>(null)
  filters = $state.raw<RowFilter[]>([])
  rows = $state.raw<ExplorerRow[]>([])
  /** Rows that pass the filters (exact), or null before the first answer. */
  total = $state<number | null>(null)
  /** The state of the question as a whole (a new sort or filter); rows stay visible while it loads. */
  status = $state<'loading' | 'ready' | 'error'>('loading')
  error = $state.raw<ApiFailure | null>(null)
  moreStatus = $state<'idle' | 'loading' | 'error'>('idle')
  moreError = $state.raw<ApiFailure | null>(null)
  earlierStatus = $state<'idle' | 'loading' | 'error'>('idle')
  earlierError = $state.raw<ApiFailure | null>(null)
  /** Bumped whenever the rows are replaced from the top, so the table can scroll back up. */
  generation = $state(0)

  #next: RowQuery['after'] = null
  #seq = 0

  constructor(datasetId: number) {
    this.datasetId = datasetId
  }

  /** In the stored order, unfiltered: the only order in which row numbers are positions. */
  get isStoredOrder(): boolean {
    return this.sort === null && this.filters.length === 0
  }

  get hasMore(): boolean {
    return this.#next !== null
  }

  /** Rows above the first loaded one exist (only a window opened at a row starts below the top). */
  get hasEarlier(): boolean {
    const first = this.rows[0]
    return this.isStoredOrder && first !== undefined && first.rowid > 1
  }

  /** Opens at the top, or around row `target` (1-based) when one is given. */
  async open(target: number | null): Promise<void> {
    const start = windowStart(target, ROWS_PAGE_SIZE)
    await this.#ask(start === 0 ? null : { value: null, rowid: start })
  }

  setSort(sort: RowSort | null): void {
    this.sort = sort
    void this.#ask(null)
  }

  setFilters(filters: RowFilter[]): void {
    this.filters = filters
    void this.#ask(null)
  }

  /** Asks the same question again (after a failure, or after a column's type changed). */
  reload(): Promise<void> {
    return this.#ask(null)
  }

  #query(after: RowQuery['after'], limit: number): RowQuery {
    return { datasetId: this.datasetId, sort: this.sort, filters: this.filters, after, limit }
  }

  async #ask(after: RowQuery['after']): Promise<void> {
    const seq = ++this.#seq
    this.status = 'loading'
    this.error = null
    this.moreStatus = 'idle'
    this.moreError = null
    this.earlierStatus = 'idle'
    this.earlierError = null
    try {
      const page = await api.queryDatasetRows(this.#query(after, ROWS_PAGE_SIZE))
      if (seq !== this.#seq) return
      this.rows = page.rows
      this.total = page.total
      this.#next = page.next
      this.status = 'ready'
      this.generation++
    } catch (caught) {
      if (seq !== this.#seq) return
      this.error = toFailure(caught)
      this.status = 'error'
    }
  }

  async loadMore(): Promise<void> {
    if (this.moreStatus === 'loading' || this.status !== 'ready' || this.#next === null) return
    const seq = this.#seq
    this.moreStatus = 'loading'
    this.moreError = null
    try {
      const page = await api.queryDatasetRows(this.#query(this.#next, ROWS_PAGE_SIZE))
      if (seq !== this.#seq) return
      this.rows = [...this.rows, ...page.rows]
      this.total = page.total
      this.#next = page.next
      this.moreStatus = 'idle'
    } catch (caught) {
      if (seq !== this.#seq) return
      this.moreError = toFailure(caught)
      this.moreStatus = 'error'
    }
  }

  /** Loads the page above the window; resolves to how many rows were added (the view keeps its place). */
  async loadEarlier(): Promise<number> {
    const first = this.rows[0]
    if (this.earlierStatus === 'loading' || !this.hasEarlier || first === undefined) return 0
    const seq = this.#seq
    this.earlierStatus = 'loading'
    this.earlierError = null
    try {
      const from = Math.max(0, first.rowid - 1 - ROWS_PAGE_SIZE)
      const page = await api.queryDatasetRows(this.#query(from === 0 ? null : { value: null, rowid: from }, first.rowid - 1 - from))
      if (seq !== this.#seq) return 0
      const added = page.rows.filter((row) => row.rowid < first.rowid)
      this.rows = [...added, ...this.rows]
      this.total = page.total
      this.earlierStatus = 'idle'
      return added.length
    } catch (caught) {
      if (seq !== this.#seq) return 0
      this.earlierError = toFailure(caught)
      this.earlierStatus = 'error'
      return 0
    }
  }
}
