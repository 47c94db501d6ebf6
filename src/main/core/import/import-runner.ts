import { Worker } from 'node:worker_threads'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { ImportOutcome } from '@shared/model'
import type { Archive } from '../archive'
import { connectArchive } from '../db/connect-archive'
import { importFiles, unreadOutcome, type ImportFilesListener } from './import-files'
import type { ImportProgress, ImportRequest } from './import-one-file'

/**
 * Imports a job's files. A runner may keep things between jobs (the worker thread and its
 * connection), and a job of small files pays its fixed costs once per batch, not once per file
 * (import-files.ts).
 */
export interface ImportRunner {
  /**
   * Imports the files in order and resolves once every one of them has had its outcome (in order,
   * each only when it is final); never rejects.
   */
  run(requests: readonly ImportRequest[], signal: AbortSignal, listener: ImportFilesListener): Promise<void>
  /** Ends what the runner keeps between jobs. */
  close(): Promise<void>
}

export interface ImportWorkerData {
  archivePath: string
  nativeBinding: string | null
  /** The reader thread's entry, beside the import worker's. */
  readerWorker: string | null
}

/** What the import worker is asked: import a job's files, or stop them. */
export type ImportWorkerRequest = { type: 'import'; id: number; requests: ImportRequest[] } | { type: 'cancel'; id: number }

export type ImportWorkerMessage =
  | { type: 'progress'; id: number; index: number; progress: ImportProgress }
  | { type: 'outcome'; id: number; index: number; outcome: ImportOutcome }
  | { type: 'done'; id: number; error: string | null }

function readerWorkerBeside(workerPath: string): string | null {
  const path = join(dirname(workerPath), 'import-reader-worker.js')
  return existsSync(path) ? path : null
}

/**
 * Passes outcomes on in order and remembers how far they got, so that when the import stops short
 * (a thrown error, a lost thread) every file still without one is given one.
 */
function trackOutcomes(requests: readonly ImportRequest[], listener: ImportFilesListener) {
  let next = 0
  return {
    listener: {
      progress: (index: number, progress: ImportProgress) => listener.progress(index, progress),
      outcome: (index: number, outcome: ImportOutcome) => {
        if (index !== next) return
        next++
        listener.outcome(index, outcome)
      }
    } satisfies ImportFilesListener,
    failRest(reason: string) {
      for (; next < requests.length; next++) listener.outcome(next, unreadOutcome(requests[next]!.path, reason))
    }
  }
}

/** Imports in this thread over a connection of its own (tests, and the CLI when no worker file exists). */
export function inlineImportRunner(archive: Archive): ImportRunner {
  return {
    async run(requests, signal, listener) {
      const tracked = trackOutcomes(requests, listener)
      try {
        const db = connectArchive(archive.path, archive.nativeBinding)
        try {
          await importFiles(db, requests, signal, tracked.listener, null)
        } finally {
          db.close()
        }
      } catch (error) {
        tracked.failRest(error instanceof Error ? error.message : String(error))
      }
      tracked.failRest('the import stopped before reaching it')
    },
    close: () => Promise.resolve()
  }
}

/** A worker with nothing to do for this long ends, and gives back its memory and connection. */
const IDLE_MS = 10_000

interface Running {
  id: number
  listener: ImportFilesListener
  settle(reason: string | null): void
}

/**
 * Imports in a worker thread (its own connection, its own core): parsing and inserting never block
 * the thread that serves the window, and readers keep working thanks to WAL. The worker and its
 * connection stay for the next job and end when idle.
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
      if (message.type === 'progress') running.listener.progress(message.index, message.progress)
      else if (message.type === 'outcome') running.listener.outcome(message.index, message.outcome)
      else running.settle(message.error)
    })
    const lost = (reason: string) => {
      if (worker !== started) return
      worker = null
      running?.settle(reason)
    }
    started.on('error', (error) => lost(error.message))
    started.on('exit', (code) => lost(`the import worker stopped (exit code ${code})`))
    return started
  }

  return {
    run: (requests, signal, listener) =>
      new Promise<void>((resolve) => {
        if (idle !== null) clearTimeout(idle)
        idle = null
        const tracked = trackOutcomes(requests, listener)
        try {
          worker ??= start()
        } catch (error) {
          // A thread that cannot even start (no memory for it, a missing file) fails this job only.
          tracked.failRest(`its worker thread could not start (${error instanceof Error ? error.message : String(error)})`)
          resolve()
          return
        }
        const current = worker
        const id = nextId++
        const cancel = () => current.postMessage({ type: 'cancel', id } satisfies ImportWorkerRequest)
        running = {
          id,
          listener: tracked.listener,
          settle: (reason) => {
            if (running?.id !== id) return
            running = null
            signal.removeEventListener('abort', cancel)
            // Files the worker never answered for (it was lost mid-way) failed, with the reason.
            tracked.failRest(reason ?? 'the import worker ended without reaching it')
            idle = setTimeout(() => void end(), IDLE_MS)
            // An idle worker must not keep the CLI's process alive.
            idle.unref()
            resolve()
          }
        }
        signal.addEventListener('abort', cancel)
        current.postMessage({ type: 'import', id, requests: [...requests] } satisfies ImportWorkerRequest)
        if (signal.aborted) cancel()
      }),
    close: async () => {
      await end()
    }
  }
}
