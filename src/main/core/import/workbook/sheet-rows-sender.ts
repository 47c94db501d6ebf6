import { stat } from 'node:fs/promises'
import { ImportInputError } from '../row-sink'
import { fileChangedMessage, sameFileState } from '../source-file'
import { ZipPackage } from '../zip/zip-package'
import { SheetCellsRingWriter, type SheetCellsMessage } from './sheet-rows-ring'
import type { SheetRowsRequest, SheetRowsWorkerData } from './sheet-rows-thread'
import { streamXmlBytes } from './xml-elements'
import { XLSX_PACKAGE } from './xlsx-package'
import { XlsxSheetScanner } from './xlsx-sheet-scanner'

/**
 * The sheets' thread (see SheetRowsThread): opens the workbook again, only if it is the very file
 * the import opened, then scans each sheet asked for as XlsxWorkbook.readRows does, its cells into
 * the ring, ending each with the facts of its reading or the failure that stopped it.
 */
export class SheetRowsSender {
  private readonly ring: SheetCellsRingWriter
  private readonly opened: Promise<ZipPackage>
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

  private async open(): Promise<ZipPackage> {
    const { data } = this
    const zip = await ZipPackage.open(data.path, data.fileName, XLSX_PACKAGE)
    try {
      if (!sameFileState(await stat(data.path, { bigint: true }), data.file)) throw new ImportInputError(fileChangedMessage(data.fileName), null, null)
      return zip
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
    try {
      const zip = await this.opened
      const scanner = new XlsxSheetScanner(ring)
      const size = Math.max(1, zip.sizeOf(part))
      let read = 0
      const reader = {
        feed: (bytes: Uint8Array) => {
          read += bytes.length
          ring.progress(Math.min(1, read / size))
          scanner.feed(bytes)
        },
        end: () => scanner.end(),
        // The importing side stopped (it failed, or was cancelled): the rest is not read.
        enough: () => ring.stopped
      }
      await streamXmlBytes(await zip.stream(part, label), reader, new AbortController().signal, data.fileName, label)
      ring.finish({ type: 'end', formulasWithoutValue: scanner.formulasWithoutValue, hiddenColumns: scanner.hiddenColumns })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code ?? null
      if (error instanceof ImportInputError) ring.finish({ type: 'error', kind: 'input', message: error.message, code, line: error.line, byteOffset: error.byteOffset })
      else ring.finish({ type: 'error', kind: 'other', message: error instanceof Error ? error.message : String(error), code, line: null, byteOffset: null })
    }
  }
}
