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
 * at the new ones. A citation whose source has left the archive since is not made again: its token
 * stays, naming a citation that no longer exists, which the note and its exports leave out.
 */
export function restoreNote(db: Database, deleted: DeletedNote): Note {
  return db.transaction((): Note => {
    const { title, body, tags, createdAt } = deleted.note
    const note = insertNoteCreated(db, title, '', createdAt)
    const ids = new Map<number, number>()
    for (const citation of deleted.citations) {
      const made = recreate(db, note.id, citation)
      if (made !== null) ids.set(citation.id, made.id)
    }
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
