import { stat } from 'node:fs/promises'
import type { ImportOptions } from '@shared/model'
import type { ReaderMessage } from '../threaded-table-reader'
import type { TypingSink } from '../typing/typing-sink'
import { openWorkbook, readWorkbookSheet, sheetProgress, sheetsToRead, type WorkbookFormat } from './read-workbook'
import type { SheetTableSummary } from './sheet-table-reader'
import type { SheetThread } from './xlsx-workbook'

/**
 * The reader thread's side of a workbook: the sheet list first, then each sheet to read, its rows
 * typed by a TypingSink of its own (its typed batches go out through the sink like a table file's),
 * closed by its settled types and its titles and footnotes (each table stacked on a sheet is sent
 * so, numbered), and at last the end. The writer makes a dataset of each table as its messages
 * arrive (see importWorkbook).
 */
export async function readWorkbookSheets(
  path: string,
  fileName: string,
  format: WorkbookFormat,
  options: ImportOptions,
  typingSink: () => TypingSink,
  send: (message: ReaderMessage) => void,
  sheetThread: SheetThread | null = null
): Promise<void> {
  const signal = new AbortController().signal
  const book = await openWorkbook(path, fileName, format, signal, sheetThread)
  try {
    const picked = sheetsToRead(book, fileName, options.sheets)
    send({
      type: 'sheets',
      sheets: book.facts.sheets.filter((sheet) => sheet.kind === 'worksheet').map((sheet) => ({ name: sheet.name, hidden: sheet.hidden, read: picked.includes(sheet) }))
    })
    const size = (await stat(path)).size
    for (const [index, sheet] of picked.entries()) {
      send({ type: 'sheet', name: sheet.name, table: 1 })
      let typing = typingSink()
      let table = 1
      const onRead = sheetProgress(typing, size, index, picked.length)
      // A table stacked under another is a dataset of its own: its rows are typed on their own.
      const nextTable = (ended: SheetTableSummary): TypingSink => {
        send({ type: 'sheetEnd', settled: typing.finish(), summary: ended, textWithoutTable: [] })
        send({ type: 'sheet', name: sheet.name, table: ++table })
        typing = typingSink()
        return typing
      }
      const { summary, textWithoutTable } = await readWorkbookSheet(book, sheet, typing, options.header, signal, `${fileName}, sheet “${sheet.name}”`, onRead, nextTable)
      send({ type: 'sheetEnd', settled: typing.finish(), summary, textWithoutTable })
    }
    send({ type: 'end', settled: { types: [], fixups: [], emptied: [] }, sha256: '', summary: null })
  } finally {
    book.close()
  }
}
