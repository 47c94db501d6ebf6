import type { Database } from 'better-sqlite3'
import { sqlValues } from '../db/sql-rows'

export function setMeta(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value
  )
}

export function getMeta(db: Database, key: string): string | null {
  return sqlValues('text').get(db.prepare('SELECT value FROM meta WHERE key = ?').pluck(), key)
}
