import type { SettledTypes } from '../dataset-writer'
import { NULL_FIELD, utf8FieldText, type ReaderWarning, type RowSink, type Utf8Record, type Utf8RowTarget } from '../row-sink'
import { ColumnTyper, VALUE_INTEGER, VALUE_NULL, VALUE_REAL, VALUE_TEXT, VALUE_UNDECIDED } from './column-typer'
import { JSONB_FLOAT, JSONB_INT, JSONB_TEXTRAW, JsonbRows } from './jsonb-rows'
import { NullTokens } from './null-tokens'
import { JSON_BATCH_MAX_WIDTH, type JsonBatch, type TypedBatch } from './packed-batch'
import type { PackedSink } from './packed-sink'

// Byte rows go out in batches like the readers' string rows (see RowBatcher), and small enough to
// fit the writer's shared slots (JSON_SLOT_BYTES) with room for the row that crosses the line.
const UTF8_BATCH_ROWS = 10_000
const UTF8_BATCH_BYTES = 2 * 1024 * 1024

/**
 * Sits between a file reader and the writer: empties the cells the person chose to read as empty
 * (null tokens, counted), types every value as it passes (see ColumnTyper) and hands the writer
 * packed batches: JSON for tables up to JSON_BATCH_MAX_WIDTH columns, typed arrays beyond, each
 * followed by the spellings of the numbers in it. In the import worker this runs on the reader's
 * thread, so parsing and typing overlap with inserting.
 */
export class TypingSink implements RowSink, Utf8RowTarget {
  readonly typer = new ColumnTyper()
  private rowsSeen = 0
  private readonly jsonb = new JsonbRows()
  private readonly nullTokens: NullTokens

  get utf8(): Utf8RowTarget {
    return this
  }

  constructor(
    private readonly next: PackedSink,
    nullTokens: readonly string[]
  ) {
    this.nullTokens = new NullTokens(nullTokens)
  }

  columns(labels: string[]): void {
    const named = labels.length > 0 ? labels : ['Column 1']
    this.typer.addColumns(named.length)
    this.next.columns(named)
  }

  addColumns(labels: string[]): void {
    this.typer.addColumns(labels.length)
    this.next.addColumns(labels)
  }

  rows(batch: (string | null)[][]): void {
    if (this.nullTokens.any) this.emptyNullTokens(batch)
    this.next.batch(this.typer.width <= JSON_BATCH_MAX_WIDTH ? this.jsonBatch(batch) : this.typedBatch(batch))
    this.sendSpellings()
  }

  /** Delivers what is left and says how the columns settled; called once the reader is done. */
  finish(): SettledTypes {
    this.sendSpellings()
    return { types: this.typer.columnTypes(), fixups: this.typer.fixups(), emptied: this.nullTokens.counts() }
  }

  acceptsUtf8Width(width: number): boolean {
    return width === this.typer.width && width <= JSON_BATCH_MAX_WIDTH
  }

  /**
   * Types a row given as UTF-8 bytes and adds it to the JSONB batch: the typer answers most values
   * from their bytes (see ColumnTyper.classifyUtf8), and their bytes are copied as they are.
   */
  utf8Row(bytes: Uint8Array, record: Utf8Record): void {
    const rows = this.jsonb
    const typer = this.typer
    const tokens = this.nullTokens
    const { starts, ends, doubledQuotes } = record
    typer.startRow(++this.rowsSeen)
    rows.beginRow()
    for (let position = 0; position < record.count; position++) {
      const doubled = doubledQuotes[position]!
      if (doubled === NULL_FIELD) {
        rows.null()
        continue
      }
      const start = starts[position]!
      const end = ends[position]!
      if (tokens.any) {
        const token = doubled > 0 ? tokens.match(utf8FieldText(bytes, record, position)!) : tokens.matchUtf8(bytes, start, end)
        if (token >= 0) {
          tokens.count(position, token)
          rows.null()
          continue
        }
      }
      let kind = typer.classifyUtf8(position, bytes, start, end)
      if (kind === VALUE_UNDECIDED) {
        kind = typer.classify(position, utf8FieldText(bytes, record, position))
        if (kind === VALUE_INTEGER || kind === VALUE_REAL) {
          // Spelled as JavaScript prints it: the very bytes when canonical, the number's own
          // spelling when the value was spelled another way ("1.50" → 1.5; the typer keeps "1.50").
          rows.text(kind === VALUE_INTEGER ? JSONB_INT : JSONB_FLOAT, String(typer.lastNumber))
          continue
        }
      }
      if (kind === VALUE_TEXT) {
        if (doubled > 0) rows.copyUndoublingQuotes(bytes, start, end, doubled)
        else rows.copy(JSONB_TEXTRAW, bytes, start, end)
      } else if (kind === VALUE_INTEGER) rows.copy(JSONB_INT, bytes, start, typer.lastNumberEnd)
      else if (kind === VALUE_REAL) rows.copy(JSONB_FLOAT, bytes, start, typer.lastNumberEnd)
      else rows.null()
    }
    rows.endRow()
    if (rows.rows >= UTF8_BATCH_ROWS || rows.byteLength >= UTF8_BATCH_BYTES) this.flushUtf8Rows()
  }

  flushUtf8Rows(): void {
    const rows = this.jsonb.rows
    if (rows === 0) return
    this.next.batch({ format: 'jsonb', rows, width: this.typer.width, jsonb: this.jsonb.take() })
    this.sendSpellings()
  }

  private sendSpellings(): void {
    const spellings = this.typer.takeSpellings()
    if (spellings !== null) this.next.spellings(spellings)
  }

  private emptyNullTokens(batch: (string | null)[][]): void {
    const tokens = this.nullTokens
    for (const row of batch) {
      for (let position = 0; position < row.length; position++) {
        const value = row[position]
        if (value === null || value === undefined) continue
        const token = tokens.match(value)
        if (token < 0) continue
        tokens.count(position, token)
        row[position] = null
      }
    }
  }

  private jsonBatch(batch: (string | null)[][]): JsonBatch {
    const width = this.typer.width
    const typer = this.typer
    // The rows are typed in place and then serialised in one JSON.stringify call, V8's fastest way
    // to build the text: the batch belongs to this sink once delivered (see RowSink.rows).
    const cells = batch as (string | number | null)[][]
    for (const row of cells) {
      typer.startRow(++this.rowsSeen)
      for (let position = 0; position < width; position++) {
        const value = position < row.length ? (row[position] as string | null) : null
        const kind = typer.classify(position, value)
        // Numbers are stored only when canonical, so JSON spells them exactly as they were read.
        if (kind === VALUE_NULL) row[position] = null
        else if (kind !== VALUE_TEXT) row[position] = typer.lastNumber
      }
    }
    return { format: 'json', rows: batch.length, width, json: JSON.stringify(cells) }
  }

  private typedBatch(batch: (string | null)[][]): TypedBatch {
    const width = this.typer.width
    const typer = this.typer
    const count = batch.length * width
    const kinds = new Uint8Array(count)
    const numbers = new Float64Array(count)
    const texts: string[] = []
    const ends: number[] = []
    let offset = 0
    let index = 0
    for (const row of batch) {
      typer.startRow(++this.rowsSeen)
      for (let position = 0; position < width; position++, index++) {
        const value = position < row.length ? row[position]! : null
        const kind = typer.classify(position, value)
        kinds[index] = kind
        if (kind === VALUE_TEXT) {
          texts.push(value!)
          offset += value!.length
          ends.push(offset)
        } else if (kind !== VALUE_NULL) numbers[index] = typer.lastNumber
      }
    }
    return { format: 'typed', rows: batch.length, width, kinds, numbers, text: texts.join(''), textEnds: Uint32Array.from(ends) }
  }

  warning(warning: ReaderWarning): void {
    this.next.warning(warning)
  }

  progress(bytesRead: number): void {
    this.next.progress(bytesRead)
  }
}

