// How the sidebar lists notes: the sort (remembered between sessions), the filter, and the notes
// picked for a dossier. Lives beside the archive state so a tag clicked in a note can filter here.

import { createContext } from 'svelte'
import type { NoteSummary } from '@shared/model'
import { isNoteSort, visibleNotes, type NoteSort } from './note-list-order'

const SORT_KEY = 'casefile.notes.sort'

function storedSort(): NoteSort {
  try {
    const stored = localStorage.getItem(SORT_KEY)
    return isNoteSort(stored) ? stored : 'updated'
  } catch {
    return 'updated'
  }
}

export class NoteListState {
  sort = $state<NoteSort>(storedSort())
  text = $state('')
  tag = $state<string | null>(null)
  /** Picking notes for a dossier: the list shows checkboxes instead of opening notes. */
  selecting = $state(false)
  selected = $state.raw<ReadonlySet<number>>(new Set())

  get filtering(): boolean {
    return this.text.trim() !== '' || this.tag !== null
  }

  visible(notes: readonly NoteSummary[]): NoteSummary[] {
    return visibleNotes(notes, { text: this.text, tag: this.tag }, this.sort)
  }

  setSort(sort: NoteSort): void {
    this.sort = sort
    try {
      localStorage.setItem(SORT_KEY, sort)
    } catch {
      // Not remembered this time; the list is still sorted.
    }
  }

  filterByTag(tag: string | null): void {
    this.tag = tag
  }

  clearFilter(): void {
    this.text = ''
    this.tag = null
  }

  startSelecting(initial: readonly number[]): void {
    this.selecting = true
    this.selected = new Set(initial)
  }

  stopSelecting(): void {
    this.selecting = false
    this.selected = new Set()
  }

  toggle(id: number): void {
    const next = new Set(this.selected)
    if (!next.delete(id)) next.add(id)
    this.selected = next
  }

  setSelected(ids: readonly number[]): void {
    this.selected = new Set(ids)
  }

  /** Drops picks of notes that no longer exist (deleted, or another archive opened). */
  keepOnly(notes: readonly NoteSummary[]): void {
    const ids = new Set(notes.map((note) => note.id))
    if ([...this.selected].some((id) => !ids.has(id))) this.selected = new Set([...this.selected].filter((id) => ids.has(id)))
  }
}

export const [getNoteList, setNoteList] = createContext<NoteListState>()
