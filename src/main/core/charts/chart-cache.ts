import type { Database } from 'better-sqlite3'
import { cachedStatement } from '../db/cached-statement'
import { sqlValues } from '../db/sql-rows'
import type { Bound } from '../datasets/row-filters'

/** Answers with more cells than this are not kept: reading them back would cost more than it saves. */
const MAX_CACHED_CELLS = 20_000
/** Answers kept across every dataset; the oldest written goes first. */
const MAX_ENTRIES = 200

/** What makes a dataset's rows what they are: a new import or a type change gives a new stamp. */
function stampOf(db: Database, datasetId: number): string | null {
  return sqlValues('text').get(cachedStatement(db, "SELECT imported_at || '|' || row_count || '|' || data_version FROM datasets WHERE id = ?").pluck(), datasetId)
}

/** The query and its bound values as one key; a BigInt and a number of the same value bind differently, so they stay apart. */
function keyOf(sql: string, params: readonly Bound[]): string {
  return JSON.stringify([sql, params.map((value) => [typeof value, value === null ? null : String(value)])])
}

function ignorable(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code)
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_READONLY')
}

/**
 * The cells a chart's GROUP BY (`sql` with `params`) finds over a dataset's rows, read from the
 * archive when the same query ran on the same rows before (see migration 0010), otherwise computed
 * by `compute` and kept. Keeping is best effort: an archive open read-only, or a write lock held by
 * an import, leaves the answer computed but not kept, and the person never waits for the lock.
 */
export function cachedChartCells<T>(db: Database, datasetId: number, sql: string, params: readonly Bound[], compute: () => T[]): T[] {
  const stamp = stampOf(db, datasetId)
  const key = keyOf(sql, params)
  const hit = cachedStatement(db, 'SELECT cells FROM chart_cache WHERE dataset_id = ? AND query = ? AND stamp = ?').pluck().get(datasetId, key, stamp) as string | undefined
  // Written by this function from what compute returned.
  if (hit !== undefined) return JSON.parse(hit) as T[]
  const cells = compute()
  if (stamp === null || db.readonly || cells.length > MAX_CACHED_CELLS) return cells
  const wait = db.pragma('busy_timeout', { simple: true }) as number
  db.pragma('busy_timeout = 0')
  try {
    db.transaction(() => {
      cachedStatement(db, 'INSERT OR REPLACE INTO chart_cache (dataset_id, query, stamp, cells) VALUES (?, ?, ?, ?)').run(datasetId, key, stamp, JSON.stringify(cells))
      cachedStatement(db, 'DELETE FROM chart_cache WHERE rowid <= (SELECT rowid FROM chart_cache ORDER BY rowid DESC LIMIT 1 OFFSET ?)').run(MAX_ENTRIES)
    })()
  } catch (error) {
    if (!ignorable(error)) throw error
  } finally {
    db.pragma(`busy_timeout = ${wait}`)
  }
  return cells
}
