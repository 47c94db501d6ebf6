import type { Database } from 'better-sqlite3'
import { SNIPPET_MARK_END, SNIPPET_MARK_START, type ArticleMatches } from '@shared/model'
import { parseQuery } from '@shared/query/parse-query'
import { toFtsMatch } from '@shared/query/to-fts-match'
import { sqlValues } from '../db/sql-rows'
import { markTerms, matchTerms } from './match-terms'
import { FIELD_COLUMNS } from './search-fields'

/**
 * An article's body with every match of `query` marked, so the reader can show them all and step
 * from one to the next. FTS5's highlight() marks exactly what the index matched (phrases, NEAR
 * groups, prefixes); with the exact switch on, only words spelled as typed are marked.
 */
export function articleMatches(db: Database, id: number, query: string, exact: boolean): ArticleMatches | null {
  const article = sqlValues('text').get(db.prepare('SELECT body FROM articles WHERE id = ?').pluck(), id)
  if (article === null) return null
  const parsed = parseQuery(query)
  if (parsed.ast === null) return { id, body: article, matches: 0 }
  if (exact) return { id, ...markExact(article, matchTerms(parsed.ast), query) }
  const match = toFtsMatch(parsed.ast, FIELD_COLUMNS.article)
  const highlighted =
    match === null
      ? null
      : sqlValues('text?').get(
          db.prepare('SELECT highlight(articles_fts, 3, char(57344), char(57345)) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?').pluck(),
          match,
          BigInt(id)
        )
  const body = highlighted ?? article
  return { id, body, matches: body.split(SNIPPET_MARK_START).length - 1 }
}

/**
 * Marks the words that match ignoring case and accents, then keeps those spelled as typed (or, for
 * a prefix, starting as typed).
 */
function markExact(body: string, terms: ReturnType<typeof matchTerms>, query: string): { body: string; matches: number } {
  const typed = new Set(query.match(/[\p{L}\p{N}]+/gu) ?? [])
  const marked = markTerms(body, terms, SNIPPET_MARK_START, SNIPPET_MARK_END)
  let matches = 0
  const text = marked.text.replace(/\uE000([^\uE001]*)\uE001/g, (_, word: string) => {
    if (!typed.has(word) && ![...typed].some((prefix) => word.startsWith(prefix))) return word
    matches++
    return `${SNIPPET_MARK_START}${word}${SNIPPET_MARK_END}`
  })
  return { body: text, matches }
}
