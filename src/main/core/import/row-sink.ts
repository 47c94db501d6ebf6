// The one interface between the file readers (delimited text, JSON, NDJSON) and the writer that
// stores rows. Readers never touch SQLite; the writer never looks at bytes.

export interface ReaderWarning {
  /** 1-based line of the file the warning is about, when there is one. */
  line: number | null
  message: string
}

/**
 * One record's fields as ranges of a UTF-8 buffer, for sinks that take rows as bytes (Utf8RowTarget).
 * Field k is `bytes[starts[k], ends[k])`; `doubledQuotes[k]` counts the `""` pairs inside a quoted
 * field (each stands for one quote), or is NULL_FIELD for an empty field.
 */
export interface Utf8Record {
  count: number
  starts: Int32Array
  ends: Int32Array
  doubledQuotes: Int32Array
}

export const NULL_FIELD = -1

const utf8 = new TextDecoder()

/** Field `k` of a record as text: null for NULL_FIELD, and each doubled quote read as one. */
export function utf8FieldText(bytes: Uint8Array, record: Utf8Record, k: number): string | null {
  const doubled = record.doubledQuotes[k]!
  if (doubled === NULL_FIELD) return null
  const text = utf8.decode(bytes.subarray(record.starts[k], record.ends[k]))
  return doubled > 0 ? text.replaceAll('""', '"') : text
}

/**
 * What a sink offers when it can take rows as UTF-8 bytes, straight from the file's buffer, instead
 * of as strings: a reader of UTF-8 text may then skip making a string of every field. Rows given
 * either way keep their order; a reader flushes the byte rows before it delivers strings again.
 */
export interface Utf8RowTarget {
  /** Whether rows of this many columns (the table's width) can come as bytes. */
  acceptsUtf8Width(width: number): boolean
  /** One row of exactly the table's width; `bytes` may be reused once this returns. */
  utf8Row(bytes: Uint8Array, record: Utf8Record): void
  /** Delivers the byte rows taken so far. */
  flushUtf8Rows(): void
}

export interface RowSink {
  /** Present when the sink can take rows as UTF-8 bytes. */
  readonly utf8?: Utf8RowTarget
  /** Called once, before any rows, with the column labels as they appear in the file. */
  columns(labels: string[]): void
  /** Columns first seen after rows were already delivered (JSON objects with new keys). */
  addColumns(labels: string[]): void
  /**
   * A batch of rows. Each value is the field's text exactly as in the file (decoded), or null for an
   * empty field. A row shorter than the column count means the missing trailing
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
