// The saved charts, as the sidebar and the review dashboard list them: loaded whole on start and
// whenever the archive changes, and kept in step locally when a chart is saved or deleted here.

import { createContext } from 'svelte'
import type { SavedChart } from '@shared/model'
import { api } from '../lib/api'
import { LoadedList } from '../lib/loaded-list.svelte'

/** The archive lists charts by name (case-insensitively), then by id; local changes keep that order. */
function byName(a: SavedChart, b: SavedChart): number {
  const left = a.name.toLowerCase()
  const right = b.name.toLowerCase()
  return left < right ? -1 : left > right ? 1 : a.id - b.id
}

export class ChartsState extends LoadedList<SavedChart> {
  constructor() {
    super(() => api.listCharts())
  }

  /** A chart saved, updated or duplicated here: shown at once, without asking for the list again. */
  saved(chart: SavedChart): void {
    this.replace([...this.items.filter((item) => item.id !== chart.id), chart].sort(byName))
  }

  removed(id: number): void {
    this.replace(this.items.filter((item) => item.id !== id))
  }
}

export const [getCharts, setCharts] = createContext<ChartsState>()
