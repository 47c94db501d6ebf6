import type { Database } from 'better-sqlite3'
import type { DeletedNote } from '@shared/api'
import { remapCitations } from '@shared/citation-text'
import type { Citation, Note } from '@shared/model'
import { addArticleCitation, addChartCitation, addDatasetCitation } from '../citations/citation-queries'
import { sqlValues } from '../db/sql-rows'
import { InvalidRequest } from '../invalid-request'
import { found } from '../not-found'
import { insertNoteCreated, setNoteTags, updateNote } from './note-queries'

const EXISTS = sqlValues('integer')

/**
 * Writes a deleted note again (the undo of deleteNote), all in one transaction: its title, text,
 * tags and creation time, and each of its citations made anew, the note's [[cite:ID]] tokens pointed
 * at the new ones. A citation whose source has left the archive since is not made again, and its
 * token is taken out (the words it marked stay): left in, it would name whichever citation of this
 * note next took its id, and pass the words off as that source's.
 */
export function restoreNote(db: Database, deleted: DeletedNote): Note {
  return db.transaction((): Note => {
    const { title, body, tags, createdAt } = deleted.note
    const note = insertNoteCreated(db, title, '', createdAt)
    const ids = new Map<number, number | null>()
    for (const citation of deleted.citations) ids.set(citation.id, recreate(db, note.id, citation)?.id ?? null)
    found(updateNote(db, note.id, title, remapCitations(body, ids)), `Note ${note.id}`)
    return found(setNoteTags(db, note.id, tags), `Note ${note.id}`)
  })()
}

function recreate(db: Database, noteId: number, citation: DeletedNote['citations'][number]): Citation | null {
  switch (citation.kind) {
    case 'article':
      try {
        return addArticleCitation(db, noteId, citation.sourceId, citation.start, citation.end)
      } catch (error) {
        // The article is gone, or no longer holds the passage.
        if (error instanceof InvalidRequest) return null
        throw error
      }
    case 'dataset':
      return EXISTS.get(db.prepare('SELECT 1 FROM datasets WHERE id = ?').pluck(), citation.sourceId) === null
        ? null
        : addDatasetCitation(db, noteId, citation.sourceId, citation.detail)
    case 'chart':
      return EXISTS.get(db.prepare('SELECT 1 FROM charts WHERE id = ?').pluck(), citation.sourceId) === null ? null : addChartCitation(db, noteId, citation.sourceId)
  }
}
