import type { Database } from 'better-sqlite3'
import type { SearchHit, SearchHitKind, SearchResult } from '@shared/model'
import { plainWordsMatch } from '@shared/query/plain-words'

// Snippet markers as SQL char() codes: U+E000 / U+E001 (see SNIPPET_MARK_START / _END).
const OPEN = 'char(57344)'
const CLOSE = 'char(57345)'
const SNIPPET_TOKENS = 24

// bm25 weights per FTS column: a match in the title counts most.
const SEARCH_SQL = `
  SELECT 'article' AS kind, a.id AS id, a.title AS title, a.published_at AS date,
         snippet(articles_fts, -1, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) AS snippet,
         bm25(articles_fts, 10.0, 3.0, 3.0, 1.0) AS rank
    FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
   WHERE articles_fts MATCH @match
  UNION ALL
  SELECT 'note', n.id, n.title, n.updated_at,
         snippet(notes_fts, -1, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}),
         bm25(notes_fts, 10.0, 1.0)
    FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid
   WHERE notes_fts MATCH @match
  ORDER BY rank, kind, id
  LIMIT @limit`

function countOf(db: Database, table: 'articles_fts' | 'notes_fts', match: string): number {
  // The table name comes from the literal union above, never from input.
  return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(match) as { n: number }).n
}

/** Ranked full-text search over articles and notes with highlighted snippets. */
export function searchArchive(db: Database, query: string, limit: number): SearchResult {
  const match = plainWordsMatch(query)
  const counts: Record<SearchHitKind, number> = { article: 0, note: 0 }
  if (match === null) return { query, total: 0, counts, hits: [] }
  const hits = db.prepare(SEARCH_SQL).all({ match, limit }) as SearchHit[]
  counts.article = countOf(db, 'articles_fts', match)
  counts.note = countOf(db, 'notes_fts', match)
  return { query, total: counts.article + counts.note, counts, hits }
}
