// The data that crosses the boundary between the renderer and the main process.
// Everything here is plain JSON: no Dates, no Maps, no class instances.

import type { ChartSpec } from './chart-spec'
import type { QueryChip } from './query/query-ast'

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
  /** Why the archive is open for reading only (damaged, or on read-only media), with the way out; null when it can be changed. */
  readOnly: string | null
  /** Open read-only because it is damaged (not for read-only media): a repair of its search indexes may be offered. */
  damaged: boolean
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

/**
 * Where one page of a PDF lies in an article's body ([start, end) in UTF-16 units), and how its text
 * was read: from the PDF's text layer, or by OCR from the page's picture, with tesseract's mean word
 * confidence (0–100). A passage's page is the one whose span holds it.
 */
export interface ArticlePage {
  page: number
  start: number
  end: number
  method: 'text' | 'ocr'
  confidence: number | null
}

/**
 * A heading in an article's body ([start, end) in UTF-16 units, a whole paragraph) and its level as
 * the source gave it (1 for a document's top headings … 6). Kept beside the body, not in it, so the
 * body stays the words a quote is a verbatim slice of and search reads.
 */
export interface ArticleHeading {
  start: number
  end: number
  level: number
}

export interface Article extends ArticleSummary {
  body: string
  /** Pages of the PDF the body was read from, in order; empty for other sources. */
  pages: ArticlePage[]
  /** The body's headings, in order; empty for sources without them (and articles imported before they were kept). */
  headings: ArticleHeading[]
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
  /**
   * For a dataset from a workbook's sheet, its name's parts as written: "Workbook › Sheet" or
   * "Workbook › Sheet › table", where a sheet's own name may hold "›". Null for any other dataset,
   * and for one imported before the parts were kept.
   */
  sheet: DatasetSheet | null
}

/** Where in a workbook a dataset came from, each part as written. */
export interface DatasetSheet {
  /** What the dataset's name starts with: the workbook's name (its file name without extension, or the name given). */
  workbook: string
  sheet: string
  /** A table stacked under the sheet's first one: its title or place ("table 2"); null for the first. */
  table: string | null
}

export interface DatasetColumn {
  position: number
  /** Generated SQL name (`c0`, `c1`, …); never derived from user text. */
  name: string
  /** The header as it appeared in the file. */
  label: string
  type: ColumnType
  /**
   * How its numbers are shown: amounts grouped (195,066), ids, codes and years plain (1185, 2012).
   * Decided by the column's name and values unless the person chose from the column menu.
   */
  digits: DigitGrouping
}

export type DigitGrouping = 'grouped' | 'plain'

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

export interface NoteSummary {
  id: number
  title: string
  createdAt: string
  updatedAt: string
  excerpt: string
  /** Sorted, without duplicates. */
  tags: string[]
}

export interface Note extends NoteSummary {
  body: string
}

/** A dataset is found by its name and provenance; a data row, by its cells. */
export type SearchHitKind = 'article' | 'note' | 'dataset' | 'data'
export const SEARCH_HIT_KINDS: readonly SearchHitKind[] = ['article', 'note', 'dataset', 'data']
export type SearchSort = 'relevance' | 'newest' | 'oldest'

/** One search: the typed query plus what the search screen's controls add to it. */
export interface SearchRequest {
  query: string
  /** Kinds picked in the facets, on top of any `kind:` in the query; empty means every kind. */
  kinds: SearchHitKind[]
  /** A publisher (articles) or dataset name (data rows) picked in the facets; null means any. */
  source: string | null
  /** Date range from the filter controls: YYYY, YYYY-MM or YYYY-MM-DD; after inclusive, before exclusive. */
  after: string | null
  before: string | null
  sort: SearchSort
  /** Match letter case and accents exactly as typed (by default both are ignored: zurich finds Zürich). */
  exact: boolean
  offset: number
  limit: number
}

export interface SearchHit {
  kind: SearchHitKind
  /** The article's, note's or dataset's id (a data row's dataset). */
  id: number
  /** For a data row: its row number in the dataset (1-based); null otherwise. */
  row: number | null
  /** The article's or note's title, the dataset's name, or "dataset name · row N". */
  title: string
  /**
   * Plain text with matches wrapped in SNIPPET_MARK_START / SNIPPET_MARK_END.
   * The renderer escapes the text first and only then turns the markers into <mark>.
   */
  snippet: string
  date: string | null
  /** The article's publisher, or the dataset's name (a dataset's or a row's). */
  source: string | null
  /** bm25 score: lower is better. */
  rank: number
}

export interface SearchFacets {
  /** Matches per kind, whatever kinds the facets picked (so the others can still be picked). */
  kinds: Record<SearchHitKind, number>
  /** Matches per publisher or dataset, most first, whatever source the facets picked. */
  sources: { kind: 'article' | 'data'; name: string; count: number }[]
  /** Dated matches per year, oldest first. */
  years: { year: number; count: number }[]
}

export interface SearchResult {
  query: string
  /** Matches with every filter applied (the hits are a page of them). */
  total: number
  /** More match than `total`: a word in a vast number of rows was counted only so far (the notes say so). */
  moreThanTotal: boolean
  facets: SearchFacets
  hits: SearchHit[]
  offset: number
  /** The query read back as removable pieces (see removeChip). */
  chips: QueryChip[]
  /** What was ignored or reinterpreted in the query, in plain words. */
  notes: string[]
}

export type CitationKind = 'article' | 'dataset' | 'chart'

/**
 * A note's reference to a source. An article citation quotes a passage and keeps its offsets in the
 * article body, so the passage can be found again however the article is displayed. A note's text
 * points at a citation with the token [[cite:ID]].
 */
/**
 * The pages of a PDF a quoted passage lies on, and the lowest OCR confidence (0–100) among them when
 * any of them was read by OCR (null when all have a text layer): a quote from a page OCR read badly
 * carries that caution wherever it is cited.
 */
export interface QuotedPages {
  first: number
  last: number
  ocrConfidence: number | null
}

export interface Citation {
  id: number
  noteId: number
  kind: CitationKind
  /** The article's, dataset's or chart's id. */
  sourceId: number
  quote: string | null
  startOffset: number | null
  endOffset: number | null
  /** The pages of a PDF the quoted passage lies on (first = last for one page); null for other sources. */
  pages: QuotedPages | null
  createdAt: string
}

/** A passage quoted into a note: the note as it now reads, and the citation its text points at. */
export interface QuotedPassage {
  note: Note
  citation: Citation
  /** True when the note was made for this quote. */
  created: boolean
}

/** A chart saved in the archive (see chart-spec.ts for what the spec holds). */
export interface SavedChart {
  id: number
  name: string
  datasetId: number
  spec: ChartSpec
  createdAt: string
  updatedAt: string
}

export type ExportFormat = 'html' | 'markdown'

/** Notes made into one document; the same HTML is what gets printed to PDF. */
export interface NotesExport {
  title: string
  /** The whole document: standalone HTML or Markdown. */
  text: string
  notes: number
  sources: number
}

/**
 * The search screen's filters a saved search keeps besides its query: the kinds and source picked in
 * the facets, the date range as typed (both ends inclusive, '' for open) and the sort order.
 */
export interface SavedSearchFilters {
  kinds: SearchHitKind[]
  source: string | null
  from: string
  to: string
  sort: SearchSort
}

export const NO_SAVED_SEARCH_FILTERS: SavedSearchFilters = { kinds: [], source: null, from: '', to: '', sort: 'relevance' }

export interface SavedSearch {
  id: number
  name: string
  query: string
  exact: boolean
  filters: SavedSearchFilters
  createdAt: string
  lastRunAt: string
  /** Matches imported or written since the search was last run. */
  newCount: number
}

/** An article's body with every match of a query marked (SNIPPET_MARK_START / _END), for reading. */
export interface ArticleMatches {
  id: number
  body: string
  matches: number
}

/** Private-use code points: they cannot collide with HTML and are stripped from imported text. */
export const SNIPPET_MARK_START = '\uE000'
export const SNIPPET_MARK_END = '\uE001'

export type ImportedKind = 'article' | 'dataset'

/** What became of one sheet of an imported workbook. */
export interface SheetOutcome {
  name: string
  /**
   * imported: a dataset; empty: no table on it; hidden and not picked: left out (pick it to import
   * it); too wide: left out, its table has more columns than a dataset holds (the import's warnings say so);
   * already in: left out, an earlier import of the same file holds it.
   */
  status: 'imported' | 'empty' | 'hidden' | 'not picked' | 'too wide' | 'already in'
  /** The dataset it became (its first table's, when tables are stacked on it), and its rows. */
  id: number | null
  rows: number
  /**
   * Tables found stacked under the first one (a blank row, then a title and a header of their
   * own), each imported as a dataset of its own, in the sheet's order; empty for most sheets.
   */
  moreTables: readonly StackedTable[]
}

/** A further table on a sheet, and the dataset it became ("Workbook › Sheet › name"). */
export interface StackedTable {
  /** Its title, or "table 2" when it has none (or the same as another table's on the sheet). */
  name: string
  id: number
  rows: number
}

/** Cells of one column that a null token the person chose was read as: empty, and counted. */
export interface EmptiedCells {
  /** The column's label. */
  column: string
  token: string
  cells: number
}

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
  /** Cells read as empty because of the null tokens chosen (`nullTokens`), per column and token. */
  emptiedCells: EmptiedCells[]
  error: string | null
  /** Wall-clock seconds the file took, search indexing included. */
  seconds: number
  /** Seconds until its content was published (usable); the search index follows. */
  dataSeconds: number
  /** For a PDF with scanned pages: how many pages were read by OCR, and their mean confidence (0–100). */
  ocr: { pages: number; meanConfidence: number } | null
  /**
   * For a workbook: every worksheet, in the workbook's order, and what became of it. The outcome's
   * id is then the first dataset's, and rows count all of them.
   */
  sheets: SheetOutcome[] | null
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
  /**
   * Cell texts to read as empty cells, such as "N/A": whole cells, quoted or not, counted per column
   * in the outcome. None by default: every cell is kept as written.
   */
  nullTokens: string[]
  /** Import even when the same bytes are already in the archive. */
  force: boolean
  /** A workbook's sheets to import, by name; null imports every visible sheet that holds a table. */
  sheets: string[] | null
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = {
  delimiter: null,
  encoding: null,
  header: true,
  quote: 'double',
  nullTokens: [],
  force: false,
  sheets: null
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
  /**
   * While a PDF is read: its pages read so far, of how many, and how many of those by OCR (its
   * bytes and rows say nothing of a scan's progress), and whether OCR is being started (its model
   * takes seconds to load) for the next page; null otherwise.
   */
  pages: { read: number; total: number; ocr: number; ocrStarting?: true } | null
  /** Files inside the folders given that were left out (Office's lock files), and why. */
  skipped: { file: string; why: string }[]
  outcomes: ImportOutcome[]
}
