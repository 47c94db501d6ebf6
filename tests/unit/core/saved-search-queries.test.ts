import { afterEach, describe, expect, it } from 'vitest'
import { insertArticle } from '../../../src/main/core/articles/article-queries'
import { insertNote } from '../../../src/main/core/notes/note-queries'
import {
  deleteSavedSearch,
  listSavedSearches,
  markSavedSearchRun,
  renameSavedSearch,
  saveSearch
} from '../../../src/main/core/saved-searches/saved-search-queries'
import { tempArchive } from '../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function archive() {
  const made = await tempArchive(false)
  cleanups.push(made.cleanup)
  return made.archive.db
}

const later = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('saved searches', () => {
  it('counts the matches that arrived since the last run, and starts again when run', async () => {
    const db = await archive()
    insertNote(db, 'Old', 'deportation figures from before')
    const saved = saveSearch(db, 'Deportations', 'deportation', false)
    expect(saved).toMatchObject({ name: 'Deportations', query: 'deportation', exact: false, newCount: 0 })
    await later()
    insertNote(db, 'New', 'more deportation figures')
    insertArticle(db, {
      title: 'Deportation report', byline: null, publisher: null, publishedAt: '2012-06-07', url: null, language: null,
      body: 'A report.', sourceFile: 'r.txt', sourceSize: 9, sha256: 'a'.repeat(64), importId: null
    })
    insertNote(db, 'Unrelated', 'tomatoes')
    expect(listSavedSearches(db).map((s) => s.newCount)).toEqual([2])
    await later()
    expect(markSavedSearchRun(db, saved.id)!.newCount).toBe(0)
  })

  it('keeps the exact switch, names by the query when no name is given, renames, lists by name and deletes', async () => {
    const db = await archive()
    insertNote(db, 'Zurich', 'zurich in lower case')
    const exact = saveSearch(db, '  ', 'Zürich', true)
    expect(exact).toMatchObject({ name: 'Zürich', exact: true })
    const other = saveSearch(db, 'asylum backlog', 'asylum', false)
    expect(listSavedSearches(db).map((s) => s.name)).toEqual(['asylum backlog', 'Zürich'])
    expect(renameSavedSearch(db, exact.id, 'Alpine')!.name).toBe('Alpine')
    expect(listSavedSearches(db).map((s) => s.name)).toEqual(['Alpine', 'asylum backlog'])
    expect(() => saveSearch(db, 'x', '   ', false)).toThrow('A saved search needs a query.')
    expect(deleteSavedSearch(db, other.id)).toBe(true)
    expect(deleteSavedSearch(db, other.id)).toBe(false)
    expect(renameSavedSearch(db, other.id, 'gone')).toBeNull()
    expect(markSavedSearchRun(db, other.id)).toBeNull()
  })
})
