import type { Database } from 'better-sqlite3'
import type { Dataset, DatasetColumn, DatasetSource, DatasetSummary } from '@shared/model'
import { COLUMN_TYPES } from '@shared/row-query'
import { sqlRows, sqlValues } from '../db/sql-rows'
import { decideDigits, DIGIT_CHOICES, DIGITS_UNCHOSEN } from './column-digits'
import { datasetSheet } from './dataset-sheet'

const DATASET_ROW = sqlRows({
  id: 'integer',
  name: 'text',
  description: 'text?',
  row_count: 'integer',
  column_count: 'integer',
  source_file: 'text?',
  imported_at: 'text',
  sha256: 'text?',
  source_size: 'integer?',
  sheet: 'text?',
  sheet_table: 'text?'
})

const SUMMARY_SQL = `SELECT d.id, d.name, d.description, d.row_count, d.source_file, d.imported_at, d.sha256, d.source_size, d.sheet, d.sheet_table,
  (SELECT count(*) FROM dataset_columns c WHERE c.dataset_id = d.id) AS column_count
  FROM datasets d`

function toSummary(row: ReturnType<typeof DATASET_ROW.one>): DatasetSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    rowCount: row.row_count,
    columnCount: row.column_count,
    sourceFile: row.source_file,
    importedAt: row.imported_at,
    sheet: datasetSheet(row.name, row.sheet, row.sheet_table)
  }
}

export function listDatasets(db: Database): DatasetSummary[] {
  return DATASET_ROW.all(db.prepare(`${SUMMARY_SQL} ORDER BY d.name COLLATE NOCASE, d.id`)).map(toSummary)
}

const COLUMN_ROW = sqlRows({ position: 'integer', name: 'text', label: 'text', type: COLUMN_TYPES, digits: DIGIT_CHOICES })

export function getDatasetColumns(db: Database, id: number): DatasetColumn[] {
  const rows = COLUMN_ROW.all(db.prepare(`SELECT position, name, label, type, coalesce(digits, '${DIGITS_UNCHOSEN}') AS digits FROM dataset_columns WHERE dataset_id = ? ORDER BY position`), id)
  return rows.map((row) => ({ ...row, digits: row.digits === DIGITS_UNCHOSEN ? decideDigits(db, id, row) : row.digits }))
}

const SOURCE_ROW = sqlRows({ key: 'text?', publisher: 'text?', title: 'text', date: 'text?', url: 'text?', notes: 'text?' })

export function getDataset(db: Database, id: number): Dataset | null {
  const row = DATASET_ROW.get(db.prepare(`${SUMMARY_SQL} WHERE d.id = ?`), id)
  if (row === null) return null
  const sources: DatasetSource[] = SOURCE_ROW.all(
    db.prepare('SELECT source_key AS key, publisher, title, date, url, notes FROM dataset_sources WHERE dataset_id = ? ORDER BY id'),
    id
  )
  return { ...toSummary(row), columns: getDatasetColumns(db, id), sources, sha256: row.sha256, sourceSize: row.source_size }
}

const ID_NAME = sqlRows({ id: 'integer', name: 'text' })

export function findDatasetBySha256(db: Database, sha256: string): { id: number; name: string } | null {
  return ID_NAME.get(db.prepare('SELECT id, name FROM datasets WHERE sha256 = ? LIMIT 1'), sha256)
}

export function countDatasets(db: Database): number {
  return sqlValues('integer').one(db.prepare('SELECT count(*) FROM datasets').pluck())
}
