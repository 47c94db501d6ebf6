// Searches in worker threads, each with its own read-only connection, so that a slow search (a
// common word over millions of rows) never holds up the calls the window makes meanwhile. Searches
// come from one search box: each new one replaces every earlier one still unanswered. A replaced
// search that waits is dropped; one that runs stops at its next checkpoint (search-abandoned.ts).

import { Worker } from 'node:worker_threads'
import type { SearchRequest, SearchResult } from '@shared/model'

export interface SearchWorkerData {
  archivePath: string
  nativeBinding: string | null
  /** One Int32: every search whose id is at most this has been replaced. */
  replaced: SharedArrayBuffer
}

export interface SearchWorkerRequest {
  id: number
  request: SearchRequest
}

export type SearchWorkerReply =
  | { id: number; type: 'result'; result: SearchResult }
  | { id: number; type: 'abandoned' }
  | { id: number; type: 'failed'; message: string }

/** The answer to a search that a newer one replaced before it finished. */
export class SearchReplaced extends Error {
  constructor() {
    super('A newer search replaced this one.')
    this.name = 'SearchReplaced'
  }
}

interface Pending extends SearchWorkerRequest {
  resolve(result: SearchResult): void
  reject(error: Error): void
  settled: boolean
}

interface Slot {
  worker: Worker
  /** The search the worker is running; it stays busy until the worker answers, replaced or not. */
  running: Pending | null
}

/** Two workers: one can still be finishing a replaced search while the next one starts. */
const POOL_SIZE = 2

export class SearchPool {
  readonly #data: SearchWorkerData
  readonly #workerPath: string
  readonly #replaced: Int32Array
  readonly #slots: Slot[] = []
  #queue: Pending[] = []
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
    for (const waiting of this.#queue) settle(waiting, new SearchReplaced())
    this.#queue = []
    for (const slot of this.#slots) if (slot.running !== null) settle(slot.running, new SearchReplaced())
    return new Promise<SearchResult>((resolve, reject) => {
      this.#queue.push({ id, request, resolve, reject, settled: false })
      this.#pump()
    })
  }

  /** Stops the workers; a search still waiting or running is answered with an error. */
  async dispose(): Promise<void> {
    this.#closed = true
    for (const waiting of this.#queue) settle(waiting, new Error('The archive was closed.'))
    this.#queue = []
    await Promise.all(
      this.#slots.map((slot) => {
        if (slot.running !== null) settle(slot.running, new Error('The archive was closed.'))
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
      slot.worker.postMessage({ id: next.id, request: next.request } satisfies SearchWorkerRequest)
    }
  }

  #spawn(): Slot | null {
    if (this.#slots.length >= POOL_SIZE || this.#closed) return null
    const slot: Slot = { worker: new Worker(this.#workerPath, { workerData: this.#data }), running: null }
    slot.worker.on('message', (reply: SearchWorkerReply) => {
      const pending = slot.running
      slot.running = null
      if (pending !== null && pending.id === reply.id) {
        if (reply.type === 'result') settle(pending, reply.result)
        else if (reply.type === 'abandoned') settle(pending, new SearchReplaced())
        else settle(pending, new Error(reply.message))
      }
      this.#pump()
    })
    const lost = (reason: string) => {
      const index = this.#slots.indexOf(slot)
      if (index === -1) return
      this.#slots.splice(index, 1)
      if (slot.running !== null) settle(slot.running, new Error(`the search stopped: ${reason}`))
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

function settle(pending: Pending, outcome: SearchResult | Error): void {
  if (pending.settled) return
  pending.settled = true
  if (outcome instanceof Error) pending.reject(outcome)
  else pending.resolve(outcome)
}
