// Undo for a deleted note. The archive deletes for real (and its citations with it) and answers with
// what it deleted; undo hands that back to restoreNote, which writes the note again with its tags and
// citations in one transaction. Only the last deletion can be undone.

import { createContext } from 'svelte'
import type { DeletedNote } from '@shared/api'
import type { Note } from '@shared/model'
import { api, toFailure } from '../lib/api'

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
      const restored = await api.restoreNote(deleted)
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

export const [getNoteTrash, setNoteTrash] = createContext<NoteTrash>()
