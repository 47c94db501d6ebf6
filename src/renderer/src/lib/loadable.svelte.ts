// One async value with the states every view shows: loading, ready, error (with retry).
// A sequence number drops answers that arrive after a newer request was made.

import { toFailure, type ApiFailure } from './api'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

export class Loadable<T> {
  status = $state<LoadStatus>('idle')
  // Raw: values are replaced whole, never mutated, and can be large (article bodies, rows).
  value = $state.raw<T | null>(null)
  error = $state.raw<ApiFailure | null>(null)

  #seq = 0
  #fetch: (() => Promise<T>) | null = null

  /**
   * Counts the requests made (and local values set): an answer fetched at one sequence is current
   * only while the sequence has not moved on. Lets a caller that appends to the value (a next page)
   * drop what it fetched for an older question.
   */
  get sequence(): number {
    return this.#seq
  }

  /**
   * Loads a value; the previous one stays visible meanwhile so a reload does not flash. Resolves to
   * true when this answer (or failure) was kept, false when a newer request overtook it.
   */
  async load(fetch: () => Promise<T>): Promise<boolean> {
    const seq = ++this.#seq
    this.#fetch = fetch
    this.status = 'loading'
    this.error = null
    try {
      const value = await fetch()
      if (seq !== this.#seq) return false
      this.value = value
      this.status = 'ready'
    } catch (caught) {
      if (seq !== this.#seq) return false
      this.error = toFailure(caught)
      this.status = 'error'
    }
    return true
  }

  /** A request is coming but not made yet (a search waits for typing to pause): loading now, older answers dropped. */
  expect(): void {
    this.#seq++
    this.status = 'loading'
    this.error = null
  }

  /**
   * No answer is wanted after all (the question cannot be asked, the view is closing): one on its
   * way is dropped, and the value shown stays.
   */
  drop(): void {
    this.#seq++
    if (this.status === 'loading') this.status = this.value === null ? 'idle' : 'ready'
  }

  retry(): void {
    if (this.#fetch !== null) void this.load(this.#fetch)
  }

  /** Replaces the value after a local change (e.g. a saved note) without a round trip; a load in flight is dropped. */
  set(value: T): void {
    this.#seq++
    this.value = value
    this.error = null
    this.status = 'ready'
  }

  /**
   * Changes part of the value shown (a note saved, a citation added) and leaves a load in flight to
   * land: it asked for more than this change touches, and reads the archive as it is.
   */
  modify(change: (value: T) => T): void {
    if (this.value !== null) this.value = change(this.value)
  }

  /** Back to nothing asked: no value, no error; an answer on its way is dropped. */
  reset(): void {
    this.#seq++
    this.value = null
    this.error = null
    this.status = 'idle'
  }
}

