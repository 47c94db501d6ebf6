// Searches in worker threads, each with its own read-only connection, so that a slow search (a
// common word over millions of rows) never holds up the calls the window makes meanwhile. A search
// runs as its two parts at once, articles and notes on one thread and dataset rows on the other
// (search-archive.ts), and is merged here. Searches come from one search box: each new one replaces
// every earlier one still unanswered. A replaced part that waits is dropped; one that runs stops at
// its next checkpoint (search-abandoned.ts).

import { Worker } from 'node:worker_threads'
import type { SearchRequest, SearchResult } from '@shared/model'
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
  search: Search
  part: SearchPart
}

interface Slot {
  worker: Worker
  /** The part the worker is running; it stays busy until the worker answers, replaced or not. */
  running: Job | null
}

/** Two threads: the parts of a search share them, longest first, and while one finishes a replaced part, the other starts the next search. */
const POOL_SIZE = 2

export class SearchPool {
  readonly #data: SearchWorkerData
  readonly #workerPath: string
  readonly #replaced: Int32Array
  readonly #slots: Slot[] = []
  #queue: Job[] = []
  #nextId = 1
  #closed = false

  constructor(archivePath: string, nativeBinding: string | null, workerPath: string) {
    const replaced = new SharedArrayBuffer(4)
    this.#replaced = new Int32Array(replaced)
    this.#data = { archivePath, nativeBinding, replaced }
    this.#workerPath = workerPath
  }

  search(request: SearchRequest): Promise<SearchResult> {
    if (this.#closed) return Promise.reject(new Error('The archive was closed.'))
    const id = this.#nextId++
    Atomics.store(this.#replaced, 0, id - 1)
    for (const waiting of this.#queue) settle(waiting.search, new SearchReplaced())
    this.#queue = []
    for (const slot of this.#slots) if (slot.running !== null) settle(slot.running.search, new SearchReplaced())
    const parts = searchParts(request)
    // Nothing to look up (an empty query, say): the answer needs no thread.
    if (parts.length === 0) return Promise.resolve(mergeSearch(request, []))
    return new Promise<SearchResult>((resolve, reject) => {
      const search: Search = { id, request, partials: new Map(), parts: parts.length, resolve, reject, settled: false }
      for (const part of parts) this.#queue.push({ search, part })
      this.#pump()
    })
  }

  /** Stops the workers; a search still waiting or running is answered with an error. */
  async dispose(): Promise<void> {
    this.#closed = true
    for (const waiting of this.#queue) settle(waiting.search, new Error('The archive was closed.'))
    this.#queue = []
    await Promise.all(
      this.#slots.map((slot) => {
        if (slot.running !== null) settle(slot.running.search, new Error('The archive was closed.'))
        return slot.worker.terminate()
      })
    )
    this.#slots.length = 0
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((candidate) => candidate.running === null) ?? this.#spawn()
      if (slot === null) return
      const next = this.#queue.shift()!
      slot.running = next
      slot.worker.postMessage({ id: next.search.id, request: next.search.request, part: next.part } satisfies SearchWorkerRequest)
    }
  }

  #spawn(): Slot | null {
    if (this.#slots.length >= POOL_SIZE || this.#closed) return null
    const slot: Slot = { worker: new Worker(this.#workerPath, { workerData: this.#data }), running: null }
    slot.worker.on('message', (reply: SearchWorkerReply) => {
      const job = slot.running
      slot.running = null
      if (job !== null && job.search.id === reply.id) {
        if (reply.type === 'result') partDone(job, reply.partial)
        else if (reply.type === 'abandoned') settle(job.search, new SearchReplaced())
        else settle(job.search, new Error(reply.message))
      }
      this.#pump()
    })
    const lost = (reason: string) => {
      const index = this.#slots.indexOf(slot)
      if (index === -1) return
      this.#slots.splice(index, 1)
      if (slot.running !== null) settle(slot.running.search, new Error(`the search stopped: ${reason}`))
      slot.running = null
      // A new worker takes its place for whatever waits.
      this.#pump()
    }
    slot.worker.on('error', (error) => lost(error.message))
    slot.worker.on('exit', (code) => lost(`its thread ended (exit code ${code})`))
    this.#slots.push(slot)
    return slot
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
