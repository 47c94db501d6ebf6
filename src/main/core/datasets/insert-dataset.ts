import type { Database } from 'better-sqlite3'
import type { CellValue, ColumnType, DatasetSource } from '@shared/model'
import { columnName, datasetTableName } from './dataset-table-name'

export interface NewDataset {
  name: string
  description: string | null
  columns: { label: string; type: ColumnType }[]
  sources: DatasetSource[]
  sourceFile: string | null
  sourceSize: number | null
  sha256: string | null
  importId: number | null
}

const SQL_TYPES: Record<ColumnType, string> = {
  integer: 'INTEGER',
  real: 'REAL',
  // Dates stay ISO-8601 text: it sorts correctly and SQLite's date functions read it.
  date: 'TEXT',
  datetime: 'TEXT',
  text: 'TEXT'
}

/**
 * Creates the dataset's catalogue rows and its STRICT row table, then stores `rows`.
 * The caller runs this inside a transaction so the dataset appears whole or not at all.
 */
export function insertDataset(db: Database, dataset: NewDataset, rows: Iterable<CellValue[]>): { id: number; rows: number } {
  if (!db.inTransaction) throw new Error('insertDataset must run inside a transaction')
  const placeholder = `pending_${process.pid}_${Date.now()}`
  const id = Number(
    db
      .prepare(
        `INSERT INTO datasets (name, description, table_name, row_count, source_file, source_size, sha256, import_id, imported_at)
         VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)`
      )
      .run(
        dataset.name,
        dataset.description,
        placeholder,
        dataset.sourceFile,
        dataset.sourceSize,
        dataset.sha256,
        dataset.importId,
        new Date().toISOString()
      ).lastInsertRowid
  )
  const table = datasetTableName(id)
  db.prepare('UPDATE datasets SET table_name = ? WHERE id = ?').run(table, id)

  const insertColumn = db.prepare('INSERT INTO dataset_columns (dataset_id, position, name, label, type) VALUES (?, ?, ?, ?, ?)')
  dataset.columns.forEach((column, position) => insertColumn.run(id, position, columnName(position), column.label, column.type))

  const insertSource = db.prepare(
    'INSERT INTO dataset_sources (dataset_id, source_key, publisher, title, date, url, notes) VALUES (?, ?, ?, ?, ?, ?, ?)'
  )
  for (const source of dataset.sources) {
    insertSource.run(id, source.key, source.publisher, source.title, source.date, source.url, source.notes)
  }

  const definitions = dataset.columns.map((column, position) => `${columnName(position)} ${SQL_TYPES[column.type]}`)
  db.exec(`CREATE TABLE ${table} (${definitions.join(', ')}) STRICT`)
  const names = dataset.columns.map((_, position) => columnName(position))
  const insertRow = db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)
  let count = 0
  for (const row of rows) {
    insertRow.run(row)
    count++
  }
  db.prepare('UPDATE datasets SET row_count = ? WHERE id = ?').run(count, id)
  return { id, rows: count }
}
