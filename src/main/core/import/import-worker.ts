// Entry point of the import worker thread (built to out/main/import-worker.js). It opens its own
// connection, imports one file and reports progress; a 'cancel' message aborts it cleanly.
import { parentPort, workerData } from 'node:worker_threads'
import { connectArchive } from '../db/connect-archive'
import { importOneFile, type ImportProgress } from './import-one-file'
import type { ImportWorkerData, ImportWorkerMessage } from './import-runner'

const PROGRESS_INTERVAL_MS = 100

async function main(): Promise<void> {
  const port = parentPort
  if (!port) throw new Error('import-worker must run as a worker thread')
  const data = workerData as ImportWorkerData
  const controller = new AbortController()
  port.on('message', (message: unknown) => {
    if (message === 'cancel') controller.abort()
  })
  let last = 0
  const onProgress = (progress: ImportProgress) => {
    const now = performance.now()
    if (now - last < PROGRESS_INTERVAL_MS && progress.phase === 'reading') return
    last = now
    port.postMessage({ type: 'progress', progress } satisfies ImportWorkerMessage)
  }
  const db = connectArchive(data.archivePath, data.nativeBinding)
  try {
    const outcome = await importOneFile(db, data.request, controller.signal, onProgress, data.readerWorker)
    port.postMessage({ type: 'done', outcome } satisfies ImportWorkerMessage)
  } finally {
    db.close()
    port.close()
  }
}

await main()
