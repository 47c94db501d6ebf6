import type { ReaderWarning, RowSink } from '../../../../../../src/main/core/import/row-sink'

/** A RowSink that keeps everything it is given, and checks the reader calls it in order. */
export class RecordingSink implements RowSink {
  labels: string[] | null = null
  readonly rowsReceived: (string | null)[][] = []
  readonly batchSizes: number[] = []
  readonly warnings: ReaderWarning[] = []
  readonly progressReports: number[] = []
  /** Runs on every progress report; tests use it to cancel mid-file. */
  onProgress: (bytesRead: number) => void = () => {}

  columns(labels: string[]): void {
    if (this.labels !== null) throw new Error('columns() called twice')
    this.labels = labels
  }

  addColumns(): void {
    throw new Error('a delimited reader never adds columns')
  }

  rows(batch: (string | null)[][]): void {
    if (this.labels === null) throw new Error('rows() before columns()')
    this.batchSizes.push(batch.length)
    for (const row of batch) this.rowsReceived.push(row)
  }

  warning(warning: ReaderWarning): void {
    this.warnings.push(warning)
  }

  progress(bytesRead: number): void {
    const last = this.progressReports.at(-1) ?? 0
    if (bytesRead < last) throw new Error(`progress went back from ${last} to ${bytesRead}`)
    this.progressReports.push(bytesRead)
    this.onProgress(bytesRead)
  }
}
