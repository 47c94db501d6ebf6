import type { Database } from 'better-sqlite3'
import { MAX_NOTE_BODY, type QuoteTarget } from '@shared/api'
import { appendBlock, quoteBlock } from '@shared/citation-text'
import type { QuotedPassage } from '@shared/model'
import { InvalidRequest } from '../invalid-request'
import { found } from '../not-found'
import { getNote, insertNote, updateNote } from '../notes/note-queries'
import { addArticleCitation } from './citation-queries'

/**
 * "Quote in note", in one transaction: records the passage at [start, end) of the article's body
 * as a citation of the note (a new one when `target` says so) and adds `> words [[cite:ID]]` at the
 * end of the note's text. The archive reads the quote from the article itself, so the note always
 * quotes exactly what the article says; if any step is refused, nothing is written.
 */
export function quoteInNote(db: Database, target: QuoteTarget, articleId: number, start: number, end: number): QuotedPassage {
  return db.transaction((): QuotedPassage => {
    const note = target.kind === 'new' ? insertNote(db, target.title, '') : found(getNote(db, target.id), `Note ${target.id}`)
    const citation = addArticleCitation(db, note.id, articleId, start, end)
    const body = appendBlock(note.body, quoteBlock(citation.quote ?? '', citation.id))
    if (body.length > MAX_NOTE_BODY) {
      throw new InvalidRequest(`The note would grow past ${MAX_NOTE_BODY.toLocaleString('en-US')} characters with this quotation; quote a shorter passage, or into another note.`)
    }
    const updated = found(updateNote(db, note.id, note.title, body), `Note ${note.id}`)
    return { note: updated, citation, created: target.kind === 'new' }
  })()
}
