import { afterEach, describe, expect, it } from 'vitest'
import { insertArticle } from '../../../../../src/main/core/articles/article-queries'
import { insertNote } from '../../../../../src/main/core/notes/note-queries'
import {
  deleteSavedSearch,
  listSavedSearches,
  markSavedSearchRun,
  renameSavedSearch,
  saveSearch
} from '../../../../../src/main/core/saved-searches/saved-search-queries'
import { tempArchive } from '../../../../helpers/temp-archive'

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
      body: 'A report.', sourceFile: 'r.txt', sourceSize: 9, sha256: 'a'.repeat(64), importId: null, pages: [], headings: []
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

  it('keeps the screen\'s filters, counts new matches through them, and opens an older row without them', async () => {
    const db = await archive()
    const filters = { kinds: ['note' as const, 'article' as const], source: null, from: '2012', to: '2012-06', sort: 'newest' as const }
    const saved = saveSearch(db, 'Notes on deportation', 'deportation', false, filters)
    // Kinds are kept in the screen's canonical order; the rest as given.
    expect(saved.filters).toEqual({ kinds: ['article', 'note'], source: null, from: '2012', to: '2012-06', sort: 'newest' })
    await later()
    const article = (publishedAt: string, sha: string) =>
      insertArticle(db, { title: 'Deportation report', byline: null, publisher: null, publishedAt, url: null, language: null, body: 'A report.', sourceFile: 'r.txt', sourceSize: 9, sha256: sha.repeat(64), importId: null, pages: [], headings: [] })
    article('2012-06-07', 'a')
    article('2012-07-01', 'b')
    article('2011-12-31', 'c')
    // Only the article inside 2012-01-01 … 2012-06-30 counts; notes have no publication date.
    expect(listSavedSearches(db)[0]!.newCount).toBe(1)
    const plain = saveSearch(db, 'All deportation', 'deportation', false)
    expect(plain.filters).toEqual({ kinds: [], source: null, from: '', to: '', sort: 'relevance' })
    expect(() => saveSearch(db, 'bad', 'deportation', false, { ...filters, to: '2012-13' })).toThrow('The date range of a saved search must be YYYY, YYYY-MM or YYYY-MM-DD at each end.')
    // A row saved before filters existed (or damaged by hand) still opens, with no filter.
    db.prepare('UPDATE saved_searches SET filters = ? WHERE id = ?').run(JSON.stringify({ kinds: 'note', sort: 'sideways', from: 7 }), saved.id)
    expect(listSavedSearches(db).find((entry) => entry.id === saved.id)!.filters).toEqual({ kinds: [], source: null, from: '', to: '', sort: 'relevance' })
    expect(() => db.prepare("UPDATE saved_searches SET filters = 'not json' WHERE id = ?").run(saved.id)).toThrow(/CHECK/)
  })
})
