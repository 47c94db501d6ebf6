import type { Database } from 'better-sqlite3'
import type { DatasetSource, EmptiedCells, ImportOptions, SheetOutcome, StackedTable } from '@shared/model'
import { leaveOutEmptyColumns } from '../datasets/leave-out-empty-columns'
import { DatasetWriter, MAX_DATASET_COLUMNS, TableTooWide, type SettledTypes } from './dataset-writer'
import type { StartedTableReader } from './threaded-table-reader'
import { TypingSink } from './typing/typing-sink'
import { openWorkbook, readWorkbookSheet, sheetProgress, sheetsToRead, type WorkbookFormat } from './workbook/read-workbook'
import type { SheetTableSummary } from './workbook/sheet-table-reader'
import { HEADER_JOINER } from './workbook/find-sheet-table'
import { columnLetters } from './workbook/cell-reference'
import { ImportInputError, type ReaderWarning } from './row-sink'
import { hiddenText, sheetSource } from './workbook/sheet-source'
import { NoTableInWorkbook } from './workbook/no-table-in-workbook'
import { hiddenSheetsLeftOut } from './workbook/hidden-sheets-left-out'
import { sheetDatasetName } from '../datasets/dataset-sheet'
import type { PackedBatch } from './typing/packed-batch'
import type { PackedSink } from './typing/packed-sink'

export interface WorkbookFacts {
  path: string
  fileName: string
  format: WorkbookFormat
  sourceSize: number
  sha256: string
  importId: number
  /** The datasets' names start with this ("Workbook › Sheet"). */
  name: string
  /** Sources the caller knows (the sample manifest), given to every sheet's dataset. */
  sources: DatasetSource[]
}

export interface WrittenWorkbook {
  sheets: SheetOutcome[]
  rows: number
  warnings: string[]
  /** Cells read as empty for the null tokens chosen, per sheet, column and token ("Sheet › column"). */
  emptiedCells: EmptiedCells[]
}

/**
 * The sheet's hidden columns (0-based) that lie in a table, with the table's own label for each:
 * tables stacked on a sheet share its columns under other labels.
 */
function hiddenInTable(summary: SheetTableSummary, hidden: readonly number[]): { column: number; label: string }[] {
  return hidden
    .filter((column) => column >= summary.firstColumn && column < summary.firstColumn + summary.labels.length)
    .map((column) => ({ column, label: summary.labels[column - summary.firstColumn]! }))
}

/** A hidden column as a sentence names it: C (“Internal id”), or C (“Returned”, “Duration”) under two tables' labels. */
function hiddenColumnText(column: number, labels: readonly string[]): string {
  return `${columnLetters(column)} (${labels.map((label) => `“${label}”`).join(', ')})`
}

/** A stacked table's title longer than this is cut at a word in its dataset's name (the whole title is its source's). */
const MAX_TABLE_NAME = 80

/**
 * The name a table stacked under another on a sheet goes by after "Workbook › Sheet": its title,
 * which says what it holds ("Table 39B. Returns…"), or its place ("table 2") when it has no title
 * or the same as a table above it, so that each dataset of the sheet has a name of its own.
 */
function stackedTableName(summary: SheetTableSummary, index: number, taken: Set<string>): string {
  const title = summary.titles[0] ?? ''
  const cut = title.length <= MAX_TABLE_NAME ? title : `${title.slice(0, MAX_TABLE_NAME).replace(/\s+\S*$/, '')}…`
  const name = cut === '' || taken.has(cut) ? `table ${index + 1}` : cut
  taken.add(name)
  return name
}

/** What to do with a sheet of more columns than a dataset holds. */
const SPLIT_WIDE_SHEET = 'Split it into narrower tables (keeping an id column in each) and import those'
/** Each sheet is written inside this savepoint, so that one too wide for a dataset can be taken back alone. */
const SHEET_SAVEPOINT = 'workbook_sheet'

/**
 * A sheet's DatasetWriter that takes the sheet's being too wide for a dataset as the end of its
 * writing, not of the import: what comes after is let go (the reader goes on to the next sheet) and
 * `tooWide` says why. Any other failure fails the workbook.
 */
class SheetWriter implements PackedSink {
  tooWide: TableTooWide | null = null

  constructor(readonly writer: DatasetWriter) {}

  private guard(write: () => void): void {
    if (this.tooWide !== null) return
    try {
      write()
    } catch (error) {
      if (!(error instanceof TableTooWide)) throw error
      this.tooWide = error
    }
  }

  columns(labels: string[]): void {
    this.guard(() => this.writer.columns(labels))
  }

  addColumns(labels: string[]): void {
    this.guard(() => this.writer.addColumns(labels))
  }

  batch(batch: PackedBatch): void {
    this.guard(() => this.writer.batch(batch))
  }

  spellings(json: string): void {
    this.guard(() => this.writer.spellings(json))
  }

  warning(warning: ReaderWarning): void {
    this.guard(() => this.writer.warning(warning))
  }

  progress(bytesRead: number): void {
    this.writer.progress(bytesRead)
  }
}

/**
 * The datasets a workbook becomes, one sheet at a time, in the caller's transaction: each sheet's
 * DatasetWriter, then its dataset's facts once its rows are in.
 */
class WorkbookDatasets {
  readonly outcomes = new Map<string, SheetOutcome>()
  readonly warnings: string[] = []
  readonly emptiedCells: EmptiedCells[] = []
  /** The sheets left out for being too wide, in the order read. */
  private readonly tooWide: { sheetName: string; error: TableTooWide }[] = []
  /** Sheets of notes beside the tables (no table, some text), in the order read: their text goes in every dataset's provenance. */
  private readonly notesSheets: { sheetName: string; text: string[] }[] = []
  /** The datasets written so far. */
  private readonly written: number[] = []
  rows = 0

  constructor(
    private readonly db: Database,
    private readonly facts: WorkbookFacts,
    private readonly onRows: (rowsWritten: number) => void,
    private readonly onBytes: (bytesRead: number) => void
  ) {}

  /** Lists the worksheets: those read start as not picked (or hidden) until their table is written. */
  list(sheets: readonly { name: string; hidden: boolean }[], picked: boolean): void {
    for (const sheet of sheets) this.outcomes.set(sheet.name, { name: sheet.name, status: !picked && sheet.hidden ? 'hidden' : 'not picked', id: null, rows: 0, moreTables: [] })
  }

  /** The sheet being read, and its tables read so far (one, unless tables are stacked on it). */
  private sheet: { name: string; tables: { writer: SheetWriter; settled: SettledTypes; summary: SheetTableSummary | null; textWithoutTable: string[] }[] } | null = null

  /** Whether a sheet has begun and not ended. */
  get reading(): boolean {
    return this.sheet !== null
  }

  /** Starts a sheet: its tables are written in a savepoint of their own until `endSheet`. */
  beginSheet(sheetName: string): void {
    if (this.sheet !== null) throw new Error(`sheet “${this.sheet.name}” was not ended`)
    this.db.exec(`SAVEPOINT ${SHEET_SAVEPOINT}`)
    this.sheet = { name: sheetName, tables: [] }
  }

  /** The writer of the sheet's next table's dataset. */
  writer(): SheetWriter {
    const sheet = this.sheet!
    const rowsBefore = this.rows + sheet.tables.reduce((sum, table) => sum + table.writer.writer.rowsWritten, 0)
    return new SheetWriter(new DatasetWriter(this.db, (rows) => this.onRows(rowsBefore + rows), this.onBytes, this.label(sheet.name), SPLIT_WIDE_SHEET))
  }

  /** A table of the sheet is read: its dataset's facts wait for the sheet's end (and its footnotes). */
  tableRead(writer: SheetWriter, settled: SettledTypes, summary: SheetTableSummary | null, textWithoutTable: string[]): void {
    this.sheet!.tables.push({ writer, settled, summary, textWithoutTable })
  }

  label(sheetName: string): string {
    return `${this.facts.fileName}, sheet “${sheetName}”`
  }

  /**
   * Records the datasets a sheet became, that it held no table (summary null), or that it was too
   * wide: what it wrote is taken back and it is left out, the other sheets are imported. Tables
   * stacked on a sheet each become a dataset, "Workbook › Sheet" for the first and "Workbook ›
   * Sheet › title" for the others; the footnotes under the last are the sheet's, and each table
   * keeps them too (they are written once, under all of them).
   */
  endSheet(): void {
    const { name: sheetName, tables } = this.sheet!
    this.sheet = null
    const tooWide = tables.find((table) => table.writer.tooWide !== null)?.writer.tooWide ?? null
    if (tooWide !== null) {
      this.db.exec(`ROLLBACK TO ${SHEET_SAVEPOINT}; RELEASE ${SHEET_SAVEPOINT}`)
      this.tooWide.push({ sheetName, error: tooWide })
      this.warnings.push(
        `${this.label(sheetName)} has ${tooWide.width.toLocaleString('en-US')} columns; Casefile reads up to ${MAX_DATASET_COLUMNS.toLocaleString('en-US')} in one dataset, so it was left out and the other sheets were imported. ${SPLIT_WIDE_SHEET}.`
      )
      this.outcomes.set(sheetName, { name: sheetName, status: 'too wide', id: null, rows: 0, moreTables: [] })
      return
    }
    this.db.exec(`RELEASE ${SHEET_SAVEPOINT}`)
    const shared = tables.at(-1)?.summary?.footnotes ?? []
    // The sheet's hidden columns are known once it is read, with its last table; each table names them by its own labels.
    const sheetHidden = tables.at(-1)?.summary?.hiddenColumns ?? []
    const labelsOf = new Map<number, string[]>()
    const names = new Set<string>()
    let first: { id: number; rows: number } | null = null
    const moreTables: StackedTable[] = []
    for (const [index, { writer, settled, summary }] of tables.entries()) {
      if (summary === null) continue
      const last = index === tables.length - 1
      const footnotes = last ? summary.footnotes : [...summary.footnotes, ...shared.filter((note) => !summary.footnotes.includes(note))]
      const tableName = index === 0 ? null : stackedTableName(summary, index, names)
      const hidden = hiddenInTable(summary, sheetHidden)
      for (const { column, label } of hidden) if (!labelsOf.get(column)?.includes(label)) labelsOf.set(column, [...(labelsOf.get(column) ?? []), label])
      const hiddenColumns = hidden.map(({ column, label }) => hiddenColumnText(column, [label]))
      const written = this.write(writer.writer, settled, { ...summary, footnotes }, hiddenColumns, sheetName, tableName)
      if (tableName === null) first = written
      else moreTables.push({ name: tableName, ...written })
    }
    this.outcomes.set(sheetName, first === null ? { name: sheetName, status: 'empty', id: null, rows: 0, moreTables: [] } : { name: sheetName, status: 'imported', ...first, moreTables })
    const text = first === null ? tables.flatMap((table) => table.textWithoutTable) : []
    if (text.length > 0) this.notesSheets.push({ sheetName, text })
    // Said once for the file, whichever of its sheets are read.
    const fileNote = tables.find((table) => table.summary !== null)?.summary?.fileNote ?? null
    if (fileNote !== null && !this.warnings.includes(fileNote)) this.warnings.unshift(fileNote)
    // Hidden rows and columns are in the file, so they are imported; but a spreadsheet program does
    // not show them (a Total row sums fewer rows than the dataset holds), so the import says so.
    const hiddenRows = tables.flatMap((table) => table.summary?.hiddenRows ?? [])
    const hiddenColumns = [...labelsOf].sort(([a], [b]) => a - b).map(([column, labels]) => hiddenColumnText(column, labels))
    const hidden = hiddenText(hiddenRows, hiddenColumns)
    if (first !== null && hidden !== null) {
      const one = hiddenRows.length + hiddenColumns.length === 1
      this.warnings.push(`${this.label(sheetName)}: ${hidden} ${one ? 'is' : 'are'} hidden in the sheet; ${one ? 'it was' : 'they were'} imported with the rest.`)
    }
    const above = tables.flatMap((table) => table.summary?.hiddenAbove ?? [])
    if (first !== null && above.length > 0) {
      this.warnings.push(`${this.label(sheetName)}: ${above.length === 1 ? 'a row' : `${above.length} rows`} above the table ${above.length === 1 ? 'is' : 'are'} hidden in the sheet; ${above.length === 1 ? 'its' : 'their'} text is kept in the dataset's source, not as data.`)
    }
  }

  /** Writes a table's dataset facts: "Workbook › Sheet", or "Workbook › Sheet › table" for one stacked under another. */
  private write(writer: DatasetWriter, settled: SettledTypes, summary: SheetTableSummary, hiddenColumns: readonly string[], sheetName: string, tableName: string | null): { id: number; rows: number } {
    const where = tableName === null ? sheetName : `${sheetName}${HEADER_JOINER}${tableName}`
    const provenance = sheetSource(summary, hiddenColumns, this.facts.fileName, sheetName)
    const written = writer.finish(
      {
        name: sheetDatasetName(this.facts.name, sheetName, tableName),
        description: null,
        sources: [...this.facts.sources, ...(provenance === null ? [] : [provenance])],
        sourceFile: this.facts.fileName,
        sourceSize: this.facts.sourceSize,
        sha256: this.facts.sha256,
        importId: this.facts.importId,
        sheet: { name: sheetName, table: tableName }
      },
      settled
    )
    this.rows += written.rows
    this.written.push(written.id)
    this.warnings.push(...written.warnings)
    this.leaveOutSpacers(written.id, summary, written.emptiedCells, sheetName)
    this.emptiedCells.push(...written.emptiedCells.map((emptied) => ({ ...emptied, column: `${where}${HEADER_JOINER}${emptied.column}` })))
    return { id: written.id, rows: written.rows }
  }

  /**
   * A column blank in the header and in every row is a spacer between a table's labels and its
   * figures, not a column of the table: it is left out, and said so. A column whose cells a null
   * token emptied held values, and stays.
   */
  private leaveOutSpacers(datasetId: number, summary: SheetTableSummary, emptied: readonly EmptiedCells[], sheetName: string): void {
    const candidates = summary.unlabelled.filter(({ position }) => !emptied.some((cells) => cells.column === summary.labels[position]))
    const leftOut = leaveOutEmptyColumns(this.db, datasetId, candidates.map(({ position }) => position))
    if (leftOut.length === 0) return
    const columns = candidates.filter(({ position }) => leftOut.includes(position)).map(({ column }) => column)
    const which = columns.length === 1 ? `column ${columns[0]} has` : `columns ${columns.join(', ')} have`
    this.warnings.push(`${this.label(sheetName)}: ${which} no header and no values; ${columns.length === 1 ? 'it was' : 'they were'} left out.`)
  }

  result(picked: boolean, fileName: string): WrittenWorkbook {
    const sheets = [...this.outcomes.values()]
    if (!sheets.some((sheet) => sheet.status === 'imported')) {
      const [first, ...more] = this.tooWide
      if (first !== undefined && more.length === 0) throw first.error
      if (first !== undefined) {
        throw new ImportInputError(
          `${fileName}: sheets ${this.tooWide.map(({ sheetName }) => `“${sheetName}”`).join(', ')} have more columns than the ${MAX_DATASET_COLUMNS.toLocaleString('en-US')} Casefile reads in one dataset. Split them into narrower tables (keeping an id column in each) and import those; nothing was imported.`,
          null,
          null
        )
      }
      // A table kept on a hidden sheet, behind a cover sheet, is the commonest reason there is none to see.
      const hidden = sheets.filter((sheet) => sheet.status === 'hidden').map((sheet) => sheet.name)
      const which = picked
        ? 'the sheets picked hold no table'
        : hidden.length === 0
          ? 'none of its sheets holds a table'
          : `none of its visible sheets holds a table, and ${hiddenSheetsLeftOut(hidden)}`
      throw new NoTableInWorkbook(`${fileName}: ${which}; nothing was imported.`, null, null)
    }
    this.keepNotesSheets(fileName)
    return { sheets, rows: this.rows, warnings: this.warnings, emptiedCells: this.emptiedCells }
  }

  /**
   * A sheet of notes beside the tables (a title and "Data are preliminary…", common in government
   * workbooks) is no dataset: its text is where the figures come from, so it goes in the provenance
   * of every dataset of the import, and the result says so.
   */
  private keepNotesSheets(fileName: string): void {
    if (this.notesSheets.length === 0) return
    const insert = this.db.prepare('INSERT INTO dataset_sources (dataset_id, source_key, publisher, title, date, url, notes) VALUES (?, NULL, NULL, ?, NULL, NULL, ?)')
    for (const { sheetName, text } of this.notesSheets) {
      for (const id of this.written) insert.run(id, `Notes sheet “${sheetName}”`, text.join('\n'))
    }
    const names = this.notesSheets.map(({ sheetName }) => `“${sheetName}”`).join(', ')
    const one = this.notesSheets.length === 1
    this.warnings.push(
      `${fileName}: ${one ? `sheet ${names} holds` : `sheets ${names} hold`} notes and no table; ${one ? 'its' : 'their'} text is kept in where the figures of ${this.written.length === 1 ? 'the dataset' : `the ${this.written.length} datasets`} come from.`
    )
  }
}

/**
 * Writes each sheet of a workbook that holds a table as a dataset named "Workbook › Sheet", inside
 * the caller's transaction: the whole workbook commits or nothing of it does. Sheets go through
 * the same typing and writing as delimited files (TypingSink, DatasetWriter), so their cells follow
 * the same rules. With a reader thread (`reader`), the sheets are read and typed there while this
 * thread writes; without one, both happen here.
 */
export async function importWorkbook(
  db: Database,
  facts: WorkbookFacts,
  options: ImportOptions,
  signal: AbortSignal,
  onRows: (rowsWritten: number) => void,
  /** How far reading is, as bytes of the file: an estimate from the sheets' XML read so far. */
  onBytes: (bytesRead: number) => void,
  onSheet: (sheetsRead: number, sheetsTotal: number) => void,
  reader: StartedTableReader | null
): Promise<WrittenWorkbook> {
  const datasets = new WorkbookDatasets(db, facts, onRows, onBytes)
  const picked = options.sheets !== null
  if (reader !== null) {
    const first = await reader.next(signal)
    if (first.type !== 'sheets') throw new Error(`the file reader sent ${first.type} before the sheet list`)
    datasets.list(first.sheets, picked)
    const total = first.sheets.filter((sheet) => sheet.read).length
    onSheet(0, total)
    let sheetsRead = 0
    const endSheet = () => {
      datasets.endSheet()
      onSheet(++sheetsRead, total)
    }
    for (let next = await reader.next(signal); next.type !== 'end'; next = await reader.next(signal)) {
      if (next.type !== 'sheet') throw new Error('the file reader sent the sheet list twice')
      // A sheet's first table ends the sheet before it; a table stacked on a sheet goes on with it.
      if (next.table === 1) {
        if (datasets.reading) endSheet()
        datasets.beginSheet(next.name)
      }
      const writer = datasets.writer()
      const end = await reader.pipeTo(writer, signal)
      datasets.tableRead(writer, end.settled, end.summary, end.textWithoutTable)
    }
    if (datasets.reading) endSheet()
    return datasets.result(picked, facts.fileName)
  }
  const book = await openWorkbook(facts.path, facts.fileName, facts.format, signal)
  try {
    const sheets = sheetsToRead(book, facts.fileName, options.sheets)
    datasets.list(book.facts.sheets.filter((sheet) => sheet.kind === 'worksheet'), picked)
    onSheet(0, sheets.length)
    for (const [index, sheet] of sheets.entries()) {
      datasets.beginSheet(sheet.name)
      let writer = datasets.writer()
      let typing = new TypingSink(writer, options.nullTokens)
      // A table stacked under another is a dataset of its own: its rows are typed on their own.
      const nextTable = (ended: SheetTableSummary): TypingSink => {
        datasets.tableRead(writer, typing.finish(), ended, [])
        writer = datasets.writer()
        typing = new TypingSink(writer, options.nullTokens)
        return typing
      }
      const { summary, textWithoutTable } = await readWorkbookSheet(book, sheet, typing, options.header, signal, datasets.label(sheet.name), sheetProgress(typing, facts.sourceSize, index, sheets.length), nextTable)
      datasets.tableRead(writer, typing.finish(), summary, textWithoutTable)
      datasets.endSheet()
      onSheet(index + 1, sheets.length)
    }
    return datasets.result(picked, facts.fileName)
  } finally {
    book.close()
  }
}
