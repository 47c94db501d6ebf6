import type { Database, Statement } from 'better-sqlite3'
import { columnName, datasetTableName } from '../datasets/dataset-table-name'
import { sqlRows, sqlTuples, sqlValues } from '../db/sql-rows'
import { splitDatasetRowKey } from './dataset-row-key'

const TEXT_COLUMN = sqlRows({ position: 'integer', label: 'text' })
/** A row's text columns: text, or empty (a column of text may also hold what was typed as a number). */
const TEXT_CELLS = sqlTuples('cell')

interface DatasetShape {
  name: string
  labels: string[]
  /** Reads the row's text columns, in column order, as an array; null when the dataset has none. */
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
      const columns = TEXT_COLUMN.all(this.db.prepare("SELECT position, label FROM dataset_columns WHERE dataset_id = ? AND type = 'text' ORDER BY position"), datasetId)
      const names = columns.map((column) => columnName(column.position))
      shape = {
        name,
        labels: columns.map((column) => column.label),
        read: names.length > 0 ? this.db.prepare(`SELECT ${names.join(', ')} FROM ${datasetTableName(datasetId)} WHERE rowid = ?`).raw(true) : null
      }
    }
    this.shapes.set(datasetId, shape)
    return shape
  }
}
