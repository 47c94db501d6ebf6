// Entry point of the import worker thread (built to out/main/import-worker.js). It opens its own
// connection once and imports the files it is sent, one at a time, reporting progress; a cancel
// stops the file it names cleanly. It stays for the next file of a job (import-runner.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { connectArchive } from '../db/connect-archive'
import { importOneFile, type ImportProgress } from './import-one-file'
import type { ImportWorkerData, ImportWorkerMessage, ImportWorkerRequest } from './import-runner'

const PROGRESS_INTERVAL_MS = 100

const port = parentPort
if (!port) throw new Error('import-worker must run as a worker thread')
const data = workerData as ImportWorkerData
const db = connectArchive(data.archivePath, data.nativeBinding)
const controllers = new Map<number, AbortController>()

async function importFile(id: number, request: Extract<ImportWorkerRequest, { type: 'import' }>['request']): Promise<void> {
  const controller = new AbortController()
  controllers.set(id, controller)
  let last = 0
  const onProgress = (progress: ImportProgress) => {
    const now = performance.now()
    if (now - last < PROGRESS_INTERVAL_MS && progress.phase === 'reading') return
    last = now
    port!.postMessage({ type: 'progress', id, progress } satisfies ImportWorkerMessage)
  }
  try {
    const outcome = await importOneFile(db, request, controller.signal, onProgress, data.readerWorker)
    port!.postMessage({ type: 'done', id, outcome } satisfies ImportWorkerMessage)
  } finally {
    controllers.delete(id)
  }
}

port.on('message', (message: ImportWorkerRequest) => {
  if (message.type === 'cancel') controllers.get(message.id)?.abort()
  else void importFile(message.id, message.request)
})
