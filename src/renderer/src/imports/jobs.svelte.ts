// Long-running work reported by the main process (imports today). Every job stays listed, newest
// first, until the user clears it: the import panel is where a user reads what happened to each file,
// and a result that vanished on a timer could not be read after a coffee break. The status bar's
// one-line summary of a finished job is what fades.

import { createContext } from 'svelte'
import type { JobStatus } from '@shared/model'
import { api, toFailure, type ApiFailure } from '../lib/api'
import { summariseJob, type JobSummary } from './import-outcome'

export const SUMMARY_LINGER_MS = 8000

/** The main process keeps this many too; older finished jobs have nothing left to act on. */
export const KEPT_JOBS = 50

/** What one event did to a job, so the app can react to the moments that matter. */
export type JobChange = 'started' | 'progressed' | 'finished' | 'unchanged'

export class JobsState {
  /** Newest first. */
  jobs = $state.raw<JobStatus[]>([])
  /** Jobs whose Cancel was clicked and that have not stopped yet. */
  cancelling = $state.raw<ReadonlySet<string>>(new Set())
  /** The last job to finish, for the status bar, until it fades. */
  summary = $state.raw<JobSummary | null>(null)

  #summaryTimer: ReturnType<typeof setTimeout> | null = null

  get running(): JobStatus[] {
    return this.jobs.filter((job) => job.state === 'running')
  }

  /** Jobs already under way or done when the window (re)loaded; no summary, nothing "just" happened. */
  #prime(known: readonly JobStatus[]): void {
    for (const job of known) {
      if (!this.jobs.some((existing) => existing.id === job.id)) this.#insert(job)
    }
  }

  update(job: JobStatus): JobChange {
    const index = this.jobs.findIndex((existing) => existing.id === job.id)
    const before = this.jobs[index] ?? null
    if (index === -1) this.#insert(job)
    else this.jobs = this.jobs.with(index, job)
    if (job.state !== 'running') this.#forgetCancel(job.id)
    if (job.state === 'running') return before === null ? 'started' : 'progressed'
    // A job seen for the first time already finished (a tiny file) still just finished.
    if (before === null || before.state === 'running') {
      this.#showSummary(summariseJob(job))
      return 'finished'
    }
    return 'unchanged'
  }

  /**
   * The jobs the main process knows, finished ones too: after a reload the panel should still say
   * what became of each file. Resolves to whether one is running (a reload in the middle of an
   * import), or to false when they could not be listed: jobs are a convenience here, and the archive
   * reports its own errors.
   */
  async fetchKnown(): Promise<boolean> {
    try {
      const known = await api.listJobs()
      this.#prime(known)
      return known.some((job) => job.state === 'running')
    } catch {
      return false
    }
  }

  /** Asks the main process to stop a job; resolves to why it could not be asked, or null. The button shows "Cancelling…" meanwhile. */
  async cancel(id: string): Promise<ApiFailure | null> {
    this.cancelling = new Set(this.cancelling).add(id)
    try {
      await api.cancelJob({ jobId: id })
      return null
    } catch (caught) {
      // Cancel did not get through; the button should offer it again.
      this.#forgetCancel(id)
      return toFailure(caught)
    }
  }

  dismiss(id: string): void {
    this.jobs = this.jobs.filter((job) => job.id !== id || job.state === 'running')
  }

  clearFinished(): void {
    this.jobs = this.jobs.filter((job) => job.state === 'running')
  }

  /** A different archive was opened: its jobs belong to the file that was closed. */
  reset(): void {
    this.jobs = []
    this.cancelling = new Set()
    this.#hideSummary()
  }

  #insert(job: JobStatus): void {
    const jobs = [job, ...this.jobs]
    // Drop the oldest finished jobs beyond the limit; a running one is never dropped.
    while (jobs.length > KEPT_JOBS) {
      const oldestFinished = jobs.findLastIndex((entry) => entry.state !== 'running')
      if (oldestFinished === -1) break
      jobs.splice(oldestFinished, 1)
    }
    this.jobs = jobs
  }

  #forgetCancel(id: string): void {
    if (!this.cancelling.has(id)) return
    const next = new Set(this.cancelling)
    next.delete(id)
    this.cancelling = next
  }

  #showSummary(summary: JobSummary): void {
    this.#hideSummary()
    this.summary = summary
    this.#summaryTimer = setTimeout(() => this.#hideSummary(), SUMMARY_LINGER_MS)
  }

  #hideSummary(): void {
    if (this.#summaryTimer !== null) clearTimeout(this.#summaryTimer)
    this.#summaryTimer = null
    this.summary = null
  }
}

export const [getJobs, setJobs] = createContext<JobsState>()
