import type { ReaderWarning, RowSink } from '../../../../../../src/main/core/import/row-sink'

export type SinkCall =
  | { call: 'columns'; labels: string[] }
  | { call: 'addColumns'; labels: string[] }
  | { call: 'rows'; batch: (string | null)[][] }

/** A RowSink that remembers every call in order, so tests can pin what a reader delivered and when. */
export class RecordingSink implements RowSink {
  readonly calls: SinkCall[] = []
  readonly warnings: ReaderWarning[] = []
  readonly progressed: number[] = []

  columns(labels: string[]): void {
    this.calls.push({ call: 'columns', labels })
  }

  addColumns(labels: string[]): void {
    this.calls.push({ call: 'addColumns', labels })
  }

  rows(batch: (string | null)[][]): void {
    this.calls.push({ call: 'rows', batch })
  }

  warning(warning: ReaderWarning): void {
    this.warnings.push(warning)
  }

  progress(bytesRead: number): void {
    this.progressed.push(bytesRead)
  }

  /** Every column label, in order. */
  get labels(): string[] {
    return this.calls.flatMap((call) => (call.call === 'rows' ? [] : call.labels))
  }

  /** Every delivered row, padded with null to the final column count (as the writer stores it). */
  get table(): (string | null)[][] {
    const width = this.labels.length
    return this.calls.flatMap((call) => (call.call === 'rows' ? call.batch : [])).map((row) => [...row, ...Array<null>(width - row.length).fill(null)])
  }
}
