// The data explorer's pages read in worker threads, each with its own read-only connection, so a
// page that takes seconds (a jump deep into a table sorted on a column without its index) never
// holds up the calls the window makes meanwhile, and can be given up. A page found by a pass over
// every row near the top of the table (splitsIntoHalves) is shared between the two threads: each
// finds the best rows of half the table, and the page is read here from those few rows.
//
// A new question about a dataset (a query that asks for the count: a new sort or filter, the table
// opened again) replaces every earlier query about it still unanswered: a waiting one is dropped, a
// running one stops at its next checkpoint (between statements).
//
// A chart's pass (chart-pass.ts: a count, a sum, an average or an extreme) runs here too, a half of
// the table on each thread; the two parts are merged here into what one pass would have found. A new
// page never replaces it.

import { Worker } from 'node:worker_threads'
import type { Database } from 'better-sqlite3'
import type { RowPage, RowQuery } from '@shared/row-query'
import { readRowPage, splitsIntoHalves, type PageCandidates } from './query-dataset-rows'
import { rowidHalves } from './sort-window'
import { NEVER_ABANDONED } from '../search/search-abandoned'
import { WorkerSlots } from '../worker-slots'
import { chartPass, mergePassParts, type ChartPass, type PassedCell, type PassPart } from '../charts/chart-pass'

export interface RowsWorkerData {
  archivePath: string
  nativeBinding: string | null
  /** One Int32: the id of the job this worker runs once it is given up. */
  abandoned: SharedArrayBuffer
}

export type RowsWorkerRequest = { id: number } & ({ type: 'page'; query: RowQuery } | { type: 'half'; query: RowQuery; from: number; to: number } | { type: 'cells'; pass: ChartPass; from: number; to: number })

export type RowsWorkerReply =
  | { id: number; type: 'page'; page: RowPage }
  | { id: number; type: 'half'; candidates: PageCandidates }
  | { id: number; type: 'cells'; part: PassPart }
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

/** One chart's pass, a half of the table per job. */
interface PassAsk {
  pass: ChartPass
  halves: (PassPart | null)[]
  resolve(cells: PassedCell[] | null): void
  reject(error: Error): void
  settled: boolean
}

type Job =
  | {
      id: number
      kind: 'page'
      ask: Ask
      /** Which of the ask's halves this job finds; null for a whole page. */
      half: number | null
      request: RowsWorkerRequest
    }
  | { id: number; kind: 'cells'; ask: PassAsk; half: number; request: RowsWorkerRequest }

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
      answered: (job, reply) => (job.kind === 'page' ? this.#answered(job, reply as RowsWorkerReply) : passed(job, reply as RowsWorkerReply)),
      lost: (job, reason) => fail(job, new Error(`reading the rows stopped: ${reason}`))
    })
  }

  query(query: RowQuery): Promise<RowPage> {
    if (this.#slots.closed) return Promise.reject(new Error('The archive was closed.'))
    if (query.count) for (const job of this.#slots.take((job) => job.kind === 'page' && job.ask.query.datasetId === query.datasetId)) fail(job, new RowQueryReplaced())
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

  /**
   * A chart's cells found in two halves of the dataset's table by rowid, one on each thread, and
   * merged; null when there are more than `pass.maxCells` value pairs (the chart is refused).
   */
  chartCells(datasetId: number, pass: ChartPass): Promise<PassedCell[] | null> {
    if (this.#slots.closed) return Promise.reject(new Error('The archive was closed.'))
    const halves = rowidHalves(this.#db, datasetId)
    // An empty table: nothing to read, and no halves to read it in.
    if (halves.length === 0) return Promise.resolve(chartPass(this.#db, pass))
    return new Promise((resolve, reject) => {
      const ask: PassAsk = { pass, halves: halves.map(() => null), resolve, reject, settled: false }
      this.#slots.add(
        halves.map(([from, to], half) => {
          const id = this.#nextId++
          return { id, kind: 'cells', ask, half, request: { id, type: 'cells', pass, from, to } }
        })
      )
    })
  }

  /** Stops the workers; a query or chart still waiting or running is answered with an error. */
  async dispose(): Promise<void> {
    await this.#slots.dispose((job) => fail(job, new Error('The archive was closed.')))
  }

  #job(ask: Ask, half: number | null, part: { type: 'page' } | { type: 'half'; from: number; to: number }): Job {
    const id = this.#nextId++
    return { id, kind: 'page', ask, half, request: { id, query: ask.query, ...part } }
  }

  #answered(job: Job & { kind: 'page' }, reply: RowsWorkerReply): void {
    const { ask } = job
    if (reply.type === 'failed') return settle(ask, new Error(reply.message))
    if (reply.type === 'abandoned') return settle(ask, new RowQueryReplaced())
    if (reply.type === 'page') return settle(ask, reply.page)
    if (reply.type !== 'half' || job.half === null || ask.settled) return
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

function fail(job: Job, error: Error): void {
  if (job.kind === 'page') settle(job.ask, error)
  else settle(job.ask, error)
}

function passed(job: Job & { kind: 'cells' }, reply: RowsWorkerReply): void {
  const { ask } = job
  if (reply.type === 'failed') return settle(ask, new Error(reply.message))
  if (reply.type !== 'cells' || ask.settled) return
  ask.halves[job.half] = reply.part
  const found = ask.halves.filter((half): half is PassPart => half !== null)
  if (found.length === ask.halves.length) settle(ask, mergePassParts(found, ask.pass))
}

function settle<T>(ask: { settled: boolean; resolve(value: T): void; reject(error: Error): void }, outcome: T | Error): void {
  if (ask.settled) return
  ask.settled = true
  if (outcome instanceof Error) ask.reject(outcome)
  else ask.resolve(outcome)
}
