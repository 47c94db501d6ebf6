// The saved charts, as the sidebar and the review dashboard list them: loaded whole on start and
// whenever the archive changes, and kept in step locally when a chart is saved or deleted here.

import type { SavedChart } from '@shared/model'
import { api, toFailure, type ApiFailure } from '../lib/api'

/** The archive lists charts by name (case-insensitively), then by id; local changes keep that order. */
function byName(a: SavedChart, b: SavedChart): number {
  const left = a.name.toLowerCase()
  const right = b.name.toLowerCase()
  return left < right ? -1 : left > right ? 1 : a.id - b.id
}

export class ChartsState {
  items = $state.raw<SavedChart[]>([])
  status = $state<'loading' | 'ready' | 'error'>('loading')
  error = $state.raw<ApiFailure | null>(null)

  #seq = 0

  async load(): Promise<void> {
    const seq = ++this.#seq
    try {
      const items = await api.listCharts()
      if (seq !== this.#seq) return
      this.items = items
      this.error = null
      this.status = 'ready'
    } catch (caught) {
      if (seq !== this.#seq) return
      this.error = toFailure(caught)
      this.status = 'error'
    }
  }

  /** A chart saved, updated or duplicated here: shown at once, without asking for the list again. */
  saved(chart: SavedChart): void {
    this.#seq++
    this.items = [...this.items.filter((item) => item.id !== chart.id), chart].sort(byName)
  }

  removed(id: number): void {
    this.#seq++
    this.items = this.items.filter((item) => item.id !== id)
  }
}
