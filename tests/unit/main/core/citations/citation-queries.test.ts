import { afterEach, describe, expect, it } from 'vitest'
import { insertArticle } from '../../../../../src/main/core/articles/article-queries'
import { addArticleCitation, addDatasetCitation, listCitations } from '../../../../../src/main/core/citations/citation-queries'
import { insertNote } from '../../../../../src/main/core/notes/note-queries'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

/** A fresh archive holding one article with this text, and an empty note to cite it from. */
async function articleAndNote(body: string) {
  const made = await tempArchive(false)
  cleanups.push(made.cleanup)
  const db = made.archive.db
  const articleId = insertArticle(db, {
    title: 'T', byline: null, publisher: null, publishedAt: null, url: null, language: null, body,
    sourceFile: 't.txt', sourceSize: body.length, sha256: 'b'.repeat(64), importId: null, pages: [], headings: []
  })
  return { db, articleId, noteId: insertNote(db, 'N', '').id }
}

describe('citations', () => {
  it('stores the quoted passage exactly as it stands at its offsets, and refuses offsets outside the text', async () => {
    const body = 'Fewer than 2 percent of the cases — 4,403 of 288,361 — were closed.'
    const { db, articleId, noteId } = await articleAndNote(body)
    const start = body.indexOf('4,403')
    const citation = addArticleCitation(db, noteId, articleId, start, start + '4,403 of 288,361'.length)
    expect(citation).toMatchObject({ kind: 'article', sourceId: articleId, quote: '4,403 of 288,361', startOffset: start })
    expect(() => addArticleCitation(db, noteId, articleId, 10, body.length + 1)).toThrow(`The passage 10–${body.length + 1} is not inside article ${articleId}`)
    expect(() => addArticleCitation(db, noteId, articleId, 5, 5)).toThrow('is not inside')
    expect(() => addArticleCitation(db, noteId, 999, 0, 1)).toThrow('Article 999 was not found in this archive.')
    // A cited article cannot be deleted out from under the note.
    expect(() => db.prepare('DELETE FROM articles WHERE id = ?').run(articleId)).toThrow(/FOREIGN KEY/)
    expect(() => addDatasetCitation(db, noteId, 12345, null)).toThrow(/FOREIGN KEY/)
    expect(listCitations(db, noteId).map((c) => c.id)).toEqual([citation.id])
  })

  it('refuses a passage that starts or ends inside a character written with two UTF-16 units', async () => {
    // Half of 😀 cannot be stored: SQLite's UTF-8 would turn it into U+FFFD, and the quotation would
    // no longer be what the article says.
    const body = 'Detained 😀 twice'
    const { db, articleId, noteId } = await articleAndNote(body)
    const inside = body.indexOf('😀') + 1
    expect(() => addArticleCitation(db, noteId, articleId, 0, inside)).toThrow(`The passage 0–${inside} of article ${articleId} ends inside a character; select the whole character.`)
    expect(() => addArticleCitation(db, noteId, articleId, inside, body.length)).toThrow(`The passage ${inside}–${body.length} of article ${articleId} starts inside a character; select the whole character.`)
    expect(addArticleCitation(db, noteId, articleId, 0, inside + 1).quote).toBe('Detained 😀')
    expect(listCitations(db, noteId)).toHaveLength(1)
  })
})
