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
import { WorkerSlots } from '../worker-slots'

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

const POOL_SIZE = 2

export class RowsPool {
  readonly #db: Database
  readonly #slots: WorkerSlots<Job>
  #nextId = 1

  /** `db` is the archive's own connection, which reads a page from the candidates the halves found. */
  constructor(db: Database, archivePath: string, nativeBinding: string | null, workerPath: string) {
    this.#db = db
    this.#slots = new WorkerSlots<Job>(POOL_SIZE, {
      start: () => {
        // Each worker reads its own number: the id of the job it runs once that job is given up.
        const abandoned = new SharedArrayBuffer(4)
        const data: RowsWorkerData = { archivePath, nativeBinding, abandoned }
        const flag = new Int32Array(abandoned)
        return { worker: new Worker(workerPath, { workerData: data }), abandon: (id) => Atomics.store(flag, 0, id) }
      },
      request: (job) => job.request,
      answered: (job, reply) => this.#answered(job, reply as RowsWorkerReply),
      lost: (job, reason) => settle(job.ask, new Error(`reading the rows stopped: ${reason}`))
    })
  }

  query(query: RowQuery): Promise<RowPage> {
    if (this.#slots.closed) return Promise.reject(new Error('The archive was closed.'))
    if (query.count) for (const job of this.#slots.take((job) => job.ask.query.datasetId === query.datasetId)) settle(job.ask, new RowQueryReplaced())
    // Checked here, so that a bad query fails at once and a split is decided on what is there now.
    // An empty table has no halves: its page is read whole.
    const halves = splitsIntoHalves(this.#db, query) ? rowidHalves(this.#db, query.datasetId) : []
    return new Promise<RowPage>((resolve, reject) => {
      const ask: Ask = { query, halves: [], resolve, reject, settled: false }
      if (halves.length === 0) this.#slots.add([this.#job(ask, null, { type: 'page' })])
      else {
        ask.halves = halves.map(() => null)
        this.#slots.add(halves.map(([from, to], half) => this.#job(ask, half, { type: 'half', from, to })))
      }
    })
  }

  /** Stops the workers; a query still waiting or running is answered with an error. */
  async dispose(): Promise<void> {
    await this.#slots.dispose((job) => settle(job.ask, new Error('The archive was closed.')))
  }

  #job(ask: Ask, half: number | null, part: { type: 'page' } | { type: 'half'; from: number; to: number }): Job {
    const id = this.#nextId++
    return { id, ask, half, request: { id, query: ask.query, ...part } }
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
