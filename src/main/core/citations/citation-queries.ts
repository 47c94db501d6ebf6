import type { Database } from 'better-sqlite3'
import type { Citation, CitationKind } from '@shared/model'
import { sqlRows } from '../db/sql-rows'
import { InvalidRequest } from '../invalid-request'

const CITATION_ROW = sqlRows({
  id: 'integer',
  note_id: 'integer',
  kind: 'text',
  article_id: 'integer?',
  dataset_id: 'integer?',
  chart_id: 'integer?',
  quote: 'text?',
  start_offset: 'integer?',
  end_offset: 'integer?',
  created_at: 'text',
  first_page: 'integer?',
  last_page: 'integer?',
  ocr_confidence: 'real?'
})

/** The page of a PDF article that holds the character at `offset` (see ArticlePage), as SQL over citations' columns. */
const pageAt = (offset: string) =>
  `(SELECT p.page FROM article_pages p WHERE p.article_id = citations.article_id AND p.start_offset <= ${offset} ORDER BY p.start_offset DESC LIMIT 1)`

/** The lowest confidence of the pages OCR read that a quoted passage lies on, as SQL over citations' columns. */
const OCR_CONFIDENCE =
  "(SELECT min(p.confidence) FROM article_pages p WHERE p.article_id = citations.article_id AND p.method = 'ocr' AND p.start_offset < citations.end_offset AND p.end_offset > citations.start_offset)"

const CITATION_COLUMNS = `id, note_id, kind, article_id, dataset_id, chart_id, quote, start_offset, end_offset, created_at, ${pageAt('citations.start_offset')} AS first_page, ${pageAt('citations.end_offset - 1')} AS last_page, ${OCR_CONFIDENCE} AS ocr_confidence`

const KINDS: Record<string, CitationKind> = { article: 'article', dataset: 'dataset', chart: 'chart' }

function toCitation(row: ReturnType<typeof CITATION_ROW.one>): Citation {
  const kind = KINDS[row.kind]
  // The table's CHECK constraint holds each kind to its one source column.
  const sourceId = kind === 'article' ? row.article_id : kind === 'dataset' ? row.dataset_id : row.chart_id
  if (kind === undefined || sourceId === null) throw new Error(`Citation ${row.id} is of kind "${row.kind}" without its source.`)
  return {
    id: row.id,
    noteId: row.note_id,
    kind,
    sourceId,
    quote: row.quote,
    startOffset: row.start_offset,
    endOffset: row.end_offset,
    pages: row.first_page === null ? null : { first: row.first_page, last: row.last_page ?? row.first_page, ocrConfidence: row.ocr_confidence },
    createdAt: row.created_at
  }
}

const ARTICLE_BODY = sqlRows({ body: 'text' })

/**
 * Records that a note quotes article text at [start, end) of its body. The passage must be exactly
 * there: offsets that do not hold the quote are refused rather than stored wrong.
 */
export function addArticleCitation(db: Database, noteId: number, articleId: number, start: number, end: number): Citation {
  const article = ARTICLE_BODY.get(db.prepare('SELECT body FROM articles WHERE id = ?'), articleId)
  if (article === null) throw new InvalidRequest(`Article ${articleId} was not found in this archive.`)
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end > start && end <= article.body.length)) {
    throw new InvalidRequest(`The passage ${start}–${end} is not inside article ${articleId} (its text is ${article.body.length} characters long).`)
  }
  // Half of a character written as two UTF-16 units cannot be stored (SQLite's UTF-8 would make it
  // U+FFFD), and the quotation would no longer be what the article says.
  for (const [offset, edge] of [[start, 'starts'], [end, 'ends']] as const) {
    if (isLowSurrogate(article.body.charCodeAt(offset)) && isHighSurrogate(article.body.charCodeAt(offset - 1))) {
      throw new InvalidRequest(`The passage ${start}–${end} of article ${articleId} ${edge} inside a character; select the whole character.`)
    }
  }
  const quote = article.body.slice(start, end)
  return insert(db, noteId, 'article', { article_id: articleId, quote, start_offset: start, end_offset: end })
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** Records that a note cites a whole dataset (detail may say which filter or rows). */
export function addDatasetCitation(db: Database, noteId: number, datasetId: number, detail: string | null): Citation {
  return insert(db, noteId, 'dataset', { dataset_id: datasetId, quote: detail })
}

/** Records that a note cites (or embeds) a saved chart. */
export function addChartCitation(db: Database, noteId: number, chartId: number): Citation {
  return insert(db, noteId, 'chart', { chart_id: chartId })
}

type CitationFields = Partial<Record<'article_id' | 'dataset_id' | 'chart_id' | 'quote' | 'start_offset' | 'end_offset', string | number | null>>

function insert(db: Database, noteId: number, kind: CitationKind, fields: CitationFields): Citation {
  const row = { article_id: null, dataset_id: null, chart_id: null, quote: null, start_offset: null, end_offset: null, ...fields }
  const bigint = (value: string | number | null) => (typeof value === 'number' ? BigInt(value) : value)
  const id = db
    .prepare(
      `INSERT INTO citations (note_id, kind, article_id, dataset_id, chart_id, quote, start_offset, end_offset, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(BigInt(noteId), kind, bigint(row.article_id), bigint(row.dataset_id), bigint(row.chart_id), row.quote, bigint(row.start_offset), bigint(row.end_offset), new Date().toISOString())
    .lastInsertRowid
  return toCitation(CITATION_ROW.one(db.prepare(`SELECT ${CITATION_COLUMNS} FROM citations WHERE id = ?`), id))
}

export function getCitation(db: Database, id: number): Citation | null {
  const row = CITATION_ROW.get(db.prepare(`SELECT ${CITATION_COLUMNS} FROM citations WHERE id = ?`), id)
  return row === null ? null : toCitation(row)
}

export function listCitations(db: Database, noteId: number): Citation[] {
  return CITATION_ROW.all(db.prepare(`SELECT ${CITATION_COLUMNS} FROM citations WHERE note_id = ? ORDER BY id`), noteId).map(toCitation)
}
