// Entry point of the reader thread (built to out/main/import-reader-worker.js): parses and types a
// table file and streams packed batches to the import worker, waiting when it is too far ahead.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parentPort, workerData } from 'node:worker_threads'
import { readTableFile } from './read-table-file'
import { ImportCancelled, ImportInputError } from './row-sink'
import { JSON_SLOT_BYTES, MAX_BATCHES_IN_FLIGHT, type ReaderMessage, type ReaderWorkerData } from './threaded-table-reader'
import { transferablesOf } from './typing/packed-batch'
import type { PackedSink } from './typing/packed-sink'
import { TypingSink } from './typing/typing-sink'

async function main(): Promise<void> {
  const port = parentPort
  if (!port) throw new Error('import-reader-worker must run as a worker thread')
  const data = workerData as ReaderWorkerData
  const counter = new Int32Array(data.inFlight)
  const utf8 = new TextEncoder()
  let sent = 0
  const send = (message: ReaderMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)
  const packed: PackedSink = {
    columns: (labels) => send({ type: 'columns', labels }),
    addColumns: (labels) => send({ type: 'addColumns', labels }),
    batch: (batch) => {
      // Readers deliver rows synchronously, so back-pressure is a blocking wait on this thread.
      for (let pending = Atomics.load(counter, 0); pending >= MAX_BATCHES_IN_FLIGHT; pending = Atomics.load(counter, 0)) Atomics.wait(counter, 0, pending, 1000)
      // At most MAX_BATCHES_IN_FLIGHT - 1 batches are unwritten now, and they are the ones just
      // before this one, so this batch's slot (its number modulo the ring's size) is free.
      const slot = sent++ % MAX_BATCHES_IN_FLIGHT
      Atomics.add(counter, 0, 1)
      const room = new Uint8Array(data.jsonSlots, slot * JSON_SLOT_BYTES, JSON_SLOT_BYTES)
      const { rows, width } = batch
      if (batch.format === 'json' && typeof batch.json === 'string') {
        const { read, written } = utf8.encodeInto(batch.json, room)
        if (read === batch.json.length) return send({ type: 'jsonSlot', format: 'json', rows, width, slot, bytes: written })
      }
      if (batch.format === 'jsonb') {
        // The sink's bytes are lent: copied into the slot, or into a buffer of their own that is transferred.
        if (batch.jsonb.byteLength <= JSON_SLOT_BYTES) {
          room.set(batch.jsonb)
          return send({ type: 'jsonSlot', format: 'jsonb', rows, width, slot, bytes: batch.jsonb.byteLength })
        }
        const own = batch.jsonb.slice()
        return send({ type: 'batch', batch: { ...batch, jsonb: own } }, [own.buffer])
      }
      send({ type: 'batch', batch }, transferablesOf(batch))
    },
    spellings: (json) => send({ type: 'spellings', json }),
    warning: (warning) => send({ type: 'warning', warning }),
    progress: (bytesRead) => send({ type: 'progress', bytesRead })
  }
  try {
    const format = data.format
    if (format === 'xlsx' || format === 'xls' || format === 'ods') {
      // A workbook: each sheet's table in turn, each typed on its own (it becomes a dataset of its own).
      const { readWorkbookSheets } = await import('./workbook/read-workbook-sheets')
      // A large sheet's rows are read on one more thread, built beside this one.
      const sheetThread = { worker: join(dirname(fileURLToPath(import.meta.url)), 'sheet-rows-worker.js'), minBytes: data.sheetThreadMinBytes }
      await readWorkbookSheets(data.path, data.fileName, format, data.options, () => new TypingSink(packed, data.options.nullTokens), send, sheetThread)
    } else {
      const typing = new TypingSink(packed, data.options.nullTokens)
      const { sha256, summary } = await readTableFile(data.path, data.fileName, format, data.options, typing, new AbortController().signal)
      send({ type: 'end', settled: typing.finish(), sha256, summary })
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code ?? null
    if (error instanceof ImportCancelled) send({ type: 'error', kind: 'cancelled', message: error.message, code, line: null, byteOffset: null })
    else if (error instanceof ImportInputError) send({ type: 'error', kind: 'input', message: error.message, code, line: error.line, byteOffset: error.byteOffset })
    else send({ type: 'error', kind: 'other', message: error instanceof Error ? error.message : String(error), code, line: null, byteOffset: null })
  }
}

await main()
