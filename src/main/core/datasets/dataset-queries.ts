import type { Database } from 'better-sqlite3'
import type { CellValue, ColumnType, Dataset, DatasetColumn, DatasetRows, DatasetSource, DatasetSummary } from '@shared/model'
import { columnName, datasetTableName } from './dataset-table-name'
import { applySpellings } from './number-spellings'

interface DatasetRow {
  id: number
  name: string
  description: string | null
  row_count: number
  column_count: number
  source_file: string | null
  imported_at: string
  sha256: string | null
  source_size: number | null
}

const SUMMARY_SQL = `SELECT d.id, d.name, d.description, d.row_count, d.source_file, d.imported_at, d.sha256, d.source_size,
  (SELECT count(*) FROM dataset_columns c WHERE c.dataset_id = d.id) AS column_count
  FROM datasets d`

function toSummary(row: DatasetRow): DatasetSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    rowCount: row.row_count,
    columnCount: row.column_count,
    sourceFile: row.source_file,
    importedAt: row.imported_at
  }
}

export function listDatasets(db: Database): DatasetSummary[] {
  return (db.prepare(`${SUMMARY_SQL} ORDER BY d.name COLLATE NOCASE, d.id`).all() as DatasetRow[]).map(toSummary)
}

export function getDatasetColumns(db: Database, id: number): DatasetColumn[] {
  return db
    .prepare('SELECT position, name, label, type FROM dataset_columns WHERE dataset_id = ? ORDER BY position')
    .all(id) as { position: number; name: string; label: string; type: ColumnType }[]
}

export function getDataset(db: Database, id: number): Dataset | null {
  const row = db.prepare(`${SUMMARY_SQL} WHERE d.id = ?`).get(id) as DatasetRow | undefined
  if (!row) return null
  const sources = db
    .prepare('SELECT source_key AS key, publisher, title, date, url, notes FROM dataset_sources WHERE dataset_id = ? ORDER BY id')
    .all(id) as DatasetSource[]
  return { ...toSummary(row), columns: getDatasetColumns(db, id), sources, sha256: row.sha256, sourceSize: row.source_size }
}

/** One page of rows in stored order. Pages are addressed by rowid, so deep pages cost no more than the first. */
export function getDatasetRows(db: Database, id: number, offset: number, limit: number): DatasetRows | null {
  const dataset = db.prepare('SELECT row_count FROM datasets WHERE id = ?').get(id) as { row_count: number } | undefined
  if (!dataset) return null
  const columns = getDatasetColumns(db, id)
  const selected = columns.map((column) => columnName(column.position)).join(', ')
  // Rows are inserted with rowids 1…N and never deleted one by one, so offset k starts at rowid k+1.
  const rows = db
    .prepare(`SELECT rowid AS _rowid, ${selected} FROM ${datasetTableName(id)} WHERE rowid > ? ORDER BY rowid LIMIT ?`)
    .raw(true)
    .all(offset, limit) as CellValue[][]
  const page = rows.map((values) => ({ rowid: Number(values[0]), values: values.slice(1) }))
  applySpellings(db, id, page)
  return { datasetId: id, offset, total: dataset.row_count, rows: page }
}

export function findDatasetBySha256(db: Database, sha256: string): { id: number; name: string } | null {
  const row = db.prepare('SELECT id, name FROM datasets WHERE sha256 = ? LIMIT 1').get(sha256) as
    | { id: number; name: string }
    | undefined
  return row ?? null
}

export function countDatasets(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM datasets').get() as { n: number }).n
}
