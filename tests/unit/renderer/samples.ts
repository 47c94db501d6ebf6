// Small, valid values of the contract's types for the renderer's state tests; each takes the fields
// the test cares about and fills in the rest.

import type { ChartData, ChartSpec } from '../../../src/shared/chart-spec'
import type { ArchiveInfo, Citation, ImportOutcome, JobStatus, Note, SavedChart, SearchHit, SearchResult } from '../../../src/shared/model'

export function sampleInfo(path: string): ArchiveInfo {
  return {
    path,
    fileName: path.split('/').at(-1) ?? path,
    schemaVersion: 7,
    appVersion: '0.1.0',
    sizeBytes: 4096,
    createdAt: '2026-01-05T10:00:00.000Z',
    counts: { articles: 0, datasets: 0, notes: 0, charts: 0 },
    readOnly: null,
    damaged: false
  }
}

export function sampleNote(id: number, fields: Partial<Note>): Note {
  return { id, title: `Note ${id}`, createdAt: '2026-01-05T10:00:00.000Z', updatedAt: '2026-01-05T10:00:00.000Z', excerpt: '', tags: [], body: '', ...fields }
}

export function sampleCitation(id: number, fields: Partial<Citation>): Citation {
  return { id, noteId: 1, kind: 'article', sourceId: 1, quote: null, startOffset: null, endOffset: null, pages: null, createdAt: '2026-01-05T10:00:00.000Z', ...fields }
}

export function sampleHit(kind: SearchHit['kind'], id: number, row: number | null): SearchHit {
  return { kind, id, row, title: `${kind} ${id}`, snippet: '', date: null, source: null, rank: -1 }
}

export function sampleResult(query: string, total: number, hits: SearchHit[]): SearchResult {
  return { query, total, moreThanTotal: false, facets: { kinds: { article: 0, note: 0, dataset: 0, data: 0 }, sources: [], years: [] }, hits, offset: 0, chips: [], notes: [] }
}

export function sampleOutcome(status: ImportOutcome['status']): ImportOutcome {
  return {
    file: 'figures.csv',
    path: '/data/figures.csv',
    status,
    kind: status === 'imported' ? 'dataset' : null,
    id: status === 'imported' ? 4 : null,
    rows: status === 'imported' ? 10 : 0,
    warnings: [],
    emptiedCells: [],
    error: null,
    seconds: 0.2,
    dataSeconds: 0.1,
    ocr: null,
    sheets: null
  }
}

export function sampleJob(id: string, state: JobStatus['state'], outcomes: ImportOutcome[]): JobStatus {
  return { id, kind: 'import', title: 'figures.csv', state, progress: null, detail: '', bytesRead: 0, bytesTotal: 100, rowsWritten: 0, pages: null, skipped: [], outcomes }
}

/** A bar chart counting the rows of dataset 2 by its first column; `title` tells one spec from another. */
export function sampleChartSpec(title: string): ChartSpec {
  return { datasetId: 2, type: 'bar', title, x: { column: 0, bucket: null }, y: { aggregate: 'count', column: null }, groupBy: null, share: null, filters: [] }
}

export function sampleChart(id: number, name: string): SavedChart {
  return { id, name, datasetId: 2, spec: sampleChartSpec(name), createdAt: '2026-01-05T10:00:00.000Z', updatedAt: '2026-01-05T10:00:00.000Z' }
}

/** What the archive draws for `spec`: one bar of three rows. */
export function sampleChartData(spec: ChartSpec): ChartData {
  return { spec, xKind: 'category', xLabel: 'Year', yLabel: 'Rows', labels: ['2011'], series: [{ name: 'Rows', values: [3] }], rows: 3, caption: 'Source: test', share: null }
}
