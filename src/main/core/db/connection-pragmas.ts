import type { Database } from 'better-sqlite3'

/**
 * The settings every connection to an archive gets, set explicitly each time because SQLite's
 * defaults differ between builds: WAL so readers never block the writer, foreign keys enforced,
 * and synchronous=FULL so a committed transaction survives a power cut. `threads` lets SQLite's
 * sorter (CREATE INDEX, GROUP BY, ORDER BY) sort its runs on a second core.
 */
export function applyConnectionPragmas(db: Database): void {
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.pragma('threads = 2')
}
