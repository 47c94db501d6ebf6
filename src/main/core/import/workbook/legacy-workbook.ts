import * as XLSX from '@e965/xlsx'
import { ImportCancelled, ImportInputError } from '../row-sink'
import { cellFormatOf, excelSerialOfPlainCount, formattedNumber, sheetNumberText, shownInstead, textShownInstead, valueFormat } from './number-format'
import { formulaMayGiveText } from './text-formula'
import { decodeText } from '../decode-text'
import { htmlTableNames } from './html-table-names'
import { htmlTextAfterTables } from './html-page-notes'
import type { CellKind, MergedCells, SheetRow } from './sheet-row'
import type { SheetReadFacts, WorkbookSource } from './workbook-source'
import type { WorkbookFacts, WorkbookSheet } from './workbook-source'
import { xlsSavedByLibreOffice } from './xls-saved-by-libreoffice'

/** Text written as a number (1,234 or 2012), in a table whose cells are all text. */
const WRITTEN_NUMBER = /^[-+]?\d[\d,]*(\.\d+)?$/
/** A number written with its thousands grouped (382,265 or -1,234.5), as a page shows a #,##0 number. */
const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/
/** A number written as a percent (45.6%), as a page shows a 0.0% number. */
const PERCENT_NUMBER = /^-?\d+(\.\d+)?%$/
/** Digits with a leading zero (00123): a code, which keeps its column's cells as written. */
const LEADING_ZERO = /^0\d/

/** Excel's error codes as BIFF stores them, and the text a sheet shows for each. */
const ERRORS: Record<number, string> = { 0: '#NULL!', 7: '#DIV/0!', 15: '#VALUE!', 23: '#REF!', 29: '#NAME?', 36: '#NUM!', 42: '#N/A', 43: '#GETTING_DATA' }

/**
 * An Excel 97–2003 workbook (.xls, BIFF), or an HTML table or text saved under its name, read by
 * SheetJS. SheetJS reads a file whole: .xls holds at most 65,536 rows a sheet, so that is bounded
 * by the format. (An .ods is streamed by OdsWorkbook.)
 */
export class LegacyWorkbook implements WorkbookSource {
  private constructor(
    private readonly book: XLSX.WorkBook,
    readonly facts: WorkbookFacts,
    private readonly asWritten: boolean,
    /** Its dates are serials of the 1900 system counted as LibreOffice counts them (see excelSerialOfPlainCount). */
    private readonly plainDayCount: boolean,
    /**
     * Its dates were written as ISO text (Excel 2003 XML, a flat OpenDocument file), which SheetJS
     * turns into serials of the 1900 system: it counts 1900-02-28 as 60, Excel's 1900-02-29, where
     * the file wrote no such day (its 1900-02-27 is 58, its 1900-03-01 61). See writtenDaySerial.
     */
    private readonly textDated: boolean
  ) {}

  /**
   * `asWritten` is for an HTML table named .xls: its cells are text, kept as written (SheetJS would
   * read 007 as 7), and only guessed to be numbers for finding the header.
   */
  static async open(bytes: Buffer, fileName: string, asWritten: boolean): Promise<LegacyWorkbook> {
    let book: XLSX.WorkBook
    // A web page is decoded as other text is (strict UTF-8, else Windows-1252, said): SheetJS would
    // read Windows-1252 bytes as UTF-8 and put U+FFFD in place of every accented letter.
    const page = asWritten ? decodeText(bytes, fileName, null) : null
    try {
      // SheetJS reads an .xls's hidden columns (COLINFO) only with cellStyles; its hidden rows come either way.
      const options: XLSX.ParsingOptions = { dense: true, raw: asWritten, cellDates: false, cellNF: true, cellText: false, cellHTML: false, cellStyles: true, bookVBA: false, WTF: false }
      book = page === null ? XLSX.read(bytes, { ...options, type: 'buffer' }) : XLSX.read(page.text, { ...options, type: 'string' })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (/password-protected/i.test(message)) throw new ImportInputError(`${fileName} is password-protected; open it, save a copy without a password and import that.`, null, null)
      throw new ImportInputError(`${fileName} is damaged or not an Excel 97–2003 workbook (.xls); nothing was imported. Open it in a spreadsheet program, save it as .xlsx and import that.`, null, null)
    }
    const hidden = book.Workbook?.Sheets ?? []
    // SheetJS names a page's tables Sheet1, Sheet2: the page's own names for them say what they hold.
    const named = page !== null ? htmlTableNames(page.text, book.SheetNames.length).map((name, index) => name ?? book.SheetNames[index]!) : []
    // A heading that is another table's number ("Sheet2") would name two sheets alike.
    const pageNames = new Set(named).size === named.length ? named : []
    // What the page says under each table (its footnotes), when the tables found are SheetJS's.
    const under = page !== null ? htmlTextAfterTables(page.text) : []
    const pageNotes = under.length === book.SheetNames.length ? under : []
    const facts: WorkbookFacts = {
      sheets: book.SheetNames.map((name, index) => ({
        name: pageNames[index] ?? name,
        hidden: (hidden[index]?.Hidden ?? 0) !== 0,
        kind: book.Sheets[name]?.['!type'] === 'chart' ? 'chartsheet' : (book.Sheets[name]?.['!type'] as string | undefined) === 'macro' ? 'macrosheet' : 'worksheet',
        // The sheet's name in SheetJS's book.
        part: name,
        ...(pageNotes[index] ? { pageNotes: [pageNotes[index]] } : {})
      })),
      date1904: Boolean(book.Workbook?.WBProps?.date1904),
      title: book.Props?.Title ?? null,
      creator: book.Props?.Author ?? null,
      modified: book.Props?.ModifiedDate ? new Date(book.Props.ModifiedDate).toISOString().slice(0, 10) : null,
      hasMacros: book.vbaraw !== undefined,
      note:
        page !== null
          ? [
              `${fileName} is a web page (HTML tables) saved under an Excel name, not an Excel workbook: its cells were read as the page shows them, and numbers written with thousands separators or as percents were read as numbers.`,
              ...page.warnings
            ].join(' ')
          : null
    }
    const plainDayCount = !asWritten && !facts.date1904 && xlsSavedByLibreOffice(bytes)
    const textDated = !asWritten && !facts.date1904 && isXmlText(bytes)
    return new LegacyWorkbook(book, facts, asWritten, plainDayCount, textDated)
  }

  merges(sheet: WorkbookSheet): Promise<MergedCells[]> {
    const merges = this.book.Sheets[sheet.part!]?.['!merges'] ?? []
    return Promise.resolve(merges.map((merge) => ({ firstColumn: merge.s.c, lastColumn: merge.e.c, firstRow: merge.s.r + 1, lastRow: merge.e.r + 1 })))
  }

  readRows(sheet: WorkbookSheet, onRow: (row: SheetRow) => void, signal: AbortSignal, onRead: (fraction: number) => void): Promise<SheetReadFacts> {
    const data = (this.book.Sheets[sheet.part!]?.['!data'] ?? []) as (XLSX.CellObject[] | undefined)[]
    const rowsInfo = this.book.Sheets[sheet.part!]?.['!rows'] ?? []
    const hiddenColumns = (this.book.Sheets[sheet.part!]?.['!cols'] ?? []).flatMap((column, index) => (column?.hidden === true ? [index] : []))
    const codeColumns = this.asWritten ? codeColumnsOf(data) : new Set<number>()
    let formulasWithoutValue = 0
    const textFormulasSavedAsZero = new Map<number, number>()
    for (let r = 0; r < data.length; r++) {
      if (signal.aborted) throw new ImportCancelled()
      if (r % 1000 === 0) onRead(r / data.length)
      const cells = data[r]
      if (cells === undefined) continue
      const values: (string | null)[] = []
      const kinds: (CellKind | null)[] = []
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c]
        if (cell === undefined) continue
        if (cell.f !== undefined && cell.v === undefined) formulasWithoutValue++
        if (this.textSavedAsZero(cell)) {
          textFormulasSavedAsZero.set(c, (textFormulasSavedAsZero.get(c) ?? 0) + 1)
          continue
        }
        const shown = this.shown(cell, codeColumns.has(c))
        if (shown === null) continue
        while (values.length < c) {
          values.push(null)
          kinds.push(null)
        }
        values[c] = shown.text
        kinds[c] = shown.kind
      }
      onRow({ row: r + 1, values, kinds, hidden: rowsInfo[r]?.hidden === true })
    }
    return Promise.resolve({ formulasWithoutValue, textFormulasSavedAsZero, hiddenColumns })
  }

  /**
   * LibreOffice's .xls writer saves a formula's text result as the number 0 and leaves the text
   * out (Excel writes it in a STRING record, which SheetJS reads as text): a 0 from a formula that
   * can give text is not known to be 0.
   */
  private textSavedAsZero(cell: XLSX.CellObject): boolean {
    return cell.t === 'n' && cell.v === 0 && typeof cell.f === 'string' && formulaMayGiveText(cell.f)
  }

  /** What a cell shows; `code` for a column of a page that holds codes with leading zeros, whose cells stay as written. */
  private shown(cell: XLSX.CellObject, code: boolean): { kind: CellKind; text: string } | null {
    const value = cell.v
    if (value === undefined || value === null || value === '') return null
    switch (cell.t) {
      case 'b':
        return { kind: 'boolean', text: value ? 'TRUE' : 'FALSE' }
      case 'e':
        return { kind: 'error', text: ERRORS[value as number] ?? '#ERROR' }
      case 'n': {
        const cellFormat = typeof cell.z === 'string' ? cellFormatOf(-1, cell.z) : null
        const word = shownInstead(cellFormat, value as number)
        // A word shown in place of the number is kept as that word; a number shown as nothing is kept, and counted (see CellKind).
        if (word !== null) return word === '' ? { kind: 'hidden', text: sheetNumberText(value as number) } : { kind: 'word', text: word }
        const format = valueFormat(cellFormat)
        const date = format !== null && 'date' in format
        const day = date && format.date !== 'time'
        const serial = this.plainDayCount && day ? excelSerialOfPlainCount(value as number) : this.textDated && day ? writtenDaySerial(value as number) : (value as number)
        const text = format === null ? null : formattedNumber(serial, format, this.facts.date1904)
        if (text === null) return { kind: format !== null && 'percent' in format ? 'percent' : 'number', text: sheetNumberText(value as number) }
        return { kind: format !== null && 'date' in format ? 'date' : 'number', text }
      }
      case 'd':
        return { kind: 'date', text: (value as Date).toISOString().replace(/T00:00:00\.000Z$/, '').replace(/\.000Z$/, '') }
      default: {
        const text = String(value)
        if (!this.asWritten) return { kind: typeof cell.z === 'string' && textShownInstead(cellFormatOf(-1, cell.z)) === '' ? 'hidden' : 'text', text }
        // A page's numbers are text as it shows them: 382,265 is the number 382265 shown #,##0, and
        // 45.6% the fraction 0.456, as a workbook holds them; a column of codes (00123) keeps them all.
        if (!code && GROUPED_NUMBER.test(text)) return { kind: 'number', text: text.replaceAll(',', '') }
        if (!code && PERCENT_NUMBER.test(text)) return { kind: 'percent', text: sheetNumberText(Number(text.slice(0, -1)) / 100) }
        return { kind: WRITTEN_NUMBER.test(text) ? 'number' : 'text', text }
      }
    }
  }

  close(): void {}
}

/**
 * A serial SheetJS made of a day written as text, on Excel's count: its 60 (and times of that day) is
 * the 1900-02-28 the file wrote, Excel's 59; every other day it counts as Excel does. A real .xls's
 * serial 60 is Excel's 1900-02-29 and is read as such (see serialDateText).
 */
function writtenDaySerial(serial: number): number {
  return serial >= 60 && serial < 61 ? serial - 1 : serial
}

/** Whether a file is XML text (after a byte-order mark and blanks), not a binary .xls or other text SheetJS reads serials from. */
function isXmlText(bytes: Buffer): boolean {
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  while (at < bytes.length && at < 4096 && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0a || bytes[at] === 0x0d)) at++
  return bytes[at] === 0x3c
}

/** The columns of a page's table (SheetJS's rows of cells) with a code written with a leading zero. */
function codeColumnsOf(data: readonly (XLSX.CellObject[] | undefined)[]): Set<number> {
  const columns = new Set<number>()
  for (const cells of data) {
    if (cells === undefined) continue
    for (let c = 0; c < cells.length; c++) if (cells[c]?.t === 's' && LEADING_ZERO.test(String(cells[c]!.v))) columns.add(c)
  }
  return columns
}
