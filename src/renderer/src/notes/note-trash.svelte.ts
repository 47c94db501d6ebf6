// Undo for a deleted note. The archive deletes for real (and its citations with it), so undo
// writes the note again: same title, text and tags, its citations made anew and the [[cite:ID]]
// tokens in its text pointed at the new ones. Only the last deletion can be undone.

import { createContext } from 'svelte'
import type { Citation, Note } from '@shared/model'
import { api, toFailure } from '../lib/api'
import { remapCitations } from './note-references'

export interface DeletedNote {
  note: Note
  citations: Citation[]
}

export class NoteTrash {
  last = $state.raw<DeletedNote | null>(null)
  restoring = $state(false)
  error = $state<string | null>(null)

  hold(deleted: DeletedNote): void {
    this.last = deleted
    this.error = null
  }

  dismiss(): void {
    this.last = null
    this.error = null
  }

  /** Writes the note again; resolves to it, or to null when that failed (see `error`). */
  async restore(): Promise<Note | null> {
    const deleted = this.last
    if (deleted === null || this.restoring) return null
    this.restoring = true
    this.error = null
    try {
      const { note, citations } = deleted
      const created = await api.createNote({ title: note.title, body: '' })
      const ids = new Map<number, number>()
      for (const citation of citations) {
        const made = await recreate(created.id, citation)
        if (made !== null) ids.set(citation.id, made.id)
      }
      let restored = await api.updateNote({ id: created.id, title: note.title, body: remapCitations(note.body, ids) })
      if (note.tags.length > 0) restored = await api.setNoteTags({ id: created.id, tags: note.tags })
      this.last = null
      return restored
    } catch (caught) {
      this.error = `The note could not be restored: ${toFailure(caught).message}`
      return null
    } finally {
      this.restoring = false
    }
  }
}

/** A citation like the old one, for the new note; null when its source is gone from the archive. */
async function recreate(noteId: number, citation: Citation): Promise<Citation | null> {
  try {
    if (citation.kind === 'article') {
      if (citation.startOffset === null || citation.endOffset === null) return null
      return await api.addArticleCitation({ noteId, articleId: citation.sourceId, start: citation.startOffset, end: citation.endOffset })
    }
    if (citation.kind === 'dataset') return await api.addDatasetCitation({ noteId, datasetId: citation.sourceId, detail: citation.quote })
    return await api.addChartCitation({ noteId, chartId: citation.sourceId })
  } catch {
    return null
  }
}

export const [getNoteTrash, setNoteTrash] = createContext<NoteTrash>()
