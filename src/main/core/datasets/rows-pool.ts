// The data explorer's pages read in worker threads, each with its own read-only connection, so a
// page that takes seconds (a jump deep into a table sorted on a column without its index) never
// holds up the calls the window makes meanwhile, and can be given up. A page found by a pass over
// every row near the top of the table (splitsIntoHalves) is shared between the two threads: each
// finds the best rows of half the table, and the page is read here from those few rows.
//
// A new question about a dataset (a query that asks for the count: a new sort or filter, the table
// opened again) replaces every earlier query about it still unanswered: a waiting one is dropped, a
// running one stops at its next checkpoint (between statements).

import { Worker } from 'node:worker_threads'
import type { Database } from 'better-sqlite3'
import type { RowPage, RowQuery } from '@shared/row-query'
import { readRowPage, splitsIntoHalves, type PageCandidates } from './query-dataset-rows'
import { rowidHalves } from './sort-window'
import { NEVER_ABANDONED } from '../search/search-abandoned'

export interface RowsWorkerData {
  archivePath: string
  nativeBinding: string | null
  /** One Int32: the id of the job this worker runs once it is given up. */
  abandoned: SharedArrayBuffer
}

export type RowsWorkerRequest = { id: number; query: RowQuery } & ({ type: 'page' } | { type: 'half'; from: number; to: number })

export type RowsWorkerReply =
  | { id: number; type: 'page'; page: RowPage }
  | { id: number; type: 'half'; candidates: PageCandidates }
  | { id: number; type: 'abandoned' }
  | { id: number; type: 'failed'; message: string }

/** The answer to a query that a newer question about its dataset replaced before it was answered. */
export class RowQueryReplaced extends Error {
  constructor() {
    super('A newer question about these rows replaced this one.')
    this.name = 'RowQueryReplaced'
  }
}

/** One query to the pool: a page read by one worker, or two halves whose candidates make the page here. */
interface Ask {
  query: RowQuery
  halves: (PageCandidates | null)[]
  resolve(page: RowPage): void
  reject(error: Error): void
  settled: boolean
}

interface Job {
  id: number
  ask: Ask
  /** Which of the ask's halves this job finds; null for a whole page. */
  half: number | null
  request: RowsWorkerRequest
}

interface Slot {
  worker: Worker
  abandoned: Int32Array
  running: Job | null
}

const POOL_SIZE = 2

export class RowsPool {
  readonly #db: Database
  readonly #archivePath: string
  readonly #nativeBinding: string | null
  readonly #workerPath: string
  readonly #slots: Slot[] = []
  #queue: Job[] = []
  #nextId = 1
  #closed = false

  /** `db` is the archive's own connection, which reads a page from the candidates the halves found. */
  constructor(db: Database, archivePath: string, nativeBinding: string | null, workerPath: string) {
    this.#db = db
    this.#archivePath = archivePath
    this.#nativeBinding = nativeBinding
    this.#workerPath = workerPath
  }

  query(query: RowQuery): Promise<RowPage> {
    if (this.#closed) return Promise.reject(new Error('The archive was closed.'))
    if (query.count) this.#replace(query.datasetId)
    // Checked here, so that a bad query fails at once and a split is decided on what is there now.
    const split = splitsIntoHalves(this.#db, query)
    const halves = split ? rowidHalves(this.#db, query.datasetId) : null
    return new Promise<RowPage>((resolve, reject) => {
      const ask: Ask = { query, halves: [], resolve, reject, settled: false }
      if (halves === null) this.#queue.push(this.#job(ask, null, { type: 'page' }))
      else {
        ask.halves = halves.map(() => null)
        halves.forEach(([from, to], half) => this.#queue.push(this.#job(ask, half, { type: 'half', from, to })))
      }
      this.#pump()
    })
  }

  /** Stops the workers; a query still waiting or running is answered with an error. */
  async dispose(): Promise<void> {
    this.#closed = true
    for (const job of this.#queue) settle(job.ask, new Error('The archive was closed.'))
    this.#queue = []
    await Promise.all(
      this.#slots.map((slot) => {
        if (slot.running !== null) settle(slot.running.ask, new Error('The archive was closed.'))
        return slot.worker.terminate()
      })
    )
    this.#slots.length = 0
  }

  #job(ask: Ask, half: number | null, part: { type: 'page' } | { type: 'half'; from: number; to: number }): Job {
    const id = this.#nextId++
    return { id, ask, half, request: { id, query: ask.query, ...part } }
  }

  #replace(datasetId: number): void {
    const replaced = (job: Job) => job.ask.query.datasetId === datasetId
    for (const job of this.#queue.filter(replaced)) settle(job.ask, new RowQueryReplaced())
    this.#queue = this.#queue.filter((job) => !replaced(job))
    for (const slot of this.#slots) {
      if (slot.running === null || !replaced(slot.running)) continue
      settle(slot.running.ask, new RowQueryReplaced())
      Atomics.store(slot.abandoned, 0, slot.running.id)
    }
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((candidate) => candidate.running === null) ?? this.#spawn()
      if (slot === null) return
      const job = this.#queue.shift()!
      slot.running = job
      slot.worker.postMessage(job.request)
    }
  }

  #spawn(): Slot | null {
    if (this.#slots.length >= POOL_SIZE || this.#closed) return null
    const abandoned = new SharedArrayBuffer(4)
    const data: RowsWorkerData = { archivePath: this.#archivePath, nativeBinding: this.#nativeBinding, abandoned }
    const slot: Slot = { worker: new Worker(this.#workerPath, { workerData: data }), abandoned: new Int32Array(abandoned), running: null }
    slot.worker.on('message', (reply: RowsWorkerReply) => {
      const job = slot.running
      slot.running = null
      if (job !== null && job.id === reply.id) this.#answered(job, reply)
      this.#pump()
    })
    const lost = (reason: string) => {
      const index = this.#slots.indexOf(slot)
      if (index === -1) return
      this.#slots.splice(index, 1)
      if (slot.running !== null) settle(slot.running.ask, new Error(`reading the rows stopped: ${reason}`))
      slot.running = null
      this.#pump()
    }
    slot.worker.on('error', (error) => lost(error.message))
    slot.worker.on('exit', (code) => lost(`its thread ended (exit code ${code})`))
    this.#slots.push(slot)
    return slot
  }

  #answered(job: Job, reply: RowsWorkerReply): void {
    const { ask } = job
    if (reply.type === 'failed') return settle(ask, new Error(reply.message))
    if (reply.type === 'abandoned') return settle(ask, new RowQueryReplaced())
    if (reply.type === 'page') return settle(ask, reply.page)
    if (job.half === null || ask.settled) return
    ask.halves[job.half] = reply.candidates
    const found = ask.halves.filter((half): half is PageCandidates => half !== null)
    if (found.length < ask.halves.length) return
    try {
      settle(ask, readRowPage(this.#db, ask.query, NEVER_ABANDONED, found))
    } catch (error) {
      settle(ask, error instanceof Error ? error : new Error(String(error)))
    }
  }
}

function settle(ask: Ask, outcome: RowPage | Error): void {
  if (ask.settled) return
  ask.settled = true
  if (outcome instanceof Error) ask.reject(outcome)
  else ask.resolve(outcome)
}
