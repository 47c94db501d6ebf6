import { Worker } from 'node:worker_threads'
import { ImportCancelled, ImportInputError } from '../row-sink'
import type { FileIdentity } from '../source-file'
import { DamagedXml } from './damaged-xml'
import { EncodedRowWriter } from './encoded-sheet-row'
import type { SharedStrings } from './shared-strings'
import type { CellKind, SheetRow } from './sheet-row'
import { sheetCellsRing, SheetCellsRingReader, type RingRows, type SheetCellsMessage } from './sheet-rows-ring'
import type { SheetReadFacts } from './workbook-source'
import { xmlRefusal } from './xml-elements'
import { sharedStringIndex } from './xlsx-shown-cells'

/**
 * The XML of a sheet from which its rows are read on a thread of their own (see SheetRowsThread):
 * below it, the thread's start costs more than it saves. The sheet of the formats bench's 50 MB
 * workbook is ~290 MB of XML.
 */
export const SHEET_THREAD_MIN_BYTES = 32 * 1024 * 1024

/** The sheets' thread's young generation: its garbage is the inflated pieces of XML it scans. */
const SCANNER_YOUNG_GENERATION_MB = 8

/** What the sheets' thread is given: the file, and what it shows numbers with. */
export interface SheetRowsWorkerData {
  path: string
  fileName: string
  /** The file as the importing thread opened it: the thread reads it only if it is still that file. */
  file: FileIdentity
  /** The workbook's styles part (null: none), read again there: its cell formats hold functions, which do not cross. */
  stylesPart: string | null
  date1904: boolean
  plainDayCount: boolean
  ring: SharedArrayBuffer
}

/** What the importing thread asks of the sheets' thread: one sheet's rows, into the ring. */
export interface SheetRowsRequest {
  /** The sheet's part, and how messages name it ("sheet “Data”"). */
  part: string
  label: string
}

/**
 * A thread (out/main/sheet-rows-worker.js) that reads a workbook's large sheets, one at a time as
 * they are asked for: it inflates a sheet's XML, finds its cells and shows each as the sheet does
 * (numbers, dates, formats), but for shared strings, whose table is here; this thread puts in their
 * text, finds the table and types the rows. A large sheet's reading is split over two cores (the
 * import's writer has a third). It is started as the workbook opens, so that its start overlaps
 * with this thread's reading of the shared strings. Rows reach `onRow` in order, exactly as
 * XlsxWorkbook reads them in one thread, and every failure is the same one-line refusal.
 */
export class SheetRowsThread {
  private readonly reader: SheetCellsRingReader
  private readonly worker: Worker
  private readonly messages: SheetCellsMessage[] = []
  /** What the event handlers set, the loops of readRows read again after each wait. */
  private failure: Error | null = null
  private wake = () => {}

  constructor(workerPath: string, data: Omit<SheetRowsWorkerData, 'ring'>) {
    const ring = sheetCellsRing()
    this.reader = new SheetCellsRingReader(ring)
    this.worker = new Worker(workerPath, { workerData: { ...data, ring } satisfies SheetRowsWorkerData, resourceLimits: { maxYoungGenerationSizeMb: SCANNER_YOUNG_GENERATION_MB } })
    this.worker.on('message', (message: SheetCellsMessage) => {
      this.messages.push(message)
      this.wake()
    })
    this.worker.on('error', (error) => {
      this.failure ??= error
      this.wake()
    })
    this.worker.on('exit', (code) => {
      this.failure ??= new Error(`the sheet reader stopped unexpectedly (exit code ${code})`)
      this.wake()
    })
  }

  /** The failure so far (a method: the events set it between the awaits of readRows). */
  private failed(): Error | null {
    return this.failure
  }

  /** Made before whatever it waits for is looked at: an event can only come while this thread awaits. */
  private woken(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve))
  }

  private async nextMessage(): Promise<SheetCellsMessage> {
    for (;;) {
      const waking = this.woken()
      const message = this.messages.shift()
      if (message !== undefined) return message
      if (this.failure !== null) throw this.failure
      await waking
    }
  }

  /**
   * Reads the sheet `request` names (in the file `fileName`), its rows to `onRow` in order, their
   * shared strings from `strings`; `onRead` hears how far (0–1).
   */
  async readRows(
    request: SheetRowsRequest,
    fileName: string,
    strings: SharedStrings,
    onRow: (row: SheetRow) => void,
    signal: AbortSignal,
    onRead: (fraction: number) => void
  ): Promise<SheetReadFacts> {
    const cancel = () => {
      this.failure = new ImportCancelled()
      this.wake()
    }
    signal.addEventListener('abort', cancel)
    const rows = new RowsFromRing(strings, onRow, () => {
      const message = this.messages.shift()
      if (message?.type !== 'row') throw new Error(`the sheet reader sent ${message?.type ?? 'nothing'} in place of a row`)
      return message
    })
    try {
      if (signal.aborted) throw new ImportCancelled()
      if (this.failure !== null) throw this.failure
      this.worker.postMessage(request satisfies SheetRowsRequest)
      for (;;) {
        for (;;) {
          const waking = this.woken()
          const cancelled = this.failed()
          if (cancelled instanceof ImportCancelled) throw cancelled
          if (await this.reader.whenFull(waking)) break
          // Woken with the block not full: by a message (a row sent so waits its turn) or a failure.
          // A thread that ended had handed over every block it filled: none is still to come.
          const failure = this.failed()
          if (failure !== null) throw failure
        }
        // The rows that crossed as messages were sent before their block was handed over; they may not all have come yet.
        const messages = this.reader.messagesOfNext()
        while (this.messages.length < messages) {
          const waking = this.woken()
          const failure = this.failed()
          if (failure !== null) throw failure
          if (this.messages.length < messages) await waking
        }
        const block = this.reader.take(rows)
        onRead(block.read)
        if (!block.last) continue
        const last = await this.nextMessage()
        if (last.type === 'row') throw new Error('the sheet reader sent a row after its last')
        // As on one thread: damage found here (a shared string the table lacks) stops the rows, and
        // is what is said unless the file itself fails (its checksum), which says more.
        const damage = rows.damage
        if (damage !== null && (last.type === 'end' || last.xml)) throw xmlRefusal(damage, fileName, request.label)
        if (last.type === 'end') return { formulasWithoutValue: last.formulasWithoutValue, textFormulasSavedAsZero: new Map(), hiddenColumns: last.hiddenColumns }
        throw last.kind === 'input' ? new ImportInputError(last.message, last.line, last.byteOffset) : Object.assign(new Error(last.message), { code: last.code ?? undefined })
      }
    } catch (error) {
      // A sheet not read to its end leaves the thread mid-way: it is of no more use.
      this.close()
      throw error
    } finally {
      signal.removeEventListener('abort', cancel)
    }
  }

  close(): void {
    this.failure ??= new Error('the sheet reader was closed')
    this.reader.stop()
    void this.worker.terminate()
  }
}

/**
 * A block's rows as XlsxShownCells would have handed them over on this thread: each written by an
 * EncodedRowWriter, a shared string's text taken from the table. Damage (a shared string the table
 * lacks) stops the rows there, as the scanner's throw does on one thread.
 */
class RowsFromRing implements RingRows {
  private readonly out = new EncodedRowWriter()
  private row = 0
  damage: DamagedXml | null = null

  constructor(
    private readonly strings: SharedStrings,
    private readonly onRow: (row: SheetRow) => void,
    private readonly nextMessage: () => Extract<SheetCellsMessage, { type: 'row' }>
  ) {}

  startRow(row: number): void {
    this.row = row
    if (this.damage === null) this.out.startRow()
  }

  copy(column: number, kind: CellKind, bytes: Uint8Array, start: number, end: number): void {
    if (this.damage === null) this.out.copy(column, kind, bytes, start, end)
  }

  shared(column: number, kind: CellKind, bytes: Uint8Array, start: number, end: number): void {
    if (this.damage !== null) return
    const strings = this.strings
    let index: number
    try {
      index = sharedStringIndex(strings, this.row, column, bytes, start, end, null)
    } catch (error) {
      if (!(error instanceof DamagedXml)) throw error
      this.damage = error
      return
    }
    const from = strings.startOf(index)
    const to = strings.endOf(index)
    if (from < to) this.out.copy(column, kind, strings.buffer, from, to)
  }

  endRow(row: number, hidden: boolean): void {
    if (this.damage === null) this.onRow(this.out.endRow(row, hidden))
  }

  byMessage(): void {
    const message = this.nextMessage()
    this.startRow(message.row)
    for (const cell of message.cells) {
      if (this.damage !== null) break
      if (!cell.shared) this.out.text(cell.column, cell.kind, cell.value)
      else {
        const bytes = Buffer.from(cell.value, 'utf8')
        this.shared(cell.column, cell.kind, bytes, 0, bytes.length)
      }
    }
    this.endRow(message.row, message.hidden)
  }
}
