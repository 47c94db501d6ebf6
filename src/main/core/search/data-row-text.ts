import type { Database, Statement } from 'better-sqlite3'
import { columnName, datasetTableName } from '../datasets/dataset-table-name'
import { splitDatasetRowKey } from './dataset-row-key'

interface DatasetShape {
  name: string
  labels: string[]
  /** Reads the row's text columns, in column order; null when the dataset has none. */
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
    const values = shape.read.raw(true).get(BigInt(row)) as (string | null)[] | undefined
    if (!values) return []
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
    const dataset = this.db.prepare('SELECT name FROM datasets WHERE id = ?').get(datasetId) as { name: string } | undefined
    let shape: DatasetShape | null = null
    if (dataset) {
      const columns = this.db
        .prepare("SELECT position, label FROM dataset_columns WHERE dataset_id = ? AND type = 'text' ORDER BY position")
        .all(datasetId) as { position: number; label: string }[]
      const names = columns.map((column) => columnName(column.position))
      shape = {
        name: dataset.name,
        labels: columns.map((column) => column.label),
        read: names.length > 0 ? this.db.prepare(`SELECT ${names.join(', ')} FROM ${datasetTableName(datasetId)} WHERE rowid = ?`) : null
      }
    }
    this.shapes.set(datasetId, shape)
    return shape
  }
}
