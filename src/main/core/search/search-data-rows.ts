import type { Database } from 'better-sqlite3'
import { SNIPPET_MARK_END, SNIPPET_MARK_START, type SearchHit } from '@shared/model'
import { cachedStatement } from '../db/cached-statement'
import { sqlRows } from '../db/sql-rows'
import { DATASET_ROW_KEY_FACTOR, datasetRowKeyRange, splitDatasetRowKey } from './dataset-row-key'
import { DataRowText } from './data-row-text'
import type { FacetBucket, KindQuery, KindResult } from './kind-search'
import { markTerms, type MatchTerm } from './match-terms'
import { CHECKPOINT_EVERY } from './search-abandoned'

const SNIPPET_CHARS = 220
// A row is a fragment of a table, not a document: at equal bm25 an article or note that says the
// same words is the better answer, so rows' scores count for half (bm25 is negative; nearer zero
// ranks lower).
const RANK = 'bm25(dataset_rows_fts) * 0.5'

/**
 * Matches counted, per dataset, before a search gives up ranking them. Ranking reads every match
 * (bm25 over 300,000 rows took ~1.2 s at 1M rows), so a word most rows contain ("N", a court code)
 * would take seconds at 10M rows to rank rows that all score alike. Past this many, the rows listed
 * are the first in table order and the counts say "more than".
 */
export const ROWS_RANKED_AT_MOST = 50_000

/** What the rows' part found; `capped` when more rows matched than ROWS_RANKED_AT_MOST: a dataset's count of that many means "more than". */
export interface DataRowsResult extends KindResult {
  capped: boolean
}

/** A matching row's search key (dataset and row, see dataset-row-key.ts) and its bm25 rank. */
const RANKED = sqlRows({ key: 'integer', rank: 'real' })

/** Which datasets' rows may match: null means any; an empty list means none. */
export type DatasetScope = number[] | null

/**
 * The datasets whose rows may match: those whose name contains one of `names` (ignoring case; any
 * dataset when there are none) and, for a saved search's "new since", imported after `addedAfter`.
 */
export function datasetScope(db: Database, names: readonly string[], addedAfter: string | null): DatasetScope {
  if (names.length === 0 && addedAfter === null) return null
  const rows = sqlRows({ id: 'integer', name: 'text', importedAt: 'text' }).all(db.prepare('SELECT id, name, imported_at AS importedAt FROM datasets ORDER BY id'))
  const wanted = names.map((name) => name.toLocaleLowerCase())
  return rows
    .filter((row) => wanted.length === 0 || wanted.some((name) => row.name.toLocaleLowerCase().includes(name)))
    .filter((row) => addedAfter === null || row.importedAt > addedAfter)
    .map((row) => row.id)
}

function scopeCondition(scope: number[], params: (string | number | bigint)[]): string {
  for (const id of scope) params.push(...datasetRowKeyRange(id))
  return `(${scope.map(() => '(rowid >= ? AND rowid < ?)').join(' OR ')})`
}

/** A short excerpt of the row: the fields that match first, with the matching words marked. */
function rowSnippet(fields: { label: string; value: string }[], terms: readonly MatchTerm[]): string {
  const marked = fields.map((field) => ({ ...field, ...markTerms(field.value, terms, SNIPPET_MARK_START, SNIPPET_MARK_END) }))
  marked.sort((a, b) => Number(b.marks > 0) - Number(a.marks > 0))
  let snippet = marked.map((field) => `${field.label}: ${field.text}`).join(' · ')
  if (snippet.length > SNIPPET_CHARS) {
    // Cut outside a marked word so no marker is left open.
    let cut = SNIPPET_CHARS
    const open = snippet.lastIndexOf(SNIPPET_MARK_START, cut)
    if (open !== -1 && snippet.indexOf(SNIPPET_MARK_END, open) >= cut) cut = snippet.indexOf(SNIPPET_MARK_END, open) + 1
    snippet = `${snippet.slice(0, cut)}…`
  }
  return snippet
}

/** Ranked hits and facet buckets (one per dataset) from the rows of every dataset. */
export function searchDataRows(db: Database, query: KindQuery, scope: DatasetScope, terms: readonly MatchTerm[]): DataRowsResult {
  if (scope !== null && scope.length === 0) return { hits: [], buckets: [], capped: false }
  const rows = new DataRowText(db)
  const where = ['dataset_rows_fts MATCH ?']
  const params: (string | number | bigint)[] = [query.match]
  if (scope !== null) where.push(scopeCondition(scope, params))
  const from = `FROM dataset_rows_fts WHERE ${where.join(' AND ')}`
  const test = query.exact?.test ?? null
  if (test !== null) return { ...exactlySpelled(db, rows, from, params, query, test, terms), capped: false }

  // Counting stops at the cap: past it, every match would be read for a count and a rank.
  const many = sqlRows({ n: 'integer' }).one(cachedStatement(db, `SELECT count(*) AS n FROM (SELECT 1 ${from} LIMIT ?)`), ...params, ROWS_RANKED_AT_MOST + 1).n
  if (many > ROWS_RANKED_AT_MOST) return tooManyToRank(db, rows, where, params, scope, query, terms)

  const perDataset = sqlRows({ dataset: 'integer', count: 'integer' }).all(
    cachedStatement(db, `SELECT rowid / ${DATASET_ROW_KEY_FACTOR} AS dataset, count(*) AS count ${from} GROUP BY 1`),
    ...params
  )
  const buckets = perDataset.map((bucket) => ({ source: rows.datasetName(bucket.dataset), year: null, count: bucket.count }))
  if (query.take === 0) return { hits: [], buckets, capped: false }
  query.checkpoint()
  let hitFrom = from
  const hitParams = [...params]
  if (query.source !== null) {
    const picked = perDataset.filter((bucket) => rows.datasetName(bucket.dataset) === query.source).map((bucket) => bucket.dataset)
    if (picked.length === 0) return { hits: [], buckets, capped: false }
    hitFrom += ` AND ${scopeCondition(picked, hitParams)}`
  }
  const found = RANKED.all(cachedStatement(db, `SELECT rowid AS key, ${RANK} AS rank ${hitFrom} ORDER BY rank, rowid LIMIT ?`), ...hitParams, query.take)
  query.checkpoint()
  return { hits: found.map((hit) => toHit(rows, hit, terms)), buckets, capped: false }
}

/**
 * More rows match than are worth ranking: each dataset's matches are counted up to the cap (so a
 * dataset later in the index still shows in the facets), and the rows listed are the first matches
 * in table order, each a short seek in the index. Ranked 0, below every article and note that
 * matched (bm25 is negative): rows that all contain a common word tell the ranking nothing.
 */
function tooManyToRank(
  db: Database,
  rows: DataRowText,
  where: readonly string[],
  params: readonly (string | number | bigint)[],
  scope: DatasetScope,
  query: KindQuery,
  terms: readonly MatchTerm[]
): DataRowsResult {
  const datasets = scope ?? sqlRows({ id: 'integer' }).all(db.prepare('SELECT id FROM datasets ORDER BY id')).map((row) => row.id)
  const buckets: FacetBucket[] = []
  for (const id of datasets) {
    query.checkpoint()
    const inDataset = [...params]
    const condition = `${where.join(' AND ')} AND ${scopeCondition([id], inDataset)}`
    const count = sqlRows({ n: 'integer' }).one(
      cachedStatement(db, `SELECT count(*) AS n FROM (SELECT 1 FROM dataset_rows_fts WHERE ${condition} LIMIT ?)`),
      ...inDataset,
      ROWS_RANKED_AT_MOST + 1
    ).n
    // A dataset past the cap counts as the cap: the search says there are more than that.
    if (count > 0) buckets.push({ source: rows.datasetName(id), year: null, count: Math.min(count, ROWS_RANKED_AT_MOST) })
  }
  if (query.take === 0) return { hits: [], buckets, capped: true }
  const listed = query.source === null ? datasets : datasets.filter((id) => rows.datasetName(id) === query.source)
  if (listed.length === 0) return { hits: [], buckets, capped: true }
  const hitParams = [...params]
  const condition = `${where.join(' AND ')} AND ${scopeCondition(listed, hitParams)}`
  const keys = sqlRows({ key: 'integer' }).all(cachedStatement(db, `SELECT rowid AS key FROM dataset_rows_fts WHERE ${condition} ORDER BY rowid LIMIT ?`), ...hitParams, query.take)
  query.checkpoint()
  return { hits: keys.map(({ key }) => toHit(rows, { key, rank: 0 }, terms)), buckets, capped: true }
}

/**
 * The exact-spelling switch on rows: the index holds no text, so every candidate row is read and
 * checked here (SQLite cannot call back into its own connection from inside a query).
 */
function exactlySpelled(
  db: Database,
  rows: DataRowText,
  from: string,
  params: (string | number | bigint)[],
  query: KindQuery,
  test: (text: string) => boolean,
  terms: readonly MatchTerm[]
): KindResult {
  const candidates = RANKED.all(db.prepare(`SELECT rowid AS key, ${RANK} AS rank ${from} ORDER BY rank, rowid`), ...params)
  const kept = candidates.filter((candidate, index) => {
    if (index % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) query.checkpoint()
    return test(rows.text(candidate.key))
  })
  const counts = new Map<number, number>()
  for (const { key } of kept) {
    const { datasetId } = splitDatasetRowKey(key)
    counts.set(datasetId, (counts.get(datasetId) ?? 0) + 1)
  }
  const buckets = [...counts].map(([datasetId, count]) => ({ source: rows.datasetName(datasetId), year: null, count }))
  const listed = query.source === null ? kept : kept.filter((hit) => rows.datasetName(splitDatasetRowKey(hit.key).datasetId) === query.source)
  return { hits: listed.slice(0, query.take).map((hit) => toHit(rows, hit, terms)), buckets }
}

function toHit(rows: DataRowText, { key, rank }: { key: number; rank: number }, terms: readonly MatchTerm[]): SearchHit {
  const { datasetId, row } = splitDatasetRowKey(key)
  const name = rows.datasetName(datasetId) ?? `Dataset ${datasetId}`
  return { kind: 'data', id: datasetId, row, title: `${name} · row ${row.toLocaleString('en-US')}`, snippet: rowSnippet(rows.fields(key), terms), date: null, source: name, rank }
}
