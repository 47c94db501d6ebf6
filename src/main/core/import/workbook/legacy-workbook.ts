import * as XLSX from '@e965/xlsx'
import { ImportCancelled, ImportInputError } from '../row-sink'
import { cellFormatOf, formattedNumber } from './number-format'
import type { OdsPaddedCells } from './ods-padded-cells'
import { formulaMayGiveText } from './text-formula'
import type { CellKind, MergedCells, SheetRow } from './sheet-row'
import type { SheetReadFacts, WorkbookSource } from './workbook-source'
import type { WorkbookFacts, WorkbookSheet } from './workbook-source'

/** Text written as a number (1,234 or 2012), in a table whose cells are all text. */
const WRITTEN_NUMBER = /^[-+]?\d[\d,]*(\.\d+)?$/

/** Excel's error codes as BIFF stores them, and the text a sheet shows for each. */
const ERRORS: Record<number, string> = { 0: '#NULL!', 7: '#DIV/0!', 15: '#VALUE!', 23: '#REF!', 29: '#NAME?', 36: '#NUM!', 42: '#N/A', 43: '#GETTING_DATA' }

/**
 * An .ods date as Excel counts it. An .ods cell holds its date as an ISO day (there is no 1900-02-29
 * in it), which SheetJS turns into a serial by Excel's count with its threshold a day late: 1900-02-28
 * comes out as 60, Excel's day that never was, and in the 1904 system the days before 1900-02-28 one
 * lower than the calendar. Put back, each serial shows the day the file holds.
 */
function excelSerialOfOdsDate(serial: number, date1904: boolean): number {
  if (date1904) return serial < -1402 ? serial + 1 : serial
  return serial >= 60 && serial < 61 ? serial - 1 : serial
}

/**
 * An Excel 97–2003 workbook (.xls, BIFF) or an OpenDocument spreadsheet (.ods), read by SheetJS.
 * SheetJS reads a file whole: .xls holds at most 65,536 rows a sheet, so that is bounded by the
 * format; an .ods file is read whole too (see the README's design notes).
 */
export class LegacyWorkbook implements WorkbookSource {
  private constructor(
    private readonly book: XLSX.WorkBook,
    private readonly format: 'xls' | 'ods',
    readonly facts: WorkbookFacts,
    private readonly asWritten: boolean,
    private readonly padded: OdsPaddedCells
  ) {}

  /**
   * `asWritten` is for an HTML table named .xls: its cells are text, kept as written (SheetJS would
   * read 007 as 7), and only guessed to be numbers for finding the header. `hiddenSheets` names
   * sheets hidden in ways SheetJS does not report (an .ods sheet's table style); `padded`, the
   * .ods cells whose zero-padded format SheetJS does not see (a column's default style), whose
   * shown text (SheetJS's cellText, the cell's text:p) is kept.
   */
  static async open(bytes: Buffer, fileName: string, format: 'xls' | 'ods', asWritten: boolean, hiddenSheets: ReadonlySet<string>, padded: OdsPaddedCells): Promise<LegacyWorkbook> {
    let book: XLSX.WorkBook
    try {
      book = XLSX.read(bytes, { type: 'buffer', dense: true, raw: asWritten, cellDates: false, cellNF: true, cellText: format === 'ods', cellHTML: false, cellStyles: false, bookVBA: false, WTF: false })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (/password-protected/i.test(message)) throw new ImportInputError(`${fileName} is password-protected; open it, save a copy without a password and import that.`, null, null)
      const what = format === 'xls' ? 'an Excel 97–2003 workbook (.xls)' : 'an OpenDocument spreadsheet (.ods)'
      throw new ImportInputError(`${fileName} is damaged or not ${what}; nothing was imported. Open it in a spreadsheet program, save it as .xlsx and import that.`, null, null)
    }
    const hidden = book.Workbook?.Sheets ?? []
    const facts: WorkbookFacts = {
      sheets: book.SheetNames.map((name, index) => ({
        name,
        hidden: (hidden[index]?.Hidden ?? 0) !== 0 || hiddenSheets.has(name),
        kind: book.Sheets[name]?.['!type'] === 'chart' ? 'chartsheet' : (book.Sheets[name]?.['!type'] as string | undefined) === 'macro' ? 'macrosheet' : 'worksheet',
        part: name
      })),
      date1904: Boolean(book.Workbook?.WBProps?.date1904),
      title: book.Props?.Title ?? null,
      creator: book.Props?.Author ?? null,
      modified: book.Props?.ModifiedDate ? new Date(book.Props.ModifiedDate).toISOString().slice(0, 10) : null,
      hasMacros: book.vbaraw !== undefined
    }
    return new LegacyWorkbook(book, format, facts, asWritten, padded)
  }

  merges(sheet: WorkbookSheet): Promise<MergedCells[]> {
    const merges = this.book.Sheets[sheet.name]?.['!merges'] ?? []
    return Promise.resolve(merges.map((merge) => ({ firstColumn: merge.s.c, lastColumn: merge.e.c, firstRow: merge.s.r + 1, lastRow: merge.e.r + 1 })))
  }

  readRows(sheet: WorkbookSheet, onRow: (row: SheetRow) => void, signal: AbortSignal, onRead: (fraction: number) => void): Promise<SheetReadFacts> {
    const data = (this.book.Sheets[sheet.name]?.['!data'] ?? []) as (XLSX.CellObject[] | undefined)[]
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
        const padded = cell.t === 'n' && cell.z === undefined ? this.padded.shownText(sheet.name, r, c, cell.v as number, cell.w) : null
        const shown = padded !== null ? { kind: 'number' as const, text: padded } : this.shown(cell)
        if (shown === null) continue
        while (values.length < c) {
          values.push(null)
          kinds.push(null)
        }
        values[c] = shown.text
        kinds[c] = shown.kind
      }
      onRow({ row: r + 1, hidden: false, values, kinds })
    }
    return Promise.resolve({ formulasWithoutValue, textFormulasSavedAsZero, hiddenColumns: [] })
  }

  /**
   * LibreOffice's .xls writer saves a formula's text result as the number 0 and leaves the text
   * out (Excel writes it in a STRING record, which SheetJS reads as text): a 0 from a formula that
   * can give text is not known to be 0.
   */
  private textSavedAsZero(cell: XLSX.CellObject): boolean {
    return this.format === 'xls' && cell.t === 'n' && cell.v === 0 && typeof cell.f === 'string' && formulaMayGiveText(cell.f)
  }

  private shown(cell: XLSX.CellObject): { kind: CellKind; text: string } | null {
    const value = cell.v
    if (value === undefined || value === null || value === '') return null
    switch (cell.t) {
      case 'b':
        return { kind: 'boolean', text: value ? 'TRUE' : 'FALSE' }
      case 'e':
        return { kind: 'error', text: ERRORS[value as number] ?? '#ERROR' }
      case 'n': {
        const format = typeof cell.z === 'string' ? cellFormatOf(-1, cell.z) : null
        const serial = this.format === 'ods' && format !== null && 'date' in format ? excelSerialOfOdsDate(value as number, this.facts.date1904) : (value as number)
        const text = format === null ? null : formattedNumber(serial, format, this.facts.date1904)
        if (text === null) return { kind: 'number', text: String(value) }
        return { kind: format !== null && 'date' in format ? 'date' : 'number', text }
      }
      case 'd':
        return { kind: 'date', text: (value as Date).toISOString().replace(/T00:00:00\.000Z$/, '').replace(/\.000Z$/, '') }
      default:
        return { kind: this.asWritten && WRITTEN_NUMBER.test(String(value)) ? 'number' : 'text', text: String(value) }
    }
  }

  close(): void {}
}
