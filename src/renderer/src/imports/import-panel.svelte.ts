// The import panel: whether it is open, and starting imports (a drop, or "Import again with
// options…"). Starting one opens the panel, because that is where its progress and results appear.
// Opened on purpose (its toggle) the panel takes the keyboard; opened by an import it leaves the
// keyboard where it is. Closed with the keyboard inside, the keyboard goes back to the toggle.

import { createContext } from 'svelte'
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions } from '@shared/model'
import { api, toFailure } from '../lib/api'
import { unplacedMessage } from './dropped-files'

/** Something that can take the keyboard: the panel's heading, or its toggle in the status bar. */
interface Focusable {
  focus(): void
}

export class ImportPanelState {
  open = $state(false)
  /** Why (part of) the last drop could not be imported; shown atop the panel until dismissed or the next drop. */
  startError = $state<string | null>(null)

  #takeFocus = false
  #toggle: Focusable | null = null

  /** Opens the panel and leaves the keyboard where it is (an import started, a window reloaded mid-import). */
  show(): void {
    this.open = true
  }

  /** The toggle in the status bar: opening on purpose puts the keyboard in the panel. */
  toggle(): void {
    if (this.open) {
      this.close(false)
    } else {
      this.#takeFocus = true
      this.open = true
    }
  }

  /**
   * Closes the panel. `hadFocus`: the keyboard was in it, and must not be lost with it; it goes to the
   * toggle the panel is opened from (so it does when it was nowhere, on the page itself).
   */
  close(hadFocus: boolean): void {
    this.open = false
    this.#takeFocus = false
    if (hadFocus || document.activeElement === null || document.activeElement === document.body) this.#toggle?.focus()
  }

  /** Asked by the panel as it appears: whether it was opened on purpose and should take the keyboard. */
  claimFocus(): boolean {
    const take = this.#takeFocus
    this.#takeFocus = false
    return take
  }

  /** The status bar's toggle, where the keyboard returns when the panel closes; returns the way to forget it. */
  attachToggle(toggle: Focusable): () => void {
    this.#toggle = toggle
    return () => {
      if (this.#toggle === toggle) this.#toggle = null
    }
  }

  /**
   * Files dropped on the window: `paths` are imported with the detected settings, `unplaced` are the
   * names of those that have no path on disk. The panel opens and says what could not be started.
   */
  async importDropped(paths: string[], unplaced: string[]): Promise<void> {
    this.open = true
    this.startError = unplaced.length > 0 ? unplacedMessage(unplaced) : null
    if (paths.length === 0) return
    const problem = await this.start(paths, DEFAULT_IMPORT_OPTIONS)
    if (problem !== null) this.startError = problem
  }

  /** Resolves to null once the job exists (its progress arrives as events), or to the sentence saying why not. */
  async start(paths: string[], options: ImportOptions): Promise<string | null> {
    this.open = true
    try {
      await api.importFiles({ paths, options })
      return null
    } catch (caught) {
      return `Casefile could not start the import: ${toFailure(caught).message}`
    }
  }
}

export const [getImportPanel, setImportPanel] = createContext<ImportPanelState>()
