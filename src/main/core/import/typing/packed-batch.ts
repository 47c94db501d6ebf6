import { VALUE_INTEGER, VALUE_REAL, VALUE_TEXT, type StoredValue } from './column-typer'

/**
 * Tables up to this wide travel as JSON: SQLite unpacks each row with `value->>k`, which walks the
 * row's array from the start, so its cost grows with the square of the width. Measured here, JSON
 * beats binding values one by one up to about 40 columns and loses four-fold at 300.
 */
export const JSON_BATCH_MAX_WIDTH = 32

/**
 * Rows as one JSON array of arrays: numbers spelled exactly as read (they are canonical, so valid
 * JSON), text as JSON strings, empty cells as null. The writer hands the whole batch to SQLite as
 * one bound string, and SQLite unpacks it in C — far cheaper than binding every value from
 * JavaScript, which costs about 0.15 µs per string in better-sqlite3.
 */
export interface JsonBatch {
  format: 'json'
  rows: number
  width: number
  /**
   * The JSON text, or its UTF-8 bytes when it crossed threads (see JSON_SLOT_BYTES); bytes reach
   * SQLite without the UTF-8 conversion a JavaScript string needs when it is bound.
   */
  json: string | Uint8Array
}

/**
 * Rows as one JSONB array of arrays (see JsonbRows), built from a file's bytes without making
 * strings. The bytes are lent: they are valid during the `batch` call that hands them over.
 */
export interface JsonbBatch {
  format: 'jsonb'
  rows: number
  width: number
  jsonb: Uint8Array
}

/**
 * Rows for wide tables, in a form that crosses threads cheaply: typed arrays are transferred, not
 * copied, and all text travels as one string. The writer turns it back into bind parameters.
 */
export interface TypedBatch {
  format: 'typed'
  rows: number
  width: number
  /** Per value: VALUE_NULL, VALUE_INTEGER, VALUE_REAL or VALUE_TEXT. */
  kinds: Uint8Array
  numbers: Float64Array
  text: string
  /** End offset in `text` of each text value, in order. */
  textEnds: Uint32Array
}

export type PackedBatch = JsonBatch | JsonbBatch | TypedBatch

/** Calls `row` with each row's values, reusing one array (the callee must not keep it). */
export function forEachTypedRow(batch: TypedBatch, row: (values: StoredValue[]) => void): void {
  const values = new Array<StoredValue>(batch.width)
  const { kinds, numbers, text, textEnds } = batch
  let index = 0
  let textIndex = 0
  let textStart = 0
  for (let r = 0; r < batch.rows; r++) {
    for (let position = 0; position < batch.width; position++, index++) {
      const kind = kinds[index]
      if (kind === VALUE_INTEGER) values[position] = BigInt(numbers[index]!)
      else if (kind === VALUE_REAL) values[position] = numbers[index]!
      else if (kind === VALUE_TEXT) {
        const end = textEnds[textIndex++]!
        values[position] = text.slice(textStart, end)
        textStart = end
      } else values[position] = null
    }
    row(values)
  }
}

export function transferablesOf(batch: PackedBatch): ArrayBuffer[] {
  if (batch.format !== 'typed') return []
  return [batch.kinds.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer, batch.textEnds.buffer as ArrayBuffer]
}
