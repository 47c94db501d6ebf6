import type { Database } from 'better-sqlite3'
import type { Article, ArticleHeading, ArticlePage, ArticleSummary } from '@shared/model'
import { sqlRows, sqlValues } from '../db/sql-rows'

export interface NewArticle {
  title: string
  byline: string | null
  publisher: string | null
  publishedAt: string | null
  url: string | null
  language: string | null
  body: string
  sourceFile: string | null
  sourceSize: number | null
  sha256: string | null
  importId: number | null
  /** A PDF's pages; empty for other sources. */
  pages: ArticlePage[]
  /** The body's headings; empty for sources without them. */
  headings: ArticleHeading[]
}

const SUMMARY_SHAPE = {
  id: 'integer',
  title: 'text',
  byline: 'text?',
  publisher: 'text?',
  published_at: 'text?',
  url: 'text?',
  source_file: 'text?',
  word_count: 'integer'
} as const

const SUMMARY_ROW = sqlRows(SUMMARY_SHAPE)
const ARTICLE_ROW = sqlRows({ ...SUMMARY_SHAPE, body: 'text', language: 'text?', sha256: 'text?', source_size: 'integer?', imported_at: 'text' })
const PAGE_METHODS = ['text', 'ocr'] as const satisfies readonly ArticlePage['method'][]
const PAGE_ROW = sqlRows({ page: 'integer', start_offset: 'integer', end_offset: 'integer', method: PAGE_METHODS, confidence: 'real?' })
const HEADING_ROW = sqlRows({ start_offset: 'integer', end_offset: 'integer', level: 'integer' })

// Words are counted in SQL from the spaces so listing never loads the bodies.
const SUMMARY_COLUMNS = `id, title, byline, publisher, published_at, url, source_file,
  (length(body) - length(replace(body, ' ', '')) + (length(body) > 0)) AS word_count`

function toSummary(row: ReturnType<typeof SUMMARY_ROW.one>): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    byline: row.byline,
    publisher: row.publisher,
    publishedAt: row.published_at,
    url: row.url,
    sourceFile: row.source_file,
    wordCount: row.word_count
  }
}

export function insertArticle(db: Database, article: NewArticle): number {
  const result = db
    .prepare(
      `INSERT INTO articles (title, byline, publisher, published_at, url, language, body, source_file, source_size, sha256, import_id, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(
      article.title,
      article.byline,
      article.publisher,
      article.publishedAt,
      article.url,
      article.language,
      article.body,
      article.sourceFile,
      article.sourceSize,
      article.sha256,
      article.importId,
      new Date().toISOString()
    )
  const id = Number(result.lastInsertRowid)
  const insertPage = db.prepare('INSERT INTO article_pages (article_id, page, start_offset, end_offset, method, confidence) VALUES (?, ?, ?, ?, ?, ?)')
  for (const page of article.pages) insertPage.run(id, page.page, page.start, page.end, page.method, page.confidence)
  const insertHeading = db.prepare('INSERT INTO article_headings (article_id, start_offset, end_offset, level) VALUES (?, ?, ?, ?)')
  for (const heading of article.headings) insertHeading.run(id, heading.start, heading.end, heading.level)
  return id
}

function headingsOf(db: Database, articleId: number): ArticleHeading[] {
  const rows = HEADING_ROW.all(db.prepare('SELECT start_offset, end_offset, level FROM article_headings WHERE article_id = ? ORDER BY start_offset'), articleId)
  return rows.map((row) => ({ start: row.start_offset, end: row.end_offset, level: row.level }))
}

function pagesOf(db: Database, articleId: number): ArticlePage[] {
  const rows = PAGE_ROW.all(db.prepare('SELECT page, start_offset, end_offset, method, confidence FROM article_pages WHERE article_id = ? ORDER BY page'), articleId)
  return rows.map((row) => ({ page: row.page, start: row.start_offset, end: row.end_offset, method: row.method, confidence: row.confidence }))
}

export function listArticles(db: Database): ArticleSummary[] {
  return SUMMARY_ROW.all(db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles ORDER BY published_at IS NULL, published_at DESC, id`)).map(toSummary)
}

export function getArticle(db: Database, id: number): Article | null {
  const row = ARTICLE_ROW.get(db.prepare(`SELECT ${SUMMARY_COLUMNS}, body, language, sha256, source_size, imported_at FROM articles WHERE id = ?`), id)
  if (row === null) return null
  return {
    ...toSummary(row),
    body: row.body,
    pages: pagesOf(db, id),
    headings: headingsOf(db, id),
    language: row.language,
    sha256: row.sha256,
    sourceSize: row.source_size,
    importedAt: row.imported_at
  }
}

export function findArticleBySha256(db: Database, sha256: string): { id: number; title: string } | null {
  return sqlRows({ id: 'integer', title: 'text' }).get(db.prepare('SELECT id, title FROM articles WHERE sha256 = ? LIMIT 1'), sha256)
}

export function countArticles(db: Database): number {
  return sqlValues('integer').one(db.prepare('SELECT count(*) FROM articles').pluck())
}
