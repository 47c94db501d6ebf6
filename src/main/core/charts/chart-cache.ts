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

/** Where a chart's answer is kept: its dataset, its query and the stamp of the rows it was computed on. */
export interface ChartCacheEntry {
  datasetId: number
  key: string
  stamp: string | null
}

/** The entry of a chart's GROUP BY (`sql` with `params`) over a dataset's rows as they are now. */
export function chartCacheEntry(db: Database, datasetId: number, sql: string, params: readonly Bound[]): ChartCacheEntry {
  return { datasetId, key: keyOf(sql, params), stamp: stampOf(db, datasetId) }
}

/** The cells kept under the entry, or null when the same query has not run on the same rows. */
export function readCachedCells<T>(db: Database, entry: ChartCacheEntry): T[] | null {
  const hit = cachedStatement(db, 'SELECT cells FROM chart_cache WHERE dataset_id = ? AND query = ? AND stamp = ?').pluck().get(entry.datasetId, entry.key, entry.stamp) as string | undefined
  // Written by keepCells from what a chart computed.
  return hit === undefined ? null : (JSON.parse(hit) as T[])
}

/**
 * Keeps a chart's computed cells under the entry, best effort: an archive open read-only, or a
 * write lock held by an import, leaves the answer computed but not kept, and the person never waits
 * for the lock. Answers the cells.
 */
export function keepCells<T>(db: Database, entry: ChartCacheEntry, cells: T[]): T[] {
  if (entry.stamp === null || db.readonly || cells.length > MAX_CACHED_CELLS) return cells
  const wait = db.pragma('busy_timeout', { simple: true }) as number
  db.pragma('busy_timeout = 0')
  try {
    db.transaction(() => {
      cachedStatement(db, 'INSERT OR REPLACE INTO chart_cache (dataset_id, query, stamp, cells) VALUES (?, ?, ?, ?)').run(entry.datasetId, entry.key, entry.stamp, JSON.stringify(cells))
      cachedStatement(db, 'DELETE FROM chart_cache WHERE rowid <= (SELECT rowid FROM chart_cache ORDER BY rowid DESC LIMIT 1 OFFSET ?)').run(MAX_ENTRIES)
    })()
  } catch (error) {
    if (!ignorable(error)) throw error
  } finally {
    db.pragma(`busy_timeout = ${wait}`)
  }
  return cells
}

/**
 * The cells a chart's GROUP BY (`sql` with `params`) finds over a dataset's rows, read from the
 * archive when the same query ran on the same rows before (see migration 0010), otherwise computed
 * by `compute` and kept (keepCells).
 */
export function cachedChartCells<T>(db: Database, datasetId: number, sql: string, params: readonly Bound[], compute: () => T[]): T[] {
  const entry = chartCacheEntry(db, datasetId, sql, params)
  return readCachedCells<T>(db, entry) ?? keepCells(db, entry, compute())
}
