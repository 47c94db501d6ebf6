import { readPackageProperties } from '../document/read-package-properties'
import { megabytes, type ZipPackage } from '../zip/zip-package'
import { ImportInputError } from '../row-sink'
import { DamagedXml } from './damaged-xml'
import { HEADER_WINDOW, headerMayUseMerges } from './find-sheet-table'
import { hiddenOdsTableStyles } from './ods-hidden-tables'
import { odsCellStyles, type OdsCellStyles } from './ods-cell-styles'
import { ContentCursor } from './ods-content-cursor'
import { OdsTableScanner } from './ods-table-scanner'
import { OdsTables } from './ods-tables'
import type { MergedCells, SheetRow } from './sheet-row'
import type { SheetReadFacts, WorkbookFacts, WorkbookSheet, WorkbookSource } from './workbook-source'
import { streamXmlText, type XmlTextReader } from './xml-elements'
import { attribute } from './xml-text'

const CONTENT = 'content.xml'
const LABEL = 'its part content.xml'
const ROOT_END = '</office:document-content>'
const SPANNED = '-spanned="'
/** A table's start tag longer than this is damage, not a sheet's name and style. */
const MAX_TAG = 64 * 1024
/**
 * The filled cells an .ods's sheets may hold in all, whatever its size: a million cells cost some
 * 15 MB of archive. Past them, a file may hold one cell per character of its content.xml. Written
 * out, a cell takes 40 to 150 characters of XML, and files LibreOffice saves hold 0.007 to 0.06 cells
 * a character (measured here: 500,000 random numbers; a sparse table of zeros and ones; 100,000
 * identical rows, which LibreOffice writes one by one); only number-rows-repeated and
 * number-columns-repeated on cells that hold values can go past one, as a file built to fill the
 * disk does: 824 bytes repeating one row 5,000,000 times.
 */
const FREE_CELLS = 1_048_576

/**
 * An OpenDocument spreadsheet (.ods) read the streaming way. All its sheets are in one part,
 * content.xml, which is never held whole: opening it reads the list of sheets in one pass (and the
 * small parts, meta.xml and the styles); each sheet's rows are then read from where the sheet
 * before it ended (see ContentCursor), or, for a sheet asked for out of order, in a pass that skips
 * the sheets before it by string search (see OdsTableScanner).
 */
export class OdsWorkbook implements WorkbookSource {
  private constructor(
    private readonly zip: ZipPackage,
    private readonly fileName: string,
    readonly facts: WorkbookFacts,
    /** Each sheet's place among the tables of content.xml. */
    private readonly indexes: ReadonlyMap<WorkbookSheet, number>,
    /** The tables (by place) that merge cells: only their headers may need merges. */
    private readonly spanning: ReadonlySet<number>,
    /** Where each table starts in content.xml's text, and the text's length. */
    private readonly starts: readonly number[],
    private readonly length: number,
    private readonly cellStyles: OdsCellStyles
  ) {}

  /** The reading of content.xml the sheets' rows share, and how much of it has been read. */
  private cursor: ContentCursor | null = null
  private cursorRead = 0
  /** The filled cells each sheet (by place) held when it was read, for the limit on them all (FREE_CELLS). */
  private readonly cellsRead = new Map<number, number>()

  static async open(zip: ZipPackage, fileName: string, signal: AbortSignal): Promise<OdsWorkbook> {
    const list = new SheetList()
    await streamXmlText(await zip.stream(CONTENT, LABEL), list, signal, fileName, LABEL)
    const hiddenStyles = await hiddenOdsTableStyles(zip)
    const cellStyles = await odsCellStyles(zip)
    const properties = readPackageProperties((await zip.text('meta.xml')) ?? '', ['dc:title', 'meta:initial-creator', 'dc:creator', 'dc:date'])
    const indexes = new Map<WorkbookSheet, number>()
    const sheets = list.names.map((name, index) => {
      const sheet: WorkbookSheet = { name, hidden: hiddenStyles.has(list.styles[index] ?? ''), kind: 'worksheet', part: CONTENT }
      indexes.set(sheet, index)
      return sheet
    })
    const facts: WorkbookFacts = {
      sheets,
      date1904: list.date1904,
      title: properties.get('dc:title') ?? null,
      creator: properties.get('meta:initial-creator') ?? properties.get('dc:creator') ?? null,
      modified: properties.get('dc:date')?.slice(0, 10) ?? null,
      // LibreOffice keeps Basic macros in a Basic/ folder of the package; they are never run.
      hasMacros: zip.names().some((name) => /^Basic\/.+\.xml$/.test(name) && !name.endsWith('script-lc.xml')),
      note: null
    }
    return new OdsWorkbook(zip, fileName, facts, indexes, list.spanning, list.starts, list.length, cellStyles)
  }

  /**
   * The sheet's merged cells, when its header may need them: none when the sheet spans no cell (as
   * the first pass saw); and as for an .xlsx, a sheet whose first rows are full needs none, and is
   * spared a pass over all of it.
   */
  async merges(sheet: WorkbookSheet, signal: AbortSignal): Promise<MergedCells[]> {
    if (!this.spanning.has(this.indexOf(sheet))) return []
    const rows: SheetRow[] = []
    const first = this.scanner(sheet, true, (row) => {
      rows.push(row)
      if (rows.length >= HEADER_WINDOW) first.stop()
    })
    await this.readAlone(sheet, first, signal)
    if (!headerMayUseMerges(rows.slice(0, HEADER_WINDOW))) return []
    return this.allMerges(sheet, signal)
  }

  /** Every merged cell of the sheet, whatever its header needs. */
  async allMerges(sheet: WorkbookSheet, signal: AbortSignal): Promise<MergedCells[]> {
    const scanner = this.scanner(sheet, false, () => undefined)
    await this.readAlone(sheet, scanner, signal)
    return scanner.merges
  }

  /** Streams the sheet's rows to `onRow`; sheets read in their order share one reading of content.xml (see ContentCursor). */
  async readRows(sheet: WorkbookSheet, onRow: (row: SheetRow) => void, signal: AbortSignal, onRead: (fraction: number) => void): Promise<SheetReadFacts> {
    const index = this.indexOf(sheet)
    if (this.cursor === null || this.cursor.passed(index)) {
      this.cursor?.close()
      this.cursor = new ContentCursor(await this.zip.stream(CONTENT, LABEL), this.fileName)
      this.cursorRead = 0
    }
    const cursor = this.cursor
    const scanner = new OdsTableScanner(cursor.tables, index, true, this.cellStyles, onRow, this.cellLimit(sheet, index))
    // Where the sheet's table starts and ends in content.xml (as the first pass found) measures how far its reading is.
    const from = this.starts[index]!
    const length = Math.max(1, (this.starts[index + 1] ?? this.length) - from)
    await cursor.read(scanner, signal, sheetLabel(sheet), (read) => {
      this.cursorRead += read
      onRead(Math.min(1, Math.max(0, (this.cursorRead - from) / length)))
    })
    return { formulasWithoutValue: scanner.formulasWithoutValue, textFormulasSavedAsZero: new Map(), hiddenColumns: scanner.hiddenColumns }
  }

  /**
   * What a reading of the sheet tells its cells to: it refuses them once the file's sheets, each
   * counted once however often it is read, would hold more cells than FREE_CELLS or one for each
   * character of content.xml, whichever is more.
   */
  private cellLimit(sheet: WorkbookSheet, index: number): (cells: number, row: number, repeated: number) => void {
    const allowed = Math.max(FREE_CELLS, this.length)
    let others = 0
    for (const [at, cells] of this.cellsRead) if (at !== index) others += cells
    let read = 0
    return (cells, row, repeated) => {
      read += cells
      this.cellsRead.set(index, Math.max(this.cellsRead.get(index) ?? 0, read))
      if (others + read <= allowed) return
      const where = repeated > 1 ? `with ${sheetLabel(sheet)}’s row ${row.toLocaleString('en-US')} repeated ${repeated.toLocaleString('en-US')} times` : `at ${sheetLabel(sheet)}’s row ${row.toLocaleString('en-US')}`
      throw new ImportInputError(
        `${this.fileName} looks built to fill the disk: ${where}, its sheets would hold more than ${allowed.toLocaleString('en-US')} cells from ${megabytes(this.length)} of XML, far more than real spreadsheets do; nothing was imported. If its rows are meant to repeat, open it in LibreOffice, save each sheet as CSV and import those.`,
        null,
        null
      )
    }
  }

  private indexOf(sheet: WorkbookSheet): number {
    const index = this.indexes.get(sheet)
    if (index === undefined) throw new Error(`${sheet.name} is not a sheet of ${this.fileName}`)
    return index
  }

  /** A scanner for a reading of the sheet's merges and header, which hands on no more than the rows it asks for. */
  private scanner(sheet: WorkbookSheet, cells: boolean, onRow: (row: SheetRow) => void): OdsTableScanner {
    return new OdsTableScanner(new OdsTables(), this.indexOf(sheet), cells, this.cellStyles, onRow, () => undefined)
  }

  /** Reads the sheet with `scanner` in a pass over content.xml of its own, from its start. */
  private async readAlone(sheet: WorkbookSheet, scanner: OdsTableScanner, signal: AbortSignal): Promise<void> {
    await streamXmlText(await this.zip.stream(CONTENT, LABEL), scanner, signal, this.fileName, sheetLabel(sheet))
  }

  close(): void {
    this.cursor?.close()
    this.zip.close()
  }
}

/** How a message names a sheet. */
function sheetLabel(sheet: WorkbookSheet): string {
  return `sheet “${sheet.name}”`
}

/**
 * The first pass over content.xml: the names of its sheets, in order, and its date system (a
 * null date of 1904-01-01 is the 1904 system). The XML must end where the document does.
 */
class SheetList implements XmlTextReader {
  readonly names: string[] = []
  /** Each table's style, which may hide it. */
  readonly styles: (string | null)[] = []
  /** The tables, by place, that have a cell spanning others. */
  readonly spanning = new Set<number>()
  /** Where each table starts, in characters from the start of the text. */
  readonly starts: number[] = []
  /** The characters read so far. */
  length = 0
  date1904 = false
  private readonly tables = new OdsTables()
  private pending = ''
  /** The last characters read, where the document's end tag must be at the end. */
  private tail = ''
  private settingsRead = false

  feed(chunk: string): void {
    // Where `text` below starts in the whole.
    const offset = this.length - this.pending.length
    this.length += chunk.length
    this.tail = (this.tail + chunk.slice(-256)).slice(-256)
    const text = this.pending + chunk
    // The null date is set before the first table, in table:calculation-settings.
    if (!this.settingsRead) {
      const at = text.indexOf('<table:null-date')
      const end = at < 0 ? -1 : text.indexOf('>', at)
      if (at >= 0 && end < 0) {
        this.pending = text.slice(at)
        if (this.pending.length > MAX_TAG) throw new DamagedXml('has a table:null-date tag that does not end')
        return
      }
      if (end >= 0) this.date1904 = attribute(text.slice(at, end + 1), 'table:date-value')?.startsWith('1904-01-01') ?? false
      if (end >= 0 || text.includes('<table:table ')) this.settingsRead = true
    }
    const starts: number[] = []
    const read = this.tables.scan(text, 0, (tag, _index, _empty, at) => {
      this.names.push(attribute(tag, 'table:name') ?? `Sheet ${this.names.length + 1}`)
      this.styles.push(attribute(tag, 'table:style-name'))
      starts.push(at)
      this.starts.push(offset + at)
      return false
    })
    // A cell that spans others is in the last table that started before it (cells are only in tables).
    const before = this.names.length - starts.length
    let started = 0
    for (let at = text.indexOf(SPANNED); at >= 0 && at < read; at = text.indexOf(SPANNED, at + SPANNED.length)) {
      while (started < starts.length && starts[started]! < at) started++
      if (before + started > 0) this.spanning.add(before + started - 1)
    }
    this.pending = text.slice(read)
    if (this.pending.length > MAX_TAG) throw new DamagedXml('has a table:table tag that does not end')
  }

  end(): void {
    if (!this.tail.trimEnd().endsWith(ROOT_END)) throw new DamagedXml('ends mid-way through its XML')
  }

  enough(): boolean {
    return false
  }
}
