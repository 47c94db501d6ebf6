// Long-running work reported by the main process (imports today). Finished jobs fade out on their
// own after a while; failed ones stay until dismissed, because their message matters.

import type { JobStatus } from '@shared/model'

export const FINISHED_JOB_LINGER_MS = 8000

export class JobsState {
  jobs = $state.raw<JobStatus[]>([])

  #timers = new Map<string, ReturnType<typeof setTimeout>>()

  update(job: JobStatus): void {
    const index = this.jobs.findIndex((existing) => existing.id === job.id)
    this.jobs = index === -1 ? [...this.jobs, job] : this.jobs.with(index, job)
    if (job.state === 'done' || job.state === 'cancelled') this.#dismissLater(job.id)
  }

  dismiss(id: string): void {
    const timer = this.#timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    this.#timers.delete(id)
    this.jobs = this.jobs.filter((job) => job.id !== id)
  }

  #dismissLater(id: string): void {
    if (this.#timers.has(id)) return
    this.#timers.set(
      id,
      setTimeout(() => this.dismiss(id), FINISHED_JOB_LINGER_MS)
    )
  }
}
