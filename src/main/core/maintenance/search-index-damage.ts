import type { Database } from 'better-sqlite3'
import { sqlRows } from '../db/sql-rows'
import { firstLineOf } from '../plain-failure'

/** The archive's FTS5 search indexes, by the name a person reads, each with its virtual table. */
export const SEARCH_INDEXES = [
  { index: 'articles', table: 'articles_fts' },
  { index: 'notes', table: 'notes_fts' },
  { index: 'dataset rows', table: 'dataset_rows_fts' },
  { index: 'datasets', table: 'datasets_fts' }
] as const

export type SearchIndexName = (typeof SEARCH_INDEXES)[number]['index']

/** Where SQLite finds damage: in which search indexes, and in which other tables (each with what it says). */
export interface DamageFound {
  indexes: SearchIndexName[]
  elsewhere: string[]
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * The tables that make up the search indexes: each FTS5 virtual table and the shadow tables FTS5
 * keeps its index in. Every one of them is derived (articles and notes index their own tables,
 * dataset rows index the datasets, datasets their names and sources), so all of them can be made
 * again from the rest.
 */
export function searchIndexTables(db: Database): Map<string, SearchIndexName> {
  const listed = sqlRows({ name: 'text', type: 'text' }).all(db.prepare("SELECT name, type FROM pragma_table_list WHERE schema = 'main'"))
  const owners = new Map<string, SearchIndexName>()
  for (const { index, table } of SEARCH_INDEXES) {
    for (const { name, type } of listed) {
      if ((name === table && type === 'virtual') || (type === 'shadow' && name.startsWith(`${table}_`))) owners.set(name, index)
    }
  }
  return owners
}

function problemIn(db: Database, table: string): string | null {
  try {
    const lines = db.prepare(`PRAGMA integrity_check(${quoted(table)})`).pluck().all()
    const found = lines.filter((line) => line !== 'ok' && !String(line).startsWith('*** in database'))
    return found.length === 0 ? null : String(found[0])
  } catch (error) {
    return firstLineOf(error)
  }
}

/**
 * Checks every table on its own (SQLite's integrity_check of one table and its indexes, which for
 * a search index also runs FTS5's own check) and says where the damage lies. Reads only, so it
 * runs on an archive open read-only. Damage that keeps SQLite from listing the tables is reported
 * as elsewhere; damage no table's check finds (a lost free page, say) is in neither list.
 */
export function locateDamage(db: Database): DamageFound {
  let owners: Map<string, SearchIndexName>
  let tables: string[]
  try {
    owners = searchIndexTables(db)
    tables = sqlRows({ name: 'text' })
      .all(db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'shadow', 'virtual') ORDER BY name"))
      .map((row) => row.name)
  } catch (error) {
    return { indexes: [], elsewhere: [`the list of its tables (${firstLineOf(error)})`] }
  }
  const indexes = new Set<SearchIndexName>()
  const elsewhere: string[] = []
  for (const table of tables) {
    const problem = problemIn(db, table)
    if (problem === null) continue
    const owner = owners.get(table)
    if (owner === undefined) elsewhere.push(`${table} (${problem})`)
    else indexes.add(owner)
  }
  return { indexes: SEARCH_INDEXES.map((entry) => entry.index).filter((index) => indexes.has(index)), elsewhere }
}
