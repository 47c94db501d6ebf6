import type { ReaderWarning, RowSink } from '../row-sink'
import { ColumnTyper, VALUE_NULL, VALUE_TEXT } from './column-typer'
import type { PackedSink } from './packed-sink'

/**
 * Sits between a file reader and the writer: types every value as it passes (see ColumnTyper) and
 * hands the writer packed batches. In the import worker this runs on the reader's thread, so
 * parsing and typing overlap with inserting.
 */
export class TypingSink implements RowSink {
  readonly typer = new ColumnTyper()

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
    this.next.batch({ rows: batch.length, width, kinds, numbers, text: texts.join(''), textEnds: Uint32Array.from(ends) })
  }

  warning(warning: ReaderWarning): void {
    this.next.warning(warning)
  }

  progress(bytesRead: number): void {
    this.next.progress(bytesRead)
  }
}
