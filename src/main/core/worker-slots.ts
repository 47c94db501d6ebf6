// A few worker threads that take jobs from one queue, one job each at a time: what the search pool
// and the rows pool share. A worker that fails to start or dies takes its job with it (the pool is
// told) and the next job gets a new worker. A job can be taken back: waiting, it leaves the queue;
// running, its worker is told to stop it, and the worker stays busy until it answers.

import type { Worker } from 'node:worker_threads'

/** A worker as a pool starts it, and how it is told to stop the job it runs. */
export interface StartedWorker {
  worker: Worker
  abandon(id: number): void
}

/** What a pool does with its workers and their answers. */
export interface SlotHooks<J> {
  start(): StartedWorker
  /** The message that gives the job to a worker. */
  request(job: J): unknown
  /** The worker's answer to the job (it carries the job's id). */
  answered(job: J, reply: unknown): void
  /** The worker running the job stopped without answering. */
  lost(job: J, reason: string): void
}

interface Slot<J> {
  started: StartedWorker
  /** The job the worker runs; it stays busy until the worker answers, taken back or not. */
  running: J | null
}

export class WorkerSlots<J extends { id: number }> {
  readonly #size: number
  readonly #hooks: SlotHooks<J>
  readonly #slots: Slot<J>[] = []
  #queue: J[] = []
  #closed = false

  constructor(size: number, hooks: SlotHooks<J>) {
    this.#size = size
    this.#hooks = hooks
  }

  get closed(): boolean {
    return this.#closed
  }

  add(jobs: readonly J[]): void {
    this.#queue.push(...jobs)
    this.#pump()
  }

  /** Takes back the jobs `which` picks: waiting ones leave the queue, running ones are told to stop. */
  take(which: (job: J) => boolean): J[] {
    const taken = this.#queue.filter(which)
    this.#queue = this.#queue.filter((job) => !which(job))
    for (const slot of this.#slots) {
      if (slot.running === null || !which(slot.running)) continue
      slot.started.abandon(slot.running.id)
      taken.push(slot.running)
    }
    return taken
  }

  /** Stops the workers; `left` is told first of each job that was waiting or running. */
  async dispose(left: (job: J) => void): Promise<void> {
    this.#closed = true
    const jobs = [...this.#queue, ...this.#slots.flatMap((slot) => (slot.running === null ? [] : [slot.running]))]
    this.#queue = []
    jobs.forEach(left)
    const slots = this.#slots.splice(0)
    await Promise.all(slots.map((slot) => slot.started.worker.terminate()))
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((candidate) => candidate.running === null) ?? this.#spawn()
      if (slot === null) return
      const job = this.#queue.shift()!
      slot.running = job
      slot.started.worker.postMessage(this.#hooks.request(job))
    }
  }

  #spawn(): Slot<J> | null {
    if (this.#slots.length >= this.#size || this.#closed) return null
    const slot: Slot<J> = { started: this.#hooks.start(), running: null }
    const { worker } = slot.started
    worker.on('message', (reply: { id: number }) => {
      const job = slot.running
      slot.running = null
      if (job !== null && job.id === reply.id) this.#hooks.answered(job, reply)
      this.#pump()
    })
    const lost = (reason: string) => {
      const index = this.#slots.indexOf(slot)
      if (index === -1) return
      this.#slots.splice(index, 1)
      const job = slot.running
      slot.running = null
      if (job !== null) this.#hooks.lost(job, reason)
      // A new worker takes its place for whatever waits.
      this.#pump()
    }
    worker.on('error', (error) => lost(error.message))
    worker.on('exit', (code) => lost(`its thread ended (exit code ${code})`))
    this.#slots.push(slot)
    return slot
  }
}
