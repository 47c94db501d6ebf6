// Which item the main pane shows. Search results are layered on top of it by SearchState; opening
// an item uncovers the pane, which the router is told how to do when it is made.

import { createContext } from 'svelte'
import type { Place } from './place'

export class Router {
  place = $state.raw<Place>({ kind: 'home' })

  readonly #uncover: () => void

  /** `uncover` takes away whatever covers the main pane (the search results). */
  constructor(uncover: () => void) {
    this.#uncover = uncover
  }

  open(place: Place): void {
    this.#uncover()
    this.place = place
  }

  isOpen(kind: 'article' | 'dataset' | 'note' | 'chart', id: number): boolean {
    return this.place.kind === kind && this.place.id === id
  }

  /** Something just deleted: if it is the open item, the pane goes to `instead`. */
  leave(kind: 'note' | 'chart', id: number, instead: Place): void {
    if (this.isOpen(kind, id)) this.open(instead)
  }

  openNote(id: number): void {
    this.open({ kind: 'note', id, editing: false, seed: null })
  }

  openDataset(id: number): void {
    this.open({ kind: 'dataset', id, row: null })
  }

  openChart(id: number): void {
    this.open({ kind: 'chart', id, draft: null, editing: false })
  }
}

export const [getRouter, setRouter] = createContext<Router>()
