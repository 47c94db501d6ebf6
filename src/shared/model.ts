// The data that crosses the boundary between the renderer and the main process.
// Everything here is plain JSON: no Dates, no Maps, no class instances.

export type ColumnType = 'integer' | 'real' | 'date' | 'datetime' | 'text'

export type CellValue = string | number | null

export interface ArchiveInfo {
  path: string
  fileName: string
  schemaVersion: number
  appVersion: string
  sizeBytes: number
  createdAt: string | null
  counts: { articles: number; datasets: number; notes: number; charts: number }
}

export interface ArticleSummary {
  id: number
  title: string
  byline: string | null
  publisher: string | null
  publishedAt: string | null
  url: string | null
  sourceFile: string | null
  wordCount: number
}

export interface Article extends ArticleSummary {
  body: string
  language: string | null
  sha256: string | null
  sourceSize: number | null
  importedAt: string
}

export interface DatasetSummary {
  id: number
  name: string
  description: string | null
  rowCount: number
  columnCount: number
  sourceFile: string | null
  importedAt: string
}

export interface DatasetColumn {
  position: number
  /** Generated SQL name (`c0`, `c1`, …); never derived from user text. */
  name: string
  /** The header as it appeared in the file. */
  label: string
  type: ColumnType
}

export interface DatasetSource {
  key: string | null
  publisher: string | null
  title: string
  date: string | null
  url: string | null
  notes: string | null
}

export interface Dataset extends DatasetSummary {
  columns: DatasetColumn[]
  sources: DatasetSource[]
  sha256: string | null
  sourceSize: number | null
}

export interface DatasetRows {
  datasetId: number
  offset: number
  total: number
  /** Each row is [rowid, ...values in column order]. */
  rows: { rowid: number; values: CellValue[] }[]
}

export interface NoteSummary {
  id: number
  title: string
  createdAt: string
  updatedAt: string
  excerpt: string
}

export interface Note extends NoteSummary {
  body: string
}

export type SearchHitKind = 'article' | 'note'

export interface SearchHit {
  kind: SearchHitKind
  id: number
  title: string
  /**
   * Plain text with matches wrapped in SNIPPET_MARK_START / SNIPPET_MARK_END.
   * The renderer escapes the text first and only then turns the markers into <mark>.
   */
  snippet: string
  date: string | null
  rank: number
}

export interface SearchResult {
  query: string
  total: number
  counts: Record<SearchHitKind, number>
  hits: SearchHit[]
}

/** Private-use code points: they cannot collide with HTML and are stripped from imported text. */
export const SNIPPET_MARK_START = '\uE000'
export const SNIPPET_MARK_END = '\uE001'

export type ImportedKind = 'article' | 'dataset'

export interface ImportOutcome {
  /** The file's name, for messages. */
  file: string
  /** Its full path, so the UI can offer to import it again with other options. */
  path: string
  status: 'imported' | 'duplicate' | 'failed' | 'cancelled'
  kind: ImportedKind | null
  id: number | null
  rows: number
  warnings: string[]
  error: string | null
  /** Wall-clock seconds the file took, search indexing included. */
  seconds: number
  /** Seconds until its content was published (usable); the search index follows. */
  dataSeconds: number
}

export type ImportDelimiter = ',' | '\t' | '|' | ';'
export type ImportEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

/** What the user can override when Casefile's guesses about a tabular file are wrong. */
export interface ImportOptions {
  /** null = sniff from the first lines. */
  delimiter: ImportDelimiter | null
  /** null = detect (byte-order mark, then strict UTF-8, then Windows-1252). */
  encoding: ImportEncoding | null
  /** false = the first line is data; columns are named Column 1, Column 2, … */
  header: boolean
  /** 'none' = quotes are ordinary characters (EOIR exports are unquoted). */
  quote: 'double' | 'none'
  /** Import even when the same bytes are already in the archive. */
  force: boolean
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = {
  delimiter: null,
  encoding: null,
  header: true,
  quote: 'double',
  force: false
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled'

export interface JobStatus {
  id: string
  kind: 'import'
  title: string
  state: JobState
  /** 0…1, or null while the total is unknown. */
  progress: number | null
  detail: string
  /** Bytes of all the job's files read so far, and in total. */
  bytesRead: number
  bytesTotal: number
  /** Rows (or articles) written so far, across the job's files. */
  rowsWritten: number
  outcomes: ImportOutcome[]
}
