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

  /** Loads a value; the previous one stays visible meanwhile so a reload does not flash. */
  async load(fetch: () => Promise<T>): Promise<void> {
    const seq = ++this.#seq
    this.#fetch = fetch
    this.status = 'loading'
    this.error = null
    try {
      const value = await fetch()
      if (seq !== this.#seq) return
      this.value = value
      this.status = 'ready'
    } catch (caught) {
      if (seq !== this.#seq) return
      this.error = toFailure(caught)
      this.status = 'error'
    }
  }

  retry(): void {
    if (this.#fetch !== null) void this.load(this.#fetch)
  }

  /** Replaces the value after a local change (e.g. a saved note) without a round trip. */
  set(value: T): void {
    this.#seq++
    this.value = value
    this.error = null
    this.status = 'ready'
  }
}
