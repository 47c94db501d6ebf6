import { readFile, stat } from 'node:fs/promises'
import type { RowSink } from '../row-sink'
import { ImportInputError } from '../row-sink'
import { openOfficePackage } from '../zip/open-office-package'
import { containerOf, megabytes } from '../zip/zip-package'
import { otherFileKind, otherKindRefusal, type PackageKind } from '../zip/zip-refusals'
import { OdsWorkbook } from './ods-workbook'
import { textInsideXls } from './text-in-xls'
import { SheetTableReader, type NextTable, type SheetTableSummary } from './sheet-table-reader'
import type { WorkbookSheet, WorkbookSource } from './workbook-source'
import { XLSX_PACKAGE } from './xlsx-package'
import { XlsxWorkbook, type SheetThread } from './xlsx-workbook'

export type WorkbookFormat = 'xlsx' | 'xls' | 'ods'

const ODS: PackageKind = { what: 'an OpenDocument spreadsheet (.ods)', program: 'LibreOffice', extension: '.ods' }

/**
 * The largest text read whole as a workbook by SheetJS (an Excel 2003 XML workbook, an HTML table
 * named .xls): it holds its cells as objects of about eight times the file's size (a 48 MB file
 * peaked at 406 MB), so a file of some hundreds of megabytes would exhaust the import's memory.
 */
export const MAX_WHOLE_TEXT_WORKBOOK = 64 * 1024 * 1024

const PASSWORD = (fileName: string): ImportInputError =>
  new ImportInputError(`${fileName} is password-protected; open it, save a copy without a password and import that.`, null, null)

/** An .xls (see LegacyWorkbook). SheetJS is loaded only then: compiling it cost an .xlsx's reader thread ~50 ms. */
async function openLegacyWorkbook(bytes: Buffer, fileName: string, asWritten: boolean): Promise<WorkbookSource> {
  const { LegacyWorkbook } = await import('./legacy-workbook')
  return LegacyWorkbook.open(bytes, fileName, asWritten)
}

/**
 * Opens a workbook by what its bytes are, not only by its name: an .xls that is really an .xlsx (or
 * the reverse, as web servers often hand them out) is read as what it is. Password-protected,
 * damaged and mislabelled files are refused in one line.
 */
export async function openWorkbook(path: string, fileName: string, format: WorkbookFormat, signal: AbortSignal, sheetThread: SheetThread | null = null): Promise<WorkbookSource> {
  const { size } = await stat(path)
  if (size === 0) throw new ImportInputError(`${fileName} is empty (0 bytes); nothing was imported.`, null, 0)
  const { container, encrypted, head } = await containerOf(path)
  if (encrypted) throw PASSWORD(fileName)
  if (container === 'compound') return openLegacyWorkbook(await readFile(path), fileName, false)
  // An .xls may be text (CSV or an HTML table) but not a PDF or a picture, which would be read as garbled text.
  const other = container === 'other' && format === 'xls' ? otherFileKind(head, true) : null
  if (other !== null) throw otherKindRefusal(fileName, 'an Excel 97–2003 workbook (.xls)', other)
  if (container === 'other' && format === 'xls') {
    const html = (await textInsideXls(path)) === 'html'
    if (size > MAX_WHOLE_TEXT_WORKBOOK) {
      const what = html ? 'a web page (an HTML table), not an Excel workbook' : 'a spreadsheet written as text (Excel 2003 XML or the like)'
      throw new ImportInputError(
        `${fileName} is too large to read: it is ${what}, which Casefile reads whole, up to ${megabytes(MAX_WHOLE_TEXT_WORKBOOK)}, and it is ${megabytes(size)}; nothing was imported. Open it in Excel or LibreOffice, save it as .xlsx and import that.`,
        null,
        null
      )
    }
    return openLegacyWorkbook(await readFile(path), fileName, html)
  }
  const { zip, extension } = await openOfficePackage(path, fileName, format === 'ods' ? ODS : XLSX_PACKAGE)
  try {
    // An Excel workbook named .ods, or an OpenDocument spreadsheet named .xlsx or .xls, is read as
    // what it is; a package that does not tell is read as its name says (an .xls in a zip as .xlsx).
    const readAs = extension === '.ods' || extension === '.xlsx' ? extension : format === 'ods' ? '.ods' : '.xlsx'
    if (readAs === '.xlsx') return await XlsxWorkbook.open(zip, fileName, signal, sheetThread === null ? null : { ...sheetThread, path })
    if (((await zip.text('META-INF/manifest.xml')) ?? '').includes('manifest:encryption-data')) throw PASSWORD(fileName)
    return await OdsWorkbook.open(zip, fileName, signal)
  } catch (error) {
    zip.close()
    throw error
  }
}

/** The sheets a workbook's import reads: those picked, or else every visible worksheet. */
export function sheetsToRead(book: WorkbookSource, fileName: string, picked: readonly string[] | null): WorkbookSheet[] {
  const { sheets, hasMacros } = book.facts
  const worksheets = sheets.filter((sheet) => sheet.kind === 'worksheet')
  if (worksheets.length === 0) {
    throw new ImportInputError(
      hasMacros
        ? `${fileName} holds only macros, no worksheet with data; Casefile imports tables and never runs macros.`
        : `${fileName} has no worksheet (only charts or dialogs); nothing was imported.`,
      null,
      null
    )
  }
  if (picked === null) return worksheets.filter((sheet) => !sheet.hidden)
  const chosen = picked.map((name) => pickedSheet(worksheets, name))
  const missing = picked.filter((_name, index) => chosen[index] === null)
  if (missing.length > 0) {
    throw new ImportInputError(
      `${fileName} has no worksheet named ${missing.map((name) => `“${name}”`).join(', ')}; its worksheets are ${worksheets.map((sheet) => `“${sheet.name}”`).join(', ')}.`,
      null,
      null
    )
  }
  return worksheets.filter((sheet) => chosen.includes(sheet))
}

/**
 * The worksheet a picked name names: the one so named, else the one named so when case is ignored,
 * as Excel ignores it in sheet names ("table 39" for "Table 39"); null when none is, or when more
 * than one is named so without case (a file another program wrote may hold "Data" and "DATA").
 */
function pickedSheet(worksheets: readonly WorkbookSheet[], name: string): WorkbookSheet | null {
  const exact = worksheets.find((sheet) => sheet.name === name)
  if (exact !== undefined) return exact
  const folded = name.toLowerCase()
  const alike = worksheets.filter((sheet) => sheet.name.toLowerCase() === folded)
  return alike.length === 1 ? alike[0]! : null
}

/**
 * How far into the workbook reading sheet `index` of `count` is, as bytes of the file (`size`), told
 * to `sink` as a reader's progress: the import's progress bar moves within a sheet, not only between
 * sheets. Reported at most once a percent.
 */
export function sheetProgress(sink: RowSink, size: number, index: number, count: number): (fraction: number) => void {
  let last = -1
  return (fraction) => {
    const bytes = Math.round((size * (index + fraction)) / count)
    if (bytes - last < size / 100) return
    last = bytes
    sink.progress(bytes)
  }
}

/**
 * Reads one sheet's table into `sink` (see SheetTableReader), and each table found stacked under
 * it into the sink `nextTable` gives; the last table's summary, null when the sheet holds no table
 * (with its text then, when it has some: a "Notes" sheet).
 * A formula saved without its value (a file written by a program that does not calculate) is
 * reported: there is nothing to show for it.
 */
export async function readWorkbookSheet(
  book: WorkbookSource,
  sheet: WorkbookSheet,
  sink: RowSink,
  header: boolean,
  signal: AbortSignal,
  label: string,
  onRead: (fraction: number) => void,
  nextTable: NextTable
): Promise<{ summary: SheetTableSummary | null; textWithoutTable: string[] }> {
  const merges = await book.merges(sheet, signal)
  let current = sink
  const fileNote = book.facts.note
  const next = (ended: SheetTableSummary) => (current = nextTable({ ...ended, fileNote }))
  const reader = new SheetTableReader(sink, merges, header, label, next, null)
  const { formulasWithoutValue, textFormulasSavedAsZero, hiddenColumns } = await book.readRows(sheet, (row) => reader.row(row), signal, onRead)
  let ended = reader.end(hiddenColumns)
  // Tables side by side: the sheet is read again for each table right of the first, its rows cut
  // to the table's columns; the footnotes under the first (the sheet's source) are theirs too.
  const sheetNotes = ended?.footnotes ?? []
  for (const band of reader.beside) {
    if (ended === null) break
    const beside = new SheetTableReader(next(ended), merges, header, label, next, band)
    await book.readRows(sheet, (row) => beside.row(row), signal, onRead)
    ended = beside.end(hiddenColumns)
    if (ended !== null) ended.footnotes = [...ended.footnotes, ...sheetNotes.filter((note) => !ended!.footnotes.includes(note))]
  }
  const summary = ended === null ? null : { ...ended, fileNote, footnotes: [...ended.footnotes, ...(sheet.pageNotes ?? [])] }
  if (summary !== null && textFormulasSavedAsZero.size > 0) {
    const columns = [...textFormulasSavedAsZero].sort(([a], [b]) => a - b)
    const total = columns.reduce((sum, [, cells]) => sum + cells, 0)
    const where = columns.map(([column, cells]) => `${cells.toLocaleString('en-US')} in ${reader.columnName(column)}`).join(', ')
    current.warning({
      line: null,
      message: `${label}: ${total.toLocaleString('en-US')} formula cells can show text but this .xls saved 0 for them and no text (as LibreOffice writes .xls): ${where}; they were left empty. Save the workbook as .xlsx or .ods from LibreOffice or Excel and import that.`
    })
  }
  if (summary !== null && formulasWithoutValue > 0) {
    current.warning({
      line: null,
      message: `${label}: ${formulasWithoutValue.toLocaleString('en-US')} formula cells were saved without their values and are empty; open the workbook in a spreadsheet program, save it, and import it again.`
    })
  }
  return { summary, textWithoutTable: reader.textWithoutTable }
}
