import type { Database } from 'better-sqlite3'
import { columnName, datasetTableName, spellingTableName } from './dataset-table-name'
import { hasSpellingTable } from './number-spellings'

/**
 * Leaves out of a dataset just written (inside the import's transaction) those of `positions`
 * whose column holds no value in any row, and gives back the positions left out. The columns after
 * them move down, so positions stay 0…n-1 and column names c<position>, as everything reading a
 * dataset expects; their number spellings move with them.
 */
export function leaveOutEmptyColumns(db: Database, datasetId: number, positions: readonly number[]): number[] {
  const table = datasetTableName(datasetId)
  const empty = [...new Set(positions)]
    .sort((a, b) => a - b)
    .filter((position) => db.prepare(`SELECT 1 FROM ${table} WHERE ${columnName(position)} IS NOT NULL LIMIT 1`).get() === undefined)
  if (empty.length === 0) return []
  const width = (db.prepare('SELECT count(*) AS n FROM dataset_columns WHERE dataset_id = ?').get(datasetId) as { n: number }).n
  // A dataset keeps at least one column.
  const leftOut = empty.length >= width ? empty.slice(0, width - 1) : empty
  if (leftOut.length === 0) return []
  const spellings = hasSpellingTable(db, datasetId)
  const remove = db.prepare('DELETE FROM dataset_columns WHERE dataset_id = ? AND position = ?')
  const move = db.prepare('UPDATE dataset_columns SET position = ?, name = ? WHERE dataset_id = ? AND position = ?')
  for (const position of leftOut) {
    db.exec(`ALTER TABLE ${table} DROP COLUMN ${columnName(position)}`)
    remove.run(datasetId, position)
  }
  // Ascending: each column moves into a place left out or already vacated by the one before it.
  let shift = 0
  for (let position = 0; position < width; position++) {
    if (leftOut.includes(position)) {
      shift++
      continue
    }
    if (shift === 0) continue
    db.exec(`ALTER TABLE ${table} RENAME COLUMN ${columnName(position)} TO ${columnName(position - shift)}`)
    move.run(position - shift, columnName(position - shift), datasetId, position)
    if (spellings) db.prepare(`UPDATE ${spellingTableName(datasetId)} SET position = ? WHERE position = ?`).run(position - shift, position)
  }
  return leftOut
}
