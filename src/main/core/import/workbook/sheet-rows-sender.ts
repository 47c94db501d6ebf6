import { stat } from 'node:fs/promises'
import { ImportInputError } from '../row-sink'
import { fileChangedMessage, sameFileState } from '../source-file'
import { ZipPackage } from '../zip/zip-package'
import { SheetCellsRingWriter, type SheetCellsMessage } from './sheet-rows-ring'
import type { SheetRowsRequest, SheetRowsWorkerData } from './sheet-rows-thread'
import { DamagedXml } from './damaged-xml'
import { streamXmlBytes, xmlRefusal } from './xml-elements'
import { SharedStrings } from './shared-strings'
import { XLSX_PACKAGE } from './xlsx-package'
import { XlsxSheetScanner } from './xlsx-sheet-scanner'
import { XlsxShownCells, type XlsxCellContext } from './xlsx-shown-cells'
import { cellFormatsOf } from './xlsx-workbook'

/**
 * The sheets' thread (see SheetRowsThread): opens the workbook again, only if it is the very file
 * the import opened, then reads each sheet asked for as XlsxWorkbook.readRows does, each cell as
 * the sheet shows it (a shared string as its index) into the ring, ending each sheet with the facts
 * of its reading or the failure that stopped it.
 */
export class SheetRowsSender {
  private readonly ring: SheetCellsRingWriter
  private readonly opened: Promise<{ zip: ZipPackage; context: XlsxCellContext }>
  /** Sheets are scanned one after another, as the importing thread asks for them. */
  private queue: Promise<void> = Promise.resolve()

  constructor(
    private readonly data: SheetRowsWorkerData,
    post: (message: SheetCellsMessage) => void
  ) {
    this.ring = new SheetCellsRingWriter(data.ring, post)
    this.opened = this.open()
    // A failure to open is told when a sheet is asked for.
    this.opened.catch(() => {})
  }

  private async open(): Promise<{ zip: ZipPackage; context: XlsxCellContext }> {
    const { data } = this
    const zip = await ZipPackage.open(data.path, data.fileName, XLSX_PACKAGE)
    try {
      if (!sameFileState(await stat(data.path, { bigint: true }), data.file)) throw new ImportInputError(fileChangedMessage(data.fileName), null, null)
      // The cell formats are read again here (they hold functions, which do not cross); the shared
      // strings are not: their cells cross as their indexes.
      const cellFormats = data.stylesPart === null ? [] : cellFormatsOf((await zip.text(data.stylesPart)) ?? '')
      return { zip, context: { sharedStrings: new SharedStrings(), cellFormats, date1904: data.date1904, plainDayCount: data.plainDayCount } }
    } catch (error) {
      zip.close()
      throw error
    }
  }

  read(request: SheetRowsRequest): void {
    this.queue = this.queue.then(() => this.scan(request))
  }

  private async scan({ part, label }: SheetRowsRequest): Promise<void> {
    const { ring, data } = this
    let damage: DamagedXml | null = null
    try {
      const { zip, context } = await this.opened
      const scanner = new XlsxSheetScanner(new XlsxShownCells(context, ring))
      const size = Math.max(1, zip.sizeOf(part))
      let read = 0
      // Damage found here is kept to tell, at the end, a refusal of the sheet's text from one of its file.
      const scan = (work: () => void) => {
        try {
          work()
        } catch (error) {
          if (error instanceof DamagedXml) damage = error
          throw error
        }
      }
      const reader = {
        feed: (bytes: Uint8Array) => {
          read += bytes.length
          ring.progress(Math.min(1, read / size))
          scan(() => scanner.feed(bytes))
        },
        end: () => scan(() => scanner.end()),
        // The importing side stopped (it failed, or was cancelled): the rest is not read.
        enough: () => ring.stopped
      }
      await streamXmlBytes(await zip.stream(part, label), reader, new AbortController().signal, data.fileName, label)
      ring.finish({ type: 'end', formulasWithoutValue: scanner.formulasWithoutValue, hiddenColumns: scanner.hiddenColumns })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code ?? null
      const message = error instanceof Error ? error.message : String(error)
      // The refusals of the sheet's text: it made no sense, or was not UTF-8 (see streamXmlBytes).
      const xml = [...(damage === null ? [] : [damage]), 'not UTF-8' as const].some((failure) => xmlRefusal(failure, data.fileName, label).message === message)
      if (error instanceof ImportInputError) ring.finish({ type: 'error', kind: 'input', xml, message, code, line: error.line, byteOffset: error.byteOffset })
      else ring.finish({ type: 'error', kind: 'other', xml, message, code, line: null, byteOffset: null })
    }
  }
}
