import { basename, dirname, join } from 'node:path'
import type { ApiEvent, ApiHandlers, ArchiveApi } from '@shared/api'
import type { ContextMenuCommand, ContextMenuRequest } from '@shared/context-menu'
import type { Archive } from './archive'
import { archiveInfo } from './archive-info'
import { getArticle, listArticles } from './articles/article-queries'
import { chartDrawer } from './charts/aggregate-chart'
import { deleteChart, duplicateChart, getChart, listCharts, saveChart, updateChart } from './charts/chart-queries'
import { addChartCitation, addDatasetCitation, listCitations } from './citations/citation-queries'
import { quoteInNote } from './citations/quote-in-note'
import { getDataset, listDatasets } from './datasets/dataset-queries'
import { exportRowsCsv } from './datasets/export-rows-csv'
import { columnsWantingIndex, columnStats, queryDatasetRows } from './datasets/query-dataset-rows'
import { SortIndexer } from './datasets/sort-indexer'
import { RowsPool } from './datasets/rows-pool'
import { reindexAfterTypeChange, setColumnType } from './datasets/set-column-type'
import { setColumnDigits } from './datasets/set-column-digits'
import { exportNotesToFile, NOTES_FILE_EXTENSION } from './export/export-notes-to-file'
import type { PdfPrinter } from './export/pdf-printer'
import { ImportJobs } from './import/import-jobs'
import { inlineImportRunner, workerImportRunner } from './import/import-runner'
import { refuseUnsafeOutputFor } from './fs/output-target'
import { InvalidRequest } from './invalid-request'
import { MIGRATIONS } from './db/migrations/index'
import { repairReport, repairSearchIndexes } from './maintenance/repair-search-indexes'
import { found } from './not-found'
import { deleteNote, getNote, insertNote, listNotes, listNoteTags, setNoteTags, updateNote } from './notes/note-queries'
import { restoreNote } from './notes/restore-note'
import { ArchiveReadOnly } from './read-only-state'
import { deleteSavedSearch, getSavedSearch, listSavedSearches, markSavedSearchRun, renameSavedSearch, saveSearch } from './saved-searches/saved-search-queries'
import { articleMatches } from './search/article-matches'
import { searchArchive } from './search/search-archive'
import { SearchPool } from './search/search-pool'
import { servedApi, type ServedArchive } from './serve-call'

export interface ArchiveApiHandle extends ServedArchive {
  /** The contract's methods as callers see them, each call served by serveCall (the CLI and the app's menu use it). */
  readonly api: ArchiveApi
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
  /** The built import worker (out/main/import-worker.js); null imports in this thread. */
  importWorker: string | null
  /** The built search worker (out/main/search-worker.js); null searches in this thread (the CLI). */
  searchWorker: string | null
  /**
   * Asks the person where to save a file (the app shows a native dialog); resolves to null when they
   * cancel. The renderer never names a path itself. Null: exports to a file are refused (the CLI
   * writes its files with its own commands).
   */
  chooseSavePath: ((request: SaveRequest) => Promise<string | null>) | null
  /** Prints an export to PDF: Electron's printToPDF in the app, Chromium's in the browser test harness. Null: PDF exports are refused. */
  pdfPrinter: PdfPrinter | null
  /** Shows the window's native right-click menu (the app; the browser test harness records it). Null: refused. */
  showContextMenu: ((request: ContextMenuRequest) => Promise<ContextMenuCommand>) | null
  /**
   * Opens the archive again once a repair has replaced its content, so the checks run on the new
   * content and the window is told ('archive-changed'); this handle is disposed by it. Null where
   * nothing could open it again (the CLI runs `check --repair` on the file): the repair is refused.
   */
  reopen: (() => Promise<void>) | null
}

/**
 * Implements the contract in src/shared/api.ts on top of the archive's services: each method answers
 * with its value or throws (NotFound, InvalidRequest, ArchiveReadOnly, or a fault), and serveCall
 * turns that into the contract's answer. Arguments are checked by serveCall before any method runs.
 */
export function createArchiveApi(archive: Archive, emit: (event: ApiEvent) => void, options: ArchiveApiOptions): ArchiveApiHandle {
  const { db } = archive
  /** A change to the archive: refused at once, with the reason and the way out, when it is open read-only. */
  const change =
    <A, T>(run: (args: A) => T) =>
    (args: A): T => {
      if (archive.readOnly !== null) throw new ArchiveReadOnly(archive.readOnly.message)
      // A background index build holds the writer: it gives way to the person's change.
      indexer?.pause()
      return run(args)
    }
  const askSavePath = async (request: SaveRequest): Promise<string | null> => {
    if (options.chooseSavePath === null) throw new InvalidRequest('Saving a file needs the app (the CLI has export-dataset and export-notes).')
    return options.chooseSavePath(request)
  }
  const runner = options.importWorker ? workerImportRunner(archive, options.importWorker) : inlineImportRunner(archive)
  const jobs = new ImportJobs(runner, emit)
  // An archive open read-only may have been read into memory (see open-archive.ts): its file is not
  // what the connection holds, so it is searched over that connection, in this thread.
  const searches = options.searchWorker === null || archive.readOnly !== null ? null : new SearchPool(archive.path, archive.nativeBinding, options.searchWorker)
  // Built beside the search worker (electron.vite.config.ts); where searches run in this thread
  // (the CLI) nobody browses a table, and an archive open read-only gets no index.
  const indexer =
    options.searchWorker === null || archive.readOnly !== null
      ? null
      : new SortIndexer({ archivePath: archive.path, nativeBinding: archive.nativeBinding }, join(dirname(options.searchWorker), 'sort-index-worker.js'), () => jobs.busy)
  // Beside the search worker too; the data explorer's pages are read there, off this thread (rows-pool.ts).
  const rows = options.searchWorker === null || archive.readOnly !== null ? null : new RowsPool(db, archive.path, archive.nativeBinding, join(dirname(options.searchWorker), 'rows-worker.js'))
  // A chart's pass runs on the rows pool's threads, half the table each, while this thread serves
  // other calls: to show it, to check it before it is saved, and to export it in a note.
  const draw = chartDrawer(db, rows === null ? null : (datasetId, pass) => rows.chartCells(datasetId, pass))
  const handlers: ApiHandlers = {
    getArchiveInfo: () => archiveInfo(archive),
    listArticles: () => listArticles(db),
    getArticle: ({ id }) => found(getArticle(db, id), `Article ${id}`),
    listDatasets: () => listDatasets(db),
    getDataset: ({ id }) => found(getDataset(db, id), `Dataset ${id}`),
    listNotes: () => listNotes(db),
    getNote: ({ id }) => found(getNote(db, id), `Note ${id}`),
    createNote: change(({ title, body }) => insertNote(db, title, body)),
    updateNote: change(({ id, title, body }) => found(updateNote(db, id, title, body), `Note ${id}`)),
    deleteNote: change(({ id }) => found(deleteNote(db, id), `Note ${id}`)),
    restoreNote: change((deleted) => restoreNote(db, deleted)),
    search: (request) => (searches === null ? searchArchive(db, request) : searches.search(request)),
    getArticleMatches: ({ id, query, exact }) => found(articleMatches(db, id, query, exact), `Article ${id}`),
    queryDatasetRows: (query) => {
      const wanting = indexer === null ? [] : columnsWantingIndex(db, query)
      // Asked for once the page is read: a build started meanwhile would take a core from it.
      const want = () => wanting.forEach((position) => indexer!.want({ datasetId: query.datasetId, position }))
      if (rows === null) {
        const page = queryDatasetRows(db, query)
        want()
        return page
      }
      return rows.query(query).finally(want)
    },
    getColumnStats: ({ datasetId, position, filters }) => columnStats(db, datasetId, position, filters),
    setColumnType: change(({ datasetId, position, type }) => {
      const changed = setColumnType(db, datasetId, position, type)
      reindexAfterTypeChange(db, datasetId)
      return changed
    }),
    setColumnDigits: change(({ datasetId, position, digits }) => setColumnDigits(db, datasetId, position, digits)),
    exportRowsCsv: async (query) => {
      const dataset = found(getDataset(db, query.datasetId), `Dataset ${query.datasetId}`)
      const path = await askSavePath({ title: 'Export rows as CSV', suggestedName: `${dataset.name}.csv`, extension: 'csv' })
      if (path === null) return { path: null, rows: 0, formulaCells: 0, formulas: query.formulas }
      refuseUnsafeOutputFor(path, archive.path)
      const { formulas, ...rows } = query
      // The save dialog has asked before replacing a file.
      return { path, formulas, ...exportRowsCsv(db, rows, path, true, formulas) }
    },
    chartData: ({ spec }) => draw(spec),
    listCharts: () => listCharts(db),
    getChart: ({ id }) => found(getChart(db, id), `Chart ${id}`),
    saveChart: change(({ name, spec }) => saveChart(db, name, spec, draw)),
    updateChart: change(async ({ id, name, spec }) => found(await updateChart(db, id, name, spec, draw), `Chart ${id}`)),
    duplicateChart: change(async ({ id }) => found(await duplicateChart(db, id, draw), `Chart ${id}`)),
    deleteChart: change(({ id }) => found(deleteChart(db, id) ? { id } : null, `Chart ${id}`)),
    exportNotesToFile: async (request) => {
      const extension = NOTES_FILE_EXTENSION[request.format]
      const choosePath = async (suggestedName: string): Promise<string | null> => {
        const path = await askSavePath({ title: 'Export notes', suggestedName, extension })
        if (path !== null) refuseUnsafeOutputFor(path, archive.path)
        return path
      }
      // The save dialog has asked before replacing a file.
      const written = await exportNotesToFile(db, request, choosePath, options.pdfPrinter, true, draw)
      return { path: written.path, rows: written.notes }
    },
    setNoteTags: change(({ id, tags }) => found(setNoteTags(db, id, tags), `Note ${id}`)),
    listNoteTags: () => listNoteTags(db),
    listCitations: ({ noteId }) => listCitations(db, noteId),
    quoteInNote: change(({ target, articleId, start, end }) => quoteInNote(db, target, articleId, start, end)),
    addDatasetCitation: change(({ noteId, datasetId, detail }) => addDatasetCitation(db, noteId, datasetId, detail)),
    addChartCitation: change(({ noteId, chartId }) => addChartCitation(db, noteId, chartId)),
    listSavedSearches: () => listSavedSearches(db),
    saveSearch: change(({ name, query, exact, filters }) => saveSearch(db, name, query, exact, filters)),
    renameSavedSearch: change(({ id, name }) => found(renameSavedSearch(db, id, name), `Saved search ${id}`)),
    // Running a saved search only notes when it ran; in a read-only archive it simply runs.
    markSavedSearchRun: ({ id }) => found(archive.readOnly !== null ? getSavedSearch(db, id) : markSavedSearchRun(db, id), `Saved search ${id}`),
    deleteSavedSearch: change(({ id }) => found(deleteSavedSearch(db, id) ? { id } : null, `Saved search ${id}`)),
    importFiles: change(({ paths, options: importOptions }) => ({ jobId: jobs.start(paths, importOptions) })),
    listJobs: () => jobs.list(),
    repairSearchIndexes: async () => {
      if (options.reopen === null) throw new InvalidRequest(`The search indexes of ${basename(archive.path)} are repaired with casefile check --repair here.`)
      if (archive.readOnly?.reason !== 'damaged') throw new InvalidRequest(`${basename(archive.path)} is not damaged, so there is no search index to repair.`)
      const report = repairReport(archive.path, await repairSearchIndexes(archive, MIGRATIONS))
      await options.reopen()
      return { report }
    },
    cancelJob: ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    showContextMenu: async (request) => {
      if (options.showContextMenu === null) throw new InvalidRequest('A right-click menu needs the app window.')
      return { command: await options.showContextMenu(request) }
    }
  }
  const served: ServedArchive = { archive, handlers }
  return {
    ...served,
    api: servedApi(served),
    dispose: () => Promise.all([jobs.dispose(), searches?.dispose(), indexer?.dispose(), rows?.dispose()]).then(() => undefined)
  }
}
