// The saved searches listed in the sidebar, each with how many matches arrived since it was last
// run. Reloaded with the archive (an import brings new matches); changes made here update the list
// from the archive's answer, so names and counts are always the archive's own.

import { createContext } from 'svelte'
import type { SavedSearch } from '@shared/model'
import { api } from '../lib/api'
import { matchesSaved, savedFiltersOf, type SearchOptions } from './search-options'
import { LoadedList } from '../lib/loaded-list.svelte'

function byName(a: SavedSearch, b: SavedSearch): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id - b.id
}

export class SavedSearchesState extends LoadedList<SavedSearch> {
  constructor() {
    super(async () => [...(await api.listSavedSearches())].sort(byName))
  }

  /** The saved search with exactly this query, switch and filters, if there is one. */
  find(query: string, options: SearchOptions): SavedSearch | null {
    return this.items.find((item) => matchesSaved(query, options, item)) ?? null
  }

  /** Throws an ApiFailure when the archive refuses; the caller shows it where the user acted. */
  async save(name: string, query: string, options: SearchOptions): Promise<SavedSearch> {
    const saved = await api.saveSearch({ name, query, exact: options.exact, filters: savedFiltersOf(options) })
    this.#put(saved)
    return saved
  }

  async rename(id: number, name: string): Promise<void> {
    this.#put(await api.renameSavedSearch({ id, name }))
  }

  async remove(id: number): Promise<void> {
    await api.deleteSavedSearch({ id })
    this.replace(this.items.filter((item) => item.id !== id))
  }

  /** Opening a saved search runs it: its "new" count starts again from zero. */
  async markRun(id: number): Promise<void> {
    this.#put(await api.markSavedSearchRun({ id }))
  }

  #put(saved: SavedSearch): void {
    this.replace([...this.items.filter((item) => item.id !== saved.id), saved].sort(byName))
  }
}

export const [getSavedSearches, setSavedSearches] = createContext<SavedSearchesState>()
