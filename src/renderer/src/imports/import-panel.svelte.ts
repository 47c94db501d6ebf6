// The import panel: whether it is open, and starting imports (a drop, or "Import again with
// options…"). Starting one opens the panel, because that is where its progress and results appear.

import type { ImportOptions } from '@shared/model'
import { api, toFailure, type ApiFailure } from '../lib/api'

export class ImportPanelState {
  open = $state(false)
  /** Why (part of) the last drop could not be imported; shown atop the panel until dismissed or the next drop. */
  startError = $state<string | null>(null)

  show(): void {
    this.open = true
  }

  hide(): void {
    this.open = false
  }

  /** Resolves to null once the job exists (its progress arrives as events), or to why it does not. */
  async start(paths: string[], options: ImportOptions): Promise<ApiFailure | null> {
    this.open = true
    try {
      await api.importFiles({ paths, options })
      return null
    } catch (caught) {
      return toFailure(caught)
    }
  }
}
