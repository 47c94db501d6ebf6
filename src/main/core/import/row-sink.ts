// The one interface between the file readers (delimited text, JSON, NDJSON) and the writer that
// stores rows. Readers never touch SQLite; the writer never looks at bytes.

export interface ReaderWarning {
  /** 1-based line of the file the warning is about, when there is one. */
  line: number | null
  message: string
}

export interface RowSink {
  /** Called once, before any rows, with the column labels as they appear in the file. */
  columns(labels: string[]): void
  /** Columns first seen after rows were already delivered (JSON objects with new keys). */
  addColumns(labels: string[]): void
  /**
   * A batch of rows. Each value is the field's text exactly as in the file (decoded), or null for an
   * empty field or a null token. A row shorter than the column count means the missing trailing
   * values are null. Readers must keep batches modest (~1–4 MB of text) so memory stays bounded.
   * The batch and its rows pass to the sink, which may change them; readers must not reuse them.
   */
  rows(batch: (string | null)[][]): void
  warning(warning: ReaderWarning): void
  /** Bytes of the file consumed so far (monotonic). */
  progress(bytesRead: number): void
}

/**
 * A problem that stops the import. The message is shown as is: it names the file, the line (or
 * byte offset) and the reason, e.g. "data.csv, line 17: a quoted field is never closed".
 */
export class ImportInputError extends Error {
  readonly line: number | null
  readonly byteOffset: number | null
  constructor(message: string, line: number | null, byteOffset: number | null) {
    super(message)
    this.name = 'ImportInputError'
    this.line = line
    this.byteOffset = byteOffset
  }
}

/** Thrown by readers when the AbortSignal they were given fires. */
export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled.')
    this.name = 'ImportCancelled'
  }
}
