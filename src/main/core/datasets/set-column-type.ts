import type { Database } from 'better-sqlite3'
import type { CellValue, ColumnType } from '@shared/model'
import type { ColumnTypeChange } from '@shared/row-query'
import { sqlRows, sqlValues } from '../db/sql-rows'
import { datasetRowKeyRange } from '../search/dataset-row-key'
import { InvalidRequest } from '../invalid-request'
import { getDatasetColumns } from './dataset-queries'
import { columnName, datasetTableName } from './dataset-table-name'
import { indexDatasetRows } from './index-dataset-rows'
import { numbersToText, recordSpellings } from './number-spellings'
import { datasetColumn } from './row-filters'

const CONVERT = 'casefile_convert_cell'
const INTEGER = /^-?(0|[1-9][0-9]{0,14})$/
const REAL = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/

/** The stored form of `value` under `type`: numbers for numeric text, text for numbers; otherwise unchanged. */
function converted(value: unknown, type: ColumnType): unknown {
  if (type === 'text') return typeof value === 'number' || typeof value === 'bigint' ? String(value) : value
  if (type === 'integer' && typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value)
  if (typeof value !== 'string') return value
  const trimmed = value.trim()
  if (type === 'integer' && INTEGER.test(trimmed)) return BigInt(trimmed)
  if (type === 'real' && REAL.test(trimmed) && Number.isFinite(Number(trimmed))) {
    const number = Number(trimmed)
    return Number.isInteger(number) && Math.abs(number) < Number.MAX_SAFE_INTEGER ? BigInt(number) : number
  }
  return value
}

/** SQL that is true for a stored value that does not fit `type`. */
function misfitCondition(column: string, type: ColumnType): string {
  switch (type) {
    case 'integer':
      return `typeof(${column}) NOT IN ('integer', 'null')`
    case 'real':
      return `typeof(${column}) NOT IN ('integer', 'real', 'null')`
    case 'date':
      return `${column} IS NOT NULL AND NOT (typeof(${column}) = 'text' AND ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`
    case 'datetime':
      return `${column} IS NOT NULL AND NOT (typeof(${column}) = 'text' AND ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*')`
    case 'text':
      return '0'
  }
}

/**
 * Changes what a column is read as. Values that can be read as the new type are stored that way;
 * values that cannot are kept exactly as they are (never dropped), counted, and the first ones
 * returned so the person can see them. No number loses its spelling either way: text that becomes a
 * number keeps its text beside it when the number would print differently, and a number that
 * becomes text gets back the text it was imported as. When the column moves in or out of text, the
 * dataset's search index is rebuilt, since only text columns are searched.
 */
export function setColumnType(db: Database, datasetId: number, position: number, type: ColumnType): ColumnTypeChange {
  return db
    .transaction((): ColumnTypeChange => {
      if (!db.prepare('SELECT 1 FROM datasets WHERE id = ?').get(datasetId)) throw new InvalidRequest(`Dataset ${datasetId} was not found in this archive.`)
      const column = datasetColumn(getDatasetColumns(db, datasetId), position, 'column')
      const table = datasetTableName(datasetId)
      const name = columnName(position)
      if (type === 'text') numbersToText(db, datasetId, position, null)
      const spelled: [number, string][] = []
      db.function(CONVERT, { safeIntegers: true }, (rowid: unknown, value: unknown) => {
        const result = converted(value, type)
        if (typeof value === 'string' && typeof result !== 'string' && String(result) !== value) spelled.push([Number(rowid), value])
        return result as string | number | bigint | null
      })
      db.exec(`UPDATE ${table} SET ${name} = ${CONVERT}(rowid, ${name}) WHERE ${name} IS NOT NULL`)
      recordSpellings(db, datasetId, position, spelled)
      db.prepare('UPDATE dataset_columns SET type = ? WHERE dataset_id = ? AND position = ?').run(type, datasetId, position)
      const misfit = misfitCondition(name, type)
      const misfits = sqlValues('integer').one(db.prepare(`SELECT count(*) FROM ${table} WHERE ${misfit}`).pluck())
      const examples = sqlRows({ rowid: 'integer', value: 'cell' }).all(db.prepare(`SELECT rowid, ${name} AS value FROM ${table} WHERE ${misfit} ORDER BY rowid LIMIT 20`))
      // A column's type decides what of it the index holds (searchedCell): all its text, or only its markers.
      if (column.type !== type) {
        db.prepare('DELETE FROM dataset_rows_fts WHERE rowid >= ? AND rowid < ?').run(...datasetRowKeyRange(datasetId))
        db.prepare('UPDATE datasets SET search_indexed_at = NULL WHERE id = ?').run(datasetId)
      }
      return { position, type, misfits, examples }
    })
    .immediate()
}

/** Finishes what setColumnType started: the rebuilt search index, in its own transaction. */
export function reindexAfterTypeChange(db: Database, datasetId: number): void {
  indexDatasetRows(db, datasetId)
}
