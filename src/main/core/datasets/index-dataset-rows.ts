import type { Database } from 'better-sqlite3'
import { COLUMN_TYPES } from '@shared/row-query'
import { sqlRows, sqlValues } from '../db/sql-rows'
import { DATASET_ROW_KEY_FACTOR } from '../search/dataset-row-key'
import { datasetTableName } from './dataset-table-name'
import { searchedCell } from './searched-cell'

const SEARCHED_COLUMN = sqlRows({ position: 'integer', type: COLUMN_TYPES })

/**
 * Adds a dataset's text to the search index (its text columns, and the markers kept as written in
 * its other columns: see searchedCell), once: the check and the work share one
 * IMMEDIATE transaction, so two processes (or a retry after a crash) never index a dataset twice.
 * Returns false when there was nothing to do.
 */
export function indexDatasetRows(db: Database, datasetId: number): boolean {
  return db
    .transaction((): boolean => {
      const row = sqlRows({ search_indexed_at: 'text?' }).get(db.prepare('SELECT search_indexed_at FROM datasets WHERE id = ?'), datasetId)
      if (row === null || row.search_indexed_at !== null) return false
      const columns = SEARCHED_COLUMN.all(db.prepare('SELECT position, type FROM dataset_columns WHERE dataset_id = ? ORDER BY position'), datasetId)
      // A dataset without a text column has no entries (check-archive counts on it): its rows have no label to find them by.
      const positions = columns.some((column) => column.type === 'text') ? columns.map(searchedCell) : []
      if (positions.length > 0) {
        // One statement does the whole index in SQLite's own loop; the key packs dataset and row.
        const body = positions.length === 1 ? positions[0]! : `concat_ws(' ', ${positions.join(', ')})`
        // FTS5 merges its segments a little after every flush (automerge). For one bulk insert that
        // was ~40% of the time: off for the insert, the merges FTS5 cannot skip (16 segments on a
        // level) keep the index about as compact. Measured on 1M rows: 4.9–5.7 s → 2.9–3.3 s, 12
        // segments instead of 10, the same query times. The setting is back before the commit.
        const automerge = fts5Setting(db, 'automerge') ?? FTS5_DEFAULT_AUTOMERGE
        setFts5(db, 'automerge', 0)
        db.prepare(
          `INSERT INTO dataset_rows_fts (rowid, body) SELECT ? * ${DATASET_ROW_KEY_FACTOR} + rowid, ${body} FROM ${datasetTableName(datasetId)}`
        ).run(datasetId)
        setFts5(db, 'automerge', automerge)
      }
      db.prepare('UPDATE datasets SET search_indexed_at = ? WHERE id = ?').run(new Date().toISOString(), datasetId)
      return true
    })
    .immediate()
}

const FTS5_DEFAULT_AUTOMERGE = 4

function fts5Setting(db: Database, key: 'automerge'): number | null {
  const value = db.prepare('SELECT v FROM dataset_rows_fts_config WHERE k = ?').pluck().get(key)
  return typeof value === 'number' ? value : null
}

function setFts5(db: Database, key: 'automerge', value: number): void {
  // FTS5 refuses a REAL here, and better-sqlite3 binds JavaScript numbers as REAL.
  db.prepare('INSERT INTO dataset_rows_fts (dataset_rows_fts, rank) VALUES (?, ?)').run(key, BigInt(value))
}

/** Indexes every dataset whose index was never finished (an import that stopped after publishing). */
export function indexPendingDatasets(db: Database): number {
  const pending = sqlValues('integer').all(db.prepare('SELECT id FROM datasets WHERE search_indexed_at IS NULL ORDER BY id').pluck())
  let indexed = 0
  for (const id of pending) if (indexDatasetRows(db, id)) indexed++
  return indexed
}
