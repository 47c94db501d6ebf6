import type { Database } from 'better-sqlite3'
import { firstLineOf } from '../plain-failure'
import { pragmaLines, pragmaValue, sqlValues } from './sql-rows'

/**
 * Archives up to this many pages (16 MiB at 4 KiB pages) get SQLite's whole quick_check when they
 * open. Measured here, quick_check reads 15,000 to 38,000 pages a second (a 38 MB archive of
 * dataset rows took 0.63 s, a 283 MB one 1.8 s), so this costs at most about a quarter of a second;
 * a bigger archive gets the bounded check below (6 ms on the 283 MB one).
 */
export const FULL_CHECK_PAGES = 4_096

// A dataset's rows (ds_N) and the search indexes' shadow tables are the bulk of a big archive. The
// rows are checked at their first page only; the indexes are derived data that `check` rebuilds.
const BULK_TABLE = /^ds_\d+$|_fts_(data|idx|content|docsize|config)$/

// Any other table with more rows than this (tens of thousands of articles, say) is treated as bulk
// too, so the bounded check stays bounded however the archive grew.
const ROWS_CHECKED_IN_FULL = 10_000

/** How many rows a table has at most (its largest rowid: no scan); 0 for a table without rowids. */
function rowsAtMost(db: Database, table: string): number {
  try {
    return Number(db.prepare(`SELECT max(rowid) FROM ${quoted(table)}`).pluck().get() ?? 0)
  } catch {
    return 0
  }
}

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}

function problemOf(lines: string[]): string | null {
  return lines.length === 1 && lines[0] === 'ok' ? null : lines.slice(0, 3).join('; ')
}

/**
 * The check an archive gets every time it opens, bounded so a big archive still opens fast: the
 * whole quick_check up to `fullCheckPages` pages; beyond that the schema, quick_check of every table
 * that holds the archive's own records (articles, notes, the ledger, …) with its indexes, and the
 * first page of every bulk table (and of any table past ROWS_CHECKED_IN_FULL rows). Returns what is
 * wrong, or null. `casefile check` checks everything.
 */
export function checkOnOpen(db: Database, fullCheckPages: number): string | null {
  try {
    const pages = pragmaValue(db, 'page_count', 'integer')
    if (pages <= fullCheckPages) return problemOf(pragmaLines(db, 'quick_check(3)'))
    const tables = sqlValues('text').all(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").pluck())
    for (const table of tables) {
      if (BULK_TABLE.test(table) || rowsAtMost(db, table) > ROWS_CHECKED_IN_FULL) {
        db.prepare(`SELECT * FROM ${quoted(table)} LIMIT 1`).all()
        continue
      }
      const problem = problemOf(pragmaLines(db, `quick_check(${quoted(table)})`))
      if (problem !== null) return problem
    }
    return null
  } catch (error) {
    return firstLineOf(error)
  }
}
