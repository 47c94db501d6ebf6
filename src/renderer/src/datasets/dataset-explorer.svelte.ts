// The rows the data explorer shows: one sort, any filters, and a window of pages around the rows in
// view. The table is as tall as all the rows that pass the filters; the view says which rows it
// shows (`show`), the pages that cover them are fetched, and pages far from them are dropped, so
// memory stays flat however far the table is scrolled, and a page scrolled back to is fetched again.
//
// A page continues from the one above it by a keyset cursor (as cheap deep down as at the top); a
// page with nothing loaded above it (the scroll bar dragged far down) is fetched by offset. In the
// stored order with no filter, rowids run 1…N, so any page starts after a rowid. A new sort or
// filter asks again from the top; answers to a superseded question are dropped. The rows shown stay
// on screen while the new ones come.

import type { RowFilter } from '@shared/chart-spec'
import type { RowPage, RowQuery } from '@shared/row-query'
import { api, toFailure, type ApiFailure } from '../lib/api'
import { Loadable } from '../lib/loadable.svelte'
import type { RowSort } from './dataset-sort'

export const ROWS_PAGE_SIZE = 200
/** Pages kept beyond each side of the ones in view, so a small scroll back needs no fetch. */
export const PAGES_KEPT_AROUND = 1
/** Page fetches on their way at once: a fast scroll asks for where it is now, not every page it passed. */
const FETCHES_AT_ONCE = 2

export type ExplorerRow = RowPage['rows'][number]

interface LoadedPage {
  rows: ExplorerRow[]
  /** Where the page below starts; null when this page is the last. */
  next: RowQuery['after']
}

/** The answer to one question: how many rows pass its filters, and the pages of them held now. */
interface RowWindow {
  total: number
  pages: ReadonlyMap<number, LoadedPage>
  /** The first rows the question answered with (the table sizes its columns from them). */
  first: readonly ExplorerRow[]
}

export class DatasetExplorerState {
  readonly datasetId: number
  sort = $state.raw<RowSort | null>(null)
  filters = $state.raw<RowFilter[]>([])
  /** Bumped whenever a new question is answered, so the table can scroll back up. */
  generation = $state(0)
  /** The page of rows in view that could not be read (the others are kept), or null. */
  pageError = $state.raw<ApiFailure | null>(null)

  /** The question as a whole (a new sort or filter); the rows shown stay while a new answer comes. */
  readonly #window = new Loadable<RowWindow>()
  /** Rows the view shows, as [start, end) indexes in the current order. */
  #wanted = { start: 0, end: 0 }
  readonly #fetching = new Set<number>()

  constructor(datasetId: number) {
    this.datasetId = datasetId
  }

  /** Rows that pass the filters (exact), or null before the first answer. */
  get total(): number | null {
    return this.#window.value?.total ?? null
  }

  /** The row at this index in the current order, or undefined while its page is not loaded. */
  rowAt(index: number): ExplorerRow | undefined {
    const page = this.#window.value?.pages.get(Math.floor(index / ROWS_PAGE_SIZE))
    return page?.rows[index % ROWS_PAGE_SIZE]
  }

  /** How many rows are held now (the pages around the view): stays flat however far the table scrolls. */
  get heldRows(): number {
    let held = 0
    for (const page of this.#window.value?.pages.values() ?? []) held += page.rows.length
    return held
  }

  /** The first rows of the current answer, for sizing columns. */
  get firstRows(): readonly ExplorerRow[] {
    return this.#window.value?.first ?? []
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

  /** Opens at the top, or at the page holding row `target` (1-based, a search hit) when one is given. */
  async open(target: number | null): Promise<void> {
    await this.#ask(target === null ? 0 : Math.floor((target - 1) / ROWS_PAGE_SIZE))
  }

  setSort(sort: RowSort | null): void {
    this.sort = sort
    void this.#ask(0)
  }

  setFilters(filters: RowFilter[]): void {
    this.filters = filters
    void this.#ask(0)
  }

  /** Asks the same question again (after a failure, or after a column's type changed). */
  reload(): Promise<void> {
    return this.#ask(0)
  }

  /**
   * The view shows rows [start, end): the pages covering them are fetched, pages further than
   * PAGES_KEPT_AROUND from them are dropped.
   */
  show(start: number, end: number): void {
    this.#wanted = { start, end }
    const current = this.#window.value
    if (current === null || this.#window.status === 'loading') return
    const { first, last } = this.#wantedPages(current.total)
    const kept = new Map([...current.pages].filter(([page]) => page >= first - PAGES_KEPT_AROUND && page <= last + PAGES_KEPT_AROUND))
    if (kept.size !== current.pages.size) this.#window.modify((value) => ({ ...value, pages: kept }))
    this.#fetchWanted()
  }

  /** Fetches the wanted pages again after one failed. */
  retryPages(): void {
    this.pageError = null
    this.#fetchWanted()
  }

  #wantedPages(total: number): { first: number; last: number } {
    const lastPage = Math.max(0, Math.ceil(total / ROWS_PAGE_SIZE) - 1)
    const first = Math.min(lastPage, Math.floor(this.#wanted.start / ROWS_PAGE_SIZE))
    const last = Math.min(lastPage, Math.max(first, Math.floor((this.#wanted.end - 1) / ROWS_PAGE_SIZE)))
    return { first, last }
  }

  #query(after: RowQuery['after'], offset: number, count: boolean): RowQuery {
    return { datasetId: this.datasetId, sort: this.sort, filters: this.filters, after, offset, limit: ROWS_PAGE_SIZE, count }
  }

  /** Where page `page` starts: after a rowid in the stored order, after the page above when it is held, else an offset. */
  #pageQuery(page: number, pages: ReadonlyMap<number, LoadedPage>, count: boolean): RowQuery {
    if (page === 0) return this.#query(null, 0, count)
    if (this.isStoredOrder) return this.#query({ value: null, rowid: page * ROWS_PAGE_SIZE }, 0, count)
    const above = pages.get(page - 1)
    if (above !== undefined && above.next !== null) return this.#query(above.next, 0, count)
    return this.#query(null, page * ROWS_PAGE_SIZE, count)
  }

  async #ask(page: number): Promise<void> {
    this.#fetching.clear()
    this.#wanted = { start: page * ROWS_PAGE_SIZE, end: (page + 1) * ROWS_PAGE_SIZE }
    this.pageError = null
    const query = this.#pageQuery(page, new Map(), true)
    const kept = await this.#window.load(async () => {
      const answer = await api.queryDatasetRows(query)
      return { total: answer.total ?? 0, pages: new Map([[page, { rows: answer.rows, next: answer.next }]]), first: answer.rows }
    })
    if (kept && this.#window.status === 'ready') {
      this.generation++
      this.#fetchWanted()
    }
  }

  #fetchWanted(): void {
    const current = this.#window.value
    if (current === null || this.#window.status !== 'ready' || this.pageError !== null) return
    const { first, last } = this.#wantedPages(current.total)
    for (let page = first; page <= last && this.#fetching.size < FETCHES_AT_ONCE; page++) {
      if (!current.pages.has(page) && !this.#fetching.has(page) && page * ROWS_PAGE_SIZE < current.total) void this.#fetchPage(page, current.pages)
    }
  }

  async #fetchPage(page: number, pages: ReadonlyMap<number, LoadedPage>): Promise<void> {
    const sequence = this.#window.sequence
    const query = this.#pageQuery(page, pages, false)
    this.#fetching.add(page)
    try {
      const answer = await api.queryDatasetRows(query)
      if (sequence !== this.#window.sequence) return
      this.#fetching.delete(page)
      const { first, last } = this.#wantedPages(this.total ?? 0)
      // Scrolled away meanwhile: not kept, and the pages in view now are asked for instead.
      if (page >= first - PAGES_KEPT_AROUND && page <= last + PAGES_KEPT_AROUND) {
        this.#window.modify((value) => ({ ...value, pages: new Map(value.pages).set(page, { rows: answer.rows, next: answer.next }) }))
      }
    } catch (caught) {
      if (sequence !== this.#window.sequence) return
      this.#fetching.delete(page)
      this.pageError = toFailure(caught)
      return
    }
    this.#fetchWanted()
  }
}
