import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import { searchRequest } from '../../../../../src/shared/search-request'
import { insertArticle } from '../../../../../src/main/core/articles/article-queries'
import { searchArchive } from '../../../../../src/main/core/search/search-archive'
import { CHECKPOINT_EVERY, SearchAbandoned } from '../../../../../src/main/core/search/search-abandoned'
import { tempArchive } from '../../../../helpers/temp-archive'

let db: Database
let cleanup: () => void

beforeAll(async () => {
  const made = await tempArchive(true)
  db = made.archive.db
  cleanup = made.cleanup
  db.transaction(() => {
    for (let i = 0; i < CHECKPOINT_EVERY * 2 + 10; i++) {
      const body = `Review of backlog case ${i}: deportation proceedings.`
      insertArticle(db, { title: `Case ${i}`, byline: null, publisher: 'Docket', publishedAt: '2012-01-01', url: null, language: 'en', body, sourceFile: `${i}.txt`, sourceSize: body.length, sha256: null, importId: null, pages: [], headings: [] })
    }
  })()
})
afterAll(() => cleanup())

describe('a search asked to stop', () => {
  it('stops at its checkpoints: between kinds, and every few thousand matches', () => {
    let calls = 0
    const count = () => calls++
    searchArchive(db, searchRequest('deportation'), { checkpoint: count })
    // Before each kind, after reading the matches, within the walk over them, before the page.
    expect(calls).toBeGreaterThanOrEqual(6)
    for (let stopAt = 1; stopAt <= calls; stopAt++) {
      let seen = 0
      const stop = () => {
        if (++seen === stopAt) throw new SearchAbandoned()
      }
      expect(() => searchArchive(db, searchRequest('deportation'), { checkpoint: stop }), `checkpoint ${stopAt}`).toThrow(SearchAbandoned)
    }
  })

  it('answers in full when nothing asks it to stop', () => {
    expect(searchArchive(db, searchRequest('deportation')).total).toBeGreaterThan(CHECKPOINT_EVERY * 2)
  })
})
