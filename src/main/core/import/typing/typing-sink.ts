import type { ReaderWarning, RowSink } from '../row-sink'
import { ColumnTyper, VALUE_NULL, VALUE_TEXT } from './column-typer'
import { JSON_BATCH_MAX_WIDTH, type JsonBatch, type TypedBatch } from './packed-batch'
import type { PackedSink } from './packed-sink'

/**
 * Sits between a file reader and the writer: types every value as it passes (see ColumnTyper) and
 * hands the writer packed batches: JSON for tables up to JSON_BATCH_MAX_WIDTH columns, typed
 * arrays beyond. In the import worker this runs on the reader's thread, so
 * parsing and typing overlap with inserting.
 */
export class TypingSink implements RowSink {
  readonly typer = new ColumnTyper()
  private rowsSeen = 0

  constructor(private readonly next: PackedSink) {}

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
    this.next.batch(this.typer.width <= JSON_BATCH_MAX_WIDTH ? this.jsonBatch(batch) : this.typedBatch(batch))
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
