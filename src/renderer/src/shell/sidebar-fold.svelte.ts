// Whether the sidebar is docked beside the main pane or folded away (review U24-8). A window
// narrower than NARROW_WINDOW (half a laptop's screen) cannot spare the sidebar's 288px: there it
// folds behind a button and opens over the pane when asked. The state lives here, not in a
// component, so opening items (which remounts the pane's views) leaves it as the person set it.

import { createContext } from 'svelte'

/** Below this width the sidebar would leave the main pane less than about two thirds of the window. */
export const NARROW_WINDOW = '(max-width: 959px)'

export class SidebarFold {
  /** The window is narrow: the sidebar is folded unless `open`. */
  narrow = $state(false)
  /** Shown over the pane; only ever true in a narrow window. */
  open = $state(false)

  constructor(query: MediaQueryList) {
    this.narrow = query.matches
    // A window widened has the sidebar docked; narrowed again, it starts folded, not over the pane.
    query.addEventListener('change', () => {
      this.narrow = query.matches
      this.open = false
    })
  }

  /** Whether the sidebar is out of sight (and out of the keyboard's way). */
  get folded(): boolean {
    return this.narrow && !this.open
  }

  toggle(): void {
    this.open = this.narrow && !this.open
  }

  close(): void {
    this.open = false
  }

  #focusToggle: () => void = () => {}

  /** The bar's button says how to give it the keyboard back (App, while the window is narrow). */
  attachToggle(focus: () => void): () => void {
    this.#focusToggle = focus
    return () => {
      if (this.#focusToggle === focus) this.#focusToggle = () => {}
    }
  }

  /** Escape over the open sidebar: it folds, and the keyboard goes back to its button. */
  dismiss(): void {
    this.open = false
    this.#focusToggle()
  }
}

export const [getSidebarFold, setSidebarFold] = createContext<SidebarFold>()
