// Searches in worker threads, each with its own read-only connection, so that a slow search (a
// common word over millions of rows) never holds up the calls the window makes meanwhile. A search
// runs as its two parts at once, articles and notes on one thread and dataset rows on the other
// (search-archive.ts), and is merged here. Searches come from one search box: each new one replaces
// every earlier one still unanswered. A replaced part that waits is dropped; one that runs stops at
// its next checkpoint (search-abandoned.ts).

import { Worker } from 'node:worker_threads'
import type { SearchRequest, SearchResult } from '@shared/model'
import { WorkerSlots } from '../worker-slots'
import { mergeSearch, SEARCH_PART_ORDER, searchParts, type PartialSearch, type SearchPart } from './search-archive'

export interface SearchWorkerData {
  archivePath: string
  nativeBinding: string | null
  /** One Int32: every search whose id is at most this has been replaced. */
  replaced: SharedArrayBuffer
}

export interface SearchWorkerRequest {
  id: number
  request: SearchRequest
  part: SearchPart
}

export type SearchWorkerReply =
  | { id: number; type: 'result'; partial: PartialSearch }
  | { id: number; type: 'abandoned' }
  | { id: number; type: 'failed'; message: string }

/** The answer to a search that a newer one replaced before it finished. */
export class SearchReplaced extends Error {
  constructor() {
    super('A newer search replaced this one.')
    this.name = 'SearchReplaced'
  }
}

/** One search, waiting for its parts. */
interface Search {
  id: number
  request: SearchRequest
  partials: Map<SearchPart, PartialSearch>
  parts: number
  resolve(result: SearchResult): void
  reject(error: Error): void
  settled: boolean
}

interface Job {
  /** The search's: both parts of a search share it. */
  id: number
  search: Search
  part: SearchPart
}

/** Two threads: the parts of a search share them, longest first, and while one finishes a replaced part, the other starts the next search. */
const POOL_SIZE = 2

export class SearchPool {
  readonly #replaced: Int32Array
  readonly #slots: WorkerSlots<Job>
  #nextId = 1

  constructor(archivePath: string, nativeBinding: string | null, workerPath: string) {
    const replaced = new SharedArrayBuffer(4)
    this.#replaced = new Int32Array(replaced)
    const data: SearchWorkerData = { archivePath, nativeBinding, replaced }
    this.#slots = new WorkerSlots<Job>(POOL_SIZE, {
      // Every worker reads the one number the pool writes when a search is replaced.
      start: () => ({ worker: new Worker(workerPath, { workerData: data }), abandon: () => {} }),
      request: (job) => ({ id: job.id, request: job.search.request, part: job.part }) satisfies SearchWorkerRequest,
      answered: (job, reply) => {
        const answer = reply as SearchWorkerReply
        if (answer.type === 'result') partDone(job, answer.partial)
        else if (answer.type === 'abandoned') settle(job.search, new SearchReplaced())
        else settle(job.search, new Error(answer.message))
      },
      lost: (job, reason) => settle(job.search, new Error(`the search stopped: ${reason}`))
    })
  }

  search(request: SearchRequest): Promise<SearchResult> {
    if (this.#slots.closed) return Promise.reject(new Error('The archive was closed.'))
    const id = this.#nextId++
    Atomics.store(this.#replaced, 0, id - 1)
    for (const job of this.#slots.take(() => true)) settle(job.search, new SearchReplaced())
    // The pool serves the search box; a saved search's "new since" counts are not searched here.
    const parts = searchParts(request, null)
    // Nothing to look up (an empty query, say): the answer needs no thread.
    if (parts.length === 0) return Promise.resolve(mergeSearch(request, []))
    return new Promise<SearchResult>((resolve, reject) => {
      const search: Search = { id, request, partials: new Map(), parts: parts.length, resolve, reject, settled: false }
      this.#slots.add(parts.map((part) => ({ id, search, part })))
    })
  }

  /** Stops the workers; a search still waiting or running is answered with an error. */
  async dispose(): Promise<void> {
    await this.#slots.dispose((job) => settle(job.search, new Error('The archive was closed.')))
  }
}

function partDone(job: Job, partial: PartialSearch): void {
  const { search } = job
  if (search.settled) return
  search.partials.set(job.part, partial)
  if (search.partials.size < search.parts) return
  // In the order searchArchive merges them, so notes and ties come out the same.
  const ordered = SEARCH_PART_ORDER.flatMap((part) => {
    const found = search.partials.get(part)
    return found === undefined ? [] : [found]
  })
  settle(search, mergeSearch(search.request, ordered))
}

function settle(search: Search, outcome: SearchResult | Error): void {
  if (search.settled) return
  search.settled = true
  if (outcome instanceof Error) search.reject(outcome)
  else search.resolve(outcome)
}
