// The rows the data explorer shows: one sort, any filters, and the rows loaded so far, a page at a
// time from a keyset cursor (page 10,000 costs what page 1 does). A new sort or filter asks again
// from the top; answers to a superseded question are dropped. The rows already shown stay on screen
// while the new ones come, and stay when a later page fails (only its own retry is offered).
//
// In the stored order with no filter, rowids run 1…N, so a window can start anywhere: opened at a
// search hit deep in the table, the rows start just above it and earlier rows load on request.

import type { RowFilter } from '@shared/chart-spec'
import type { RowPage, RowQuery } from '@shared/row-query'
import { api, type ApiFailure } from '../lib/api'
import { Loadable } from '../lib/loadable.svelte'
import { PageLoad } from '../lib/page-load.svelte'
import type { RowSort } from './dataset-sort'
import { windowStart } from './row-window'

export const ROWS_PAGE_SIZE = 200

export type ExplorerRow = RowPage['rows'][number]

/** The rows loaded for the current question, how many pass its filters, and where the next page starts. */
interface RowWindow {
  rows: ExplorerRow[]
  total: number
  next: RowQuery['after']
}

export class DatasetExplorerState {
  readonly datasetId: number
  sort = $state.raw<RowSort | null>(null)
  filters = $state.raw<RowFilter[]>([])
  /** Bumped whenever the rows are replaced from the top, so the table can scroll back up. */
  generation = $state(0)

  /** The question as a whole (a new sort or filter); the rows shown stay while a new answer comes. */
  readonly #window = new Loadable<RowWindow>()
  /** The page below the rows shown; a failure leaves them in place. */
  readonly more = new PageLoad(this.#window)
  /** The page above them, for a window opened deep in the table. */
  readonly earlier = new PageLoad(this.#window)

  constructor(datasetId: number) {
    this.datasetId = datasetId
  }

  get rows(): ExplorerRow[] {
    return this.#window.value?.rows ?? []
  }

  /** Rows that pass the filters (exact), or null before the first answer. */
  get total(): number | null {
    return this.#window.value?.total ?? null
  }

  /** Before the first answer this reads 'loading': the rows are asked for as soon as the view opens. */
  get status(): 'loading' | 'ready' | 'error' {
    return this.#window.status === 'idle' ? 'loading' : this.#window.status
  }

  get error(): ApiFailure | null {
    return this.#window.error
  }

  /** In the stored order, unfiltered: the only order in which row numbers are positions. */
  get isStoredOrder(): boolean {
    return this.sort === null && this.filters.length === 0
  }

  get hasMore(): boolean {
    return (this.#window.value?.next ?? null) !== null
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
    this.more.reset()
    this.earlier.reset()
    const query = this.#query(after, ROWS_PAGE_SIZE)
    const kept = await this.#window.load(async () => {
      const page = await api.queryDatasetRows(query)
      return { rows: page.rows, total: page.total, next: page.next }
    })
    if (kept && this.#window.status === 'ready') this.generation++
  }

  async loadMore(): Promise<void> {
    const next = this.#window.value?.next ?? null
    if (this.more.loading || this.status !== 'ready' || next === null) return
    const query = this.#query(next, ROWS_PAGE_SIZE)
    await this.more.load(
      () => api.queryDatasetRows(query),
      (page) => this.#window.modify((current) => ({ rows: [...current.rows, ...page.rows], total: page.total, next: page.next }))
    )
  }

  /** Loads the page above the window; resolves to how many rows were added (the view keeps its place). */
  async loadEarlier(): Promise<number> {
    const first = this.rows[0]
    if (this.earlier.loading || !this.hasEarlier || first === undefined) return 0
    const from = Math.max(0, first.rowid - 1 - ROWS_PAGE_SIZE)
    const query = this.#query(from === 0 ? null : { value: null, rowid: from }, first.rowid - 1 - from)
    let added = 0
    await this.earlier.load(
      () => api.queryDatasetRows(query),
      (page) =>
        this.#window.modify((current) => {
          const above = page.rows.filter((row) => row.rowid < first.rowid)
          added = above.length
          return { ...current, rows: [...above, ...current.rows], total: page.total }
        })
    )
    return added
  }
}
