import { Worker } from 'node:worker_threads'
import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { ImportOutcome } from '@shared/model'
import type { Archive } from '../archive'
import { connectArchive } from '../db/connect-archive'
import { importOneFile, type ImportProgress, type ImportRequest } from './import-one-file'

/**
 * Imports files one at a time. A runner may keep things between files (the worker thread and its
 * connection): a folder of small files pays to start them once, not once per file.
 */
export interface ImportRunner {
  /** Runs one file's import and resolves with its outcome; never rejects. */
  run(request: ImportRequest, signal: AbortSignal, onProgress: (progress: ImportProgress) => void): Promise<ImportOutcome>
  /** Ends what the runner keeps between files. */
  close(): Promise<void>
}

export interface ImportWorkerData {
  archivePath: string
  nativeBinding: string | null
  /** The reader thread's entry, beside the import worker's. */
  readerWorker: string | null
}

/** What the import worker is asked: import a file (one at a time), or stop one. */
export type ImportWorkerRequest = { type: 'import'; id: number; request: ImportRequest } | { type: 'cancel'; id: number }

export type ImportWorkerMessage = { type: 'progress'; id: number; progress: ImportProgress } | { type: 'done'; id: number; outcome: ImportOutcome }

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
  return {
    async run(request, signal, onProgress) {
      const db = connectArchive(archive.path, archive.nativeBinding)
      try {
        return await importOneFile(db, request, signal, onProgress, null)
      } catch (error) {
        return crashed(request, error instanceof Error ? error.message : String(error))
      } finally {
        db.close()
      }
    },
    close: () => Promise.resolve()
  }
}

/** A worker with nothing to do for this long ends, and gives back its memory and connection. */
const IDLE_MS = 10_000

interface Running {
  id: number
  request: ImportRequest
  onProgress: (progress: ImportProgress) => void
  settle(outcome: ImportOutcome): void
}

/**
 * Imports in a worker thread (its own connection, its own core): parsing and inserting never block
 * the thread that serves the window, and readers keep working thanks to WAL. The worker and its
 * connection stay for the next file of the job and end when idle; each file is still its own
 * transaction, all or nothing.
 */
export function workerImportRunner(archive: Archive, workerPath: string): ImportRunner {
  const data: ImportWorkerData = { archivePath: archive.path, nativeBinding: archive.nativeBinding, readerWorker: readerWorkerBeside(workerPath) }
  let worker: Worker | null = null
  let running: Running | null = null
  let idle: NodeJS.Timeout | null = null
  let nextId = 1

  const end = (): Promise<number> | null => {
    if (idle !== null) clearTimeout(idle)
    idle = null
    const ending = worker
    worker = null
    return ending === null ? null : ending.terminate()
  }

  const start = (): Worker => {
    const started = new Worker(workerPath, { workerData: data })
    started.on('message', (message: ImportWorkerMessage) => {
      if (running === null || message.id !== running.id) return
      if (message.type === 'progress') running.onProgress(message.progress)
      else running.settle(message.outcome)
    })
    const lost = (reason: string) => {
      if (worker !== started) return
      worker = null
      running?.settle(crashed(running.request, reason))
    }
    started.on('error', (error) => lost(error.message))
    started.on('exit', (code) => lost(`the import worker stopped (exit code ${code})`))
    return started
  }

  return {
    run: (request, signal, onProgress) =>
      new Promise<ImportOutcome>((resolve) => {
        if (idle !== null) clearTimeout(idle)
        idle = null
        try {
          worker ??= start()
        } catch (error) {
          // A thread that cannot even start (no memory for it, a missing file) fails this file only.
          resolve(crashed(request, `its worker thread could not start (${error instanceof Error ? error.message : String(error)})`))
          return
        }
        const current = worker
        const id = nextId++
        const cancel = () => current.postMessage({ type: 'cancel', id } satisfies ImportWorkerRequest)
        running = {
          id,
          request,
          onProgress,
          settle: (outcome) => {
            if (running?.id !== id) return
            running = null
            signal.removeEventListener('abort', cancel)
            idle = setTimeout(() => void end(), IDLE_MS)
            // An idle worker must not keep the CLI's process alive.
            idle.unref()
            resolve(outcome)
          }
        }
        signal.addEventListener('abort', cancel)
        current.postMessage({ type: 'import', id, request } satisfies ImportWorkerRequest)
        if (signal.aborted) cancel()
      }),
    close: async () => {
      await end()
    }
  }
}
