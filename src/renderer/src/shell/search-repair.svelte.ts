// The repair the read-only strip offers a damaged archive: its search indexes made again in a
// checked copy put in its place (the core's repairSearchIndexes; the CLI's check --repair). What it
// did, or why it was refused, is kept to be shown once the strip itself has gone.

import { api, toFailure } from '../lib/api'

export interface RepairOutcome {
  ok: boolean
  /** The sentences the core wrote, as the CLI prints them. */
  lines: string[]
}

export class SearchRepair {
  running = $state(false)
  /** Null until a repair has been tried. */
  outcome = $state.raw<RepairOutcome | null>(null)

  async run(): Promise<void> {
    if (this.running) return
    this.running = true
    this.outcome = null
    try {
      const { report } = await api.repairSearchIndexes()
      this.outcome = { ok: true, lines: report }
    } catch (caught) {
      this.outcome = { ok: false, lines: [toFailure(caught).message] }
    } finally {
      this.running = false
    }
  }

  dismiss(): void {
    this.outcome = null
  }
}
