// A further page of something a Loadable holds (the next search hits, more rows): its own loading and
// error state, so a failed page leaves what is shown in place and offers only its own retry. A page
// fetched for an older question (the Loadable has asked again since) is dropped, never added.

import { toFailure, type ApiFailure } from './api'

/** What a page belongs to: the sequence moves on whenever the question is asked anew. */
interface Sequenced {
  readonly sequence: number
}

export class PageLoad {
  status = $state<'idle' | 'loading' | 'error'>('idle')
  error = $state.raw<ApiFailure | null>(null)

  readonly #owner: Sequenced

  constructor(owner: Sequenced) {
    this.#owner = owner
  }

  get loading(): boolean {
    return this.status === 'loading'
  }

  /**
   * Fetches a page and hands it to `add` if the question is still the one it was fetched for.
   * Resolves to whether it was added; does nothing (false) while another page is on its way.
   */
  async load<P>(fetch: () => Promise<P>, add: (page: P) => void): Promise<boolean> {
    if (this.status === 'loading') return false
    const sequence = this.#owner.sequence
    this.status = 'loading'
    this.error = null
    try {
      const page = await fetch()
      if (sequence !== this.#owner.sequence) return false
      add(page)
      this.status = 'idle'
      return true
    } catch (caught) {
      if (sequence !== this.#owner.sequence) return false
      this.error = toFailure(caught)
      this.status = 'error'
      return false
    }
  }

  /** The question was asked anew: no page is on its way any more, and an old failure no longer applies. */
  reset(): void {
    this.status = 'idle'
    this.error = null
  }
}
