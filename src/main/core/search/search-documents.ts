import type { Database } from 'better-sqlite3'
import type { SearchHit } from '@shared/model'
import { cachedStatement } from '../db/cached-statement'
import { sqlRows, sqlValues } from '../db/sql-rows'
import { documentFacts } from './document-facts'
import { orderBy, yearOf, type FacetBucket, type KindQuery, type KindResult } from './kind-search'
import { CHECKPOINT_EVERY } from './search-abandoned'

// Snippet markers as SQL char() codes: U+E000 / U+E001 (see SNIPPET_MARK_START / _END).
const OPEN = 'char(57344)'
const CLOSE = 'char(57345)'
const SNIPPET_TOKENS = 24

const IDS = sqlValues('integer')
/** A hit's own columns; its kind and row are the table's. */
const HIT = sqlRows({ id: 'integer', title: 'text', date: 'text?', source: 'text?', snippet: 'text', rank: 'real' })

/** How articles and notes differ for search; every name here is a fixed identifier, never input. */
interface DocumentTable {
  kind: 'article' | 'note'
  fts: 'articles_fts' | 'notes_fts'
  table: 'articles' | 'notes'
  date: string
  source: string | null
  /** bm25 weights per FTS column: a match in the title counts most. */
  weights: string
  /** The text the exact-spelling switch looks in. */
  haystack: string
  /** When the item arrived in the archive. */
  added: string
  /** id, source, date, added of every item, for documentFacts. */
  facts: string
}

export const ARTICLES: DocumentTable = {
  kind: 'article',
  fts: 'articles_fts',
  table: 'articles',
  date: 'd.published_at',
  source: 'd.publisher',
  weights: '10.0, 3.0, 3.0, 1.0',
  haystack: "concat_ws(' ', d.title, d.byline, d.publisher, d.body)",
  added: 'd.imported_at',
  facts: 'SELECT id, publisher, published_at, imported_at FROM articles'
}

export const NOTES: DocumentTable = {
  kind: 'note',
  fts: 'notes_fts',
  table: 'notes',
  date: 'd.updated_at',
  source: null,
  weights: '10.0, 1.0',
  haystack: "concat_ws(' ', d.title, d.body)",
  added: 'd.created_at',
  facts: 'SELECT id, NULL, updated_at, created_at FROM notes'
}

/**
 * Ranked hits and facet buckets from articles or notes. The matches are counted against facts
 * held in memory (see documentFacts), and only the page of hits is read from the table, with
 * FTS5's snippets; the exact-spelling switch, which must read each match's text, takes the
 * slower all-SQL route.
 */
export function searchDocuments(db: Database, spec: DocumentTable, query: KindQuery): KindResult {
  if (query.exact !== null) return searchDocumentsInSql(db, spec, query)
  return countAndPage(db, spec, query)
}

/**
 * Only the facet counts, or only the ranked page: for a search by relevance that filters nothing,
 * the page does not depend on the counts, and the two can run at once on two connections.
 */
export function searchDocumentsHalf(db: Database, spec: DocumentTable, query: KindQuery, half: 'counts' | 'page'): KindResult {
  if (!isSplittable({ ...query, exact: query.exact !== null })) throw new Error('searchDocumentsHalf needs a search by relevance with no filter and no exact spelling')
  if (half === 'counts') return countAndPage(db, spec, { ...query, take: 0 })
  if (query.take === 0) return { hits: [], buckets: [] }
  const top = IDS.all(cachedStatement(db, `SELECT rowid FROM ${spec.fts} WHERE ${spec.fts} MATCH ? ORDER BY bm25(${spec.fts}, ${spec.weights}), rowid LIMIT ?`).pluck(), query.match, query.take)
  query.checkpoint()
  return { hits: pageOf(db, spec, query, top), buckets: [] }
}

/** Whether the page of a kind's search can be found without its counts (see searchDocumentsHalf). */
export function isSplittable(query: Pick<KindQuery, 'sort' | 'after' | 'before' | 'addedAfter' | 'source'> & { exact: boolean }): boolean {
  return query.sort === 'relevance' && query.after === null && query.before === null && query.addedAfter === null && query.source === null && !query.exact
}

function countAndPage(db: Database, spec: DocumentTable, query: KindQuery): KindResult {
  const facts = documentFacts(db, spec.facts)
  const ids = IDS.all(cachedStatement(db, `SELECT rowid FROM ${spec.fts} WHERE ${spec.fts} MATCH ?`).pluck(), query.match)
  query.checkpoint()
  const counts = new Map<string, FacetBucket>()
  const kept: number[] = []
  for (let index = 0; index < ids.length; index++) {
    if (index % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) query.checkpoint()
    const id = ids[index]!
    const fact = facts.get(id)
    if (!fact) continue
    if (query.after !== null && (fact.date === null || fact.date < query.after)) continue
    if (query.before !== null && (fact.date === null || fact.date >= query.before)) continue
    if (query.addedAfter !== null && !(fact.added > query.addedAfter)) continue
    kept.push(id)
    const bucket = counts.get(fact.bucket)
    if (bucket) bucket.count++
    else counts.set(fact.bucket, { source: fact.source, year: fact.year, count: 1 })
  }
  const buckets = [...counts.values()]
  if (query.take === 0 || kept.length === 0) return { hits: [], buckets }
  query.checkpoint()
  const listed = query.source === null || spec.source === null ? kept : kept.filter((id) => facts.get(id)!.source === query.source)
  const rankSql = `SELECT rowid FROM ${spec.fts} WHERE ${spec.fts} MATCH ?`
  const rankOrder = `ORDER BY bm25(${spec.fts}, ${spec.weights}), rowid`
  // `+rowid IN (…)` (the + keeps SQLite from handing the list to FTS5 as row lookups, each of
  // which would re-read the query) filters one pass over the matches, and bm25() and snippet()
  // are then computed only for the rows that pass.
  const onlyListed = `AND +rowid IN (SELECT value FROM json_each(?))`
  let top: number[]
  if (query.sort !== 'relevance') {
    const direction = query.sort === 'newest' ? -1 : 1
    top = [...listed]
      .sort((a, b) => {
        const da = facts.get(a)!.date
        const dbDate = facts.get(b)!.date
        if (da === dbDate) return a - b
        if (da === null) return 1
        if (dbDate === null) return -1
        return (da < dbDate ? -1 : 1) * direction
      })
      .slice(0, query.take)
  } else if (listed.length === ids.length) {
    top = IDS.all(cachedStatement(db, `${rankSql} ${rankOrder} LIMIT ?`).pluck(), query.match, query.take)
  } else {
    top = IDS.all(cachedStatement(db, `${rankSql} ${onlyListed} ${rankOrder} LIMIT ?`).pluck(), query.match, JSON.stringify(listed), query.take)
  }
  query.checkpoint()
  return { hits: pageOf(db, spec, query, top), buckets }
}

/** The hits of `top`, in its order, with their titles, dates, sources and snippets. */
function pageOf(db: Database, spec: DocumentTable, query: KindQuery, top: readonly number[]): SearchHit[] {
  const sourceColumn = spec.source ?? 'NULL'
  const details = HIT.all(
    cachedStatement(
      db,
      `SELECT d.id AS id, d.title AS title, ${spec.date} AS date, ${sourceColumn} AS source,
              snippet(${spec.fts}, -1, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) AS snippet,
              bm25(${spec.fts}, ${spec.weights}) AS rank
         FROM ${spec.fts} JOIN ${spec.table} d ON d.id = ${spec.fts}.rowid
        WHERE ${spec.fts} MATCH ? AND +${spec.fts}.rowid IN (SELECT value FROM json_each(?))`
    ),
    query.match,
    JSON.stringify(top)
  )
  const byId = new Map(details.map((row) => [row.id, row]))
  return top.flatMap((id) => {
    const row = byId.get(id)
    return row ? [{ kind: spec.kind, row: null, ...row }] : []
  })
}

/** Everything in SQL, joined to the table: the route for the exact-spelling switch. */
function searchDocumentsInSql(db: Database, spec: DocumentTable, query: KindQuery): KindResult {
  const where = [`${spec.fts} MATCH ?`]
  const params: (string | number)[] = [query.match]
  if (query.after !== null) {
    where.push(`${spec.date} >= ?`)
    params.push(query.after)
  }
  if (query.before !== null) {
    where.push(`${spec.date} < ?`)
    params.push(query.before)
  }
  if (query.addedAfter !== null) {
    where.push(`${spec.added} > ?`)
    params.push(query.addedAfter)
  }
  const exact = query.exact?.sql(spec.haystack) ?? null
  if (exact) {
    where.push(exact.sql)
    params.push(...exact.params)
  }
  const from = `FROM ${spec.fts} JOIN ${spec.table} d ON d.id = ${spec.fts}.rowid WHERE ${where.join(' AND ')}`
  const sourceColumn = spec.source ?? 'NULL'
  const buckets = sqlRows({ source: 'text?', year: 'text?', count: 'integer' })
    .all(db.prepare(`SELECT ${sourceColumn} AS source, substr(${spec.date}, 1, 4) AS year, count(*) AS count ${from} GROUP BY 1, 2`), ...params)
    .map((bucket) => ({ source: bucket.source, year: yearOf(bucket.year), count: bucket.count }))

  if (query.take === 0) return { hits: [], buckets }
  const hitWhere = [...params]
  let hitFrom = from
  if (query.source !== null && spec.source !== null) {
    hitFrom += ` AND ${spec.source} = ?`
    hitWhere.push(query.source)
  }
  const rows = HIT.all(
    db.prepare(
      `SELECT d.id AS id, d.title AS title, ${spec.date} AS date, ${sourceColumn} AS source,
              snippet(${spec.fts}, -1, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) AS snippet,
              bm25(${spec.fts}, ${spec.weights}) AS rank
         ${hitFrom} ${orderBy(query.sort, 'date', 'd.id')} LIMIT ?`
    ),
    ...hitWhere,
    query.take
  )
  return { hits: rows.map((row) => ({ kind: spec.kind, row: null, ...row })), buckets }
}
