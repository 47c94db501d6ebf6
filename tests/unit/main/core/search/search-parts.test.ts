import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import { searchRequest } from '../../../../../src/shared/search-request'
import { insertArticle } from '../../../../../src/main/core/articles/article-queries'
import { mergeSearch, searchArchive, searchPart, searchParts } from '../../../../../src/main/core/search/search-archive'
import { tempArchive } from '../../../../helpers/temp-archive'

let db: Database
let cleanup: () => void

beforeAll(async () => {
  const made = await tempArchive(true)
  db = made.archive.db
  cleanup = made.cleanup
  db.transaction(() => {
    for (let i = 0; i < 300; i++) {
      const body = `Case ${i}: ${i % 3 === 0 ? 'deportation' : 'removal'} proceedings before the immigration court in ${i % 2 ? 'Denver' : 'Baltimore'}.`
      insertArticle(db, { title: `Docket ${i}`, byline: null, publisher: i % 4 === 0 ? 'Docket Weekly' : 'Court Notes', publishedAt: `${2005 + (i % 15)}-03-01`, url: null, language: 'en', body, sourceFile: `${i}.txt`, sourceSize: body.length, sha256: null, importId: null, pages: [], headings: [] })
    }
  })()
})
afterAll(() => cleanup())

describe('a search in parts', () => {
  it('splits a search by relevance that filters nothing into the page and the counts, and keeps a filtered one whole', () => {
    expect(searchParts(searchRequest('deportation'), null)).toEqual(['document-pages', 'rows', 'document-counts'])
    // A saved search's "new since" filters.
    expect(searchParts(searchRequest('deportation'), '2026-01-01T00:00:00Z')).toEqual(['documents', 'rows'])
    // Data rows have no date: a date filter leaves them out.
    expect(searchParts(searchRequest('deportation year:2012'), null)).toEqual(['documents'])
    expect(searchParts(searchRequest('deportation', { sort: 'newest' }), null)).toEqual(['documents', 'rows'])
    expect(searchParts(searchRequest('deportation', { source: 'Docket Weekly' }), null)).toEqual(['documents', 'rows'])
    expect(searchParts(searchRequest('deportation', { exact: true }), null)).toEqual(['documents', 'rows'])
    expect(searchParts(searchRequest('deportation kind:data'), null)).toEqual(['rows'])
    expect(searchParts(searchRequest(''), null)).toEqual([])
  })

  it('answers the same in parts as in one piece, whatever the query', () => {
    for (const query of ['deportation', 'removal OR deportation', '"immigration court"', 'Denv*', 'court -Denver', 'prosecutors kind:article', 'ICE kind:data', 'nothingmatchesthis', '', 'year:2012 removal']) {
      for (const offset of [0, 20]) {
        const request = searchRequest(query, { offset })
        const whole = mergeSearch(request, [searchPart(db, request, 'documents', {}), searchPart(db, request, 'rows', {})])
        expect(searchArchive(db, request), `${query} @${offset}`).toEqual(whole)
      }
    }
  })
})
