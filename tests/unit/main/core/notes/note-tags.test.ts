import { afterEach, describe, expect, it } from 'vitest'
import { cleanTags, getNote, insertNote, listNotes, listNoteTags, setNoteTags } from '../../../../../src/main/core/notes/note-queries'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

describe('note tags', () => {
  it('tidies, sorts and stores tags, lists them with counts, and shows them on notes', async () => {
    const made = await tempArchive(false)
    cleanups.push(made.cleanup)
    const { db } = made.archive
    const a = insertNote(db, 'A', '').id
    const b = insertNote(db, 'B', '').id
    expect(cleanTags(['  review  2012 ', 'Review 2012', '', 'closures', 'x'.repeat(100)])).toEqual(['closures', 'review 2012', 'x'.repeat(60)])
    expect(setNoteTags(db, a, ['review', 'closures'])!.tags).toEqual(['closures', 'review'])
    setNoteTags(db, b, ['review'])
    expect(listNoteTags(db)).toEqual([
      { tag: 'closures', count: 1 },
      { tag: 'review', count: 2 }
    ])
    expect(listNotes(db).map((note) => [note.title, note.tags])).toEqual([
      ['B', ['review']],
      ['A', ['closures', 'review']]
    ])
    expect(setNoteTags(db, a, [])!.tags).toEqual([])
    expect(getNote(db, a)!.tags).toEqual([])
    expect(setNoteTags(db, 999, ['x'])).toBeNull()
  })
})
