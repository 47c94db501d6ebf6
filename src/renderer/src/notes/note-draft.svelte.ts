// The note being edited. Edits are saved 500 ms after the last keystroke, one save at a time; edits
// made while a save is in flight are saved right after it, so nothing typed is ever dropped.

import type { Note } from '@shared/model'
import { api, toFailure, type ApiFailure } from '../lib/api'

export const AUTOSAVE_DELAY_MS = 500

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error'

export class NoteDraft {
  readonly id: number
  title = $state('')
  body = $state('')
  status = $state<SaveStatus>('saved')
  error = $state.raw<ApiFailure | null>(null)

  #dirty = false
  #saving: Promise<boolean> | null = null
  #timer: ReturnType<typeof setTimeout> | null = null
  #discarded = false
  readonly #onSaved: (note: Note) => void
  readonly #canSave: () => boolean

  /**
   * `canSave` is asked before every save: once the app has switched to another archive, a note id
   * would name a different note there, so pending edits must be dropped rather than written.
   */
  constructor(note: Note, onSaved: (note: Note) => void, canSave: () => boolean) {
    this.id = note.id
    this.title = note.title
    this.body = note.body
    this.#onSaved = onSaved
    this.#canSave = canSave
  }

  setTitle(title: string): void {
    this.title = title
    this.#touch()
  }

  setBody(body: string): void {
    this.body = body
    this.#touch()
  }

  /** Saves now whatever is unsaved; resolves once the archive has it (or the save failed). */
  async flush(): Promise<void> {
    this.#cancelTimer()
    while (this.#dirty && !this.#discarded) {
      if (this.#saving !== null) {
        await this.#saving
        continue
      }
      this.#dirty = false
      this.status = 'saving'
      this.#saving = this.#save(this.title, this.body)
      const saved = await this.#saving
      this.#saving = null
      if (!saved) return
    }
    if (!this.#dirty && this.status !== 'error') this.status = 'saved'
  }

  retry(): void {
    this.#dirty = true
    void this.flush()
  }

  /** Drops unsaved edits, e.g. when the note is deleted or the archive was swapped underneath. */
  discard(): void {
    this.#discarded = true
    this.#cancelTimer()
  }

  #touch(): void {
    if (this.#discarded) return
    this.#dirty = true
    if (this.status !== 'saving') this.status = 'pending'
    this.#cancelTimer()
    this.#timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS)
  }

  async #save(title: string, body: string): Promise<boolean> {
    if (!this.#canSave()) {
      this.discard()
      return false
    }
    try {
      const note = await api.updateNote({ id: this.id, title, body })
      this.error = null
      this.#onSaved(note)
      return true
    } catch (caught) {
      this.#dirty = true
      this.error = toFailure(caught)
      this.status = 'error'
      return false
    }
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }
}
