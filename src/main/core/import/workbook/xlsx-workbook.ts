import { stat } from 'node:fs/promises'
import { posix } from 'node:path'
import { Parser } from 'htmlparser2'
import { readPackageProperties } from '../document/read-package-properties'
import { ImportInputError } from '../row-sink'
import { damaged, type ZipPackage } from '../zip/zip-package'
import { parseCellRange } from './cell-reference'
import { elementTooLong, MAX_ELEMENT_CHARS } from './damaged-xml'
import { HEADER_WINDOW, headerMayUseMerges } from './find-sheet-table'
import { cellFormatOf, type CellFormat } from './number-format'
import type { MergedCells, SheetRow } from './sheet-row'
import { SharedStrings } from './shared-strings'
import { SharedStringsReader } from './shared-strings-reader'
import { SheetRowsThread } from './sheet-rows-thread'
import type { SheetReadFacts, WorkbookFacts, WorkbookSheet, WorkbookSource } from './workbook-source'
import { streamXmlBytes } from './xml-elements'
import { XlsxSheetScanner } from './xlsx-sheet-scanner'
import { XlsxShownCells, type XlsxCellContext } from './xlsx-shown-cells'
import { attribute } from './xml-text'

/** Where a large sheet's rows may be read on a thread of their own (see readRowsOnThread). */
export interface SheetThread {
  /** The built sheet-rows-worker.js. */
  worker: string
  /** Sheets of fewer bytes of XML are read on the importing thread (SHEET_THREAD_MIN_BYTES). */
  minBytes: number
}

const RELATIONSHIP_KINDS: Record<string, WorkbookSheet['kind']> = {
  worksheet: 'worksheet',
  chartsheet: 'chartsheet',
  xlmacrosheet: 'macrosheet',
  macrosheet: 'macrosheet',
  dialogsheet: 'dialogsheet'
}

/**
 * An Office Open XML workbook (.xlsx, .xlsm) read the streaming way: the small parts (workbook,
 * relationships, styles, shared strings) are read first, wherever the writing program put them in
 * the zip; then each sheet's XML streams through XlsxSheetScanner one chunk at a time.
 */
export class XlsxWorkbook implements WorkbookSource {
  private constructor(
    private readonly zip: ZipPackage,
    private readonly fileName: string,
    readonly facts: WorkbookFacts,
    /** What its cells are shown with: shared strings, number formats, date system. */
    private readonly cellContext: XlsxCellContext,
    /** Reads its large sheets' rows (SheetThread.minBytes of XML or more); null reads every sheet here. */
    private readonly sheetsThread: { thread: SheetRowsThread; minBytes: number } | null
  ) {}

  /** `thread`: where large sheets may be read on a thread of their own, and the file's path for it; null reads every sheet here. */
  static async open(zip: ZipPackage, fileName: string, signal: AbortSignal, thread: (SheetThread & { path: string }) | null = null): Promise<XlsxWorkbook> {
    // The file as it is now opened: the sheets' thread opens it again, and reads it only if it is the same file.
    const file = thread === null ? null : await stat(thread.path, { bigint: true })
    const workbookPart = mainPart(await zip.text('_rels/.rels')) ?? 'xl/workbook.xml'
    const workbookXml = await zip.text(workbookPart)
    if (workbookXml === null) {
      throw new ImportInputError(`${fileName} is not an Excel workbook: it has no workbook part (${workbookPart}); nothing was imported.`, null, null)
    }
    const relationships = relationshipsOf(await zip.text(relationshipsPart(workbookPart)), posix.dirname(workbookPart))
    const listed = sheetsOf(workbookXml, relationships.byId)
    const date1904 = listed.date1904
    const sheets = listed.sheets.map((sheet) => ({ ...sheet, part: sheet.part === null ? null : storedPart(zip, sheet, fileName) }))
    const properties = readPackageProperties((await zip.text('docProps/core.xml')) ?? '', ['dc:title', 'dc:creator', 'cp:lastModifiedBy', 'dcterms:modified'])
    const named = (type: string) => {
      const target = relationships.byType.get(type) ?? null
      return target === null ? null : zip.partName(target)
    }
    const stylesPart = named('styles')
    const cellFormats = stylesPart === null ? [] : cellFormatsOf((await zip.text(stylesPart)) ?? '')
    const sharedPart = named('sharedStrings')
    // The program that saved the file last wrote every serial in it: LibreOffice names itself here.
    const savedByLibreOffice = /<(?:[\w.-]+:)?Application>\s*LibreOffice/i.test((await zip.text('docProps/app.xml')) ?? '')
    const plainDayCount = savedByLibreOffice && !date1904
    const large = thread !== null && sheets.some((sheet) => sheet.kind === 'worksheet' && sheet.part !== null && zip.sizeOf(sheet.part) >= thread.minBytes)
    // Started before the shared strings are read: its start overlaps with their reading.
    const sheetsThread =
      thread === null || file === null || !large
        ? null
        : new SheetRowsThread(thread.worker, {
            path: thread.path,
            fileName,
            file: { dev: file.dev, ino: file.ino, size: file.size, mtimeNs: file.mtimeNs },
            stylesPart,
            date1904,
            plainDayCount
          })
    try {
      const sharedStrings = new SharedStrings()
      if (sharedPart !== null && zip.has(sharedPart)) {
        const label = 'its shared-strings part'
        await streamXmlBytes(await zip.stream(sharedPart, label), new SharedStringsReader(sharedStrings), signal, fileName, label)
      }
      const facts: WorkbookFacts = {
        sheets,
        date1904,
        title: properties.get('dc:title') ?? null,
        creator: properties.get('dc:creator') ?? null,
        modified: properties.get('dcterms:modified')?.slice(0, 10) ?? null,
        hasMacros: zip.names().some((name) => /(^|\/)vbaProject\.bin$/i.test(name)) || sheets.some((sheet) => sheet.kind === 'macrosheet'),
        note: null
      }
      const context = { sharedStrings, cellFormats, date1904, plainDayCount }
      return new XlsxWorkbook(zip, fileName, facts, context, sheetsThread === null ? null : { thread: sheetsThread, minBytes: thread!.minBytes })
    } catch (error) {
      sheetsThread?.close()
      throw error
    }
  }

  /**
   * The sheet's merged ranges, when its header may need them. They are written after the rows, so
   * finding them takes a pass over the sheet's XML of its own, which only inflates and searches: a
   * table's header needs them before its first row is read.
   */
  async merges(sheet: WorkbookSheet, signal: AbortSignal): Promise<MergedCells[]> {
    if (sheet.part === null || !this.zip.has(sheet.part)) return []
    // Most large sheets are plain tables, whose header needs no merges: their first rows say so.
    if (!headerMayUseMerges(await this.firstRows(sheet, HEADER_WINDOW, signal))) return []
    // The <mergeCells> element comes after the rows: bytes are only searched until it starts, then
    // the merges are read as they come, up to the last whole tag of each chunk (a sheet that put its
    // merges first, before hundreds of megabytes of rows, is not held as one string).
    const marker = Buffer.from('mergeCells', 'latin1')
    const label = sheetLabel(sheet)
    let carry = Buffer.alloc(0)
    let tail: string | null = null
    const merges: MergedCells[] = []
    const stream = await this.zip.stream(sheet.part, label)
    for await (const chunk of stream) {
      if (signal.aborted) {
        stream.destroy()
        return []
      }
      let text: string
      if (tail !== null) text = tail + (chunk as Buffer).toString('latin1')
      else {
        const joined = Buffer.concat([carry, chunk as Buffer])
        const at = joined.indexOf(marker)
        if (at < 0) {
          carry = joined.subarray(Math.max(0, joined.length - 32))
          continue
        }
        text = joined.subarray(Math.max(0, at - 16)).toString('latin1')
      }
      const cut = text.lastIndexOf('>') + 1
      for (const match of text.slice(0, cut).matchAll(/<(?:[\w.-]+:)?mergeCell\s[^>]*>/g)) {
        const range = parseCellRange(attribute(match[0], 'ref') ?? '')
        if (range !== null) merges.push(range)
      }
      tail = text.slice(cut)
      if (tail.length > MAX_ELEMENT_CHARS) throw new ImportInputError(damaged(this.fileName, `${label} ${elementTooLong('an element').message}`), null, null)
    }
    return merges
  }

  /** Streams the sheet's rows to `onRow`, each cell as the sheet shows it; says how many formulas had no saved value, and which columns it hides. */
  async readRows(sheet: WorkbookSheet, onRow: (row: SheetRow) => void, signal: AbortSignal, onRead: (fraction: number) => void): Promise<SheetReadFacts> {
    if (sheet.part === null || !this.zip.has(sheet.part)) return { formulasWithoutValue: 0, textFormulasSavedAsZero: new Map(), hiddenColumns: [] }
    const label = sheetLabel(sheet)
    // The sheet's XML size, as its zip declares it, measures how far the reading is.
    const size = Math.max(1, this.zip.sizeOf(sheet.part))
    if (this.sheetsThread !== null && size >= this.sheetsThread.minBytes) {
      return this.sheetsThread.thread.readRows({ part: sheet.part, label }, this.fileName, this.cellContext.sharedStrings, onRow, signal, onRead)
    }
    const scanner = new XlsxSheetScanner(new XlsxShownCells(this.cellContext, onRow))
    let read = 0
    const reader = {
      feed: (bytes: Uint8Array) => {
        read += bytes.length
        onRead(Math.min(1, read / size))
        scanner.feed(bytes)
      },
      end: () => scanner.end(),
      enough: () => false
    }
    await streamXmlBytes(await this.zip.stream(sheet.part, label), reader, signal, this.fileName, label)
    return { formulasWithoutValue: scanner.formulasWithoutValue, textFormulasSavedAsZero: new Map(), hiddenColumns: scanner.hiddenColumns }
  }

  /** The sheet's first `count` rows (fewer when it has fewer), reading no further into its XML. */
  async firstRows(sheet: WorkbookSheet, count: number, signal: AbortSignal): Promise<SheetRow[]> {
    const rows: SheetRow[] = []
    if (sheet.part === null || !this.zip.has(sheet.part)) return rows
    const scanner = new XlsxSheetScanner(
      new XlsxShownCells(this.cellContext, (row) => {
        rows.push(row)
        if (rows.length >= count) scanner.stop()
      })
    )
    const label = sheetLabel(sheet)
    const reader = { feed: (bytes: Uint8Array) => scanner.feed(bytes), end: () => scanner.end(), enough: () => rows.length >= count }
    await streamXmlBytes(await this.zip.stream(sheet.part, label), reader, signal, this.fileName, label)
    return rows.slice(0, count)
  }

  close(): void {
    this.sheetsThread?.thread.close()
    this.zip.close()
  }
}

/**
 * The stored name of a sheet's part. A worksheet whose part is missing is damage: read as an empty
 * sheet, its rows would be left out without a word. Other kinds hold no table, and stay as they are.
 */
function storedPart(zip: ZipPackage, sheet: WorkbookSheet, fileName: string): string | null {
  const stored = zip.partName(sheet.part!)
  if (stored === null && sheet.kind === 'worksheet') {
    throw new ImportInputError(damaged(fileName, `sheet “${sheet.name}” is listed, but its part ${sheet.part} is missing`), null, null)
  }
  return stored ?? sheet.part
}

/** How a message names a sheet. */
function sheetLabel(sheet: WorkbookSheet): string {
  return `sheet “${sheet.name}”`
}

function relationshipsPart(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`)
}

interface Relationships {
  byId: Map<string, { type: string; target: string }>
  /** The last word of the relationship type (worksheet, styles, sharedStrings…) → target. */
  byType: Map<string, string>
}

function relationshipsOf(xml: string | null, base: string): Relationships {
  const byId = new Map<string, { type: string; target: string }>()
  const byType = new Map<string, string>()
  for (const match of (xml ?? '').matchAll(/<(?:[\w.-]+:)?Relationship\s[^>]*>/g)) {
    const id = attribute(match[0], 'Id')
    const target = attribute(match[0], 'Target')
    const type = (attribute(match[0], 'Type') ?? '').split('/').at(-1) ?? ''
    if (id === null || target === null || attribute(match[0], 'TargetMode') === 'External') continue
    const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(base, target))
    byId.set(id, { type, target: resolved })
    if (!byType.has(type)) byType.set(type, resolved)
  }
  return { byId, byType }
}

function mainPart(xml: string | null): string | null {
  for (const match of (xml ?? '').matchAll(/<(?:[\w.-]+:)?Relationship\s[^>]*>/g)) {
    if ((attribute(match[0], 'Type') ?? '').endsWith('/officeDocument')) {
      const target = attribute(match[0], 'Target')
      if (target !== null) return target.replace(/^\//, '')
    }
  }
  return null
}

function sheetsOf(xml: string, relationships: Relationships['byId']): { sheets: WorkbookSheet[]; date1904: boolean } {
  const sheets: WorkbookSheet[] = []
  let date1904 = false
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const local = name.slice(name.indexOf(':') + 1)
        if (local === 'workbookPr') date1904 = attrs['date1904'] === '1' || attrs['date1904'] === 'true'
        if (local !== 'sheet') return
        const id = Object.entries(attrs).find(([key]) => key === 'r:id' || key.endsWith(':id'))?.[1] ?? ''
        const relationship = relationships.get(id)
        sheets.push({
          name: attrs['name'] ?? `Sheet ${sheets.length + 1}`,
          hidden: attrs['state'] === 'hidden' || attrs['state'] === 'veryHidden',
          kind: RELATIONSHIP_KINDS[relationship?.type.toLowerCase() ?? 'worksheet'] ?? 'worksheet',
          part: relationship?.target ?? null
        })
      }
    },
    { xmlMode: true, decodeEntities: true }
  )
  parser.write(xml)
  parser.end()
  return { sheets, date1904 }
}

/** For each cell format (the s attribute of a cell), how it shows a number: a date or time, a duration, padded digits (see CellFormat). */
export function cellFormatsOf(xml: string): CellFormat[] {
  const codes = new Map<number, string>()
  const formats: CellFormat[] = []
  let inCellFormats = false
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const local = name.slice(name.indexOf(':') + 1)
        if (local === 'numFmt') codes.set(Number(attrs['numFmtId']), attrs['formatCode'] ?? '')
        else if (local === 'cellXfs') inCellFormats = true
        else if (local === 'xf' && inCellFormats) {
          const id = Number(attrs['numFmtId'] ?? '0')
          formats.push(cellFormatOf(id, codes.get(id) ?? null))
        }
      },
      onclosetag(name) {
        if (name.slice(name.indexOf(':') + 1) === 'cellXfs') inCellFormats = false
      }
    },
    { xmlMode: true, decodeEntities: true }
  )
  parser.write(xml)
  parser.end()
  return formats
}
