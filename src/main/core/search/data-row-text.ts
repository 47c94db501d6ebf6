import type { Database, Statement } from 'better-sqlite3'
import { COLUMN_TYPES } from '@shared/row-query'
import { datasetTableName } from '../datasets/dataset-table-name'
import { searchedCell } from '../datasets/searched-cell'
import { sqlRows, sqlTuples, sqlValues } from '../db/sql-rows'
import { splitDatasetRowKey } from './dataset-row-key'

const SEARCHED_COLUMN = sqlRows({ position: 'integer', label: 'text', type: COLUMN_TYPES })
/** A row's searched cells: text, or empty (a column of text may also hold what was typed as a number). */
const TEXT_CELLS = sqlTuples('cell')

interface DatasetShape {
  name: string
  labels: string[]
  /** Reads the row's cells as the index holds them (searchedCell), in column order, as an array; null when the dataset has no text column. */
  read: Statement | null
}

/**
 * Reads the text of dataset rows by their search key (dataset id × 2^32 + rowid): the index over
 * rows is contentless, so snippets and the exact-spelling check read the row itself. One reader
 * per database, with each dataset's statement prepared once.
 */
export class DataRowText {
  private readonly shapes = new Map<number, DatasetShape | null>()

  constructor(private readonly db: Database) {}

  datasetName(datasetId: number): string | null {
    return this.shape(datasetId)?.name ?? null
  }

  /** The row's text values with their column labels; empty when the row or dataset is gone. */
  fields(key: number): { label: string; value: string }[] {
    const { datasetId, row } = splitDatasetRowKey(key)
    const shape = this.shape(datasetId)
    if (!shape?.read) return []
    const values = TEXT_CELLS.get(shape.read, BigInt(row))
    if (values === null) return []
    return values.flatMap((value, index) => (typeof value === 'string' && value !== '' ? [{ label: shape.labels[index]!, value }] : []))
  }

  /** All of the row's text in one string, as the index saw it. */
  text(key: number): string {
    return this.fields(key)
      .map((field) => field.value)
      .join(' ')
  }

  private shape(datasetId: number): DatasetShape | null {
    if (this.shapes.has(datasetId)) return this.shapes.get(datasetId)!
    const name = sqlValues('text').get(this.db.prepare('SELECT name FROM datasets WHERE id = ?').pluck(), datasetId)
    let shape: DatasetShape | null = null
    if (name !== null) {
      // The same cells indexDatasetRows put in the index, so snippets and the exact-spelling check see what was indexed.
      const all = SEARCHED_COLUMN.all(this.db.prepare('SELECT position, label, type FROM dataset_columns WHERE dataset_id = ? ORDER BY position'), datasetId)
      const columns = all.some((column) => column.type === 'text') ? all : []
      shape = {
        name,
        labels: columns.map((column) => column.label),
        read: columns.length > 0 ? this.db.prepare(`SELECT ${columns.map(searchedCell).join(', ')} FROM ${datasetTableName(datasetId)} WHERE rowid = ?`).raw(true) : null
      }
    }
    this.shapes.set(datasetId, shape)
    return shape
  }
}
