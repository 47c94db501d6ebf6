import { Worker } from 'node:worker_threads'
import type { ImportOptions } from '@shared/model'
import type { SettledTypes } from './dataset-writer'
import type { TableFormat } from './read-table-file'
import type { WorkbookFormat } from './workbook/read-workbook'
import type { SheetTableSummary } from './workbook/sheet-table-reader'
import { ImportCancelled, ImportInputError, type ReaderWarning } from './row-sink'
import type { PackedBatch } from './typing/packed-batch'
import type { PackedSink } from './typing/packed-sink'

/** Batches the reader may have sent ahead of the writer; bounds memory when parsing outruns inserting. */
export const MAX_BATCHES_IN_FLIGHT = 4
/**
 * JSON batches cross to the writer as UTF-8 in a ring of shared slots, one per batch in flight,
 * reused in order: no copy on the way and no garbage for either thread to collect. (Transferred
 * buffers cost ~60 MB of peak memory: the writer's heap grows so little that its collector rarely
 * runs to free them.) A batch that does not fit its slot goes as a string instead.
 */
export const JSON_SLOT_BYTES = 4 * 1024 * 1024
/**
 * The reader thread's young generation (V8's default here is ~48 MB). Its garbage is short-lived
 * field strings; measured over five alternating 1M-row imports, 16 MB lowered the import's peak
 * RSS by ~20 MB (265–275 → 239–260 MB) at the same speed, leaving room under the 300 MB goal.
 */
const READER_YOUNG_GENERATION_MB = 16

export interface ReaderWorkerData {
  path: string
  fileName: string
  /** A table file's format, or a workbook's: then the thread reads its sheets one after another. */
  format: TableFormat | WorkbookFormat
  options: ImportOptions
  /** The bytes of XML from which an .xlsx sheet's rows are read on a thread of their own (see readRowsOnThread). */
  sheetThreadMinBytes: number
  /** One Int32: batches sent and not yet written. */
  inFlight: SharedArrayBuffer
  /** MAX_BATCHES_IN_FLIGHT slots of JSON_SLOT_BYTES; batch n uses slot n % MAX_BATCHES_IN_FLIGHT. */
  jsonSlots: SharedArrayBuffer
}

export type ReaderMessage =
  | { type: 'columns'; labels: string[] }
  | { type: 'addColumns'; labels: string[] }
  | { type: 'batch'; batch: PackedBatch }
  | { type: 'jsonSlot'; format: 'json' | 'jsonb'; rows: number; width: number; slot: number; bytes: number }
  | { type: 'spellings'; json: string }
  | { type: 'warning'; warning: ReaderWarning }
  | { type: 'progress'; bytesRead: number }
  /** `summary`: a delimited file's table read as a sheet's, when it opens with a title (see readDelimited). */
  | { type: 'end'; settled: SettledTypes; sha256: string; summary: SheetTableSummary | null }
  /** A workbook's worksheets, first: which will be read, and which are hidden. */
  | { type: 'sheets'; sheets: { name: string; hidden: boolean; read: boolean }[] }
  /**
   * The rows that follow (until 'sheetEnd') are this sheet's: its first table's (`table` 1), or
   * those of a table found stacked under the ones before it on the sheet (2, 3…).
   */
  | { type: 'sheet'; name: string; table: number }
  /** A sheet's table is read: its settled types, and its titles and footnotes (null: no table on it). */
  | { type: 'sheetEnd'; settled: SettledTypes; summary: SheetTableSummary | null; textWithoutTable: string[] }
  /** `code`: the system error's (ENOENT, EACCES…), so the import can name the reason in plain words. */
  | { type: 'error'; kind: 'input' | 'cancelled' | 'other'; message: string; code: string | null; line: number | null; byteOffset: number | null }

function slotBatch(message: Extract<ReaderMessage, { type: 'jsonSlot' }>, bytes: Uint8Array): PackedBatch {
  const { rows, width } = message
  return message.format === 'json' ? { format: 'json', rows, width, json: bytes } : { format: 'jsonb', rows, width, jsonb: bytes }
}

/**
 * How a file's (or a workbook sheet's) reading ended: its columns' settled types, the sha256 of the
 * bytes read ('' for a sheet: a workbook is hashed on its own), and a sheet's titles and footnotes.
 */
export interface TableReadEnd {
  settled: SettledTypes
  sha256: string
  summary: SheetTableSummary | null
  /** A sheet's text when it held no table (a "Notes" sheet), a line per row; empty otherwise. */
  textWithoutTable: string[]
}

/** The messages a workbook's reader thread sends between its sheets' rows. */
export type SheetMessage = Extract<ReaderMessage, { type: 'sheets' | 'sheet' | 'end' }>

/** A reader thread already at work on a file, whose output waits until a sink is attached. */
export interface StartedTableReader {
  /**
   * Delivers everything read so far, then the rest, to `sink`. Resolves once every batch has been
   * written: at the file's end, or at the end of a workbook sheet (the thread then reads on, and
   * its next messages wait for `next`).
   */
  pipeTo(sink: PackedSink, signal: AbortSignal): Promise<TableReadEnd>
  /** A workbook's next message between sheets: the sheet list, a sheet that starts, or the end. */
  next(signal: AbortSignal): Promise<SheetMessage>
  /** Stops the thread; for an import that ends before its rows are wanted (a duplicate, say). */
  stop(): void
}

/**
 * Starts parsing and typing the file on a second thread while this one inserts: the two halves of
 * an import overlap on two cores. The thread hashes the bytes as it reads them. It is started before
 * the file is hashed here (when it is), so the thread's start-up and its first batches overlap with
 * that hash; until `pipeTo` it runs at most MAX_BATCHES_IN_FLIGHT batches ahead and its messages
 * wait here.
 */
export function startTableReader(
  workerPath: string,
  source: { path: string; fileName: string; format: TableFormat | WorkbookFormat; options: ImportOptions; sheetThreadMinBytes: number }
): StartedTableReader {
  const inFlight = new SharedArrayBuffer(4)
  const counter = new Int32Array(inFlight)
  const jsonSlots = new SharedArrayBuffer(JSON_SLOT_BYTES * MAX_BATCHES_IN_FLIGHT)
  const data: ReaderWorkerData = { ...source, inFlight, jsonSlots }
  const worker = new Worker(workerPath, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: READER_YOUNG_GENERATION_MB } })
  const waiting: ReaderMessage[] = []
  let failure: Error | null = null
  let deliver: ((message: ReaderMessage) => void) | null = null
  let fail: ((error: Error) => void) | null = null
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    void worker.terminate()
  }
  worker.on('message', (message: ReaderMessage) => (deliver ? deliver(message) : waiting.push(message)))
  const onFailure = (error: Error) => {
    if (fail) fail(error)
    else failure ??= error
  }
  worker.on('error', onFailure)
  worker.on('exit', (code) => onFailure(new Error(`the file reader stopped unexpectedly (exit code ${code})`)))

  const errorOf = (message: Extract<ReaderMessage, { type: 'error' }>): Error =>
    message.kind === 'cancelled'
      ? new ImportCancelled()
      : message.kind === 'input'
        ? new ImportInputError(message.message, message.line, message.byteOffset)
        : Object.assign(new Error(message.message), { code: message.code ?? undefined })

  return {
    stop,
    next: (signal) =>
      new Promise<SheetMessage>((resolve, reject) => {
        const cancel = () => {
          deliver = null
          stop()
          reject(new ImportCancelled())
        }
        if (signal.aborted) return cancel()
        signal.addEventListener('abort', cancel, { once: true })
        const take = (message: ReaderMessage) => {
          deliver = null
          fail = null
          signal.removeEventListener('abort', cancel)
          if (message.type === 'sheets' || message.type === 'sheet' || message.type === 'end') resolve(message)
          else if (message.type === 'error') reject(errorOf(message))
          else reject(new Error(`the file reader sent ${message.type} between sheets`))
        }
        fail = (error) => {
          deliver = null
          signal.removeEventListener('abort', cancel)
          reject(error)
        }
        const queued = waiting.shift()
        if (queued !== undefined) take(queued)
        else if (failure) fail(failure)
        else deliver = take
      }),
    pipeTo: (sink, signal) =>
      new Promise<TableReadEnd>((resolve, reject) => {
        let settled = false
        // A workbook sheet's end leaves the thread reading the next sheet: its messages wait in `waiting`.
        const finish = (outcome: () => void, keepReading = false) => {
          if (settled) return
          settled = true
          signal.removeEventListener('abort', cancel)
          if (keepReading) {
            deliver = null
            fail = null
          } else stop()
          outcome()
        }
        // The reader may be blocked waiting for room; terminating it is the way to stop it.
        const cancel = () => finish(() => reject(new ImportCancelled()))
        signal.addEventListener('abort', cancel)
        deliver = (message) => {
          if (settled) return
          try {
            switch (message.type) {
              case 'columns':
                sink.columns(message.labels)
                break
              case 'addColumns':
                sink.addColumns(message.labels)
                break
              case 'batch':
              case 'jsonSlot':
                sink.batch(
                  message.type === 'batch'
                    ? message.batch
                    : slotBatch(message, new Uint8Array(jsonSlots, message.slot * JSON_SLOT_BYTES, message.bytes))
                )
                // Written: the batch's slot may be filled again.
                Atomics.sub(counter, 0, 1)
                Atomics.notify(counter, 0)
                break
              case 'spellings':
                sink.spellings(message.json)
                break
              case 'warning':
                sink.warning(message.warning)
                break
              case 'progress':
                sink.progress(message.bytesRead)
                break
              case 'end':
                finish(() => resolve({ settled: message.settled, sha256: message.sha256, summary: message.summary, textWithoutTable: [] }))
                break
              case 'sheetEnd':
                finish(() => resolve({ settled: message.settled, sha256: '', summary: message.summary, textWithoutTable: message.textWithoutTable }), true)
                break
              case 'sheets':
              case 'sheet':
                throw new Error(`the file reader sent ${message.type} inside a table`)
              case 'error': {
                const error = errorOf(message)
                finish(() => reject(error))
                break
              }
            }
          } catch (error) {
            // The writer failed (a full disk, say): stop reading and let the import roll back.
            finish(() => reject(error))
          }
        }
        fail = (error) => finish(() => reject(error))
        if (signal.aborted) return cancel()
        // Messages queued so far, up to the end of this table; the rest wait for `next`.
        while (waiting.length > 0 && !settled) deliver(waiting.shift()!)
        if (failure && !settled) fail(failure)
      })
  }
}
