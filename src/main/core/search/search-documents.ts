import type { Database } from 'better-sqlite3'
import type { SearchHit } from '@shared/model'
import { orderBy, yearOf, type KindQuery, type KindResult } from './kind-search'

// Snippet markers as SQL char() codes: U+E000 / U+E001 (see SNIPPET_MARK_START / _END).
const OPEN = 'char(57344)'
const CLOSE = 'char(57345)'
const SNIPPET_TOKENS = 24

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
}

export const ARTICLES: DocumentTable = {
  kind: 'article',
  fts: 'articles_fts',
  table: 'articles',
  date: 'd.published_at',
  source: 'd.publisher',
  weights: '10.0, 3.0, 3.0, 1.0',
  haystack: "concat_ws(' ', d.title, d.byline, d.publisher, d.body)",
  added: 'd.imported_at'
}

export const NOTES: DocumentTable = {
  kind: 'note',
  fts: 'notes_fts',
  table: 'notes',
  date: 'd.updated_at',
  source: null,
  weights: '10.0, 1.0',
  haystack: "concat_ws(' ', d.title, d.body)",
  added: 'd.created_at'
}

/** Ranked hits and facet buckets from articles or notes, which FTS5 can snippet itself. */
export function searchDocuments(db: Database, spec: DocumentTable, query: KindQuery): KindResult {
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
  const buckets = (
    db.prepare(`SELECT ${sourceColumn} AS source, substr(${spec.date}, 1, 4) AS year, count(*) AS count ${from} GROUP BY 1, 2`).all(...params) as {
      source: string | null
      year: string | null
      count: number
    }[]
  ).map((bucket) => ({ source: bucket.source, year: yearOf(bucket.year), count: bucket.count }))

  if (query.take === 0) return { hits: [], buckets }
  const hitWhere = [...params]
  let hitFrom = from
  if (query.source !== null && spec.source !== null) {
    hitFrom += ` AND ${spec.source} = ?`
    hitWhere.push(query.source)
  }
  const rows = db
    .prepare(
      `SELECT d.id AS id, d.title AS title, ${spec.date} AS date, ${sourceColumn} AS source,
              snippet(${spec.fts}, -1, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) AS snippet,
              bm25(${spec.fts}, ${spec.weights}) AS rank
         ${hitFrom} ${orderBy(query.sort, 'date', 'd.id')} LIMIT ?`
    )
    .all(...hitWhere, query.take) as Omit<SearchHit, 'kind' | 'row'>[]
  return { hits: rows.map((row) => ({ kind: spec.kind, row: null, ...row })), buckets }
}
