import type { Database } from 'better-sqlite3'
import type { Citation, CitationKind } from '@shared/model'
import { InvalidRequest } from '../invalid-request'

interface CitationRow {
  id: number
  note_id: number
  kind: CitationKind
  article_id: number | null
  dataset_id: number | null
  chart_id: number | null
  quote: string | null
  start_offset: number | null
  end_offset: number | null
  created_at: string
}

function toCitation(row: CitationRow): Citation {
  return {
    id: row.id,
    noteId: row.note_id,
    kind: row.kind,
    sourceId: (row.article_id ?? row.dataset_id ?? row.chart_id)!,
    quote: row.quote,
    startOffset: row.start_offset,
    endOffset: row.end_offset,
    createdAt: row.created_at
  }
}

/** The token a note's text carries where it cites: [[cite:12]]. */
export function citationToken(id: number): string {
  return `[[cite:${id}]]`
}

export const CITATION_TOKEN = /\[\[cite:(\d{1,15})\]\]/g

/**
 * Records that a note quotes article text at [start, end) of its body. The passage must be exactly
 * there: offsets that do not hold the quote are refused rather than stored wrong.
 */
export function addArticleCitation(db: Database, noteId: number, articleId: number, start: number, end: number): Citation {
  const article = db.prepare('SELECT body FROM articles WHERE id = ?').get(articleId) as { body: string } | undefined
  if (!article) throw new InvalidRequest(`Article ${articleId} was not found in this archive.`)
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end > start && end <= article.body.length)) {
    throw new InvalidRequest(`The passage ${start}–${end} is not inside article ${articleId} (its text is ${article.body.length} characters long).`)
  }
  const quote = article.body.slice(start, end)
  return insert(db, noteId, 'article', { article_id: articleId, quote, start_offset: start, end_offset: end })
}

/** Records that a note cites a whole dataset (detail may say which filter or rows). */
export function addDatasetCitation(db: Database, noteId: number, datasetId: number, detail: string | null): Citation {
  return insert(db, noteId, 'dataset', { dataset_id: datasetId, quote: detail })
}

function insert(db: Database, noteId: number, kind: CitationKind, fields: Partial<Record<'article_id' | 'dataset_id' | 'chart_id' | 'quote' | 'start_offset' | 'end_offset', string | number | null>>): Citation {
  const row = {
    article_id: null,
    dataset_id: null,
    chart_id: null,
    quote: null,
    start_offset: null,
    end_offset: null,
    ...fields
  }
  const bigint = (value: string | number | null) => (typeof value === 'number' ? BigInt(value) : value)
  const id = db
    .prepare(
      `INSERT INTO citations (note_id, kind, article_id, dataset_id, chart_id, quote, start_offset, end_offset, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(BigInt(noteId), kind, bigint(row.article_id), bigint(row.dataset_id), bigint(row.chart_id), row.quote, bigint(row.start_offset), bigint(row.end_offset), new Date().toISOString())
    .lastInsertRowid
  return getCitation(db, Number(id))!
}

export function getCitation(db: Database, id: number): Citation | null {
  const row = db.prepare('SELECT * FROM citations WHERE id = ?').get(id) as CitationRow | undefined
  return row ? toCitation(row) : null
}

export function listCitations(db: Database, noteId: number): Citation[] {
  return (db.prepare('SELECT * FROM citations WHERE note_id = ? ORDER BY id').all(noteId) as CitationRow[]).map(toCitation)
}

/** Records that a note cites (or embeds) a saved chart. */
export function addChartCitation(db: Database, noteId: number, chartId: number): Citation {
  return insert(db, noteId, 'chart', { chart_id: chartId })
}
