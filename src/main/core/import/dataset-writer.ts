import type { Database, Statement } from 'better-sqlite3'
import type { ColumnType, DatasetSource } from '@shared/model'
import type { EmptiedCells } from '@shared/model'
import { columnName, datasetTableName } from '../datasets/dataset-table-name'
import { createSpellingTable, dropSpellingTableIfEmpty, insertSpellingsSql, numbersToText } from '../datasets/number-spellings'
import { ImportInputError, type ReaderWarning } from './row-sink'
import type { ColumnFixup, StoredValue } from './typing/column-typer'
import type { EmptiedCount } from './typing/null-tokens'
import { forEachTypedRow, JSON_BATCH_MAX_WIDTH, type PackedBatch } from './typing/packed-batch'
import type { PackedSink } from './typing/packed-sink'

/** SQLite binds at most 32,766 parameters per statement; rows go in groups to save per-call overhead. */
const MAX_PARAMETERS = 32_000
const MAX_ROWS_PER_STATEMENT = 64
const MAX_WARNINGS = 100
/** SQLite's column limit in this build is 2,000 (SQLITE_MAX_COLUMN); a table needs every column. */
export const MAX_DATASET_COLUMNS = 2000

export interface DatasetFacts {
  name: string
  description: string | null
  sources: DatasetSource[]
  sourceFile: string
  sourceSize: number
  sha256: string
  importId: number | null
  /** The sheet of a workbook the dataset's rows are, and the table stacked on it when not the first; null for any other file. */
  sheet: { name: string; table: string | null } | null
}

export interface WrittenDataset {
  id: number
  rows: number
  columns: { label: string; type: ColumnType }[]
  warnings: string[]
  emptiedCells: EmptiedCells[]
}

/** How the rows' columns settled, from the TypingSink that typed them. */
export interface SettledTypes {
  types: ColumnType[]
  fixups: ColumnFixup[]
  /** Cells the chosen null tokens emptied, per column. */
  emptied: EmptiedCount[]
}

/** What to do with a file of more columns than a dataset holds. */
export const SPLIT_WIDE_FILE = 'Split the file into narrower tables (keeping an id column in each) and import those'

/** The refusal of a table of more columns than a dataset holds; `width` is how many it has. */
export class TableTooWide extends ImportInputError {
  constructor(
    message: string,
    readonly width: number
  ) {
    super(message, null, null)
  }
}

/**
 * Receives typed rows (see TypingSink) and stores them in a new ds_<id> table. It must be used
 * inside a transaction the caller owns: until that commits, no reader sees any of it, and a
 * rollback (or a crash) leaves nothing behind.
 */
export class DatasetWriter implements PackedSink {
  private readonly labels: string[] = []
  private readonly warnings: string[] = []
  private droppedWarnings = 0
  private datasetId: number | null = null
  private rowCount = 0
  private groupStatement: Statement | null = null
  private singleStatement: Statement | null = null
  private jsonStatement: Statement | null = null
  private jsonbStatement: Statement | null = null
  private spellingStatement: Statement | null = null
  private groupRows = 1
  private params: StoredValue[] = []

  constructor(
    private readonly db: Database,
    private readonly onRows: (rowsWritten: number) => void,
    private readonly onBytes: (bytesRead: number) => void,
    private readonly fileName: string,
    /** What to do with a table wider than a dataset holds, as a sentence without its full stop. */
    private readonly whenTooWide: string
  ) {}

  private checkWidth(width: number): void {
    if (width <= MAX_DATASET_COLUMNS) return
    throw new TableTooWide(
      `${this.fileName} has ${width.toLocaleString('en-US')} columns; Casefile reads up to ${MAX_DATASET_COLUMNS.toLocaleString('en-US')} in one dataset. ${this.whenTooWide}; nothing was imported.`,
      width
    )
  }

  get rowsWritten(): number {
    return this.rowCount
  }

  columns(labels: string[]): void {
    if (this.datasetId !== null) throw new Error('columns() was called twice')
    if (!this.db.inTransaction) throw new Error('DatasetWriter must be used inside a transaction')
    this.checkWidth(labels.length)
    const placeholder = `pending_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2)}`
    this.datasetId = Number(
      this.db
        .prepare("INSERT INTO datasets (name, table_name, row_count, imported_at) VALUES ('', ?, 0, '')")
        .run(placeholder).lastInsertRowid
    )
    const table = datasetTableName(this.datasetId)
    this.db.prepare('UPDATE datasets SET table_name = ? WHERE id = ?').run(table, this.datasetId)
    // Columns are ANY: a value's type is decided by the column typer, and the whole column's type is
    // recorded in dataset_columns once every row has been seen.
    const width = Math.max(labels.length, 1)
    const definitions = Array.from({ length: width }, (_, position) => `${columnName(position)} ANY`)
    this.db.exec(`CREATE TABLE ${table} (${definitions.join(', ')}) STRICT`)
    this.labels.push(...(labels.length > 0 ? labels : ['Column 1']))
    this.prepare()
  }

  addColumns(labels: string[]): void {
    if (this.datasetId === null) throw new Error('addColumns() before columns()')
    this.checkWidth(this.labels.length + labels.length)
    const table = datasetTableName(this.datasetId)
    for (const label of labels) {
      this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${columnName(this.labels.length)} ANY`)
      this.labels.push(label)
    }
    this.prepare()
  }

  batch(batch: PackedBatch): void {
    if (this.datasetId === null) throw new Error('batch() before columns()')
    if (batch.width !== this.labels.length) throw new Error(`A batch of width ${batch.width} reached a table of ${this.labels.length} columns`)
    if (batch.format === 'json') {
      const json = batch.json
      this.jsonStatement!.run(typeof json === 'string' ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength))
      this.rowCount += batch.rows
      this.onRows(this.rowCount)
      return
    }
    if (batch.format === 'jsonb') {
      const bytes = batch.jsonb
      this.jsonbStatement!.run(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      this.rowCount += batch.rows
      this.onRows(this.rowCount)
      return
    }
    const width = batch.width
    const group = this.groupRows
    const params = this.params
    const single = this.singleStatement!
    const grouped = this.groupStatement!
    let filled = 0
    const pending: StoredValue[][] = []
    forEachTypedRow(batch, (values) => {
      const base = filled * width
      for (let position = 0; position < width; position++) params[base + position] = values[position]!
      filled++
      if (filled === group) {
        grouped.run(params)
        filled = 0
      }
    })
    for (let r = 0; r < filled; r++) pending.push(params.slice(r * width, (r + 1) * width))
    for (const row of pending) single.run(row)
    this.rowCount += batch.rows
    this.onRows(this.rowCount)
  }

  /** Spellings of numbers in rows already given (see ColumnTyper.takeSpellings), kept beside them. */
  spellings(json: string): void {
    if (this.datasetId === null) throw new Error('spellings() before columns()')
    if (this.spellingStatement === null) {
      createSpellingTable(this.db, this.datasetId)
      this.spellingStatement = this.db.prepare(insertSpellingsSql(this.datasetId))
    }
    this.spellingStatement.run(json)
  }

  warning(warning: ReaderWarning): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(warning.message)
    else this.droppedWarnings++
  }

  progress(bytesRead: number): void {
    this.onBytes(bytesRead)
  }

  /** Settles column types and records the dataset's facts (its search index is built after it is published). */
  finish(facts: DatasetFacts, settled: SettledTypes): WrittenDataset {
    if (this.datasetId === null) throw new Error('finish() before columns()')
    const id = this.datasetId
    const types = this.labels.map((_, position) => settled.types[position] ?? 'text')
    // Only the rows before a column stopped being numeric can hold numbers: a rowid range, not a
    // pass over the whole table (an id column with one zero-led value near the top).
    for (const fixup of settled.fixups) numbersToText(this.db, id, fixup.position, Math.min(fixup.numbersBefore, this.rowCount + 1))
    if (this.spellingStatement !== null) dropSpellingTableIfEmpty(this.db, id)
    this.db
      .prepare(
        `UPDATE datasets SET name = ?, description = ?, row_count = ?, source_file = ?, source_size = ?, sha256 = ?,
           import_id = ?, imported_at = ?, sheet = ?, sheet_table = ? WHERE id = ?`
      )
      .run(facts.name, facts.description, this.rowCount, facts.sourceFile, facts.sourceSize, facts.sha256, facts.importId, new Date().toISOString(), facts.sheet?.name ?? null, facts.sheet?.table ?? null, id)
    const insertColumn = this.db.prepare('INSERT INTO dataset_columns (dataset_id, position, name, label, type) VALUES (?, ?, ?, ?, ?)')
    this.labels.forEach((label, position) => insertColumn.run(id, position, columnName(position), label, types[position]!))
    const insertSource = this.db.prepare(
      'INSERT INTO dataset_sources (dataset_id, source_key, publisher, title, date, url, notes) VALUES (?, ?, ?, ?, ?, ?, ?)'
    )
    for (const source of facts.sources) insertSource.run(id, source.key, source.publisher, source.title, source.date, source.url, source.notes)
    if (this.droppedWarnings > 0) this.warnings.push(`… and ${this.droppedWarnings} more warnings.`)
    return {
      id,
      rows: this.rowCount,
      columns: this.labels.map((label, position) => ({ label, type: types[position]! })),
      warnings: this.warnings,
      emptiedCells: settled.emptied.map(({ position, token, cells }) => ({ column: this.labels[position]!, token, cells }))
    }
  }

  private prepare(): void {
    const table = datasetTableName(this.datasetId!)
    const width = this.labels.length
    const names = this.labels.map((_, position) => columnName(position)).join(', ')
    const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`
    this.groupRows = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / width)))
    this.groupStatement = this.db.prepare(`INSERT INTO ${table} (${names}) VALUES ${Array.from({ length: this.groupRows }, () => tuple).join(', ')}`)
    this.singleStatement = this.db.prepare(`INSERT INTO ${table} (${names}) VALUES ${tuple}`)
    this.params = new Array<StoredValue>(this.groupRows * width).fill(null)
    // jsonb_each visits the batch's rows in order, so rowids follow the file's line order. The JSON
    // comes as text or as its UTF-8 bytes (a blob, which SQLite would otherwise read as JSONB), or
    // as JSONB itself, which SQLite reads without parsing. Each cell is asked for by a path literal:
    // with an integer (`->>N`) SQLite makes the path from the number on every call, which cost ~8%
    // more per row here (1.17–1.23 against 1.07 µs per 10-column row, in memory).
    const unpacked = Array.from({ length: width }, (_, position) => `value->>'$[${position}]'`).join(', ')
    const json = width <= JSON_BATCH_MAX_WIDTH
    this.jsonStatement = json ? this.db.prepare(`INSERT INTO ${table} (${names}) SELECT ${unpacked} FROM jsonb_each(CAST(? AS TEXT))`) : null
    this.jsonbStatement = json ? this.db.prepare(`INSERT INTO ${table} (${names}) SELECT ${unpacked} FROM jsonb_each(?)`) : null
  }
}
