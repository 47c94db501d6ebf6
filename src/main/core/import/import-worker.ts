// Entry point of the import worker thread (built to out/main/import-worker.js). It opens its own
// connection once and imports the jobs it is sent, one at a time, reporting progress and each
// file's outcome; a cancel stops the job it names cleanly. It stays for the next job (import-runner.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { connectArchive } from '../db/connect-archive'
import { importFiles } from './import-files'
import type { ImportWorkerData, ImportWorkerMessage, ImportWorkerRequest } from './import-runner'

const PROGRESS_INTERVAL_MS = 100

const port = parentPort
if (!port) throw new Error('import-worker must run as a worker thread')
const data = workerData as ImportWorkerData
const db = connectArchive(data.archivePath, data.nativeBinding)
const controllers = new Map<number, AbortController>()

async function importJob(message: Extract<ImportWorkerRequest, { type: 'import' }>): Promise<void> {
  const { id } = message
  const controller = new AbortController()
  controllers.set(id, controller)
  let last = 0
  let error: string | null = null
  try {
    await importFiles(
      db,
      message.requests,
      controller.signal,
      {
        progress: (index, progress) => {
          const now = performance.now()
          if (now - last < PROGRESS_INTERVAL_MS && progress.phase === 'reading') return
          last = now
          port!.postMessage({ type: 'progress', id, index, progress } satisfies ImportWorkerMessage)
        },
        outcome: (index, outcome) => port!.postMessage({ type: 'outcome', id, index, outcome } satisfies ImportWorkerMessage)
      },
      data.readerWorker
    )
  } catch (thrown) {
    // importFiles answers for every file itself; this is for what it could not (the files left are failed with it).
    error = thrown instanceof Error ? thrown.message : String(thrown)
  } finally {
    controllers.delete(id)
    port!.postMessage({ type: 'done', id, error } satisfies ImportWorkerMessage)
  }
}

port.on('message', (message: ImportWorkerRequest) => {
  if (message.type === 'cancel') controllers.get(message.id)?.abort()
  else void importJob(message)
})
