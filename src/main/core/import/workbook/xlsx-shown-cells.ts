import { columnLetters } from './cell-reference'
import { DamagedXml } from './damaged-xml'
import { EncodedRowWriter, type EncodedSheetRow } from './encoded-sheet-row'
import { excelSerialOfPlainCount, formattedNumber, shownInstead, textShownInstead, valueFormat, writtenNumberText, type CellFormat, type ShownInstead } from './number-format'
import type { SharedStrings } from './shared-strings'
import type { CellKind, SheetRow } from './sheet-row'
import { CELL_BOOLEAN, CELL_ERROR, CELL_ISO_DATE, CELL_NUMBER, CELL_SHARED_STRING, digitsAt, type SheetCells } from './xlsx-sheet-scanner'

/** Slots of the cache of formatted numbers (a power of two): enough for the days of decades. */
const FORMATTED_SLOTS = 16_384

const text = new TextDecoder()

/** How a cell format shows a number cell, worked out once for each format (see XlsxShownCells.plan). */
const NUMBER_AS_WRITTEN = 1
const PERCENT_AS_WRITTEN = 2
const NUMBER_BY_FORMAT = 3

/**
 * Where XlsxShownCells writes each row's cells as it reads them, as UTF-8: a cell copied from
 * bytes, or written from text; `endRow` closes the row. An output with `sharedString` is handed a
 * shared string's index as written (bytes[start, end), or `value`) instead of its text.
 */
export interface ShownRowsOutput {
  startRow(): void
  copy(column: number, kind: CellKind, source: Uint8Array, from: number, to: number): void
  text(column: number, kind: CellKind, text: string): void
  sharedString?(column: number, kind: CellKind, bytes: Uint8Array, start: number, end: number, value: string | null): void
  endRow(row: number, hidden: boolean): void
}

/** Rows written as EncodedSheetRows, each handed to a callback at its end. */
class RowsToCallback extends EncodedRowWriter implements ShownRowsOutput {
  constructor(private readonly onRow: (row: SheetRow) => void) {
    super()
  }

  override endRow(row: number, hidden: boolean): EncodedSheetRow {
    const ended = super.endRow(row, hidden)
    this.onRow(ended)
    return ended
  }
}

/**
 * The index in `strings` of a shared string's cell (in `row` and `column`), written as
 * bytes[start, end) or `value`. A cell that points past the table would otherwise show nothing,
 * and its row could vanish unseen: it is damage.
 */
export function sharedStringIndex(strings: SharedStrings, row: number, column: number, bytes: Uint8Array, start: number, end: number, value: string | null): number {
  const digits = start >= 0 ? digitsAt(bytes, start, end) : -1
  const index = digits >= 0 ? digits : Number(written(bytes, start, end, value))
  if (!strings.has(index)) {
    throw new DamagedXml(
      `refers in cell ${columnLetters(column)}${row} to shared string “${written(bytes, start, end, value)}”, which it does not have (it has ${strings.length.toLocaleString('en-US')})`
    )
  }
  return index
}

/** What a workbook gives its cells their meaning with. */
export interface XlsxCellContext {
  sharedStrings: SharedStrings
  /** By cell format (a cell's s attribute). */
  cellFormats: CellFormat[]
  date1904: boolean
  /** Its dates are serials of the 1900 system counted as LibreOffice counts them (see excelSerialOfPlainCount). */
  plainDayCount: boolean
}

/**
 * Takes a sheet's cells from XlsxSheetScanner as they are read and writes what each shows, as UTF-8,
 * straight into its row (see EncodedRowWriter): a shared string's bytes from the table, a number as
 * written or as its format shows it, TRUE/FALSE, an error, text. Each row goes to `onRow` at its end.
 */
export class XlsxShownCells implements SheetCells {
  private readonly out: ShownRowsOutput
  private row = 0
  private hidden = false
  /**
   * What the number formats made of numbers lately seen (dates repeat), by a slot of the cell
   * format and the number: `formattedText[slot]` for `formattedStyle[slot]` and `formattedValue[slot]`.
   */
  private readonly formattedStyle = new Int32Array(FORMATTED_SLOTS).fill(-1)
  private readonly formattedValue = new Float64Array(FORMATTED_SLOTS)
  private readonly formattedText: (string | null)[] = new Array<string | null>(FORMATTED_SLOTS).fill(null)
  /**
   * By cell format (a cell's s attribute): how it shows a number (NUMBER_…; 0 until worked out), and
   * what a text under it is. Each cell would otherwise ask its format the same questions again.
   */
  private readonly numberPlans: Uint8Array
  private readonly textKinds: ('hidden' | 'text' | null)[]

  /** `rows`: where each row goes at its end, or an output its cells are written into as they are read. */
  constructor(
    private readonly context: XlsxCellContext,
    rows: ((row: SheetRow) => void) | ShownRowsOutput
  ) {
    this.out = typeof rows === 'function' ? new RowsToCallback(rows) : rows
    this.numberPlans = new Uint8Array(context.cellFormats.length + 1)
    this.textKinds = new Array<'hidden' | 'text' | null>(context.cellFormats.length + 1).fill(null)
  }

  startRow(row: number, hidden: boolean): void {
    this.row = row
    this.hidden = hidden
    this.out.startRow()
  }

  endRow(): void {
    this.out.endRow(this.row, this.hidden)
  }

  cell(column: number, type: number, style: number, bytes: Uint8Array, start: number, end: number, value: string | null): void {
    if (start >= 0 ? start === end : value === null || value === '') return
    const out = this.out
    switch (type) {
      case CELL_SHARED_STRING: {
        // An output that has the table elsewhere (another thread's) takes the index as written.
        if (out.sharedString !== undefined) return out.sharedString(column, this.textKind(style), bytes, start, end, value)
        const strings = this.context.sharedStrings
        const index = sharedStringIndex(strings, this.row, column, bytes, start, end, value)
        const from = strings.startOf(index)
        const to = strings.endOf(index)
        if (from < to) out.copy(column, this.textKind(style), strings.buffer, from, to)
        return
      }
      case CELL_BOOLEAN: {
        const shown = written(bytes, start, end, value)
        out.text(column, 'boolean', shown === '1' || shown.toLowerCase() === 'true' ? 'TRUE' : 'FALSE')
        return
      }
      case CELL_ISO_DATE:
        // An ISO 8601 date written as such (strict Open XML); a midnight time says nothing.
        out.text(column, 'date', written(bytes, start, end, value).replace(/Z$/, '').replace(/T00:00:00(\.0+)?$/, ''))
        return
      case CELL_NUMBER: {
        // A format that shows the number as written (most cells: no format, or a plain one) needs
        // no more questions; a percent one only says what the number is.
        const plan = this.plan(style)
        if (plan !== NUMBER_BY_FORMAT) {
          const kind = plan === PERCENT_AS_WRITTEN ? 'percent' : 'number'
          if (start >= 0 && !respelled(bytes, start, end)) out.copy(column, kind, bytes, start, end)
          else out.text(column, kind, writtenNumberText(written(bytes, start, end, value)))
          return
        }
        const cellFormat = this.context.cellFormats[style] ?? null
        if (cellFormat !== null && 'words' in cellFormat) {
          const word = shownInstead(cellFormat, start >= 0 ? numberAt(bytes, start, end) : Number(value))
          if (word !== null && word !== '') {
            out.text(column, 'word', word)
            return
          }
          if (word === '') {
            // Hidden by its format: kept as the number the file holds, and counted (see CellKind).
            if (start >= 0 && !respelled(bytes, start, end)) out.copy(column, 'hidden', bytes, start, end)
            else out.text(column, 'hidden', writtenNumberText(written(bytes, start, end, value)))
            return
          }
        }
        const format = valueFormat(cellFormat)
        if (format !== null) {
          const formatted = this.formatted(style, format, start >= 0 ? numberAt(bytes, start, end) : Number(value))
          if (formatted !== null) {
            out.text(column, 'date' in format ? 'date' : 'number', formatted)
            return
          }
        }
        // A percent format shows the number the cell holds times 100 (0.456 as 45.6%).
        const kind = format !== null && 'percent' in format ? 'percent' : 'number'
        if (start >= 0 && !respelled(bytes, start, end)) out.copy(column, kind, bytes, start, end)
        else out.text(column, kind, writtenNumberText(written(bytes, start, end, value)))
        return
      }
      default: {
        // Text (a formula's, an inline string) or an error, as written.
        const kind = type === CELL_ERROR ? 'error' : this.textKind(style)
        if (start >= 0) out.copy(column, kind, bytes, start, end)
        else out.text(column, kind, value!)
      }
    }
  }

  /** What a text under the cell format `style` is: hidden by it (;;;) or text. */
  private textKind(style: number): 'hidden' | 'text' {
    const known = style < this.textKinds.length ? this.textKinds[style] : null
    if (known !== null && known !== undefined) return known
    const kind = textShownInstead(this.context.cellFormats[style] ?? null) === '' ? 'hidden' : 'text'
    if (style < this.textKinds.length) this.textKinds[style] = kind
    return kind
  }

  /**
   * How the cell format `style` shows a number: as written (NUMBER_AS_WRITTEN, or PERCENT_AS_WRITTEN
   * for a percent format, which formattedNumber leaves as the number stored), or by what the format
   * says (NUMBER_BY_FORMAT: words, dates, durations, padded digits).
   */
  private plan(style: number): number {
    const plans = this.numberPlans
    const known = style < plans.length ? plans[style]! : 0
    if (known !== 0) return known
    const cellFormat = this.context.cellFormats[style] ?? null
    let plan = NUMBER_BY_FORMAT
    if (cellFormat === null) plan = NUMBER_AS_WRITTEN
    else if (!('words' in cellFormat) && 'percent' in cellFormat) plan = PERCENT_AS_WRITTEN
    if (style < plans.length) plans[style] = plan
    return plan
  }

  /** How the cell format `style` shows `value` (null: as the number it is). */
  private formatted(style: number, format: Exclude<CellFormat, ShownInstead | null>, value: number): string | null {
    const slot = ((value | 0) * 31 + style) & (FORMATTED_SLOTS - 1)
    if (this.formattedStyle[slot] === style && this.formattedValue[slot] === value) return this.formattedText[slot]!
    // A time of day alone names no day: only dates move to Excel's count.
    const onExcelCount = this.context.plainDayCount && 'date' in format && format.date !== 'time' ? excelSerialOfPlainCount(value) : value
    const shown = formattedNumber(onExcelCount, format, this.context.date1904)
    this.formattedStyle[slot] = style
    this.formattedValue[slot] = value
    this.formattedText[slot] = shown
    return shown
  }
}

/** A cell's value as text: its bytes decoded, or the text it was decoded to. */
function written(bytes: Uint8Array, start: number, end: number, value: string | null): string {
  return start >= 0 ? text.decode(bytes.subarray(start, end)) : value!
}

/**
 * Whether the number written in b[start, end) may be spelled otherwise than writtenNumberText spells
 * it (as the other formats' readers give it): with an exponent (1.5E-007), or with a fraction in more
 * than 15 characters (0.30000000000000004).
 */
function respelled(b: Uint8Array, start: number, end: number): boolean {
  let point = false
  for (let i = start; i < end; i++) {
    const code = b[i]
    if (code === 69 || code === 101) return true
    if (code === 46) point = true
  }
  return point && end - start > 15
}

/** The number written in b[start, end): digits are read by hand, anything else by Number. */
function numberAt(b: Uint8Array, start: number, end: number): number {
  const whole = end - start <= 15 ? digitsAt(b, start, end) : -1
  return whole >= 0 ? whole : Number(text.decode(b.subarray(start, end)))
}
