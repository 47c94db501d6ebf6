// Builds, in the background, the index a sorted or filtered column reads. The explorer's first page
// never waits for one (query-dataset-rows.ts finds it without), but a page deep in a sorted table,
// or an exact count under a filter, is a walk of the index once it exists instead of a pass over
// every row. The index of a column is asked for the first time someone sorts or filters on it, not
// for every column at import: at 10 million rows each costs seconds and ~100 MB.
//
// The build runs in a worker thread on its own connection and holds the archive's write lock while
// it runs, so it gives way to the person: a change coming (a note saved, an import started) stops a
// build at once (the worker is ended, SQLite rolls the half-made index back) and it starts again
// after a quiet moment; nothing starts while an import runs.

import { Worker } from 'node:worker_threads'

export interface SortIndexWorkerData {
  archivePath: string
  nativeBinding: string | null
}

export interface SortIndexJob {
  datasetId: number
  position: number
}

export type SortIndexReply = { type: 'built' } | { type: 'busy' } | { type: 'failed'; message: string }

/** How long after a change (or a lock held elsewhere) a build waits before it starts. */
export const QUIET_MS = 2_000

export class SortIndexer {
  readonly #data: SortIndexWorkerData
  readonly #workerPath: string
  /** True while something else writes (an import), so no build starts. */
  readonly #othersWriting: () => boolean
  readonly #queue: SortIndexJob[] = []
  #worker: Worker | null = null
  #running: SortIndexJob | null = null
  #quietUntil = 0
  #timer: ReturnType<typeof setTimeout> | null = null
  #disposed = false
  /** Builds finished, for tests and benches. */
  built = 0

  constructor(data: SortIndexWorkerData, workerPath: string, othersWriting: () => boolean) {
    this.#data = data
    this.#workerPath = workerPath
    this.#othersWriting = othersWriting
  }

  /** Asks for the index of a column; a column already asked for is not asked twice. */
  want(job: SortIndexJob): void {
    if (this.#disposed) return
    const same = (other: SortIndexJob | null) => other !== null && other.datasetId === job.datasetId && other.position === job.position
    if (same(this.#running) || this.#queue.some(same)) return
    this.#queue.push(job)
    this.#schedule()
  }

  /** A change is coming: a build on its way stops (and is asked for again), and none starts for a quiet moment. */
  pause(): void {
    this.#quietUntil = Date.now() + QUIET_MS
    if (this.#running !== null) {
      this.#queue.unshift(this.#running)
      this.#running = null
      void this.#worker?.terminate()
      this.#worker = null
    }
    this.#schedule()
  }

  /** Whether a build runs or waits. */
  get pending(): boolean {
    return this.#running !== null || this.#queue.length > 0
  }

  async dispose(): Promise<void> {
    this.#disposed = true
    this.#queue.length = 0
    this.#running = null
    if (this.#timer !== null) clearTimeout(this.#timer)
    const worker = this.#worker
    this.#worker = null
    await worker?.terminate()
  }

  #schedule(): void {
    if (this.#disposed || this.#running !== null || this.#queue.length === 0 || this.#timer !== null) return
    const wait = this.#quietUntil - Date.now()
    if (wait > 0 || this.#othersWriting()) {
      this.#timer = setTimeout(
        () => {
          this.#timer = null
          this.#schedule()
        },
        Math.max(wait, QUIET_MS / 4)
      )
      this.#timer.unref()
      return
    }
    const job = this.#queue.shift()!
    this.#running = job
    this.#workerFor().postMessage(job)
  }

  #workerFor(): Worker {
    if (this.#worker !== null) return this.#worker
    const worker = new Worker(this.#workerPath, { workerData: this.#data })
    worker.unref()
    worker.on('message', (reply: SortIndexReply) => {
      if (worker !== this.#worker) return
      const job = this.#running
      this.#running = null
      if (reply.type === 'built') this.built++
      // The lock was held elsewhere (another process writing): again after a quiet moment.
      if (reply.type === 'busy' && job !== null) {
        this.#queue.push(job)
        this.#quietUntil = Date.now() + QUIET_MS
      }
      this.#schedule()
    })
    // A worker that fails to start or dies takes its job with it (it is asked for again on the
    // next sort); the next job gets a new worker.
    const gone = () => {
      if (worker !== this.#worker) return
      this.#worker = null
      this.#running = null
      this.#schedule()
    }
    worker.on('error', gone)
    worker.on('exit', gone)
    this.#worker = worker
    return worker
  }
}
