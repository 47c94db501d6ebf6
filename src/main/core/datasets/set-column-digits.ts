import type { Database } from 'better-sqlite3'
import type { DatasetColumn, DigitGrouping } from '@shared/model'
import { getDatasetColumns } from './dataset-queries'
import { InvalidRequest } from '../invalid-request'

/** Keeps the person's choice of how a column's numbers are shown, over what its name and values suggest. */
export function setColumnDigits(db: Database, datasetId: number, position: number, digits: DigitGrouping): DatasetColumn {
  if (!db.prepare('SELECT 1 FROM datasets WHERE id = ?').get(datasetId)) throw new InvalidRequest(`Dataset ${datasetId} was not found in this archive.`)
  const changed = db.prepare('UPDATE dataset_columns SET digits = ? WHERE dataset_id = ? AND position = ?').run(digits, datasetId, position).changes
  if (changed === 0) throw new InvalidRequest(`Dataset ${datasetId} has no column ${position + 1}.`)
  return getDatasetColumns(db, datasetId).find((column) => column.position === position)!
}
