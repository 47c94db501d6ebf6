import type { Database } from 'better-sqlite3'
import { NO_SAVED_SEARCH_FILTERS, SEARCH_HIT_KINDS, type SavedSearch, type SavedSearchFilters, type SearchSort } from '@shared/model'
import { dateRange } from '@shared/date-range'
import { searchRequest } from '@shared/search-request'
import { searchArchive } from '../search/search-archive'
import { sqlRows } from '../db/sql-rows'
import { InvalidRequest } from '../invalid-request'

const SAVED_SEARCH_ROW = sqlRows({ id: 'integer', name: 'text', query: 'text', exact: 'integer', filters: 'text', createdAt: 'text', lastRunAt: 'text' })
type SavedSearchRow = ReturnType<typeof SAVED_SEARCH_ROW.one>

const COLUMNS = 'id, name, query, exact, filters, created_at AS createdAt, last_run_at AS lastRunAt'
const SORTS: readonly SearchSort[] = ['relevance', 'newest', 'oldest']

/**
 * The stored filters, read leniently: what an older or damaged row lacks (or holds in another shape)
 * falls back to "no filter", so a saved search always opens.
 */
function readFilters(json: string): SavedSearchFilters {
  let stored: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(json)
    stored = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  } catch {
    stored = {}
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  return {
    kinds: Array.isArray(stored.kinds) ? SEARCH_HIT_KINDS.filter((kind) => (stored.kinds as unknown[]).includes(kind)) : [],
    source: typeof stored.source === 'string' ? stored.source : null,
    from: text(stored.from),
    to: text(stored.to),
    sort: SORTS.find((sort) => sort === stored.sort) ?? NO_SAVED_SEARCH_FILTERS.sort
  }
}

function toSavedSearch(db: Database, row: SavedSearchRow): SavedSearch {
  const filters = readFilters(row.filters)
  const range = dateRange(filters.from, filters.to)
  // Counting is the saved search itself, filters and all, limited to what arrived since the last
  // run; one hit is the least it fetches.
  const request = searchRequest(row.query, { exact: row.exact === 1, kinds: filters.kinds, source: filters.source, after: range.after, before: range.before, limit: 1 })
  const newCount = searchArchive(db, request, { addedAfter: row.lastRunAt }).total
  return { id: row.id, name: row.name, query: row.query, exact: row.exact === 1, filters, createdAt: row.createdAt, lastRunAt: row.lastRunAt, newCount }
}

function getRow(db: Database, id: number): SavedSearchRow | null {
  return SAVED_SEARCH_ROW.get(db.prepare(`SELECT ${COLUMNS} FROM saved_searches WHERE id = ?`), id)
}

/** Saved searches by name, each with how many matches arrived since it was last run. */
export function listSavedSearches(db: Database): SavedSearch[] {
  const rows = SAVED_SEARCH_ROW.all(db.prepare(`SELECT ${COLUMNS} FROM saved_searches ORDER BY name COLLATE NOCASE, id`))
  return rows.map((row) => toSavedSearch(db, row))
}

function cleanName(name: string, query: string): string {
  const trimmed = name.trim() || query.trim()
  return trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed
}

/** Saves a search, with the screen's filters, as run now. Throws on an empty query (the API validates before it gets here). */
export function saveSearch(db: Database, name: string, query: string, exact: boolean, filters: SavedSearchFilters = NO_SAVED_SEARCH_FILTERS): SavedSearch {
  if (query.trim() === '') throw new InvalidRequest('A saved search needs a query.')
  const range = dateRange(filters.from, filters.to)
  if (range.invalid.from || range.invalid.to) throw new InvalidRequest('The date range of a saved search must be YYYY, YYYY-MM or YYYY-MM-DD at each end.')
  const now = new Date().toISOString()
  const stored: SavedSearchFilters = { kinds: SEARCH_HIT_KINDS.filter((kind) => filters.kinds.includes(kind)), source: filters.source, from: filters.from.trim(), to: filters.to.trim(), sort: filters.sort }
  const id = Number(
    db
      .prepare('INSERT INTO saved_searches (name, query, exact, filters, created_at, last_run_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(cleanName(name, query), query.trim(), exact ? 1n : 0n, JSON.stringify(stored), now, now).lastInsertRowid
  )
  return toSavedSearch(db, getRow(db, id)!)
}

export function renameSavedSearch(db: Database, id: number, name: string): SavedSearch | null {
  const row = getRow(db, id)
  if (!row) return null
  db.prepare('UPDATE saved_searches SET name = ? WHERE id = ?').run(cleanName(name, row.query), id)
  return toSavedSearch(db, getRow(db, id)!)
}

export function getSavedSearch(db: Database, id: number): SavedSearch | null {
  const row = getRow(db, id)
  return row ? toSavedSearch(db, row) : null
}

export function markSavedSearchRun(db: Database, id: number): SavedSearch | null {
  if (db.prepare('UPDATE saved_searches SET last_run_at = ? WHERE id = ?').run(new Date().toISOString(), id).changes === 0) return null
  return toSavedSearch(db, getRow(db, id)!)
}

export function deleteSavedSearch(db: Database, id: number): boolean {
  return db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes > 0
}
