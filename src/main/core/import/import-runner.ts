import { Worker } from 'node:worker_threads'
import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { ImportOutcome } from '@shared/model'
import type { Archive } from '../archive'
import { connectArchive } from '../db/connect-archive'
import { importOneFile, type ImportProgress, type ImportRequest } from './import-one-file'

/** Runs one file's import and resolves with its outcome; never rejects. */
export type ImportRunner = (request: ImportRequest, signal: AbortSignal, onProgress: (progress: ImportProgress) => void) => Promise<ImportOutcome>

export interface ImportWorkerData {
  archivePath: string
  nativeBinding: string | null
  request: ImportRequest
  /** The reader thread's entry, beside the import worker's. */
  readerWorker: string | null
}

export type ImportWorkerMessage = { type: 'progress'; progress: ImportProgress } | { type: 'done'; outcome: ImportOutcome }

function crashed(request: ImportRequest, reason: string): ImportOutcome {
  const file = basename(request.path)
  return {
    file,
    path: request.path,
    status: 'failed',
    kind: null,
    id: null,
    rows: 0,
    warnings: [],
    emptiedCells: [],
    error: `${file} could not be imported: ${reason}. Nothing was added.`,
    seconds: 0,
    dataSeconds: 0,
    ocr: null,
    sheets: null
  }
}

function readerWorkerBeside(workerPath: string): string | null {
  const path = join(dirname(workerPath), 'import-reader-worker.js')
  return existsSync(path) ? path : null
}

/** Imports in this thread over a connection of its own (tests, and the CLI when no worker file exists). */
export function inlineImportRunner(archive: Archive): ImportRunner {
  return async (request, signal, onProgress) => {
    const db = connectArchive(archive.path, archive.nativeBinding)
    try {
      return await importOneFile(db, request, signal, onProgress, null)
    } catch (error) {
      return crashed(request, error instanceof Error ? error.message : String(error))
    } finally {
      db.close()
    }
  }
}

/**
 * Imports in a worker thread (its own connection, its own core): parsing and inserting never block
 * the thread that serves the window, and readers keep working thanks to WAL.
 */
export function workerImportRunner(archive: Archive, workerPath: string): ImportRunner {
  return (request, signal, onProgress) =>
    new Promise<ImportOutcome>((resolve) => {
      const data: ImportWorkerData = { archivePath: archive.path, nativeBinding: archive.nativeBinding, request, readerWorker: readerWorkerBeside(workerPath) }
      let worker: Worker
      try {
        worker = new Worker(workerPath, { workerData: data })
      } catch (error) {
        // A thread that cannot even start (no memory for it, a missing file) fails this file only.
        resolve(crashed(request, `its worker thread could not start (${error instanceof Error ? error.message : String(error)})`))
        return
      }
      let settled = false
      const settle = (outcome: ImportOutcome) => {
        if (settled) return
        settled = true
        signal.removeEventListener('abort', cancel)
        resolve(outcome)
      }
      const cancel = () => worker.postMessage('cancel')
      signal.addEventListener('abort', cancel)
      worker.on('message', (message: ImportWorkerMessage) => {
        if (message.type === 'progress') onProgress(message.progress)
        else settle(message.outcome)
      })
      worker.on('error', (error) => settle(crashed(request, error.message)))
      worker.on('exit', (code) => settle(crashed(request, `the import worker stopped (exit code ${code})`)))
      if (signal.aborted) cancel()
    })
}
