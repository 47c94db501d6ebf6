import type { Database } from 'better-sqlite3'
import type { CitationKind } from '@shared/model'
import { CITATION_TOKEN, getCitation } from '../citations/citation-queries'

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
}

export interface ExportSources {
  sources: ExportSource[]
  /** Citation id → the number of its source in the list. */
  numberOf: ReadonlyMap<number, number>
}

function describe(db: Database, kind: CitationKind, id: number): Omit<ExportSource, 'number' | 'kind'> | null {
  if (kind === 'article') {
    const row = db
      .prepare('SELECT title, byline AS author, publisher, published_at AS date, url, source_file AS file, sha256 FROM articles WHERE id = ?')
      .get(id) as Omit<ExportSource, 'number' | 'kind'> | undefined
    return row ?? null
  }
  const datasetId =
    kind === 'dataset' ? id : ((db.prepare('SELECT dataset_id AS id FROM charts WHERE id = ?').get(id) as { id: number } | undefined)?.id ?? null)
  if (datasetId === null) return null
  const dataset = db.prepare('SELECT name, source_file AS file, sha256 FROM datasets WHERE id = ?').get(datasetId) as
    | { name: string; file: string | null; sha256: string | null }
    | undefined
  if (!dataset) return null
  // A dataset's own provenance (who published the figures) comes from its recorded sources.
  const origins = db.prepare('SELECT publisher, title, date, url FROM dataset_sources WHERE dataset_id = ? ORDER BY id').all(datasetId) as {
    publisher: string | null
    title: string
    date: string | null
    url: string | null
  }[]
  const chartName = kind === 'chart' ? (db.prepare('SELECT name FROM charts WHERE id = ?').get(id) as { name: string }).name : null
  const publishers = [...new Set(origins.map((origin) => origin.publisher).filter((publisher): publisher is string => !!publisher))]
  return {
    title: chartName ? `${chartName} (chart of ${dataset.name})` : dataset.name,
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
  for (const body of bodies) {
    for (const match of body.matchAll(CITATION_TOKEN)) {
      const citationId = Number(match[1])
      if (numberOf.has(citationId)) continue
      const citation = getCitation(db, citationId)
      if (!citation) continue
      const key = `${citation.kind}:${citation.sourceId}`
      let number = bySource.get(key)
      if (number === undefined) {
        const described = describe(db, citation.kind, citation.sourceId)
        if (!described) continue
        number = sources.length + 1
        sources.push({ number, kind: citation.kind, ...described })
        bySource.set(key, number)
      }
      numberOf.set(citationId, number)
    }
  }
  return { sources, numberOf }
}

/** One line of the Sources list, as plain text: author, title, publisher, date, URL, file and hash. */
export function sourceLine(source: ExportSource): string {
  const parts = [source.author, `“${source.title}”`, source.publisher, source.date?.slice(0, 10) ?? null, source.url].filter((part): part is string => !!part)
  const file = source.file ? ` Imported from ${source.file}${source.sha256 ? ` (sha256 ${source.sha256})` : ''}.` : ''
  return `${parts.join(', ')}.${file}`
}
