import { openWorkbook, sheetsToRead, type WorkbookFormat } from './read-workbook'

/** The names of the sheets an import of the whole workbook reads (its visible worksheets), in order. */
export async function visibleWorksheets(path: string, fileName: string, format: WorkbookFormat, signal: AbortSignal): Promise<string[]> {
  const book = await openWorkbook(path, fileName, format, signal)
  try {
    return sheetsToRead(book, fileName, null).map((sheet) => sheet.name)
  } finally {
    book.close()
  }
}
