import { basename } from 'node:path'
import type { ApiEvent } from '@shared/api'
import type { ImportOptions, ImportOutcome, JobStatus } from '@shared/model'
import { expandImportPaths } from './expand-import-paths'
import type { ImportRunner } from './import-runner'

const KEPT_JOBS = 50

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
    const files = await expandImportPaths(job.paths)
    let doneBytes = 0
    for (let index = 0; index < files.length; index++) {
      const path = files[index]!
      const name = basename(path)
      if (job.controller.signal.aborted) {
        status.outcomes.push({ file: name, path, status: 'cancelled', kind: null, id: null, rows: 0, warnings: [], emptiedCells: [], error: null, seconds: 0, dataSeconds: 0, ocr: null, sheets: null })
        continue
      }
      const rowsBefore = status.rowsWritten
      status.detail = files.length > 1 ? `${name} (${index + 1} of ${files.length})` : name
      this.publish(job)
      // A runner answers with an outcome, never a rejection; should one reject all the same, that
      // file failed and the job goes on, rather than staying 'running' for ever.
      const outcome = await this.runner.run({ path, options: job.options, article: null, dataset: null }, job.controller.signal, (progress) => {
        status.bytesTotal = Math.max(status.bytesTotal, doneBytes + progress.bytesTotal)
        status.bytesRead = doneBytes + progress.bytesRead
        status.rowsWritten = rowsBefore + progress.rowsWritten
        const what =
          progress.phase === 'checking'
            ? 'checking'
            : progress.phase === 'indexing'
              ? 'indexing for search'
              : progress.parts === 'pages'
                ? `page ${progress.partsRead} of ${progress.partsTotal}${progress.ocrPages > 0 ? ` (${progress.ocrPages} read by OCR)` : ''}`
                : progress.parts === 'sheets'
                  ? `sheet ${Math.min(progress.partsRead + 1, progress.partsTotal)} of ${progress.partsTotal}`
                  : 'reading'
        status.detail = `${files.length > 1 ? `${name} (${index + 1} of ${files.length})` : name} — ${what}`
        // A PDF's pages are read one by one, not byte by byte (a scan takes seconds): they measure its progress.
        const done = progress.parts === 'pages' && progress.partsTotal > 0 ? doneBytes + (progress.bytesTotal * progress.partsRead) / progress.partsTotal : status.bytesRead
        status.progress = status.bytesTotal > 0 ? Math.min(1, done / status.bytesTotal) : null
        this.publish(job)
      }).catch((error: unknown) => failedOutcome(path, error))
      doneBytes = status.bytesTotal
      status.rowsWritten = rowsBefore + (outcome.status === 'imported' ? outcome.rows : 0)
      status.outcomes.push(outcome)
      this.publish(job)
    }
    const outcomes = status.outcomes
    status.state = job.controller.signal.aborted
      ? 'cancelled'
      : outcomes.length > 0 && outcomes.every((outcome) => outcome.status === 'failed')
        ? 'failed'
        : 'done'
    status.progress = 1
    status.detail = summarise(outcomes)
    this.publish(job)
  }

  private publish(job: QueuedJob): void {
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

function failedOutcome(path: string, error: unknown): ImportOutcome {
  const file = basename(path)
  const reason = error instanceof Error ? error.message : String(error)
  return { file, path, status: 'failed', kind: null, id: null, rows: 0, warnings: [], emptiedCells: [], error: `${file} could not be imported: ${reason}. Nothing was added.`, seconds: 0, dataSeconds: 0, ocr: null, sheets: null }
}
