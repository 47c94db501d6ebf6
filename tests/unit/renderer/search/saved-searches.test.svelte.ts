import { describe, expect, it } from 'vitest'
import { NO_SAVED_SEARCH_FILTERS, type SavedSearch } from '../../../../src/shared/model'
import { SavedSearchesState } from '../../../../src/renderer/src/search/saved-searches.svelte'
import { DEFAULT_SEARCH_OPTIONS } from '../../../../src/renderer/src/search/search-options'
import { deferred, installFakeBridge, Refusal } from '../fake-bridge'

function saved(id: number, name: string, query: string): SavedSearch {
  return {
    id,
    name,
    query,
    exact: false,
    filters: NO_SAVED_SEARCH_FILTERS,
    createdAt: '2026-01-05T10:00:00.000Z',
    lastRunAt: '2026-01-05T10:00:00.000Z',
    newCount: 0
  }
}

describe('SavedSearchesState', () => {
  it('reads as loading before the list arrives, then lists by name without regard to case', async () => {
    installFakeBridge({ listSavedSearches: () => [saved(1, 'zebra', 'z'), saved(2, 'Asylum', 'a'), saved(3, 'backlog', 'b')] })
    const searches = new SavedSearchesState()
    expect(searches.status).toBe('loading')
    expect(searches.items).toEqual([])
    await searches.load()
    expect(searches.status).toBe('ready')
    expect(searches.items.map((item) => item.name)).toEqual(['Asylum', 'backlog', 'zebra'])
  })

  it('finds the saved search with exactly the query and filters on screen', async () => {
    installFakeBridge({ listSavedSearches: () => [saved(1, 'Backlog', 'backlog')] })
    const searches = new SavedSearchesState()
    await searches.load()
    expect(searches.find(' backlog ', DEFAULT_SEARCH_OPTIONS)?.id).toBe(1)
    expect(searches.find('backlog', { ...DEFAULT_SEARCH_OPTIONS, exact: true })).toBeNull()
    expect(searches.find('backlog', { ...DEFAULT_SEARCH_OPTIONS, kinds: ['article'] })).toBeNull()
  })

  it('shows what the archive answered to a save, a rename, a run and a delete, in order', async () => {
    const bridge = installFakeBridge({
      listSavedSearches: () => [saved(1, 'Backlog', 'backlog')],
      saveSearch: ({ name, query }) => saved(2, name, query),
      renameSavedSearch: ({ id, name }) => saved(id, name, 'backlog'),
      markSavedSearchRun: ({ id }) => ({ ...saved(id, 'Court backlog', 'backlog'), newCount: 0 }),
      deleteSavedSearch: ({ id }) => ({ id })
    })
    const searches = new SavedSearchesState()
    await searches.load()
    const made = await searches.save('Asylum', 'asylum', DEFAULT_SEARCH_OPTIONS)
    expect(made.id).toBe(2)
    expect(bridge.argsOf('saveSearch')).toEqual([{ name: 'Asylum', query: 'asylum', exact: false, filters: NO_SAVED_SEARCH_FILTERS }])
    expect(searches.items.map((item) => item.name)).toEqual(['Asylum', 'Backlog'])
    await searches.rename(1, 'Court backlog')
    await searches.markRun(1)
    expect(searches.items.map((item) => [item.id, item.name])).toEqual([
      [2, 'Asylum'],
      [1, 'Court backlog']
    ])
    await searches.remove(2)
    expect(searches.items.map((item) => item.id)).toEqual([1])
    expect(bridge.argsOf('listSavedSearches')).toHaveLength(1)
  })

  it('leaves the list as it was when the archive refuses, and the caller gets the reason', async () => {
    installFakeBridge({
      listSavedSearches: () => [saved(1, 'Backlog', 'backlog')],
      deleteSavedSearch: () => {
        throw new Refusal('read-only', 'The archive is open read-only.')
      }
    })
    const searches = new SavedSearchesState()
    await searches.load()
    await expect(searches.remove(1)).rejects.toThrow('The archive is open read-only.')
    expect(searches.items.map((item) => item.id)).toEqual([1])
  })

  it('a list that was on its way before a change made here is dropped: it predates the change', async () => {
    const old = deferred<SavedSearch[]>()
    installFakeBridge({ listSavedSearches: () => old.promise, saveSearch: ({ name, query }) => saved(2, name, query) })
    const searches = new SavedSearchesState()
    const loading = searches.load()
    await searches.save('Asylum', 'asylum', DEFAULT_SEARCH_OPTIONS)
    old.resolve([])
    await loading
    expect(searches.items.map((item) => item.name)).toEqual(['Asylum'])
  })
})
