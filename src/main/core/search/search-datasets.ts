import type { Database } from 'better-sqlite3'
import type { SearchHit } from '@shared/model'
import { cachedStatement } from '../db/cached-statement'
import { sqlRows } from '../db/sql-rows'
import type { KindQuery, KindResult } from './kind-search'
import type { DatasetScope } from './search-data-rows'

// Snippet markers as SQL char() codes: U+E000 / U+E001 (see SNIPPET_MARK_START / _END).
const OPEN = 'char(57344)'
const CLOSE = 'char(57345)'
const SNIPPET_TOKENS = 24
// A dataset is found by its name and by the words of its provenance (title rows, footnotes): a
// match in the name counts as much as in an article's title, a footnote's words less. The table
// is one entry per dataset (a few hundred at most), so it is searched whole in SQL, exact
// spelling and all, without the facts in memory the article index needs. The snippet is from the
// provenance, which says what the table holds, even when only the name matched (the title shows it).
const RANK = 'bm25(datasets_fts, 10.0, 1.0)'

const HIT = sqlRows({ id: 'integer', title: 'text', snippet: 'text', rank: 'real' })
const BUCKET = sqlRows({ source: 'text', count: 'integer' })

/**
 * Ranked hits and facet buckets (one per dataset, under its name, as its rows' are) from the
 * datasets' names and provenance. A dataset has no date: a date filter leaves it out before this.
 */
export function searchDatasets(db: Database, query: KindQuery, scope: DatasetScope): KindResult {
  if (scope !== null && scope.length === 0) return { hits: [], buckets: [] }
  const where = ['datasets_fts MATCH ?']
  const params: (string | number)[] = [query.match]
  if (scope !== null) {
    where.push('d.id IN (SELECT value FROM json_each(?))')
    params.push(JSON.stringify(scope))
  }
  if (query.addedAfter !== null) {
    where.push('d.imported_at > ?')
    params.push(query.addedAfter)
  }
  const exact = query.exact?.sql("datasets_fts.name || ' ' || datasets_fts.provenance") ?? null
  if (exact !== null) {
    where.push(exact.sql)
    params.push(...exact.params)
  }
  const from = `FROM datasets_fts JOIN datasets d ON d.id = datasets_fts.rowid WHERE ${where.join(' AND ')}`
  const buckets = BUCKET.all(cachedStatement(db, `SELECT d.name AS source, count(*) AS count ${from} GROUP BY d.id`), ...params).map((bucket) => ({ ...bucket, year: null }))
  if (query.take === 0 || buckets.length === 0) return { hits: [], buckets }
  query.checkpoint()
  const picked = query.source === null ? '' : ' AND d.name = ?'
  const hits = HIT.all(
    cachedStatement(
      db,
      `SELECT d.id AS id, d.name AS title, CASE datasets_fts.provenance WHEN '' THEN snippet(datasets_fts, 0, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) ELSE snippet(datasets_fts, 1, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) END AS snippet, ${RANK} AS rank
         ${from}${picked} ORDER BY rank, d.id LIMIT ?`
    ),
    ...params,
    ...(query.source === null ? [] : [query.source]),
    query.take
  )
  return { hits: hits.map((hit): SearchHit => ({ kind: 'dataset', row: null, date: null, source: hit.title, ...hit })), buckets }
}
