// A list the archive gives whole (saved charts, saved searches), kept in step locally after a change
// made here. Loading, its states and dropping a load that a local change overtook are Loadable's.

import type { ApiFailure } from './api'
import { Loadable } from './loadable.svelte'

export class LoadedList<T> {
  readonly #list = new Loadable<T[]>()

  constructor(private readonly fetch: () => Promise<T[]>) {}

  get items(): T[] {
    return this.#list.value ?? []
  }

  /** Before the first load this reads 'loading': the list is on its way as soon as the screen exists. */
  get status(): 'loading' | 'ready' | 'error' {
    return this.#list.status === 'idle' ? 'loading' : this.#list.status
  }

  get error(): ApiFailure | null {
    return this.#list.error
  }

  async load(): Promise<void> {
    await this.#list.load(this.fetch)
  }

  /** The list after a change made here; a load still on its way predates it and is dropped. */
  protected replace(items: T[]): void {
    this.#list.set(items)
  }
}
