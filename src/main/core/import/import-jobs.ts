import { basename } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { ApiEvent } from '@shared/api'
import type { ImportOutcome, JobStatus } from '@shared/model'
import { importFile } from './import-file'

const KEPT_JOBS = 50

function summarise(outcomes: ImportOutcome[]): string {
  const count = (status: ImportOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length
  const parts = [
    [count('imported'), 'imported'],
    [count('duplicate'), 'already in the archive'],
    [count('failed'), 'failed'],
    [count('cancelled'), 'cancelled']
  ] as const
  return parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(', ') || 'nothing to do'
}

/**
 * Runs imports as jobs: the call returns a job id at once, progress arrives as events, and a job
 * can be cancelled between files. Files are imported one after another, yielding to the event loop
 * in between so other calls are served.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, JobStatus>()
  private readonly cancelled = new Set<string>()
  private sequence = 0
  private disposed = false

  constructor(
    private readonly db: Database,
    private readonly emit: (event: ApiEvent) => void
  ) {}

  start(paths: string[]): string {
    const id = `import-${Date.now().toString(36)}-${++this.sequence}`
    const title = paths.length === 1 ? `Importing ${basename(paths[0]!)}` : `Importing ${paths.length} files`
    const job: JobStatus = { id, kind: 'import', title, state: 'running', progress: 0, detail: 'Starting…', outcomes: [] }
    this.jobs.set(id, job)
    this.trim()
    this.publish(job)
    void this.run(job, paths)
    return id
  }

  list(): JobStatus[] {
    return [...this.jobs.values()].map((job) => structuredClone(job))
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id)
    if (!job || job.state !== 'running') return false
    this.cancelled.add(id)
    return true
  }

  dispose(): void {
    this.disposed = true
    for (const id of this.jobs.keys()) this.cancelled.add(id)
  }

  private async run(job: JobStatus, paths: string[]): Promise<void> {
    for (let index = 0; index < paths.length; index++) {
      await new Promise((resolve) => setImmediate(resolve))
      const path = paths[index]!
      if (this.cancelled.has(job.id) || this.disposed) {
        job.outcomes.push({ file: basename(path), status: 'cancelled', kind: null, id: null, rows: 0, warnings: [], error: null })
        continue
      }
      job.detail = `${basename(path)} (${index + 1} of ${paths.length})`
      this.publish(job)
      job.outcomes.push(importFile(this.db, { path, article: null, dataset: null }))
      job.progress = (index + 1) / paths.length
      this.publish(job)
    }
    const anyFailed = job.outcomes.some((outcome) => outcome.status === 'failed')
    job.state = this.cancelled.has(job.id) ? 'cancelled' : anyFailed && job.outcomes.every((o) => o.status === 'failed') ? 'failed' : 'done'
    job.progress = 1
    job.detail = summarise(job.outcomes)
    this.cancelled.delete(job.id)
    this.publish(job)
  }

  private publish(job: JobStatus): void {
    if (this.disposed) return
    this.emit({ type: 'job', job: structuredClone(job) })
  }

  private trim(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KEPT_JOBS) break
      if (job.state !== 'running') this.jobs.delete(id)
    }
  }
}
