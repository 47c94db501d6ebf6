import { posix } from 'node:path'
import { Parser } from 'htmlparser2'
import { readPackageProperties } from '../document/read-package-properties'
import { ImportInputError } from '../row-sink'
import type { ZipPackage } from '../zip/zip-package'
import { parseCellRange } from './cell-reference'
import { HEADER_WINDOW, headerMayUseMerges } from './find-sheet-table'
import { cellFormatOf, formattedNumber, type CellFormat } from './number-format'
import type { CellKind, MergedCells, SheetRow } from './sheet-row'
import { SharedStrings } from './shared-strings'
import type { WorkbookFacts, WorkbookSheet, WorkbookSource } from './workbook-source'
import { ElementStream, streamXmlText } from './xml-elements'
import {
  CELL_BOOLEAN,
  CELL_ERROR,
  CELL_FORMULA_STRING,
  CELL_INLINE_STRING,
  CELL_ISO_DATE,
  CELL_SHARED_STRING,
  inlineText,
  XlsxSheetScanner,
  type RawRow
} from './xlsx-sheet-scanner'
import { attribute } from './xml-text'

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
    private readonly cellFormats: CellFormat[],
    private readonly sharedStrings: SharedStrings
  ) {}

  static async open(zip: ZipPackage, fileName: string, signal: AbortSignal): Promise<XlsxWorkbook> {
    const workbookPart = mainPart(await zip.text('_rels/.rels')) ?? 'xl/workbook.xml'
    const workbookXml = await zip.text(workbookPart)
    if (workbookXml === null) {
      throw new ImportInputError(`${fileName} is not an Excel workbook: it has no workbook part (${workbookPart}); nothing was imported.`, null, null)
    }
    const relationships = relationshipsOf(await zip.text(relationshipsPart(workbookPart)), posix.dirname(workbookPart))
    const { sheets, date1904 } = sheetsOf(workbookXml, relationships.byId)
    const properties = readPackageProperties((await zip.text('docProps/core.xml')) ?? '', ['dc:title', 'dc:creator', 'cp:lastModifiedBy', 'dcterms:modified'])
    const stylesPart = relationships.byType.get('styles') ?? null
    const cellFormats = stylesPart === null ? [] : cellFormatsOf((await zip.text(stylesPart)) ?? '')
    const sharedPart = relationships.byType.get('sharedStrings') ?? null
    const sharedStrings = new SharedStrings()
    if (sharedPart !== null && zip.has(sharedPart)) {
      const strings = new ElementStream('si', (inner) => sharedStrings.add(inlineText(inner) ?? ''))
      await streamXmlText(await zip.stream(sharedPart), (text) => strings.feed(text), signal, `${fileName} (its shared strings)`, () => false)
    }
    const facts: WorkbookFacts = {
      sheets,
      date1904,
      title: properties.get('dc:title') ?? null,
      creator: properties.get('dc:creator') ?? null,
      modified: properties.get('dcterms:modified')?.slice(0, 10) ?? null,
      hasMacros: zip.names().some((name) => /(^|\/)vbaProject\.bin$/i.test(name)) || sheets.some((sheet) => sheet.kind === 'macrosheet')
    }
    return new XlsxWorkbook(zip, fileName, facts, cellFormats, sharedStrings)
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
    // the rest of the XML (the merges and a few small elements after them) is kept as text.
    const marker = Buffer.from('mergeCells', 'latin1')
    let carry = Buffer.alloc(0)
    let rest: string | null = null
    const stream = await this.zip.stream(sheet.part)
    for await (const chunk of stream) {
      if (signal.aborted) {
        stream.destroy()
        return []
      }
      if (rest !== null) {
        rest += (chunk as Buffer).toString('latin1')
        continue
      }
      const joined = Buffer.concat([carry, chunk as Buffer])
      const at = joined.indexOf(marker)
      if (at >= 0) rest = joined.subarray(Math.max(0, at - 16)).toString('latin1')
      else carry = joined.subarray(Math.max(0, joined.length - 32))
    }
    const merges: MergedCells[] = []
    for (const match of (rest ?? '').matchAll(/<(?:[\w.-]+:)?mergeCell\s[^>]*>/g)) {
      const range = parseCellRange(attribute(match[0], 'ref') ?? '')
      if (range !== null) merges.push(range)
    }
    return merges
  }

  /** Streams the sheet's rows to `onRow`, each cell as the sheet shows it; says how many formulas had no saved value. */
  async readRows(sheet: WorkbookSheet, onRow: (row: SheetRow) => void, signal: AbortSignal, onRead: (fraction: number) => void): Promise<{ formulasWithoutValue: number }> {
    if (sheet.part === null || !this.zip.has(sheet.part)) return { formulasWithoutValue: 0 }
    const scanner = new XlsxSheetScanner((raw) => onRow(this.sheetRow(raw)))
    // The sheet's XML size, as its zip declares it, measures how far the reading is.
    const size = Math.max(1, this.zip.sizeOf(sheet.part))
    let read = 0
    const feed = (text: string) => {
      read += text.length
      onRead(Math.min(1, read / size))
      scanner.feed(text)
    }
    await streamXmlText(await this.zip.stream(sheet.part), feed, signal, `${this.fileName}, sheet “${sheet.name}”`, () => false)
    scanner.end()
    return { formulasWithoutValue: scanner.formulasWithoutValue }
  }

  /** The sheet's first `count` rows (fewer when it has fewer), reading no further into its XML. */
  async firstRows(sheet: WorkbookSheet, count: number, signal: AbortSignal): Promise<SheetRow[]> {
    const rows: SheetRow[] = []
    if (sheet.part === null || !this.zip.has(sheet.part)) return rows
    const scanner = new XlsxSheetScanner((raw) => {
      rows.push(this.sheetRow(raw))
      if (rows.length >= count) scanner.stop()
    })
    const enough = () => rows.length >= count
    await streamXmlText(await this.zip.stream(sheet.part), (text) => scanner.feed(text), signal, `${this.fileName}, sheet “${sheet.name}”`, enough)
    if (!enough()) scanner.end()
    return rows.slice(0, count)
  }

  private sheetRow(raw: RawRow): SheetRow {
    const values: (string | null)[] = []
    const kinds: (CellKind | null)[] = []
    for (let k = 0; k < raw.count; k++) {
      const value = raw.values[k]
      if (value === null || value === '') continue
      const shown = this.shown(raw.types[k]!, raw.styles[k]!, value!)
      if (shown === null) continue
      const column = raw.columns[k]!
      while (values.length < column) {
        values.push(null)
        kinds.push(null)
      }
      values[column] = this.text
      kinds[column] = shown
    }
    return { row: raw.row, values, kinds }
  }

  /** Set by `shown`: the text of the cell it was last asked about. */
  private text = ''

  /** What a cell shows (its text is left in `text`), or null when it shows nothing. */
  private shown(type: number, style: number, value: string): CellKind | null {
    switch (type) {
      case CELL_SHARED_STRING: {
        const text = this.sharedStrings.get(Number(value))
        if (text === undefined || text === '') return null
        this.text = text
        return 'text'
      }
      case CELL_FORMULA_STRING:
      case CELL_INLINE_STRING:
        this.text = value
        return 'text'
      case CELL_BOOLEAN:
        this.text = value === '1' || value.toLowerCase() === 'true' ? 'TRUE' : 'FALSE'
        return 'boolean'
      case CELL_ERROR:
        this.text = value
        return 'error'
      case CELL_ISO_DATE:
        // An ISO 8601 date written as such (strict Open XML); a midnight time says nothing.
        this.text = value.replace(/Z$/, '').replace(/T00:00:00(\.0+)?$/, '')
        return 'date'
      default: {
        const format = this.cellFormats[style] ?? null
        if (format !== null) {
          const text = formattedNumber(Number(value), format, this.facts.date1904)
          if (text !== null) {
            this.text = text
            return 'date' in format ? 'date' : 'number'
          }
        }
        this.text = value
        return 'number'
      }
    }
  }

  close(): void {
    this.zip.close()
  }
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
function cellFormatsOf(xml: string): CellFormat[] {
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
