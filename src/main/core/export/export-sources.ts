import type { Database } from 'better-sqlite3'
import type { CitationKind, QuotedPages } from '@shared/model'
import { getCitation } from '../citations/citation-queries'
import { sqlRows } from '../db/sql-rows'

const SOURCE_TOKEN = /\[\[(cite|chart):(\d{1,15})\]\]/g

/** One entry of an export's Sources list: a cited article, dataset or chart. */
export interface ExportSource {
  number: number
  kind: CitationKind
  title: string
  author: string | null
  publisher: string | null
  date: string | null
  url: string | null
  /** The file the source was imported from, and its sha256, so a reader can check it. */
  file: string | null
  sha256: string | null
  /** What the notes cite of a dataset ("rows FY2011 only"), each once, in the order first cited. */
  details: string[]
}

export interface ExportSources {
  sources: ExportSource[]
  /** Citation id → the number of its source in the list. */
  numberOf: ReadonlyMap<number, number>
  /** Embedded chart id → the number of its source in the list. */
  chartNumberOf: ReadonlyMap<number, number>
  /** Citation id → the page of a PDF its quoted passage starts on, for citations of paged articles. */
  /** A quoted passage's pages in its PDF, by citation id (see pagesText). */
  pagesOf: ReadonlyMap<number, QuotedPages>
}

const ARTICLE_SOURCE = sqlRows({ title: 'text', author: 'text?', publisher: 'text?', date: 'text?', url: 'text?', file: 'text?', sha256: 'text?' })
const CHART_SOURCE = sqlRows({ name: 'text', dataset_id: 'integer' })
const DATASET_SOURCE = sqlRows({ name: 'text', file: 'text?', sha256: 'text?' })
const ORIGIN = sqlRows({ publisher: 'text?', title: 'text', date: 'text?', url: 'text?' })

/** The page of an article (imported from a PDF) whose text holds body offset `offset`; null when unpaged. */
function describe(db: Database, kind: CitationKind, id: number): Omit<ExportSource, 'number' | 'kind' | 'details'> | null {
  if (kind === 'article') {
    return ARTICLE_SOURCE.get(db.prepare('SELECT title, byline AS author, publisher, published_at AS date, url, source_file AS file, sha256 FROM articles WHERE id = ?'), id)
  }
  const chart = kind === 'chart' ? CHART_SOURCE.get(db.prepare('SELECT name, dataset_id FROM charts WHERE id = ?'), id) : null
  const datasetId = kind === 'dataset' ? id : (chart?.dataset_id ?? null)
  if (datasetId === null) return null
  const dataset = DATASET_SOURCE.get(db.prepare('SELECT name, source_file AS file, sha256 FROM datasets WHERE id = ?'), datasetId)
  if (dataset === null) return null
  // A dataset's own provenance (who published the figures) comes from its recorded sources.
  const origins = ORIGIN.all(db.prepare('SELECT publisher, title, date, url FROM dataset_sources WHERE dataset_id = ? ORDER BY id'), datasetId)
  const chartName = chart?.name ?? null
  const publishers = [...new Set(origins.map((origin) => origin.publisher).filter((publisher): publisher is string => !!publisher))]
  return {
    title: chartName === null ? dataset.name : chartName === dataset.name ? `${chartName} (chart)` : `${chartName} (chart of ${dataset.name})`,
    author: null,
    publisher: publishers.length > 0 ? publishers.join('; ') : null,
    date: origins.find((origin) => origin.date)?.date ?? null,
    url: origins.find((origin) => origin.url)?.url ?? null,
    file: dataset.file,
    sha256: dataset.sha256
  }
}

/**
 * The sources the notes cite, numbered in the order they are first cited. Two citations of the same
 * article share one number; a token whose citation no longer exists gets none.
 */
export function collectSources(db: Database, bodies: readonly string[]): ExportSources {
  const sources: ExportSource[] = []
  const bySource = new Map<string, number>()
  const numberOf = new Map<number, number>()
  const chartNumberOf = new Map<number, number>()
  const pagesOf = new Map<number, QuotedPages>()
  const numberFor = (kind: CitationKind, id: number): number | undefined => {
    const key = `${kind}:${id}`
    let number = bySource.get(key)
    if (number === undefined) {
      const described = describe(db, kind, id)
      if (!described) return undefined
      number = sources.length + 1
      sources.push({ number, kind, ...described, details: [] })
      bySource.set(key, number)
    }
    return number
  }
  for (const body of bodies) {
    // Citations and embedded charts, in the order they appear in the text.
    for (const match of body.matchAll(SOURCE_TOKEN)) {
      const id = Number(match[2])
      if (match[1] === 'chart') {
        if (chartNumberOf.has(id)) continue
        const number = numberFor('chart', id)
        if (number !== undefined) chartNumberOf.set(id, number)
        continue
      }
      if (numberOf.has(id)) continue
      const citation = getCitation(db, id)
      if (!citation) continue
      const number = numberFor(citation.kind, citation.sourceId)
      if (number === undefined) continue
      numberOf.set(id, number)
      if (citation.pages !== null) pagesOf.set(id, citation.pages)
      // A dataset citation's quote is its detail: which rows or filter the note relies on.
      const detail = citation.kind === 'dataset' ? citation.quote?.trim() : undefined
      const details = sources[number - 1]!.details
      if (detail && !details.includes(detail)) details.push(detail)
    }
  }
  return { sources, numberOf, chartNumberOf, pagesOf }
}

/**
 * One line of the Sources list, as plain text: author, title (with the details cited of a dataset),
 * publisher, date, URL, file and hash.
 */
export function sourceLine(source: ExportSource): string {
  const title = `“${source.title}”${source.details.length > 0 ? ` (${source.details.join('; ')})` : ''}`
  const parts = [source.author, title, source.publisher, source.date?.slice(0, 10) ?? null, source.url].filter((part): part is string => !!part)
  const file = source.file ? ` Imported from ${source.file}${source.sha256 ? ` (sha256 ${source.sha256})` : ''}.` : ''
  return `${parts.join(', ')}.${file}`
}
