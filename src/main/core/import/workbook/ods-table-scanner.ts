import { DamagedXml, elementTooLong, MAX_ELEMENT_CHARS } from './damaged-xml'
import { cellText, odsDateText, odsTimeText, shownDuration } from './ods-cell-values'
import { scientificNumberText, writtenNumberText } from './number-format'
import { paddedText, type OdsCellStyles, type WordsInstead } from './ods-cell-styles'
import { type OdsTables, TAG_INCOMPLETE } from './ods-tables'
import { raisedSpans } from './superscript-marks'
import type { CellKind, MergedCells, SheetRow } from './sheet-row'
import type { XmlTextReader } from './xml-elements'
import { attribute } from './xml-text'

/** The most columns a sheet holds (LibreOffice's and Excel's 16,384): a filled cell past them is damage. */
const MAX_COLUMNS = 16_384
/** The most rows a filled row may be repeated to (sixteen times LibreOffice's 1,048,576). */
const MAX_ROWS = 16_777_216

const CELL = 'table:table-cell'
const COVERED = 'table:covered-table-cell'
const ROW = 'table:table-row'
const COLUMN = 'table:table-column'
const CELL_END = `</${CELL}>`
const COVERED_END = `</${COVERED}>`

const BEFORE = 0
const IN = 1
const AFTER = 2

/**
 * Reads one sheet (the `index`-th table) of an OpenDocument spreadsheet's content.xml as it streams
 * in, without building a tree: the tables before it are skipped by a string search, and its rows go
 * to `onRow` one at a time, so memory holds only the row being read and the cell still arriving.
 * Repeated rows and cells (number-rows-repeated, number-columns-repeated) are repeated only when they
 * hold something: LibreOffice ends a sheet with a million empty rows of a thousand empty cells.
 * With `cells` false only the merged cells (number-columns-spanned, number-rows-spanned) are read.
 * XML that ends before the table does is damage (DamagedXml). Before a row that holds something is
 * handed on, `onCells` hears how many filled cells it makes, repeats counted, so that the reading
 * can refuse a few bytes that would repeat into millions of cells (see OdsWorkbook).
 */
export class OdsTableScanner implements XmlTextReader {
  readonly merges: MergedCells[] = []
  /** Formula cells saved with no value (a program that does not calculate wrote them). */
  formulasWithoutValue = 0
  /** What came after the table's end tag in the text fed last: the start of the sheets after it. */
  rest = ''
  private phase = BEFORE
  private stopped = false
  private waiting: string[] = []
  private waitingLength = 0
  /** Columns hidden by their table-column's visibility, in order. */
  private readonly hidden: number[] = []
  /** Columns whose default cell style is one the reading asks about (see OdsCellStyles), as first, last and style. */
  private readonly styledColumns: { first: number; last: number; style: string }[] = []
  private columnCount = 0
  /** Rows of the table read so far, repeats counted: the next row is row + 1. */
  private row = 0
  private inRow = false
  private rowRepeat = 1
  private rowHidden = false
  /** The row's default cell style, when it is one the reading asks about. */
  private rowStyle: string | null = null
  private cellColumn = 0
  /** Filled cells in the row being read, column repeats counted. */
  private filled = 0
  private values: (string | null)[] = []
  private kinds: (CellKind | null)[] = []
  /** The widest row read, in columns. */
  private width = 0

  constructor(
    /** The tables of content.xml counted so far, wherever its reading starts (see ContentCursor). */
    private readonly tables: OdsTables,
    private readonly index: number,
    private readonly cells: boolean,
    private readonly styles: OdsCellStyles,
    private readonly onRow: (row: SheetRow) => void,
    /** Told the filled cells a row makes (`row`: its first number, `repeated`: how often it is) before it is handed on; may throw. */
    private readonly onCells: (cells: number, row: number, repeated: number) => void
  ) {}

  /** The columns the sheet hides, among those that hold something in some row. */
  get hiddenColumns(): number[] {
    return this.hidden.filter((column) => column < this.width)
  }

  feed(chunk: string): void {
    if (this.stopped) return
    if (this.waitingLength > 0 && chunk.indexOf('<') < 0 && chunk.indexOf('>') < 0) {
      this.wait(chunk)
      return
    }
    const text = this.waitingLength > 0 ? this.waiting.join('') + chunk : chunk
    this.waiting = []
    this.waitingLength = 0
    const read = this.scan(text)
    if (this.stopped) this.rest = text.slice(read)
    else if (read < text.length) this.wait(text.slice(read))
  }

  end(): void {
    if (this.phase !== AFTER) throw new DamagedXml('ends mid-way through its XML')
  }

  enough(): boolean {
    return this.stopped
  }

  /** Reads no further (the caller has the rows it wanted). */
  stop(): void {
    this.stopped = true
  }

  private wait(text: string): void {
    this.waiting.push(text)
    this.waitingLength += text.length
    if (this.waitingLength > MAX_ELEMENT_CHARS) throw elementTooLong(this.inRow ? `a cell in row ${this.row + 1}` : 'an element')
  }

  /** Reads what `text` holds of the table; returns how far it read (the start of an element not all there). */
  private scan(text: string): number {
    let pos = 0
    if (this.phase === BEFORE) {
      pos = this.tables.scan(text, 0, (_tag, index, empty) => {
        if (index !== this.index) return false
        this.phase = empty ? AFTER : IN
        return true
      })
      if (this.phase === BEFORE) return pos
      if (this.phase === AFTER) {
        this.stopped = true
        return pos
      }
    }
    while (!this.stopped) {
      const lt = text.indexOf('<', pos)
      if (lt < 0) return text.length
      const next = text.charCodeAt(lt + 1)
      if (Number.isNaN(next)) return lt
      if (next === 47) {
        const gt = text.indexOf('>', lt)
        if (gt < 0) return lt
        if (startsName(text, lt + 2, ROW)) this.endRow()
        else if (startsName(text, lt + 2, 'table:table')) {
          this.phase = AFTER
          this.stopped = true
          return gt + 1
        }
        pos = gt + 1
        continue
      }
      if (next === 33 && text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4)
        if (end < 0) return lt
        pos = end + 3
        continue
      }
      if (startsName(text, lt + 1, CELL)) {
        const after = this.cell(text, lt, false)
        if (after === TAG_INCOMPLETE) return lt
        pos = after
        continue
      }
      if (startsName(text, lt + 1, COVERED)) {
        const after = this.cell(text, lt, true)
        if (after === TAG_INCOMPLETE) return lt
        pos = after
        continue
      }
      const gt = text.indexOf('>', lt)
      if (gt < 0) return lt
      if (startsName(text, lt + 1, ROW)) {
        this.startRow(text.slice(lt, gt + 1))
        if (text.charCodeAt(gt - 1) === 47) this.endRow()
      } else if (startsName(text, lt + 1, COLUMN)) this.column(text.slice(lt, gt + 1))
      pos = gt + 1
    }
    return pos
  }

  private column(tag: string): void {
    const count = repeats(tag, 'table:number-columns-repeated')
    const first = this.columnCount
    this.columnCount += count
    if (attribute(tag, 'table:visibility') === 'collapse') {
      for (let column = first; column < Math.min(this.columnCount, MAX_COLUMNS); column++) this.hidden.push(column)
    }
    const style = attribute(tag, 'table:default-cell-style-name')
    if (style !== null && this.known(style)) this.styledColumns.push({ first, last: this.columnCount - 1, style })
  }

  private startRow(tag: string): void {
    this.inRow = true
    this.rowRepeat = repeats(tag, 'table:number-rows-repeated')
    const visibility = attribute(tag, 'table:visibility')
    this.rowHidden = visibility === 'collapse' || visibility === 'filter'
    const style = this.styles.padded.size === 0 && this.styles.dateTime.size === 0 && this.styles.instead.size === 0 && this.styles.duration.size === 0 && this.styles.scientific.size === 0 ? null : attribute(tag, 'table:default-cell-style-name')
    this.rowStyle = style !== null && this.known(style) ? style : null
    this.cellColumn = 0
    this.filled = 0
    this.values = []
    this.kinds = []
  }

  private endRow(): void {
    if (!this.inRow) return
    this.inRow = false
    const first = this.row + 1
    this.row += this.rowRepeat
    // A row that holds nothing is not handed on, however often it is repeated.
    if (this.values.length === 0) return
    if (this.row > MAX_ROWS) throw new DamagedXml(`repeats row ${first.toLocaleString('en-US')} past row ${MAX_ROWS.toLocaleString('en-US')}`)
    this.onCells(this.filled * this.rowRepeat, first, this.rowRepeat)
    this.width = Math.max(this.width, this.values.length)
    // A reader that has the rows it wanted stops the copies too.
    for (let row = first; row <= this.row && !this.stopped; row++) {
      const copy = row === this.row
      this.onRow({ row, values: copy ? this.values : this.values.slice(), kinds: copy ? this.kinds : this.kinds.slice(), hidden: this.rowHidden })
    }
  }

  /** Reads the cell whose start tag opens at `lt` and puts what it shows in the row; returns where reading goes on. */
  private cell(text: string, lt: number, covered: boolean): number {
    const gt = text.indexOf('>', lt)
    if (gt < 0) return TAG_INCOMPLETE
    const tag = text.slice(lt, gt + 1)
    let inner = ''
    let next = gt + 1
    if (text.charCodeAt(gt - 1) !== 47) {
      const closeTag = covered ? COVERED_END : CELL_END
      const end = text.indexOf(closeTag, gt + 1)
      if (end < 0) return TAG_INCOMPLETE
      inner = text.slice(gt + 1, end)
      next = end + closeTag.length
    }
    const column = this.cellColumn
    const count = repeats(tag, 'table:number-columns-repeated')
    this.cellColumn += count
    // A covered cell lies under a merged cell: what it may still hold is not shown.
    if (covered || !this.inRow) return next
    if (tag.includes('-spanned')) {
      // A merge reaches no further than a sheet does.
      const columns = Math.min(repeats(tag, 'table:number-columns-spanned'), Math.max(1, MAX_COLUMNS - column))
      const rows = Math.min(repeats(tag, 'table:number-rows-spanned'), Math.max(1, MAX_ROWS - this.row))
      if (columns > 1 || rows > 1) this.merges.push({ firstColumn: column, lastColumn: column + columns - 1, firstRow: this.row + 1, lastRow: this.row + rows })
    }
    if (!this.cells) return next
    const shown = this.shown(tag, inner, column)
    if (shown === null) return next
    if (column + count > MAX_COLUMNS) throw new DamagedXml(`has a cell in row ${this.row + 1} past column ${MAX_COLUMNS.toLocaleString('en-US')}`)
    const values = this.values
    const kinds = this.kinds
    while (values.length < column) {
      values.push(null)
      kinds.push(null)
    }
    for (let k = 0; k < count; k++) {
      values[column + k] = this.text
      kinds[column + k] = shown
    }
    this.filled += count
    return next
  }

  /** Set by `shown`: the text of the cell it was last asked about. */
  private text = ''

  /** What a cell shows (its text is left in `text`), or null when it shows nothing. */
  private shown(tag: string, inner: string, column: number): CellKind | null {
    const type = attribute(tag, 'office:value-type')
    if (attribute(tag, 'calcext:value-type') === 'error') return this.written(cellText(inner), 'error')
    switch (type) {
      case 'float':
      case 'percentage':
      case 'currency': {
        const written = attribute(tag, 'office:value')
        const value = Number(written ?? Number.NaN)
        if (Number.isNaN(value)) return this.written(cellText(inner), 'text')
        if (this.styles.padded.size > 0 && this.styled(this.styles.padded, tag, column)) {
          const shown = cellText(inner)
          if (shown !== null && paddedText(value, shown)) return this.written(shown, 'number')
        }
        const instead = this.insteadOf(tag, column)
        if (instead !== null) {
          // The cell's text is what its format shows: a word in place of the number is kept as that word, a number shown as nothing is kept (see CellKind).
          const shown = (cellText(inner) ?? '').trim()
          if (shown !== '' && instead.numbers.has(shown)) return this.written(shown, 'word')
          if (shown === '' && instead.numbers.has('')) return this.written(writtenNumberText(written!), 'hidden')
        }
        this.text = writtenNumberText(written!)
        // A number shown with an exponent is a number, however many digits it has (see scientificNumberText).
        if (this.styles.scientific.size > 0 && this.styled(this.styles.scientific, tag, column)) this.text = scientificNumberText(value) ?? this.text
        // The file holds the fraction a percent cell shows times 100 (0.456 as 45.6%).
        return type === 'percentage' ? 'percent' : 'number'
      }
      case 'date': {
        const shown = cellText(inner)
        const text = odsDateText(attribute(tag, 'office:date-value') ?? '', shown)
        if (text === null) return this.written(shown, 'text')
        // A midnight written without its time, under a format that shows one: the sheet shows 00:00.
        if (text.length === 10 && this.styles.dateTime.size > 0 && this.styled(this.styles.dateTime, tag, column)) return this.written(`${text}T00:00:00`, 'date')
        return this.written(text, 'date')
      }
      case 'time': {
        const time = odsTimeText(attribute(tag, 'office:time-value') ?? '')
        const shown = cellText(inner)
        if (time === null) return this.written(shown, 'text')
        // A duration ([HH]:MM, or one past a day) reads as .xlsx and .xls read it: "36:30", "12:00",
        // "0:00:01", as the cell's text shows it when that is the value the file holds.
        const elapsed = time.kind === 'number' || (this.styles.duration.size > 0 && this.styled(this.styles.duration, tag, column))
        return elapsed && shown !== null && shownDuration(shown) === time.text ? this.written(shown, 'number') : this.written(time.text, time.kind)
      }
      case 'boolean': {
        const value = attribute(tag, 'office:boolean-value')
        return this.written(value === 'true' || value === '1' ? 'TRUE' : 'FALSE', 'boolean')
      }
      default: {
        const kind = this.written(attribute(tag, 'office:string-value') ?? cellText(raisedSpans(inner, this.styles.superscripts)), this.insteadOf(tag, column)?.text === '' ? 'hidden' : 'text')
        if (kind === null && type === null && tag.includes('table:formula=')) this.formulasWithoutValue++
        return kind
      }
    }
  }

  private written(text: string | null, kind: CellKind): CellKind | null {
    if (text === null || text === '') return null
    this.text = text
    return kind
  }

  /** Whether `style` is one of the styles the reading asks about. */
  private known(style: string): boolean {
    return this.styles.padded.has(style) || this.styles.dateTime.has(style) || this.styles.instead.has(style) || this.styles.duration.has(style) || this.styles.scientific.has(style)
  }

  /** Whether a cell's format is one of `styles`: its own style's, else its row's or its column's default. */
  private styled(styles: { has(style: string): boolean }, tag: string, column: number): boolean {
    return this.styleAmong(styles, tag, column) !== null
  }

  /** The cell's style if it is one of `styles` (see styled), else null. */
  private styleAmong(styles: { has(style: string): boolean }, tag: string, column: number): string | null {
    const own = attribute(tag, 'table:style-name')
    if (own !== null && styles.has(own)) return own
    if (this.rowStyle !== null && styles.has(this.rowStyle)) return this.rowStyle
    for (const { first, last, style } of this.styledColumns) if (column >= first && column <= last && styles.has(style)) return style
    return null
  }

  /** What the cell's format shows in place of its value, if its style shows a word or nothing in place of some (see WordsInstead). */
  private insteadOf(tag: string, column: number): WordsInstead | null {
    if (this.styles.instead.size === 0) return null
    const style = this.styleAmong(this.styles.instead, tag, column)
    return style === null ? null : this.styles.instead.get(style)!
  }
}

/** Whether the element name at `start` is `name` (and not a longer name it begins). */
function startsName(text: string, start: number, name: string): boolean {
  if (!text.startsWith(name, start)) return false
  const code = text.charCodeAt(start + name.length)
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13
}

/** A count attribute (repeated, spanned): 1 when absent or not a positive number. */
function repeats(tag: string, name: string): number {
  if (!tag.includes(name)) return 1
  const count = Number.parseInt(attribute(tag, name) ?? '1', 10)
  return count >= 1 ? count : 1
}
