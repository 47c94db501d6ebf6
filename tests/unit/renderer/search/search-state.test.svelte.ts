import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SearchRequest, SearchResult } from '../../../../src/shared/model'
import { SEARCH_DEBOUNCE_MS, SearchState } from '../../../../src/renderer/src/search/search.svelte'
import { SEARCH_PAGE_SIZE } from '../../../../src/renderer/src/search/search-paging'
import { deferred, installFakeBridge, Refusal } from '../fake-bridge'
import { sampleHit, sampleResult } from '../samples'

/** Answers every search with `total` data rows of dataset 1, a page at the asked offset. */
function rowsUpTo(total: number): (request: SearchRequest) => SearchResult {
  return (request) => {
    const count = Math.max(0, Math.min(request.limit, total - request.offset))
    const hits = Array.from({ length: count }, (_, index) => sampleHit('data', 1, request.offset + index + 1))
    return sampleResult(request.query, total, hits)
  }
}

describe('SearchState', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('waits for typing to pause, then asks once for the last query, trimmed', async () => {
    const bridge = installFakeBridge({ search: rowsUpTo(3) })
    const search = new SearchState()
    search.setQuery('rev')
    search.setQuery('revie')
    search.setQuery('review ')
    expect(search.status).toBe('loading')
    expect(search.active).toBe(true)
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1)
    expect(bridge.calls).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(bridge.argsOf('search').map((request) => request.query)).toEqual(['review'])
    expect(search.status).toBe('ready')
    expect(search.result?.total).toBe(3)
    expect(search.shown).toBe(3)
    expect(search.end).toBe('all')
  })

  it('never lets a slow answer to an older query replace a newer one', async () => {
    const slow = deferred<SearchResult>()
    const bridge = installFakeBridge({ search: (request) => (request.query === 'old' ? slow.promise : rowsUpTo(1)(request)) })
    const search = new SearchState()
    search.replaceQuery('old')
    search.replaceQuery('new')
    await vi.advanceTimersByTimeAsync(0)
    expect(search.result?.query).toBe('new')
    slow.resolve(sampleResult('old', 99, []))
    await vi.advanceTimersByTimeAsync(0)
    expect(search.result?.query).toBe('new')
    expect(bridge.argsOf('search')).toHaveLength(2)
  })

  it('pages through the hits, drops a hit that comes back, and stops on an empty page', async () => {
    let shift = 0
    installFakeBridge({
      search: (request) => {
        // After the first page the archive changes: ranks shift by one, so one hit comes back.
        const page = rowsUpTo(120)({ ...request, offset: Math.max(0, request.offset - shift) })
        shift = 1
        return request.offset >= 100 ? sampleResult(request.query, 120, []) : page
      }
    })
    const search = new SearchState()
    search.replaceQuery('rows')
    await vi.advanceTimersByTimeAsync(0)
    expect(search.shown).toBe(SEARCH_PAGE_SIZE)
    expect(search.end).toBe('more')
    await search.loadMore()
    expect(search.pages).toHaveLength(2)
    expect(search.shown).toBe(2 * SEARCH_PAGE_SIZE - 1)
    await search.loadMore()
    // The total promised 120 but the page came back empty: the list ends rather than loop.
    expect(search.end).toBe('all')
    expect(search.pages).toHaveLength(2)
  })

  it('does not append a page fetched for a query that has since been replaced', async () => {
    const page = deferred<SearchResult>()
    installFakeBridge({ search: (request) => (request.offset > 0 ? page.promise : rowsUpTo(500)(request)) })
    const search = new SearchState()
    search.replaceQuery('first')
    await vi.advanceTimersByTimeAsync(0)
    const more = search.loadMore()
    expect(search.more.status).toBe('loading')
    search.replaceQuery('second')
    await vi.advanceTimersByTimeAsync(0)
    expect(search.result?.query).toBe('second')
    page.resolve(sampleResult('first', 500, [sampleHit('note', 7, null)]))
    await more
    expect(search.pages).toHaveLength(1)
    expect(search.pages.flat().some((hit) => hit.kind === 'note')).toBe(false)
  })

  it('keeps the hits shown when the next page fails, and says why', async () => {
    const bridge = installFakeBridge({ search: rowsUpTo(500) })
    const search = new SearchState()
    search.replaceQuery('rows')
    await vi.advanceTimersByTimeAsync(0)
    bridge.handle({
      search: () => {
        throw new Refusal('busy', 'The archive is busy.')
      }
    })
    await search.loadMore()
    expect(search.more.status).toBe('error')
    expect(search.more.error?.message).toBe('The archive is busy.')
    expect(search.shown).toBe(SEARCH_PAGE_SIZE)
    expect(search.status).toBe('ready')
  })

  it('reports a failed search as an error with the archive’s words', async () => {
    installFakeBridge({
      search: () => {
        throw new Refusal('internal', 'The search index is damaged.')
      }
    })
    const search = new SearchState()
    search.replaceQuery('anything')
    await vi.advanceTimersByTimeAsync(0)
    expect(search.status).toBe('error')
    expect(search.error?.message).toBe('The search index is damaged.')
  })

  it('clearing forgets the query, the filters and the results, and hides them', async () => {
    installFakeBridge({ search: rowsUpTo(3) })
    const search = new SearchState()
    search.setOptions({ kinds: ['data'], exact: true })
    search.replaceQuery('rows')
    await vi.advanceTimersByTimeAsync(0)
    search.clear()
    expect(search.query).toBe('')
    expect(search.options.kinds).toEqual([])
    expect(search.options.exact).toBe(false)
    expect(search.result).toBeNull()
    expect(search.status).toBe('idle')
    expect(search.active).toBe(false)
  })

  it('sends the options with the query: kinds, dates as a range, sort and exact spelling', async () => {
    const bridge = installFakeBridge({ search: rowsUpTo(0) })
    const search = new SearchState()
    search.replaceQuery('review')
    search.setOptions({ kinds: ['article'], from: '2012', to: '2012', sort: 'newest', exact: true })
    await vi.advanceTimersByTimeAsync(0)
    const last = bridge.argsOf('search').at(-1)
    expect(last).toMatchObject({ query: 'review', kinds: ['article'], after: '2012', before: '2013', sort: 'newest', exact: true, offset: 0 })
  })

  it('opens a hit where it belongs, marked with the query it was found by', async () => {
    installFakeBridge({ search: rowsUpTo(1) })
    const search = new SearchState()
    search.setOptions({ exact: true })
    search.replaceQuery('  review  ')
    await vi.advanceTimersByTimeAsync(0)
    search.setQuery('something typed since')
    expect(search.placeOf(sampleHit('article', 3, null))).toEqual({ kind: 'article', id: 3, highlight: 'review', exact: true })
    expect(search.placeOf(sampleHit('data', 4, 17))).toEqual({ kind: 'dataset', id: 4, row: 17 })
    expect(search.placeOf(sampleHit('note', 5, null))).toEqual({ kind: 'note', id: 5, editing: false, seed: null })
  })

  it('searches for a selection as a phrase, and brings the results back with the keyboard in the field', async () => {
    const bridge = installFakeBridge({ search: rowsUpTo(1) })
    const search = new SearchState()
    const focused: string[] = []
    const detach = search.attachField({ focus: () => focused.push('field') })
    search.searchFor('  review\nbacklog ')
    await vi.advanceTimersByTimeAsync(0)
    expect(bridge.argsOf('search')[0]?.query).toBe('"review backlog"')
    search.hide()
    expect(search.active).toBe(false)
    search.backToResults()
    expect(search.active).toBe(true)
    expect(focused).toEqual(['field'])
    detach()
    search.backToResults()
    expect(focused).toEqual(['field'])
  })
})
