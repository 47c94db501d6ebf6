import type { Database as Db } from 'better-sqlite3'
import { schemaVersion } from '../db/migrate'
import { pragmaValue, sqlValues } from '../db/sql-rows'
import { plural } from '@shared/plural'

/** What must match between a restore's checked copy and the archive after it. */
export interface Fingerprint {
  version: number
  pages: number
  /** Rows of every ordinary table (the search indexes' shadow tables included), by name. */
  rows: Record<string, number>
}

export function fingerprint(db: Db): Fingerprint {
  const tables = sqlValues('text').all(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").pluck())
  const rows: Record<string, number> = {}
  for (const table of tables) rows[table] = sqlValues('integer').one(db.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`).pluck())
  return { version: schemaVersion(db), pages: pragmaValue(db, 'page_count', 'integer'), rows }
}

/** How `actual` differs from `expected`, in short phrases ("meta: 11 rows, not 3"); empty when it does not. */
export function differences(expected: Fingerprint, actual: Fingerprint): string[] {
  const found: string[] = []
  if (expected.version !== actual.version) found.push(`format ${actual.version}, not ${expected.version}`)
  if (expected.pages !== actual.pages) found.push(`${actual.pages} pages, not ${expected.pages}`)
  for (const table of new Set([...Object.keys(expected.rows), ...Object.keys(actual.rows)])) {
    const now = actual.rows[table]
    if (expected.rows[table] !== now) found.push(`${table}: ${now === undefined ? 'missing' : plural(now, 'row', 'rows')}, not ${expected.rows[table] ?? 'none'}`)
  }
  return found
}
