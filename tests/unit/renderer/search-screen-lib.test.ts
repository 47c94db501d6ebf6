import { describe, expect, it } from 'vitest'
import { MAX_SEARCH_OFFSET } from '../../../src/shared/api'
import type { SavedSearch, SearchFacets, SearchHit } from '../../../src/shared/model'
import { dateRange, isPeriodOrEmpty, nextPeriod, pickedYear, yearRange } from '../../../src/shared/date-range'
import { matchPosition, matchStepForKey, stepMatch, type MatchKey } from '../../../src/renderer/src/articles/match-navigation'
import { matchParagraphs } from '../../../src/renderer/src/articles/match-paragraphs'
import { activeFilterCount, DEFAULT_SEARCH_OPTIONS, matchesSaved, optionsOfSaved, savedFiltersOf, savedFiltersSummary, sourceGroups, toggleKind } from '../../../src/renderer/src/search/search-options'
import { hitKey, nextPageOffset, pagingEnd, unseenHits } from '../../../src/renderer/src/search/search-paging'
import { paragraphs } from '../../../src/renderer/src/articles/paragraphs'

const S = '\uE000'
const E = '\uE001'

function hit(kind: SearchHit['kind'], id: number, row: number | null = null): SearchHit {
  return { kind, id, row, title: `${kind} ${id}`, snippet: '', date: null, source: null, rank: 0 }
}

describe('search paging', () => {
  it('keys a data row by dataset and row, and articles and notes by kind and id', () => {
    expect(hitKey(hit('data', 5, 12))).toBe('data:5:12')
    expect(hitKey(hit('article', 5))).not.toBe(hitKey(hit('note', 5)))
  })

  it('lets through only the hits of a new page the list does not show yet, and remembers them', () => {
    const seen = new Set([hit('article', 1), hit('data', 2, 1)].map(hitKey))
    const added = unseenHits(seen, [hit('data', 2, 1), hit('data', 2, 2), hit('data', 2, 2), hit('note', 1)])
    expect(added.map(hitKey)).toEqual(['data:2:2', 'note:1:'])
    expect(seen.size).toBe(4)
    expect(unseenHits(seen, [hit('note', 1)])).toEqual([])
  })

  it('asks for the next page until every hit is shown, and stops on an empty page or the deepest offset', () => {
    expect(nextPageOffset(50, 10_000, false)).toBe(50)
    expect(pagingEnd(50, 10_000, false)).toBe('more')
    expect(nextPageOffset(10_000, 10_000, false)).toBeNull()
    expect(pagingEnd(10_000, 10_000, false)).toBe('all')
    expect(pagingEnd(0, 0, false)).toBe('all')
    // The total promised more but a page came back empty: the archive changed; do not loop.
    expect(nextPageOffset(120, 130, true)).toBeNull()
    expect(pagingEnd(120, 130, true)).toBe('all')
    expect(nextPageOffset(MAX_SEARCH_OFFSET, MAX_SEARCH_OFFSET + 500, false)).toBe(MAX_SEARCH_OFFSET)
    expect(pagingEnd(MAX_SEARCH_OFFSET + 50, MAX_SEARCH_OFFSET + 500, false)).toBe('capped')
  })
})

describe('date range', () => {
  it('reads a year, a month or a day, and nothing else', () => {
    for (const value of ['', '  ', '2012', '2012-06', '2012-06-07', '2012-02-29']) expect(isPeriodOrEmpty(value)).toBe(true)
    for (const value of ['12', '2012-13', '2013-02-29', '2012/06/07', 'June 2012']) expect(isPeriodOrEmpty(value)).toBe(false)
  })

  it('finds the period after a year, a month or a day, across year and month ends', () => {
    expect(nextPeriod('2012')).toBe('2013')
    expect(nextPeriod('2012-06')).toBe('2012-07')
    expect(nextPeriod('2012-12')).toBe('2013-01')
    expect(nextPeriod('2012-02-28')).toBe('2012-02-29')
    expect(nextPeriod('2012-02-29')).toBe('2012-03-01')
    expect(nextPeriod('2012-12-31')).toBe('2013-01-01')
    expect(nextPeriod('9999')).toBeNull()
    expect(nextPeriod('nope')).toBeNull()
  })

  it('turns two inclusive ends into the half-open range the archive takes', () => {
    expect(dateRange('2011', '2012')).toEqual({ after: '2011', before: '2013', invalid: { from: false, to: false }, reversed: false })
    expect(dateRange('', '2012-06-07')).toMatchObject({ after: null, before: '2012-06-08' })
    expect(dateRange(' 2012-06 ', '')).toMatchObject({ after: '2012-06', before: null })
    expect(dateRange('', '')).toMatchObject({ after: null, before: null, reversed: false })
  })

  it('leaves an unreadable end out and says which, and flags a range that is back to front', () => {
    expect(dateRange('2012-13', '2013')).toEqual({ after: null, before: '2014', invalid: { from: true, to: false }, reversed: false })
    expect(dateRange('2011', 'soon')).toMatchObject({ after: '2011', before: null, invalid: { from: false, to: true } })
    expect(dateRange('2013', '2012').reversed).toBe(true)
    expect(dateRange('2012-06-07', '2012-06-07').reversed).toBe(false)
  })

  it('sets a single year from the year facet and recognises it again', () => {
    expect(yearRange(2011)).toEqual({ from: '2011', to: '2011' })
    expect(pickedYear('2011', '2011')).toBe(2011)
    expect(pickedYear('2011', '2012')).toBeNull()
    expect(pickedYear('2011-01', '2011-01')).toBeNull()
    expect(pickedYear('', '')).toBeNull()
  })
})

describe('search options', () => {
  it('counts what narrows the results, not how they are sorted or matched', () => {
    expect(activeFilterCount(DEFAULT_SEARCH_OPTIONS)).toBe(0)
    expect(activeFilterCount({ ...DEFAULT_SEARCH_OPTIONS, sort: 'newest', exact: true })).toBe(0)
    expect(activeFilterCount({ ...DEFAULT_SEARCH_OPTIONS, kinds: ['data', 'article'], source: 'Colorlines', from: '2011' })).toBe(3)
  })

  it('saves the filters and the order with a search, and knows the screen shows that search only when all match', () => {
    const options = { ...DEFAULT_SEARCH_OPTIONS, kinds: ['article' as const, 'data' as const], source: 'Colorlines', from: ' 2011 ', to: '2012', sort: 'newest' as const, exact: true }
    const filters = savedFiltersOf(options)
    expect(filters).toEqual({ kinds: ['article', 'data'], source: 'Colorlines', from: '2011', to: '2012', sort: 'newest' })
    const saved: SavedSearch = { id: 1, name: 'n', query: 'asylum', exact: true, filters, createdAt: '', lastRunAt: '', newCount: 0 }
    expect(optionsOfSaved(saved)).toEqual({ ...options, from: '2011' })
    expect(matchesSaved(' asylum ', options, saved)).toBe(true)
    for (const changed of [{ exact: false }, { kinds: ['article' as const] }, { source: null }, { from: '2010' }, { to: '' }, { sort: 'relevance' as const }]) {
      expect(matchesSaved('asylum', { ...options, ...changed }, saved), JSON.stringify(changed)).toBe(false)
    }
    expect(matchesSaved('asylum backlog', options, saved)).toBe(false)
  })

  it('sums up a saved search\'s filters in a few words, and says nothing when there are none', () => {
    const none = savedFiltersOf(DEFAULT_SEARCH_OPTIONS)
    expect(savedFiltersSummary(none)).toBe('')
    expect(savedFiltersSummary({ ...none, kinds: ['article', 'data'], source: 'Colorlines', from: '2011', to: '2012', sort: 'oldest' })).toBe('Articles, Data rows · Colorlines · 2011 – 2012 · oldest first')
    expect(savedFiltersSummary({ ...none, from: '2011', to: '2011' })).toBe('2011')
    expect(savedFiltersSummary({ ...none, from: '2011-06' })).toBe('from 2011-06')
    expect(savedFiltersSummary({ ...none, to: '2012' })).toBe('to 2012')
  })

  it('toggles a kind and keeps the picks in one order', () => {
    expect(toggleKind([], 'data')).toEqual(['data'])
    expect(toggleKind(['data'], 'article')).toEqual(['article', 'data'])
    expect(toggleKind(['article', 'data'], 'article')).toEqual(['data'])
  })

  it('splits sources into publishers and datasets and keeps a picked source the answer no longer lists', () => {
    const facets: SearchFacets = {
      kinds: { article: 2, note: 0, dataset: 0, data: 3 },
      sources: [
        { kind: 'data', name: 'Timeline', count: 3 },
        { kind: 'article', name: 'Colorlines', count: 2 }
      ],
      years: []
    }
    expect(sourceGroups(facets, null)).toEqual({ publishers: [{ name: 'Colorlines', count: 2 }], datasets: [{ name: 'Timeline', count: 3 }] })
    expect(sourceGroups(facets, 'DHS').publishers).toEqual([
      { name: 'DHS', count: 0 },
      { name: 'Colorlines', count: 2 }
    ])
    expect(sourceGroups(facets, 'Timeline').publishers).toHaveLength(1)
  })
})

describe('match navigation', () => {
  it('steps forwards and backwards and wraps at both ends', () => {
    expect(stepMatch(0, 12, 1)).toBe(1)
    expect(stepMatch(11, 12, 1)).toBe(0)
    expect(stepMatch(0, 12, -1)).toBe(11)
    expect(stepMatch(0, 1, 1)).toBe(0)
    expect(stepMatch(3, 0, 1)).toBe(0)
  })

  it('says where the reader is', () => {
    expect(matchPosition(2, 12)).toBe('3 of 12')
    expect(matchPosition(0, 0)).toBe('No matches')
  })

  it('takes Enter only where it does nothing else, F3 and Ctrl/⌘+G anywhere, Shift to go back', () => {
    const key = (partial: Partial<MatchKey>): MatchKey => ({ key: 'Enter', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...partial })
    expect(matchStepForKey(key({}), false)).toBe(1)
    expect(matchStepForKey(key({ shiftKey: true }), false)).toBe(-1)
    expect(matchStepForKey(key({}), true)).toBeNull()
    expect(matchStepForKey(key({ key: 'F3' }), true)).toBe(1)
    expect(matchStepForKey(key({ key: 'F3', shiftKey: true }), false)).toBe(-1)
    expect(matchStepForKey(key({ key: 'g', ctrlKey: true }), true)).toBe(1)
    expect(matchStepForKey(key({ key: 'G', metaKey: true, shiftKey: true }), false)).toBe(-1)
    expect(matchStepForKey(key({ key: 'g' }), false)).toBeNull()
    expect(matchStepForKey(key({ altKey: true }), false)).toBeNull()
    expect(matchStepForKey(key({ ctrlKey: true }), false)).toBeNull()
    expect(matchStepForKey(key({ key: 'ArrowDown' }), false)).toBeNull()
  })
})

describe('matchParagraphs', () => {
  it('numbers every match in reading order across paragraphs', () => {
    const { paragraphs: blocks, count } = matchParagraphs(`The ${S}review${E} began.\n\nA ${S}review${E} of ${S}cases${E}.`)
    expect(count).toBe(3)
    expect(blocks).toEqual([
      [{ text: 'The ', match: null }, { text: 'review', match: 0 }, { text: ' began.', match: null }],
      [{ text: 'A ', match: null }, { text: 'review', match: 1 }, { text: ' of ', match: null }, { text: 'cases', match: 2 }, { text: '.', match: null }]
    ])
  })

  it('splits paragraphs exactly as the plain reader does', () => {
    const body = 'a\nb\r\n\r\n\n  c\n \n\nd  \n'
    const plain = paragraphs(body)
    const marked = matchParagraphs(body).paragraphs.map((block) => block.map((segment) => segment.text).join(''))
    expect(marked).toEqual(plain)
  })

  it('keeps one number for a match across a paragraph break, and survives stray and repeated markers', () => {
    const spanning = matchParagraphs(`x ${S}one\n\ntwo${E} y`)
    expect(spanning.count).toBe(1)
    expect(spanning.paragraphs).toEqual([
      [{ text: 'x ', match: null }, { text: 'one', match: 0 }],
      [{ text: 'two', match: 0 }, { text: ' y', match: null }]
    ])
    const stray = matchParagraphs(`${E}a ${S}${S}b${E} c`)
    expect(stray).toEqual({ paragraphs: [[{ text: 'a ', match: null }, { text: 'b', match: 0 }, { text: ' c', match: null }]], count: 1 })
  })

  it('renumbers when a marked run was only whitespace that trimming removed', () => {
    const { paragraphs: blocks, count } = matchParagraphs(`a ${S}b${E}\n\n${S} ${E}\n\nc ${S}d${E}`)
    expect(count).toBe(2)
    expect(blocks.flat().filter((segment) => segment.match !== null)).toEqual([
      { text: 'b', match: 0 },
      { text: 'd', match: 1 }
    ])
  })

  it('leaves text without markers unmarked and HTML as text', () => {
    expect(matchParagraphs('<b>&amp;</b>')).toEqual({ paragraphs: [[{ text: '<b>&amp;</b>', match: null }]], count: 0 })
    expect(matchParagraphs('')).toEqual({ paragraphs: [], count: 0 })
  })
})
