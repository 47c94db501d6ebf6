// The search pool with the built worker (out/main/search-worker.js), as the app runs it: searches on
// read-only connections in worker threads, answering exactly what a search on the archive's own
// connection answers, each new search replacing the ones still unanswered.

import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import { searchRequest } from '../../src/shared/search-request'
import { insertArticle } from '../../src/main/core/articles/article-queries'
import { searchArchive } from '../../src/main/core/search/search-archive'
import { SearchPool, SearchReplaced } from '../../src/main/core/search/search-pool'
import { tempArchive } from '../helpers/temp-archive'

const WORKER = resolve(import.meta.dirname, '../../out/main/search-worker.js')
let db: Database
let path: string
let cleanup: () => void
let pool: SearchPool

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does).`)
  const made = await tempArchive(true)
  db = made.archive.db
  path = made.path
  cleanup = made.cleanup
  pool = new SearchPool(path, null, WORKER)
})

afterAll(async () => {
  await pool.dispose()
  cleanup()
})

function article(title: string, body: string): number {
  return insertArticle(db, { title, byline: null, publisher: 'Test Desk', publishedAt: '2012-06-07', url: null, language: 'en', body, sourceFile: `${title}.txt`, sourceSize: body.length, sha256: null, importId: null, pages: [], headings: [] })
}

describe('SearchPool', () => {
  it('answers exactly what a search on the archive’s own connection answers', async () => {
    for (const query of ['prosecutors', '"prosecutorial discretion"', 'review kind:data', 'deport* year:2012', 'removals OR closure', 'nothingmatchesthis']) {
      expect(await pool.search(searchRequest(query)), query).toEqual(searchArchive(db, searchRequest(query)))
    }
  })

  it('sees what the archive’s connection wrote since its last search', async () => {
    expect((await pool.search(searchRequest('zygomorphic'))).total).toBe(0)
    article('Zygomorphic flowers', 'A note about zygomorphic flowers in the archive.')
    expect((await pool.search(searchRequest('zygomorphic'))).total).toBe(1)
  })

  it('answers a search that a newer one replaced with SearchReplaced, and only the newest with results', async () => {
    const first = pool.search(searchRequest('deportation'))
    const second = pool.search(searchRequest('removal'))
    const third = pool.search(searchRequest('prosecutors'))
    await expect(first).rejects.toBeInstanceOf(SearchReplaced)
    await expect(second).rejects.toBeInstanceOf(SearchReplaced)
    expect((await third).query).toBe('prosecutors')
    // The workers are free again: the next search is answered.
    expect((await pool.search(searchRequest('review'))).query).toBe('review')
  })

  it('keeps answering after its worker is gone, and refuses once disposed', async () => {
    const broken = new SearchPool(path, null, join(resolve(import.meta.dirname, '../../out/main'), 'no-such-worker.js'))
    await expect(broken.search(searchRequest('review'))).rejects.toThrow(/the search stopped/)
    await expect(broken.search(searchRequest('review'))).rejects.toThrow(/the search stopped/)
    await broken.dispose()
    await expect(broken.search(searchRequest('review'))).rejects.toThrow('The archive was closed.')
  })

  it('answers a search still running when the archive closes with a plain error', async () => {
    const closing = new SearchPool(path, null, WORKER)
    const answered = expect(closing.search(searchRequest('review'))).rejects.toThrow('The archive was closed.')
    await closing.dispose()
    await answered
  })
})
