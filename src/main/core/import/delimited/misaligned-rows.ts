import type { ReaderWarning } from '../row-sink'

const LINES_LISTED = 50

/**
 * Remembers rows whose field count differs from the header's, for one warning at the end: EOIR
 * exports have thousands of them, and a warning per row would bury everything else.
 */
export class MisalignedRows {
  private readonly lines: number[] = []
  private count = 0

  note(line: number): void {
    this.count++
    if (this.lines.length < LINES_LISTED) this.lines.push(line)
  }

  warning(fileName: string, columnCount: number): ReaderWarning | null {
    if (this.count === 0) return null
    const more = this.count - this.lines.length
    const where = `${this.lines.length === 1 ? 'line' : 'lines'} ${this.lines.join(', ')}${more > 0 ? ` … and ${more} more` : ''}`
    return {
      line: this.lines[0]!,
      message:
        `${fileName}: ${this.count} row(s) did not have ${columnCount} fields (${where}); ` +
        'missing fields were left empty and extra fields joined into the last column.'
    }
  }
}
