import type { Database } from 'better-sqlite3'
import { sqlTuples } from '../db/sql-rows'
import { yearOf } from './kind-search'

/** id, source, date and when it was added: the columns of each table's facts query (search-documents.ts). */
const FACT = sqlTuples(['integer', 'text?', 'text?', 'text'])

/** What facets, filters and date sorting need to know about each article or note. */
export interface DocumentFact {
  source: string | null
  /** The date it is shown and sorted by (published for articles, last written for notes). */
  date: string | null
  /** When it arrived in the archive. */
  added: string
  /** The year of `date`, and the facet bucket (source and year) it counts in: worked out once here, not per match. */
  year: number | null
  bucket: string
}

interface Loaded {
  key: string
  facts: Map<number, DocumentFact>
}

const cache = new WeakMap<Database, Map<string, Loaded>>()

/**
 * Facts about every article (or note) held in memory, so a search for a common word can count its
 * matches by publisher and year without looking up each of them in a table of 3 KB rows — the
 * largest part of a search's time once it was measured. The copy is reloaded whenever the archive
 * may have changed: another connection committed (data_version) or this one wrote (total_changes).
 */
export function documentFacts(db: Database, sql: string): ReadonlyMap<number, DocumentFact> {
  const key = `${String(db.pragma('data_version', { simple: true }))}:${String(db.prepare('SELECT total_changes()').pluck().get())}`
  let byTable = cache.get(db)
  if (!byTable) {
    byTable = new Map()
    cache.set(db, byTable)
  }
  const loaded = byTable.get(sql)
  if (loaded && loaded.key === key) return loaded.facts
  const facts = new Map<number, DocumentFact>()
  for (const [id, source, date, added] of FACT.iterate(db.prepare(sql).raw(true))) {
    const year = yearOf(date)
    facts.set(id, { source, date, added, year, bucket: `${source ?? ''}\u0000${source === null ? 'n' : 's'}${year ?? ''}` })
  }
  byTable.set(sql, { key, facts })
  return facts
}
