import { Worker } from 'node:worker_threads'
import { ImportCancelled, ImportInputError } from '../row-sink'
import type { FileIdentity } from '../source-file'
import { sheetCellsRing, SheetCellsRingReader, type SheetCellsMessage } from './sheet-rows-ring'
import type { SheetReadFacts } from './workbook-source'
import type { SheetCells } from './xlsx-sheet-scanner'

/**
 * The XML of a sheet from which its rows are read on a thread of their own (see SheetRowsThread):
 * below it, the thread's start costs more than it saves. The sheet of the formats bench's 50 MB
 * workbook is ~290 MB of XML.
 */
export const SHEET_THREAD_MIN_BYTES = 32 * 1024 * 1024

const EMPTY = new Uint8Array(0)

/** The sheets' thread's young generation: its garbage is the inflated pieces of XML it scans. */
const SCANNER_YOUNG_GENERATION_MB = 8

/** What the sheets' thread is given: the file. */
export interface SheetRowsWorkerData {
  path: string
  fileName: string
  /** The file as the importing thread opened it: the thread reads it only if it is still that file. */
  file: FileIdentity
  ring: SharedArrayBuffer
}

/** What the importing thread asks of the sheets' thread: one sheet's rows, into the ring. */
export interface SheetRowsRequest {
  /** The sheet's part, and how messages name it ("sheet “Data”"). */
  part: string
  label: string
}

/**
 * A thread (out/main/sheet-rows-worker.js) that scans a workbook's large sheets, one at a time as
 * they are asked for: it inflates a sheet's XML and finds its cells, while this thread gives them
 * their meaning, finds their table and types them; a large sheet's reading is split over two cores
 * (the import's writer has a third), in halves of about the same work. It is started as the
 * workbook opens, so that its start overlaps with this thread's reading of the shared strings.
 * Cells reach their SheetCells in order, exactly as XlsxSheetScanner hands them over in one thread,
 * and every failure is the same one-line refusal.
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

  /** Reads the sheet `request` names, its cells to `cells` in order; `onRead` hears how far (0–1). */
  async readCells(request: SheetRowsRequest, cells: SheetCells, signal: AbortSignal, onRead: (fraction: number) => void): Promise<SheetReadFacts> {
    const cancel = () => {
      this.failure = new ImportCancelled()
      this.wake()
    }
    signal.addEventListener('abort', cancel)
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
        const block = this.reader.take(cells, () => {
          const message = this.messages.shift()
          if (message?.type !== 'row') throw new Error(`the sheet reader sent ${message?.type ?? 'nothing'} in place of a row`)
          cells.startRow(message.row, message.hidden)
          for (const cell of message.cells) cells.cell(cell.column, cell.type, cell.style, EMPTY, -1, -1, cell.value)
          cells.endRow()
        })
        onRead(block.read)
        if (!block.last) continue
        const last = await this.nextMessage()
        if (last.type === 'end') return { formulasWithoutValue: last.formulasWithoutValue, textFormulasSavedAsZero: new Map(), hiddenColumns: last.hiddenColumns }
        if (last.type === 'error') {
          throw last.kind === 'input' ? new ImportInputError(last.message, last.line, last.byteOffset) : Object.assign(new Error(last.message), { code: last.code ?? undefined })
        }
        throw new Error('the sheet reader sent a row after its last')
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
