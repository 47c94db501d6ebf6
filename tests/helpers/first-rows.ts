import type { Database } from 'better-sqlite3'
import type { RowPage } from '../../src/shared/row-query'
import { queryDatasetRows } from '../../src/main/core/datasets/query-dataset-rows'

/** The first `limit` rows of a dataset in stored order, read as the data explorer reads them. */
export function firstRows(db: Database, datasetId: number, limit: number): RowPage {
  return queryDatasetRows(db, { datasetId, sort: null, filters: [], after: null, offset: 0, limit, count: true })
}
