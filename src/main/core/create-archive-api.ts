import { basename } from 'node:path'
import type { ApiEvent, ArchiveApi } from '@shared/api'
import type { ContextMenuCommand, ContextMenuRequest } from '@shared/context-menu'
import type { SearchRequest, SearchResult } from '@shared/model'
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
import { refuseUnsafeOutputFor } from './fs/output-target'
import { writeExportFile } from './fs/write-export-file'
import { InvalidRequest } from './invalid-request'
import { archiveBusyMessage, firstLineOf, isBusy, isDamage, plainFailure, reasonOf } from './plain-failure'
import { articleMatches } from './search/article-matches'
import { deleteSavedSearch, getSavedSearch, listSavedSearches, markSavedSearchRun, renameSavedSearch, saveSearch } from './saved-searches/saved-search-queries'
import { searchArchive } from './search/search-archive'
import { SearchPool, SearchReplaced } from './search/search-pool'

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
  /** The built search worker (out/main/search-worker.js); null searches in this thread (the CLI). */
  searchWorker: string | null
  /**
   * Asks the person where to save a file (the app shows a native dialog); resolves to null when they
   * cancel. The renderer never names a path itself. Without it, exports to a file are refused.
   */
  chooseSavePath?: (request: SaveRequest) => Promise<string | null>
  /** Shows the window's native right-click menu (the app; the browser test harness records it). */
  showContextMenu?: (request: ContextMenuRequest) => Promise<ContextMenuCommand>
}

/**
 * An error as the person who asked sees it: what they asked was refused (InvalidRequest), the
 * archive was busy, damaged or read-only (said as such, with the way out), or something else broke.
 * Never a class name or a stack; the stack goes to the log.
 */
function failureOf<T>(archive: Archive, what: string, error: unknown): Result<T> {
  if (error instanceof InvalidRequest) return fail('invalid-input', error.message)
  const name = basename(archive.path)
  if (isBusy(error)) return fail('busy', archiveBusyMessage(name))
  if (archive.readOnly !== null && (error as { code?: unknown }).code === 'SQLITE_READONLY') return fail('read-only', archive.readOnly.message)
  // Damage is a state of the file, said plainly above; anything else is a fault worth its stack in the log.
  if (isDamage(error)) return fail('internal', plainFailure(error, name))
  const code = (error as { code?: unknown }).code
  // A file the person chose could not be written (a full or read-only disk): said without the errno code.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return fail('internal', `${what} failed: ${reasonOf(error)}.`)
  console.error(`casefile: ${what} failed`, error)
  return fail('internal', `${what} failed: ${firstLineOf(error)}`)
}

/** Runs `work`; a null answer means the thing asked for does not exist; a throw becomes an error value. */
function answerFor<T>(archive: Archive, what: string, work: () => T | null): Promise<Result<T>> {
  try {
    const value = work()
    return Promise.resolve(value === null ? fail('not-found', `${what} was not found in this archive.`) : ok(value))
  } catch (error) {
    return Promise.resolve(failureOf(archive, what, error))
  }
}

/** `answerFor` for work that must wait (a save dialog). */
async function answerLaterFor<T>(archive: Archive, what: string, work: () => Promise<T | null>): Promise<Result<T>> {
  try {
    const value = await work()
    return value === null ? fail('not-found', `${what} was not found in this archive.`) : ok(value)
  } catch (error) {
    return failureOf(archive, what, error)
  }
}

/**
 * Implements the contract in src/shared/api.ts on top of the archive's services. Arguments are
 * assumed valid here: every transport (IPC, the browser bridge, the CLI) checks them with checkCall first.
 */
export function createArchiveApi(archive: Archive, emit: (event: ApiEvent) => void, options: ArchiveApiOptions): ArchiveApiHandle {
  const { db } = archive
  const answer = <T>(what: string, work: () => T | null) => answerFor(archive, what, work)
  const answerLater = <T>(what: string, work: () => Promise<T | null>) => answerLaterFor(archive, what, work)
  /** A change to the archive: refused at once, with the reason and the way out, when it is open read-only. */
  const change = <T>(what: string, work: () => T | null): Promise<Result<T>> =>
    archive.readOnly !== null ? Promise.resolve(fail('read-only', archive.readOnly.message)) : answer(what, work)
  const runner = options.importWorker ? workerImportRunner(archive, options.importWorker) : inlineImportRunner(archive)
  const jobs = new ImportJobs(runner, emit)
  // An archive open read-only may have been read into memory (see open-archive.ts): its file is not
  // what the connection holds, so it is searched over that connection, in this thread.
  const searches = options.searchWorker === null || archive.readOnly !== null ? null : new SearchPool(archive.path, archive.nativeBinding, options.searchWorker)
  const api: ArchiveApi = {
    getArchiveInfo: () => answer('Archive information', () => archiveInfo(archive)),
    listArticles: () => answer('The article list', () => listArticles(db)),
    getArticle: ({ id }) => answer(`Article ${id}`, () => getArticle(db, id)),
    listDatasets: () => answer('The dataset list', () => listDatasets(db)),
    getDataset: ({ id }) => answer(`Dataset ${id}`, () => getDataset(db, id)),
    getDatasetRows: ({ id, offset, limit }) => answer(`Dataset ${id}`, () => getDatasetRows(db, id, offset, limit)),
    listNotes: () => answer('The note list', () => listNotes(db)),
    getNote: ({ id }) => answer(`Note ${id}`, () => getNote(db, id)),
    createNote: ({ title, body }) => change('The new note', () => insertNote(db, title, body)),
    updateNote: ({ id, title, body }) => change(`Note ${id}`, () => updateNote(db, id, title, body)),
    deleteNote: ({ id }) => change(`Note ${id}`, () => (deleteNote(db, id) ? { id } : null)),
    search: (request) => (searches === null ? answer('Search', () => searchArchive(db, request)) : searchInPool(searches, request)),
    getArticleMatches: ({ id, query, exact }) => answer(`Article ${id}`, () => articleMatches(db, id, query, exact)),
    queryDatasetRows: (query) => answer(`Dataset ${query.datasetId}`, () => queryDatasetRows(db, query)),
    getColumnStats: ({ datasetId, position, filters }) => answer(`Dataset ${datasetId}`, () => columnStats(db, datasetId, position, filters)),
    setColumnType: ({ datasetId, position, type }) =>
      change(`Dataset ${datasetId}`, () => {
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
        refuseUnsafeOutputFor(path, archive.path)
        // The save dialog has asked before replacing a file.
        return { path, ...exportRowsCsv(db, query, path, true) }
      }),
    chartData: ({ spec }) => answer('The chart', () => aggregateChart(db, spec)),
    listCharts: () => answer('The chart list', () => listCharts(db)),
    getChart: ({ id }) => answer(`Chart ${id}`, () => getChart(db, id)),
    saveChart: ({ name, spec }) => change('The chart', () => saveChart(db, name, spec)),
    updateChart: ({ id, name, spec }) => change(`Chart ${id}`, () => updateChart(db, id, name, spec)),
    duplicateChart: ({ id }) => change(`Chart ${id}`, () => duplicateChart(db, id)),
    deleteChart: ({ id }) => change(`Chart ${id}`, () => (deleteChart(db, id) ? { id } : null)),
    exportNotes: ({ ids, format, title }) => answer('The export', () => exportNotes(db, ids, format, title)),
    exportNotesToFile: ({ ids, format, title }) =>
      answerLater('The export', async () => {
        const exported = exportNotes(db, ids, format === 'markdown' ? 'markdown' : 'html', title)
        const extension = format === 'markdown' ? 'md' : format
        if (!options.chooseSavePath) throw new InvalidRequest('Saving a file needs the app (or casefile export-notes).')
        if (format === 'pdf' && !options.printPdf) throw new InvalidRequest('Printing to PDF is not available here; export HTML or Markdown instead.')
        const path = await options.chooseSavePath({ title: 'Export notes', suggestedName: `${exported.title}.${extension}`, extension })
        if (path === null) return { path: null, rows: 0 }
        refuseUnsafeOutputFor(path, archive.path)
        // The save dialog has asked before replacing a file.
        writeExportFile(path, format === 'pdf' ? await options.printPdf!(exported.text) : exported.text, true)
        return { path, rows: exported.notes }
      }),
    setNoteTags: ({ id, tags }) => change(`Note ${id}`, () => setNoteTags(db, id, tags)),
    listNoteTags: () => answer('The tags', () => listNoteTags(db)),
    listCitations: ({ noteId }) => answer(`Note ${noteId}`, () => listCitations(db, noteId)),
    addArticleCitation: ({ noteId, articleId, start, end }) => change('The citation', () => addArticleCitation(db, noteId, articleId, start, end)),
    addDatasetCitation: ({ noteId, datasetId, detail }) => change('The citation', () => addDatasetCitation(db, noteId, datasetId, detail)),
    addChartCitation: ({ noteId, chartId }) => change('The citation', () => addChartCitation(db, noteId, chartId)),
    listSavedSearches: () => answer('The saved searches', () => listSavedSearches(db)),
    saveSearch: ({ name, query, exact, filters }) => change('The saved search', () => saveSearch(db, name, query, exact, filters)),
    renameSavedSearch: ({ id, name }) => change(`Saved search ${id}`, () => renameSavedSearch(db, id, name)),
    // Running a saved search only notes when it ran; in a read-only archive it simply runs.
    markSavedSearchRun: ({ id }) => answer(`Saved search ${id}`, () => (archive.readOnly !== null ? getSavedSearch(db, id) : markSavedSearchRun(db, id))),
    deleteSavedSearch: ({ id }) => change(`Saved search ${id}`, () => (deleteSavedSearch(db, id) ? { id } : null)),
    importFiles: ({ paths, options: importOptions }) => change('Import', () => ({ jobId: jobs.start(paths, importOptions) })),
    listJobs: () => answer('The job list', () => jobs.list()),
    cancelJob: ({ jobId }) => answer('Cancel', () => ({ cancelled: jobs.cancel(jobId) })),
    showContextMenu: (request) =>
      answerLater('The menu', async () => {
        if (!options.showContextMenu) throw new InvalidRequest('A right-click menu needs the app window.')
        return { command: await options.showContextMenu(request) }
      })
  }
  return { api, dispose: () => Promise.all([jobs.dispose(), searches?.dispose()]).then(() => undefined) }
}

async function searchInPool(pool: SearchPool, request: SearchRequest): Promise<Result<SearchResult>> {
  try {
    return ok(await pool.search(request))
  } catch (error) {
    if (error instanceof SearchReplaced) return fail('superseded', error.message)
    console.error('casefile: Search failed', error)
    return fail('internal', `Search failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
