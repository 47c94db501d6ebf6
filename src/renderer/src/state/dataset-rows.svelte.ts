// Rows of one dataset, fetched a page at a time. The loaded rows are one unbroken window of the
// dataset, which need not start at the top: opened at a row deep in a large table, the window starts
// just above it, and earlier rows load on request. The first page decides the view's state; a failing
// later page only affects its button, the rows already shown stay.

import type { DatasetRows } from '@shared/model'
import { api, toFailure, type ApiFailure } from '../lib/api'

export const ROWS_PAGE_SIZE = 200

export type DatasetRow = DatasetRows['rows'][number]

export class DatasetRowsState {
  readonly datasetId: number
  rows = $state.raw<DatasetRow[]>([])
  total = $state(0)
  /** The offset of rows[0] in the dataset: its row number is start + 1. */
  start = $state(0)
  moreStatus = $state<'idle' | 'loading' | 'error'>('idle')
  moreError = $state.raw<ApiFailure | null>(null)
  earlierStatus = $state<'idle' | 'loading' | 'error'>('idle')
  earlierError = $state.raw<ApiFailure | null>(null)

  constructor(datasetId: number, first: DatasetRows) {
    this.datasetId = datasetId
    this.rows = first.rows
    this.total = first.total
    this.start = first.offset
  }

  get hasMore(): boolean {
    return this.start + this.rows.length < this.total
  }

  get hasEarlier(): boolean {
    return this.start > 0
  }

  async loadMore(): Promise<void> {
    if (this.moreStatus === 'loading' || !this.hasMore) return
    this.moreStatus = 'loading'
    this.moreError = null
    try {
      const offset = this.start + this.rows.length
      const page = await api.getDatasetRows({ id: this.datasetId, offset, limit: ROWS_PAGE_SIZE })
      this.rows = [...this.rows, ...page.rows]
      this.total = page.total
      this.moreStatus = 'idle'
    } catch (caught) {
      this.moreError = toFailure(caught)
      this.moreStatus = 'error'
    }
  }

  /** Loads the page above the window; resolves to whether rows were added (the view keeps its place). */
  async loadEarlier(): Promise<boolean> {
    if (this.earlierStatus === 'loading' || !this.hasEarlier) return false
    this.earlierStatus = 'loading'
    this.earlierError = null
    try {
      const offset = Math.max(0, this.start - ROWS_PAGE_SIZE)
      const page = await api.getDatasetRows({ id: this.datasetId, offset, limit: this.start - offset })
      this.rows = [...page.rows, ...this.rows]
      this.start = offset
      this.total = page.total
      this.earlierStatus = 'idle'
      return page.rows.length > 0
    } catch (caught) {
      this.earlierError = toFailure(caught)
      this.earlierStatus = 'error'
      return false
    }
  }
}
