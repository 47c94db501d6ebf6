// The renderer's only door to the archive. Views call `api.x(args)` and get the value or a thrown
// ApiFailure, so every view can share one loading / error / retry flow instead of checking `ok`.

import type { ApiArgs, ApiMethod, ApiResults, CasefileBridge, EventListener } from '@shared/api'
import type { ErrorCode, Result } from '@shared/result'

/** Codes the archive sends, plus two that only the renderer can observe. */
export type FailureCode = ErrorCode | 'bridge-missing' | 'transport'

export class ApiFailure extends Error {
  readonly code: FailureCode

  constructor(code: FailureCode, message: string) {
    super(message)
    this.name = 'ApiFailure'
    this.code = code
  }
}

export const BRIDGE_MISSING_MESSAGE = "Casefile's bridge is missing: this page must be opened by the Casefile app."

export function hasBridge(): boolean {
  return window.casefile !== undefined
}

function bridge(): CasefileBridge {
  const found = window.casefile
  if (found === undefined) throw new ApiFailure('bridge-missing', BRIDGE_MISSING_MESSAGE)
  return found
}

/** Anything caught in a view becomes an ApiFailure, so error states always have a code and a message. */
export function toFailure(caught: unknown): ApiFailure {
  if (caught instanceof ApiFailure) return caught
  const detail = caught instanceof Error ? caught.message : String(caught)
  return new ApiFailure('transport', `Casefile could not reach the archive (${detail}).`)
}

async function unwrap<T>(call: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>
  try {
    result = await call()
  } catch (caught) {
    throw toFailure(caught)
  }
  if (!result.ok) throw new ApiFailure(result.error.code, result.error.message)
  return result.value
}

type Client = {
  [M in ApiMethod]: ApiArgs<M> extends void
    ? () => Promise<ApiResults[M]>
    : (args: ApiArgs<M>) => Promise<ApiResults[M]>
}

// Written out per method (rather than generated from apiMethods) so each call stays fully typed
// without casts; `satisfies` makes the compiler flag a method added to the contract but not here.
export const api = {
  getArchiveInfo: () => unwrap(() => bridge().getArchiveInfo()),
  listArticles: () => unwrap(() => bridge().listArticles()),
  getArticle: (args) => unwrap(() => bridge().getArticle(args)),
  listDatasets: () => unwrap(() => bridge().listDatasets()),
  getDataset: (args) => unwrap(() => bridge().getDataset(args)),
  listNotes: () => unwrap(() => bridge().listNotes()),
  getNote: (args) => unwrap(() => bridge().getNote(args)),
  createNote: (args) => unwrap(() => bridge().createNote(args)),
  updateNote: (args) => unwrap(() => bridge().updateNote(args)),
  deleteNote: (args) => unwrap(() => bridge().deleteNote(args)),
  restoreNote: (args) => unwrap(() => bridge().restoreNote(args)),
  search: (args) => unwrap(() => bridge().search(args)),
  getArticleMatches: (args) => unwrap(() => bridge().getArticleMatches(args)),
  queryDatasetRows: (args) => unwrap(() => bridge().queryDatasetRows(args)),
  getColumnStats: (args) => unwrap(() => bridge().getColumnStats(args)),
  setColumnType: (args) => unwrap(() => bridge().setColumnType(args)),
  exportRowsCsv: (args) => unwrap(() => bridge().exportRowsCsv(args)),
  chartData: (args) => unwrap(() => bridge().chartData(args)),
  listCharts: () => unwrap(() => bridge().listCharts()),
  getChart: (args) => unwrap(() => bridge().getChart(args)),
  saveChart: (args) => unwrap(() => bridge().saveChart(args)),
  updateChart: (args) => unwrap(() => bridge().updateChart(args)),
  duplicateChart: (args) => unwrap(() => bridge().duplicateChart(args)),
  deleteChart: (args) => unwrap(() => bridge().deleteChart(args)),
  exportNotesToFile: (args) => unwrap(() => bridge().exportNotesToFile(args)),
  setNoteTags: (args) => unwrap(() => bridge().setNoteTags(args)),
  listNoteTags: () => unwrap(() => bridge().listNoteTags()),
  listCitations: (args) => unwrap(() => bridge().listCitations(args)),
  quoteInNote: (args) => unwrap(() => bridge().quoteInNote(args)),
  addDatasetCitation: (args) => unwrap(() => bridge().addDatasetCitation(args)),
  addChartCitation: (args) => unwrap(() => bridge().addChartCitation(args)),
  listSavedSearches: () => unwrap(() => bridge().listSavedSearches()),
  saveSearch: (args) => unwrap(() => bridge().saveSearch(args)),
  renameSavedSearch: (args) => unwrap(() => bridge().renameSavedSearch(args)),
  markSavedSearchRun: (args) => unwrap(() => bridge().markSavedSearchRun(args)),
  deleteSavedSearch: (args) => unwrap(() => bridge().deleteSavedSearch(args)),
  importFiles: (args) => unwrap(() => bridge().importFiles(args)),
  listJobs: () => unwrap(() => bridge().listJobs()),
  cancelJob: (args) => unwrap(() => bridge().cancelJob(args)),
  showContextMenu: (args) => unwrap(() => bridge().showContextMenu(args))
} satisfies Client

export function onApiEvent(listener: EventListener): () => void {
  return bridge().onEvent(listener)
}

/**
 * Where a file dropped on the window lives on disk. Not an IPC call: the preload answers at once,
 * with a plain string. Electron gives '' for a File that has no path (one made in the page, say),
 * and a failure here means the same to the caller, so both come back as ''.
 */
export function pathForFile(file: File): string {
  try {
    return bridge().pathForFile(file)
  } catch {
    return ''
  }
}
