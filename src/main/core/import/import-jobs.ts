import { basename } from 'node:path'
import type { ApiEvent } from '@shared/api'
import type { ImportOptions, ImportOutcome, JobStatus } from '@shared/model'
import { expandImportPaths } from './expand-import-paths'
import { unreadOutcome, type ImportFilesListener } from './import-files'
import type { ImportProgress } from './import-one-file'
import type { ImportRunner } from './import-runner'

const KEPT_JOBS = 50
/** How often a running job's state is sent to the window (and the CLI's progress line). */
const PUBLISH_MS = 100

/** What a file's progress line says it is doing. */
function progressWords(progress: ImportProgress): string {
  if (progress.phase === 'checking') return 'checking'
  if (progress.phase === 'waiting') return 'waiting for another program to finish writing the archive'
  if (progress.phase === 'indexing') return 'indexing for search'
  if (progress.parts === 'pages' && progress.ocrStarting) return `starting OCR for page ${progress.partsRead + 1} of ${progress.partsTotal}`
  if (progress.parts === 'pages') return `page ${progress.partsRead} of ${progress.partsTotal}${progress.ocrPages > 0 ? ` (${progress.ocrPages} read by OCR)` : ''}`
  if (progress.parts === 'sheets') return `sheet ${Math.min(progress.partsRead + 1, progress.partsTotal)} of ${progress.partsTotal}`
  return 'reading'
}

function summarise(outcomes: ImportOutcome[]): string {
  const count = (status: ImportOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length
  const parts = [
    [count('imported'), 'imported'],
    [count('duplicate'), 'already in the archive'],
    [count('failed'), 'failed'],
    [count('cancelled'), 'cancelled']
  ] as const
  return parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(', ') || 'nothing to import'
}

interface QueuedJob {
  status: JobStatus
  paths: string[]
  options: ImportOptions
  controller: AbortController
}

/**
 * Imports as jobs: the call returns a job id at once, progress arrives as events, and a job can be
 * cancelled at any time. Jobs run one after another (one writer at a time), each file through the
 * runner (a worker thread in the app).
 */
export class ImportJobs {
  private readonly jobs = new Map<string, QueuedJob>()
  private readonly queue: QueuedJob[] = []
  private running = false
  private sequence = 0
  private disposed = false
  /** When each job was last published, and the publication waiting for its turn (publishSoon). */
  private readonly published = new WeakMap<QueuedJob, number>()
  private readonly pending = new Map<QueuedJob, NodeJS.Timeout>()

  constructor(
    private readonly runner: ImportRunner,
    private readonly emit: (event: ApiEvent) => void
  ) {}

  start(paths: string[], options: ImportOptions): string {
    const id = `import-${Date.now().toString(36)}-${++this.sequence}`
    const title = paths.length === 1 ? `Importing ${basename(paths[0]!)}` : `Importing ${paths.length} items`
    const status: JobStatus = {
      id,
      kind: 'import',
      title,
      state: 'running',
      progress: null,
      detail: 'Waiting for the import before it…',
      bytesRead: 0,
      bytesTotal: 0,
      rowsWritten: 0,
      pages: null,
      skipped: [],
      outcomes: []
    }
    const job: QueuedJob = { status, paths, options, controller: new AbortController() }
    this.jobs.set(id, job)
    this.trim()
    this.queue.push(job)
    this.publish(job)
    void this.drain()
    return id
  }

  /** Whether an import runs or waits: the archive's writer is taken. */
  get busy(): boolean {
    return this.running || this.queue.length > 0
  }

  list(): JobStatus[] {
    return [...this.jobs.values()].map((job) => structuredClone(job.status))
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id)
    if (!job || job.status.state !== 'running') return false
    job.controller.abort()
    return true
  }

  /** Cancels everything and resolves when the running import has stopped. */
  async dispose(): Promise<void> {
    this.disposed = true
    for (const job of this.jobs.values()) job.controller.abort()
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 10))
    for (const timer of this.pending.values()) clearTimeout(timer)
    this.pending.clear()
    await this.runner.close()
  }

  private async drain(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) await this.run(job)
    } finally {
      this.running = false
    }
  }

  private async run(job: QueuedJob): Promise<void> {
    const { status } = job
    const { files, skipped } = await expandImportPaths(job.paths)
    status.skipped = skipped.map(({ path, why }) => ({ file: basename(path), why }))
    const requests = files.map((path) => ({ path, options: job.options, article: null, dataset: null }))
    // Progress arrives file after file; a file's bytes and rows count as done once the next begins.
    let current = -1
    let doneBytes = 0
    let doneRows = 0
    let last: ImportProgress | null = null
    const named = (index: number) => (files.length > 1 ? `${basename(files[index]!)} (${index + 1} of ${files.length})` : basename(files[index]!))
    const listener: ImportFilesListener = {
      progress: (index, progress) => {
        if (index !== current) {
          if (last !== null) {
            doneBytes += last.bytesTotal
            doneRows += last.rowsWritten
          }
          current = index
        }
        last = progress
        status.bytesTotal = Math.max(status.bytesTotal, doneBytes + progress.bytesTotal)
        const paged = progress.phase === 'reading' && progress.parts === 'pages' && progress.partsTotal > 0
        status.pages = paged ? { read: progress.partsRead, total: progress.partsTotal, ocr: progress.ocrPages, ...(progress.ocrStarting ? { ocrStarting: true } : {}) } : null
        // A PDF's pages are read one by one, not byte by byte (a scan takes seconds): they stand for its bytes.
        status.bytesRead = doneBytes + (paged ? Math.floor((progress.bytesTotal * progress.partsRead) / progress.partsTotal) : progress.bytesRead)
        status.rowsWritten = doneRows + progress.rowsWritten
        status.detail = `${named(index)} — ${progressWords(progress)}`
        status.progress = status.bytesTotal > 0 ? Math.min(1, status.bytesRead / status.bytesTotal) : null
        this.publishSoon(job)
      },
      outcome: (index, outcome) => {
        // Once the file being read has its outcome, no page count of it stays behind.
        if (index === current) status.pages = null
        status.outcomes.push(outcome)
        this.publishSoon(job)
      }
    }
    // A runner answers for every file and never rejects; should one reject all the same, the files
    // it did not answer for failed and the job goes on, rather than staying 'running' for ever.
    await this.runner.run(requests, job.controller.signal, listener).catch((error: unknown) => {
      for (const path of files.slice(status.outcomes.length)) status.outcomes.push(unreadOutcome(path, error instanceof Error ? error.message : String(error)))
    })
    const outcomes = status.outcomes
    status.rowsWritten = outcomes.reduce((rows, outcome) => rows + (outcome.status === 'imported' ? outcome.rows : 0), 0)
    status.state = job.controller.signal.aborted
      ? 'cancelled'
      : outcomes.length > 0 && outcomes.every((outcome) => outcome.status === 'failed')
        ? 'failed'
        : 'done'
    status.progress = 1
    status.pages = null
    status.detail = summarise(outcomes)
    this.publish(job)
  }

  /**
   * Publishes a running job's state at most every PUBLISH_MS. Each event carries the whole status
   * (every outcome so far): for a folder of a thousand small files, publishing on every change
   * cost seconds of copying on the thread that serves the window.
   */
  private publishSoon(job: QueuedJob): void {
    if (this.pending.has(job)) return
    const wait = Math.max(0, (this.published.get(job) ?? -Infinity) + PUBLISH_MS - performance.now())
    if (wait === 0) {
      this.publish(job)
      return
    }
    this.pending.set(
      job,
      setTimeout(() => {
        this.pending.delete(job)
        this.publish(job)
      }, wait)
    )
  }

  private publish(job: QueuedJob): void {
    const timer = this.pending.get(job)
    if (timer !== undefined) clearTimeout(timer)
    this.pending.delete(job)
    this.published.set(job, performance.now())
    if (this.disposed) return
    this.emit({ type: 'job', job: structuredClone(job.status) })
  }

  private trim(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KEPT_JOBS) break
      if (job.status.state !== 'running') this.jobs.delete(id)
    }
  }
}
