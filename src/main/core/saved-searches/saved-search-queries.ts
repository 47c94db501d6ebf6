import type { Database } from 'better-sqlite3'
import type { SavedSearch } from '@shared/model'
import { searchRequest } from '@shared/search-request'
import { searchArchive } from '../search/search-archive'
import { InvalidRequest } from '../invalid-request'

interface SavedSearchRow {
  id: number
  name: string
  query: string
  exact: number
  createdAt: string
  lastRunAt: string
}

const COLUMNS = 'id, name, query, exact, created_at AS createdAt, last_run_at AS lastRunAt'

function withNewCount(db: Database, row: SavedSearchRow): SavedSearch {
  // Counting is a search limited to what arrived since the last run; one hit is the least it fetches.
  const newCount = searchArchive(db, searchRequest(row.query, { exact: row.exact === 1, limit: 1 }), { addedAfter: row.lastRunAt }).total
  return { id: row.id, name: row.name, query: row.query, exact: row.exact === 1, createdAt: row.createdAt, lastRunAt: row.lastRunAt, newCount }
}

function getRow(db: Database, id: number): SavedSearchRow | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM saved_searches WHERE id = ?`).get(id) as SavedSearchRow | undefined) ?? null
}

/** Saved searches by name, each with how many matches arrived since it was last run. */
export function listSavedSearches(db: Database): SavedSearch[] {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM saved_searches ORDER BY name COLLATE NOCASE, id`).all() as SavedSearchRow[]
  return rows.map((row) => withNewCount(db, row))
}

function cleanName(name: string, query: string): string {
  const trimmed = name.trim() || query.trim()
  return trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed
}

/** Saves a search as run now. Throws on an empty query (the API validates before it gets here). */
export function saveSearch(db: Database, name: string, query: string, exact: boolean): SavedSearch {
  if (query.trim() === '') throw new InvalidRequest('A saved search needs a query.')
  const now = new Date().toISOString()
  const id = Number(
    db
      .prepare('INSERT INTO saved_searches (name, query, exact, created_at, last_run_at) VALUES (?, ?, ?, ?, ?)')
      .run(cleanName(name, query), query.trim(), exact ? 1n : 0n, now, now).lastInsertRowid
  )
  return withNewCount(db, getRow(db, id)!)
}

export function renameSavedSearch(db: Database, id: number, name: string): SavedSearch | null {
  const row = getRow(db, id)
  if (!row) return null
  db.prepare('UPDATE saved_searches SET name = ? WHERE id = ?').run(cleanName(name, row.query), id)
  return withNewCount(db, getRow(db, id)!)
}

export function markSavedSearchRun(db: Database, id: number): SavedSearch | null {
  if (db.prepare('UPDATE saved_searches SET last_run_at = ? WHERE id = ?').run(new Date().toISOString(), id).changes === 0) return null
  return withNewCount(db, getRow(db, id)!)
}

export function deleteSavedSearch(db: Database, id: number): boolean {
  return db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes > 0
}
