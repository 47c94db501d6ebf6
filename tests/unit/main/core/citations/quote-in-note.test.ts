// "Quote in note" is one call and one transaction: the citation and the quotation in the note's
// text are written together, or (when any step is refused) neither is.
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_NOTE_BODY } from '../../../../../src/shared/api'
import { insertArticle } from '../../../../../src/main/core/articles/article-queries'
import { listCitations } from '../../../../../src/main/core/citations/citation-queries'
import { quoteInNote } from '../../../../../src/main/core/citations/quote-in-note'
import { getNote, insertNote, listNotes } from '../../../../../src/main/core/notes/note-queries'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

const BODY = 'A review of more than 411,000 pending cases had examined 288,361 by May 29, 2012 and closed 4,403.'

async function archiveWithArticle(body: string) {
  const made = await tempArchive(false)
  cleanups.push(made.cleanup)
  const db = made.archive.db
  const articleId = insertArticle(db, {
    title: 'Review', byline: null, publisher: null, publishedAt: null, url: null, language: null, body,
    sourceFile: 'r.txt', sourceSize: body.length, sha256: 'c'.repeat(64), importId: null, pages: [], headings: []
  })
  return { db, articleId }
}

describe('quoteInNote', () => {
  it('adds the citation and the quotation to the end of an existing note, quoting what the article says', async () => {
    const { db, articleId } = await archiveWithArticle(BODY)
    const note = insertNote(db, 'Closure rate', 'Fewer than 2 percent.')
    const start = BODY.indexOf('288,361')
    const quoted = quoteInNote(db, { kind: 'note', id: note.id }, articleId, start, start + 7)
    expect(quoted.created).toBe(false)
    expect(quoted.citation).toMatchObject({ noteId: note.id, kind: 'article', sourceId: articleId, quote: '288,361', startOffset: start, endOffset: start + 7 })
    expect(quoted.note.body).toBe(`Fewer than 2 percent.\n\n> 288,361 [[cite:${quoted.citation.id}]]\n`)
    expect(getNote(db, note.id)).toEqual(quoted.note)
  })

  it('makes the note when asked for a new one', async () => {
    const { db, articleId } = await archiveWithArticle(BODY)
    const quoted = quoteInNote(db, { kind: 'new', title: 'Notes on the review' }, articleId, 0, 8)
    expect(quoted).toMatchObject({ created: true, note: { title: 'Notes on the review', body: `> A review [[cite:${quoted.citation.id}]]\n` } })
    expect(listNotes(db).map((note) => note.title)).toEqual(['Notes on the review'])
  })

  it('writes nothing when the passage is not in the article: no new note, no citation, the note as it was', async () => {
    const { db, articleId } = await archiveWithArticle(BODY)
    expect(() => quoteInNote(db, { kind: 'new', title: 'Never made' }, articleId, 10, BODY.length + 1)).toThrow('is not inside article')
    expect(listNotes(db)).toEqual([])
    const note = insertNote(db, 'Kept', 'As it was.')
    expect(() => quoteInNote(db, { kind: 'note', id: note.id }, 9999, 0, 1)).toThrow('Article 9999 was not found in this archive.')
    expect(getNote(db, note.id)!.body).toBe('As it was.')
    expect(listCitations(db, note.id)).toEqual([])
    expect(() => quoteInNote(db, { kind: 'note', id: 4242 }, articleId, 0, 1)).toThrow('Note 4242 was not found in this archive.')
  })

  it('refuses a quotation that would make the note longer than a note may be, and leaves no citation behind', async () => {
    const long = 'x'.repeat(MAX_NOTE_BODY - 10)
    const { db, articleId } = await archiveWithArticle(`${BODY} ${'y'.repeat(100)}`)
    const note = insertNote(db, 'Full', long)
    expect(() => quoteInNote(db, { kind: 'note', id: note.id }, articleId, BODY.length + 1, BODY.length + 101)).toThrow(/would grow past 5,000,000 characters/)
    expect(listCitations(db, note.id)).toEqual([])
    expect(getNote(db, note.id)!.body).toBe(long)
  })
})
