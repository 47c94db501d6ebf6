import type { ReaderWarning, RowSink } from '../../../../../../src/main/core/import/row-sink'
import { openWorkbook, readWorkbookSheet, sheetsToRead, type WorkbookFormat } from '../../../../../../src/main/core/import/workbook/read-workbook'
import type { SheetTableSummary } from '../../../../../../src/main/core/import/workbook/sheet-table-reader'

/** Everything one sheet's table gave its sink, and what it left for provenance. */
export interface ReadSheet {
  name: string
  labels: string[]
  rows: (string | null)[][]
  warnings: string[]
  summary: SheetTableSummary | null
}

class CollectingSink implements RowSink {
  labels: string[] = []
  readonly rowsReceived: (string | null)[][] = []
  readonly warnings: ReaderWarning[] = []
  columns(labels: string[]): void {
    this.labels = [...labels]
  }
  addColumns(labels: string[]): void {
    this.labels.push(...labels)
  }
  rows(batch: (string | null)[][]): void {
    this.rowsReceived.push(...batch)
  }
  warning(warning: ReaderWarning): void {
    this.warnings.push(warning)
  }
  progress(): void {}
}

/** Reads every sheet an import would (or those picked), the way the importer does. */
export async function readSheets(path: string, format: WorkbookFormat, picked: string[] | null, header: boolean): Promise<ReadSheet[]> {
  const fileName = path.split('/').at(-1)!
  const signal = new AbortController().signal
  const book = await openWorkbook(path, fileName, format, signal)
  try {
    const read: ReadSheet[] = []
    for (const sheet of sheetsToRead(book, fileName, picked)) {
      let sink = new CollectingSink()
      const done = (summary: SheetTableSummary | null) => read.push({ name: sheet.name, labels: sink.labels, rows: sink.rowsReceived, warnings: sink.warnings.map((w) => w.message), summary })
      // Each table stacked on the sheet is read as one more sheet of the same name.
      const nextTable = (ended: SheetTableSummary) => {
        done(ended)
        sink = new CollectingSink()
        return sink
      }
      done((await readWorkbookSheet(book, sheet, sink, header, signal, `${fileName}, sheet “${sheet.name}”`, () => undefined, nextTable)).summary)
    }
    return read
  } finally {
    book.close()
  }
}
