// The sidebar's notes list: which notes a filter keeps and in what order they are listed. Text
// matches ignore case and accents ("zurich" finds "Zürich"), every typed word must be found in the
// title, the start of the text or a tag; a tag filter keeps the notes that carry that tag.

import type { NoteSummary } from '@shared/model'

export type NoteSort = 'updated' | 'created' | 'title'

export const NOTE_SORTS: readonly { value: NoteSort; label: string }[] = [
  { value: 'updated', label: 'Last edited' },
  { value: 'created', label: 'Date created' },
  { value: 'title', label: 'Title' }
]

export function isNoteSort(value: unknown): value is NoteSort {
  return NOTE_SORTS.some((sort) => sort.value === value)
}

export interface NoteFilter {
  text: string
  /** A tag the notes must carry, or null for any. */
  tag: string | null
}

/** Lower case without accents, for matching as people type. */
export function foldForMatch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase()
}

export function sameTag(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase()
}

export function noteMatches(note: NoteSummary, filter: NoteFilter): boolean {
  if (filter.tag !== null && !note.tags.some((tag) => sameTag(tag, filter.tag as string))) return false
  const words = foldForMatch(filter.text).split(/\s+/).filter((word) => word !== '')
  if (words.length === 0) return true
  const haystack = foldForMatch([note.title, note.excerpt, ...note.tags].join('\n'))
  return words.every((word) => haystack.includes(word))
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

function byTitle(a: NoteSummary, b: NoteSummary): number {
  const aTitle = a.title.trim()
  const bTitle = b.title.trim()
  // Untitled notes go last, newest first among themselves.
  if (aTitle === '' || bTitle === '') return Number(aTitle === '') - Number(bTitle === '') || b.updatedAt.localeCompare(a.updatedAt)
  return collator.compare(aTitle, bTitle) || a.id - b.id
}

/** A sorted copy: newest edit or creation first, or titles A–Z. */
export function sortNotes(notes: readonly NoteSummary[], sort: NoteSort): NoteSummary[] {
  const sorted = [...notes]
  if (sort === 'title') return sorted.sort(byTitle)
  const key = sort === 'created' ? 'createdAt' : 'updatedAt'
  return sorted.sort((a, b) => b[key].localeCompare(a[key]) || b.id - a.id)
}

export function visibleNotes(notes: readonly NoteSummary[], filter: NoteFilter, sort: NoteSort): NoteSummary[] {
  return sortNotes(
    notes.filter((note) => noteMatches(note, filter)),
    sort
  )
}

/** Tags in use among the notes with how many carry each, for the tag filter: most used first. */
export function tagCounts(notes: readonly NoteSummary[]): { tag: string; count: number }[] {
  const counts = new Map<string, { tag: string; count: number }>()
  for (const note of notes) {
    for (const tag of note.tags) {
      const key = tag.toLocaleLowerCase()
      const entry = counts.get(key)
      if (entry === undefined) counts.set(key, { tag, count: 1 })
      else entry.count++
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || collator.compare(a.tag, b.tag))
}
