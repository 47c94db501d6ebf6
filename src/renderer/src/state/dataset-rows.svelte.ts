// Rows of one dataset, fetched a page at a time. The first page decides the view's state; a
// failing later page only affects the "Load more" button, the rows already shown stay.

import type { DatasetRows } from '@shared/model'
import { api, toFailure, type ApiFailure } from '../lib/api'

export const ROWS_PAGE_SIZE = 200

export type DatasetRow = DatasetRows['rows'][number]

export class DatasetRowsState {
  readonly datasetId: number
  rows = $state.raw<DatasetRow[]>([])
  total = $state(0)
  moreStatus = $state<'idle' | 'loading' | 'error'>('idle')
  moreError = $state.raw<ApiFailure | null>(null)

  constructor(datasetId: number, first: DatasetRows) {
    this.datasetId = datasetId
    this.rows = first.rows
    this.total = first.total
  }

  get hasMore(): boolean {
    return this.rows.length < this.total
  }

  async loadMore(): Promise<void> {
    if (this.moreStatus === 'loading' || !this.hasMore) return
    this.moreStatus = 'loading'
    this.moreError = null
    try {
      const page = await api.getDatasetRows({ id: this.datasetId, offset: this.rows.length, limit: ROWS_PAGE_SIZE })
      this.rows = [...this.rows, ...page.rows]
      this.total = page.total
      this.moreStatus = 'idle'
    } catch (caught) {
      this.moreError = toFailure(caught)
      this.moreStatus = 'error'
    }
  }
}
