import type { ApiEvent, ArchiveApi } from '@shared/api'
import { fail, ok, type Result } from '@shared/result'
import type { Archive } from './archive'
import { archiveInfo } from './archive-info'
import { getArticle, listArticles } from './articles/article-queries'
import { getDataset, getDatasetRows, listDatasets } from './datasets/dataset-queries'
import { ImportJobs } from './import/import-jobs'
import { inlineImportRunner, workerImportRunner } from './import/import-runner'
import { deleteNote, getNote, insertNote, listNotes, listNoteTags, setNoteTags, updateNote } from './notes/note-queries'
import { aggregateChart } from './charts/aggregate-chart'
import { exportRowsCsv } from './datasets/export-rows-csv'
import { columnStats, queryDatasetRows } from './datasets/query-dataset-rows'
import { reindexAfterTypeChange, setColumnType } from './datasets/set-column-type'
import { deleteChart, duplicateChart, getChart, listCharts, saveChart, updateChart } from './charts/chart-queries'
import { addArticleCitation, addChartCitation, addDatasetCitation, listCitations } from './citations/citation-queries'
import { exportNotes } from './export/export-notes'
import { writeFileAtomicSync } from './fs/write-file-atomic'
import { InvalidRequest } from './invalid-request'
import { articleMatches } from './search/article-matches'
import { deleteSavedSearch, listSavedSearches, markSavedSearchRun, renameSavedSearch, saveSearch } from './saved-searches/saved-search-queries'
import { searchArchive } from './search/search-archive'

export interface ArchiveApiHandle {
  api: ArchiveApi
  /** Cancels running imports and resolves once they have stopped. */
  dispose(): Promise<void>
}

export interface SaveRequest {
  title: string
  suggestedName: string
  /** Without the dot: csv, pdf. */
  extension: string
}

export interface ArchiveApiOptions {
  /** Prints an export's HTML to PDF (Electron's printToPDF in the app); without it, PDF exports are refused. */
  printPdf?: (html: string) => Promise<Uint8Array>
  /** The built import worker (out/main/import-worker.js); null imports in this thread. */
  importWorker: string | null
  /**
   * Asks the person where to save a file (the app shows a native dialog); resolves to null when they
   * cancel. The renderer never names a path itself. Without it, exports to a file are refused.
   */
  chooseSavePath?: (request: SaveRequest) => Promise<string | null>
}

/** Runs `work`; a null answer means the thing asked for does not exist; a throw becomes an error value. */
function answer<T>(what: string, work: () => T | null): Promise<Result<T>> {
  try {
    const value = work()
    return Promise.resolve(value === null ? fail('not-found', `${what} was not found in this archive.`) : ok(value))
  } catch (error) {
    if (error instanceof InvalidRequest) return Promise.resolve(fail('invalid-input', error.message))
    const message = error instanceof Error ? error.message : String(error)
    console.error(`casefile: ${what} failed`, error)
    return Promise.resolve(fail('internal', `${what} failed: ${message}`))
  }
}

/** `answer` for work that must wait (a save dialog). */
async function answerLater<T>(what: string, work: () => Promise<T | null>): Promise<Result<T>> {
  try {
    const value = await work()
    return value === null ? fail('not-found', `${what} was not found in this archive.`) : ok(value)
  } catch (error) {
    if (error instanceof InvalidRequest) return fail('invalid-input', error.message)
    console.error(`casefile: ${what} failed`, error)
    return fail('internal', `${what} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * Implements the contract in src/shared/api.ts on top of the archive's services. Arguments are
 * assumed valid here: every transport (IPC, the browser bridge, the CLI) checks them with checkCall first.
 */
export function createArchiveApi(archive: Archive, emit: (event: ApiEvent) => void, options: ArchiveApiOptions): ArchiveApiHandle {
  const { db } = archive
  const runner = options.importWorker ? workerImportRunner(archive, options.importWorker) : inlineImportRunner(archive)
  const jobs = new ImportJobs(runner, emit)
  const api: ArchiveApi = {
    getArchiveInfo: () => answer('Archive information', () => archiveInfo(archive)),
    listArticles: () => answer('The article list', () => listArticles(db)),
    getArticle: ({ id }) => answer(`Article ${id}`, () => getArticle(db, id)),
    listDatasets: () => answer('The dataset list', () => listDatasets(db)),
    getDataset: ({ id }) => answer(`Dataset ${id}`, () => getDataset(db, id)),
    getDatasetRows: ({ id, offset, limit }) => answer(`Dataset ${id}`, () => getDatasetRows(db, id, offset, limit)),
    listNotes: () => answer('The note list', () => listNotes(db)),
    getNote: ({ id }) => answer(`Note ${id}`, () => getNote(db, id)),
    createNote: ({ title, body }) => answer('The new note', () => insertNote(db, title, body)),
    updateNote: ({ id, title, body }) => answer(`Note ${id}`, () => updateNote(db, id, title, body)),
    deleteNote: ({ id }) => answer(`Note ${id}`, () => (deleteNote(db, id) ? { id } : null)),
    search: (request) => answer('Search', () => searchArchive(db, request)),
    getArticleMatches: ({ id, query, exact }) => answer(`Article ${id}`, () => articleMatches(db, id, query, exact)),
    queryDatasetRows: (query) => answer(`Dataset ${query.datasetId}`, () => queryDatasetRows(db, query)),
    getColumnStats: ({ datasetId, position, filters }) => answer(`Dataset ${datasetId}`, () => columnStats(db, datasetId, position, filters)),
    setColumnType: ({ datasetId, position, type }) =>
      answer(`Dataset ${datasetId}`, () => {
        const change = setColumnType(db, datasetId, position, type)
        reindexAfterTypeChange(db, datasetId)
        return change
      }),
    exportRowsCsv: (query) =>
      answerLater(`Dataset ${query.datasetId}`, async () => {
        const dataset = getDataset(db, query.datasetId)
        if (!dataset) return null
        if (!options.chooseSavePath) throw new InvalidRequest('Saving a file needs the app (or the CLI’s own export commands).')
        const path = await options.chooseSavePath({ title: 'Export rows as CSV', suggestedName: `${dataset.name}.csv`, extension: 'csv' })
        if (path === null) return { path: null, rows: 0 }
        // The save dialog has asked before replacing a file.
        return { path, ...exportRowsCsv(db, query, path, true) }
      }),
    chartData: ({ spec }) => answer('The chart', () => aggregateChart(db, spec)),
    listCharts: () => answer('The chart list', () => listCharts(db)),
    getChart: ({ id }) => answer(`Chart ${id}`, () => getChart(db, id)),
    saveChart: ({ name, spec }) => answer('The chart', () => saveChart(db, name, spec)),
    updateChart: ({ id, name, spec }) => answer(`Chart ${id}`, () => updateChart(db, id, name, spec)),
    duplicateChart: ({ id }) => answer(`Chart ${id}`, () => duplicateChart(db, id)),
    deleteChart: ({ id }) => answer(`Chart ${id}`, () => (deleteChart(db, id) ? { id } : null)),
    exportNotes: ({ ids, format, title }) => answer('The export', () => exportNotes(db, ids, format, title)),
    exportNotesToFile: ({ ids, format, title }) =>
      answerLater('The export', async () => {
        const exported = exportNotes(db, ids, format === 'markdown' ? 'markdown' : 'html', title)
        const extension = format === 'markdown' ? 'md' : format
        if (!options.chooseSavePath) throw new InvalidRequest('Saving a file needs the app (or casefile export-notes).')
        if (format === 'pdf' && !options.printPdf) throw new InvalidRequest('Printing to PDF is not available here; export HTML or Markdown instead.')
        const path = await options.chooseSavePath({ title: 'Export notes', suggestedName: `${exported.title}.${extension}`, extension })
        if (path === null) return { path: null, rows: 0 }
        writeFileAtomicSync(path, format === 'pdf' ? await options.printPdf!(exported.text) : exported.text)
        return { path, rows: exported.notes }
      }),
    setNoteTags: ({ id, tags }) => answer(`Note ${id}`, () => setNoteTags(db, id, tags)),
    listNoteTags: () => answer('The tags', () => listNoteTags(db)),
    listCitations: ({ noteId }) => answer(`Note ${noteId}`, () => listCitations(db, noteId)),
    addArticleCitation: ({ noteId, articleId, start, end }) => answer('The citation', () => addArticleCitation(db, noteId, articleId, start, end)),
    addDatasetCitation: ({ noteId, datasetId, detail }) => answer('The citation', () => addDatasetCitation(db, noteId, datasetId, detail)),
    addChartCitation: ({ noteId, chartId }) => answer('The citation', () => addChartCitation(db, noteId, chartId)),
    listSavedSearches: () => answer('The saved searches', () => listSavedSearches(db)),
    saveSearch: ({ name, query, exact, filters }) => answer('The saved search', () => saveSearch(db, name, query, exact, filters)),
    renameSavedSearch: ({ id, name }) => answer(`Saved search ${id}`, () => renameSavedSearch(db, id, name)),
    markSavedSearchRun: ({ id }) => answer(`Saved search ${id}`, () => markSavedSearchRun(db, id)),
    deleteSavedSearch: ({ id }) => answer(`Saved search ${id}`, () => (deleteSavedSearch(db, id) ? { id } : null)),
    importFiles: ({ paths, options: importOptions }) => answer('Import', () => ({ jobId: jobs.start(paths, importOptions) })),
    listJobs: () => answer('The job list', () => jobs.list()),
    cancelJob: ({ jobId }) => answer('Cancel', () => ({ cancelled: jobs.cancel(jobId) }))
  }
  return { api, dispose: () => jobs.dispose() }
}
