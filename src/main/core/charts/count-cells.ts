import type { Database } from 'better-sqlite3'
import { cachedStatement } from '../db/cached-statement'
import { sqlRows } from '../db/sql-rows'
import type { Bound } from '../datasets/row-filters'

const CELLS = 'casefile_chart_cells'
const COUNTED = sqlRows({ k: 'text', n: 'integer' })

/**
 * How many rows fall in each cell of a chart (`key`, an expression over the row), in one pass over
 * the rows and without sorting them: each row adds one to its cell in a small keyed temp table. A
 * GROUP BY sorts every row first; measured on 10,000,000 rows, fiscal year × court, that sort cost
 * 15.8 s of CPU, and building an index to avoid it 12.9 s of CPU (6.9 s wall on a quiet machine),
 * where this pass costs 1.8–2.1 s of CPU (reading the two columns alone costs 1.0 s). Answers at most `maxCells` + 1 cells: more, and the caller refuses
 * the chart.
 *
 * One statement over the whole table: the same pass split into rowid ranges (to stop early, or to
 * share it between threads) measured 4× slower, as did any WHERE condition, so filters cost that.
 */
export function countCells(db: Database, table: string, key: string, conditions: readonly string[], params: readonly Bound[], maxCells: number): { k: string; n: number }[] {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${CELLS} (k TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID`)
  db.exec(`DELETE FROM temp.${CELLS}`)
  try {
    // `WHERE` before ON CONFLICT keeps the parser from reading the upsert as a join.
    const where = conditions.length === 0 ? 'true' : conditions.join(' AND ')
    cachedStatement(db, `INSERT INTO temp.${CELLS} (k, n) SELECT ${key}, 1 FROM ${table} WHERE ${where} ON CONFLICT (k) DO UPDATE SET n = n + 1`).run(...params)
    return COUNTED.all(cachedStatement(db, `SELECT k, n FROM temp.${CELLS} LIMIT ?`), maxCells + 1)
  } finally {
    db.exec(`DELETE FROM temp.${CELLS}`)
  }
}
