// Which item the main pane shows. Search results are layered on top of it by SearchState; opening
// an item uncovers the pane, which the router is told how to do when it is made.

import { createContext } from 'svelte'
import type { Place } from './place'

/** The kinds of item the archive holds, each opened in a view of its own. */
export type ItemKind = 'article' | 'dataset' | 'note' | 'chart'

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

  isOpen(kind: ItemKind, id: number): boolean {
    return this.place.kind === kind && this.place.id === id
  }

  /** Something just deleted: if it is the open item, the pane goes to `instead`. */
  leave(kind: ItemKind, id: number, instead: Place): void {
    if (this.isOpen(kind, id)) this.open(instead)
  }

  /** Opens an article, dataset, note or chart as the sidebar does: from its top, not from a search. */
  openItem(kind: ItemKind, id: number): void {
    if (kind === 'article') this.open({ kind, id, highlight: null, exact: false })
    else if (kind === 'dataset') this.open({ kind, id, row: null })
    else if (kind === 'note') this.open({ kind, id, editing: false, seed: null })
    else this.open({ kind, id, draft: null, editing: false })
  }
}

export const [getRouter, setRouter] = createContext<Router>()
