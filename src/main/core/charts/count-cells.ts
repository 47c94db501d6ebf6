import type { Database } from 'better-sqlite3'
import { cachedStatement } from '../db/cached-statement'
import { sqlRows, sqlValues } from '../db/sql-rows'
import type { Bound } from '../datasets/row-filters'

/** Rows read per statement: between them the cells found so far are counted, so a key with too many values is refused early. */
const CHUNK_ROWS = 1_000_000
const CELLS = 'temp.casefile_chart_cells'
const COUNTED = sqlRows({ k: 'text', n: 'integer' })

/**
 * How many rows fall in each cell of a chart (`key`, an expression over the row), in one pass over
 * the rows and without sorting them: each row adds one to its cell in a small keyed table. A GROUP BY
 * sorts every row first; measured on 10,000,000 rows, fiscal year × court, that sort cost 15.8 s of
 * CPU and building an index to avoid it 6.9 s, where this pass costs 1.9 s (the bare scan of the
 * column alone costs 1.0 s). The pass runs by rowid ranges, and stops as soon as there are more than
 * `maxCells` cells: the caller refuses such a chart, and need not count the rest.
 */
export function countCells(db: Database, table: string, key: string, conditions: readonly string[], params: readonly Bound[], maxCells: number): { k: string; n: number }[] {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${CELLS.slice(5)} (k TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID`)
  db.exec(`DELETE FROM ${CELLS}`)
  try {
    const last = sqlValues('integer?').one(cachedStatement(db, `SELECT max(rowid) FROM ${table}`).pluck()) ?? 0
    // `WHERE` before ON CONFLICT keeps the parser from reading the upsert as a join.
    const add = cachedStatement(
      db,
      `INSERT INTO ${CELLS} (k, n) SELECT ${key}, 1 FROM ${table} WHERE rowid > ? AND rowid <= ?${conditions.map((condition) => ` AND ${condition}`).join('')}
       ON CONFLICT (k) DO UPDATE SET n = n + 1`
    )
    const size = cachedStatement(db, `SELECT count(*) FROM ${CELLS}`).pluck()
    for (let from = 0; from < last; from += CHUNK_ROWS) {
      add.run(BigInt(from), BigInt(from + CHUNK_ROWS), ...params)
      if (sqlValues('integer').one(size) > maxCells) break
    }
    return COUNTED.all(cachedStatement(db, `SELECT k, n FROM ${CELLS} LIMIT ?`), maxCells + 1)
  } finally {
    db.exec(`DELETE FROM ${CELLS}`)
  }
}
