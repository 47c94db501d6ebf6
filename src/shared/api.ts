// The one contract between the renderer and the main process.
// Every method the renderer may call is listed in `apiArgs` with a validator for its argument;
// `ApiResults` gives its result. The preload exposes exactly these names as window.casefile (built by
// createBridge), the main process registers exactly these names as IPC channels `casefile:<method>`
// and serves each call with serveCall (src/main/core/serve-call.ts). One user action is one call.

import type {
  ArchiveInfo,
  Article,
  ArticleMatches,
  Citation,
  ArticleSummary,
  Dataset,
  DatasetColumn,
  DatasetSummary,
  JobStatus,
  Note,
  NoteSummary,
  QuotedPassage,
  SavedChart,
  SavedSearch,
  SearchResult
} from './model'
import { contextMenuRequestValidator, type ContextMenuCommand } from './context-menu'
import { chartSpecValidator, rowFilterValidator, type ChartData } from './chart-spec'
import { COLUMN_TYPES, CSV_FORMULAS, rowQueryValidator, type ColumnStats, type ColumnTypeChange, type ExportedRows, type RowPage, type SavedFile } from './row-query'
import type { Result } from './result'
import { fail, ok } from './result'
import { bool, id, int, list, nothing, nullable, oneOf, record, text, variant, type Infer } from './validate'

export const MAX_NOTE_BODY = 5_000_000
export const MAX_QUERY_LENGTH = 100_000
/** Deeper pages rank more matches than anyone scrolls through; narrow the query instead. */
export const MAX_SEARCH_OFFSET = 100_000
/** Null tokens an import may be given, and their length: markers are short, and a few suffice. */
export const MAX_NULL_TOKENS = 50
export const MAX_NULL_TOKEN_LENGTH = 200
/** More citations than any note carries; it bounds what restoring a note may write. */
export const MAX_NOTE_CITATIONS = 10_000

const offset = () => int(0, Number.MAX_SAFE_INTEGER)

/**
 * A note as it was when it was deleted, with its citations: deleteNote answers with it, and
 * restoreNote writes it again from it (a new id for the note and its citations, the same text,
 * tags, sources and creation time).
 */
const deletedNote = record({
  note: record({ id: id(), title: text(500), body: text(MAX_NOTE_BODY), tags: list(text(200), 50), createdAt: text(40) }),
  citations: list(
    variant('kind', {
      article: { id: id(), sourceId: id(), start: offset(), end: offset() },
      dataset: { id: id(), sourceId: id(), detail: nullable(text(2000)) },
      chart: { id: id(), sourceId: id() }
    }),
    MAX_NOTE_CITATIONS
  )
})

export type DeletedNote = Infer<typeof deletedNote>

export const apiArgs = {
  getArchiveInfo: nothing(),
  listArticles: nothing(),
  getArticle: record({ id: id() }),
  listDatasets: nothing(),
  getDataset: record({ id: id() }),
  listNotes: nothing(),
  getNote: record({ id: id() }),
  createNote: record({ title: text(500), body: text(MAX_NOTE_BODY) }),
  updateNote: record({ id: id(), title: text(500), body: text(MAX_NOTE_BODY) }),
  deleteNote: record({ id: id() }),
  /** Writes a deleted note again, with its tags and citations, in one transaction (undo of deleteNote). */
  restoreNote: deletedNote,
  search: record({
    query: text(MAX_QUERY_LENGTH),
    kinds: list(oneOf('article', 'note', 'dataset', 'data'), 4),
    source: nullable(text(1000)),
    after: nullable(text(10)),
    before: nullable(text(10)),
    sort: oneOf('relevance', 'newest', 'oldest'),
    exact: bool(),
    offset: int(0, MAX_SEARCH_OFFSET),
    limit: int(1, 500)
  }),
  getArticleMatches: record({ id: id(), query: text(MAX_QUERY_LENGTH), exact: bool() }),
  queryDatasetRows: rowQueryValidator,
  getColumnStats: record({ datasetId: id(), position: int(0, 1999), filters: list(rowFilterValidator, 20) }),
  setColumnType: record({ datasetId: id(), position: int(0, 1999), type: oneOf(...COLUMN_TYPES) }),
  setColumnDigits: record({ datasetId: id(), position: int(0, 1999), digits: oneOf('grouped', 'plain') }),
  /** Asks where to save (a native dialog in the app) and writes the rows there as CSV. */
  exportRowsCsv: record({
    datasetId: id(),
    sort: nullable(record({ column: int(0, 1999), direction: oneOf('asc', 'desc') })),
    filters: list(rowFilterValidator, 20),
    formulas: oneOf(...CSV_FORMULAS)
  }),
  chartData: record({ spec: chartSpecValidator }),
  listCharts: nothing(),
  getChart: record({ id: id() }),
  saveChart: record({ name: text(300), spec: chartSpecValidator }),
  updateChart: record({ id: id(), name: text(300), spec: chartSpecValidator }),
  duplicateChart: record({ id: id() }),
  deleteChart: record({ id: id() }),
  /** Asks where to save (a native dialog in the app), then writes the notes as PDF, HTML or Markdown. */
  exportNotesToFile: record({ ids: list(id(), 1000), format: oneOf('pdf', 'html', 'markdown'), title: nullable(text(500)) }),
  setNoteTags: record({ id: id(), tags: list(text(200), 50) }),
  listNoteTags: nothing(),
  listCitations: record({ noteId: id() }),
  /**
   * Quotes article text at [start, end) of its body into a note (an existing one, or a new one with
   * this title): the citation and `> words [[cite:ID]]` at the end of the note, in one transaction.
   */
  quoteInNote: record({
    target: variant('kind', { note: { id: id() }, new: { title: text(500) } }),
    articleId: id(),
    start: offset(),
    end: offset()
  }),
  addDatasetCitation: record({ noteId: id(), datasetId: id(), detail: nullable(text(2000)) }),
  addChartCitation: record({ noteId: id(), chartId: id() }),
  listSavedSearches: nothing(),
  saveSearch: record({
    name: text(200),
    query: text(MAX_QUERY_LENGTH),
    exact: bool(),
    filters: record({
      kinds: list(oneOf('article', 'note', 'dataset', 'data'), 4),
      source: nullable(text(1000)),
      from: text(10),
      to: text(10),
      sort: oneOf('relevance', 'newest', 'oldest')
    })
  }),
  renameSavedSearch: record({ id: id(), name: text(200) }),
  /** Marks a saved search as run now (its "new" count starts again from zero). */
  markSavedSearchRun: record({ id: id() }),
  deleteSavedSearch: record({ id: id() }),
  importFiles: record({
    paths: list(text(4096), 10_000),
    options: record({
      delimiter: nullable(oneOf(',', '\t', '|', ';')),
      encoding: nullable(oneOf('utf-8', 'utf-16le', 'utf-16be', 'windows-1252')),
      header: bool(),
      quote: oneOf('double', 'none'),
      nullTokens: list(text(MAX_NULL_TOKEN_LENGTH), MAX_NULL_TOKENS),
      force: bool(),
      sheets: nullable(list(text(200), 1000))
    })
  }),
  listJobs: nothing(),
  /**
   * Mends a damaged archive whose damage lies only in its search indexes: they are made again in a
   * checked copy put in its place, the damaged file kept beside it (core: repairSearchIndexes); then
   * the archive is opened again and 'archive-changed' says so. Other damage is refused as before.
   */
  repairSearchIndexes: nothing(),
  cancelJob: record({ jobId: text(100) }),
  /** Shows the native right-click menu; answers with the command the page must carry out, if any. */
  showContextMenu: contextMenuRequestValidator
} as const

export interface ApiResults {
  getArchiveInfo: ArchiveInfo
  listArticles: ArticleSummary[]
  getArticle: Article
  listDatasets: DatasetSummary[]
  getDataset: Dataset
  listNotes: NoteSummary[]
  getNote: Note
  createNote: Note
  updateNote: Note
  deleteNote: DeletedNote
  restoreNote: Note
  search: SearchResult
  getArticleMatches: ArticleMatches
  queryDatasetRows: RowPage
  getColumnStats: ColumnStats
  setColumnType: ColumnTypeChange
  setColumnDigits: DatasetColumn
  exportRowsCsv: ExportedRows
  chartData: ChartData
  listCharts: SavedChart[]
  getChart: SavedChart
  saveChart: SavedChart
  updateChart: SavedChart
  duplicateChart: SavedChart
  deleteChart: { id: number }
  exportNotesToFile: SavedFile
  setNoteTags: Note
  listNoteTags: { tag: string; count: number }[]
  listCitations: Citation[]
  quoteInNote: QuotedPassage
  addDatasetCitation: Citation
  addChartCitation: Citation
  listSavedSearches: SavedSearch[]
  saveSearch: SavedSearch
  renameSavedSearch: SavedSearch
  markSavedSearchRun: SavedSearch
  deleteSavedSearch: { id: number }
  importFiles: { jobId: string }
  listJobs: JobStatus[]
  /** What was done, in the lines the CLI prints for `check --repair`. */
  repairSearchIndexes: { report: string[] }
  cancelJob: { cancelled: boolean }
  showContextMenu: { command: ContextMenuCommand }
}

export type ApiMethod = keyof typeof apiArgs
export type ApiArgs<M extends ApiMethod> = Infer<(typeof apiArgs)[M]>

/** Where quoteInNote puts a passage: an existing note, or a new one with this title. */
export type QuoteTarget = ApiArgs<'quoteInNote'>['target']

/** The callable shape: methods without arguments take none. */
export type ArchiveApi = {
  [M in ApiMethod]: ApiArgs<M> extends void
    ? () => Promise<Result<ApiResults[M]>>
    : (args: ApiArgs<M>) => Promise<Result<ApiResults[M]>>
}

/**
 * What the core implements for each method: its value, or a throw. serveCall is the one place a
 * throw becomes the contract's error value.
 */
export type ApiHandlers = {
  [M in ApiMethod]: (args: ApiArgs<M>) => ApiResults[M] | Promise<ApiResults[M]>
}

export type ApiEvent = { type: 'job'; job: JobStatus } | { type: 'archive-changed'; info: ArchiveInfo }

export type EventListener = (event: ApiEvent) => void

/** The part of a dropped file the bridge needs; a DOM File fits it. */
export interface DroppedFile {
  readonly name: string
}

/**
 * The members of window.casefile that are not contract methods, answered where the bridge runs:
 * one event subscription, and pathForFile, which runs in the preload itself (Electron's webUtils) and
 * never crosses IPC: it turns a file dropped on the window into the path importFiles takes.
 */
export interface BridgeLocalMembers {
  onEvent(listener: EventListener): () => void
  pathForFile(file: DroppedFile): string
}

/** What the preload puts on window.casefile (see createBridge): the contract's methods and the local members. */
export type CasefileBridge = ArchiveApi & BridgeLocalMembers

export const apiMethods = Object.keys(apiArgs) as ApiMethod[]

export const IPC_PREFIX = 'casefile:'
export const IPC_EVENT_CHANNEL = 'casefile:event'

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiArgs, name)
}

/** Checks a call that came across a trust boundary. The error is a value, never a throw. */
export function checkCall(method: unknown, args: unknown): Result<ApiMethod> {
  if (!isApiMethod(method)) {
    return fail('unknown-method', `Casefile has no method called "${String(method).slice(0, 60)}".`)
  }
  const problem = apiArgs[method].check(args, 'argument')
  if (problem) return fail('bad-request', `${method}: ${problem}.`)
  return ok(method)
}
