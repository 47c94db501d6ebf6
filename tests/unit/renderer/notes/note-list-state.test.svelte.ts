import { beforeEach, describe, expect, it } from 'vitest'
import { NoteListState } from '../../../../src/renderer/src/notes/note-list.svelte'
import { sampleNote } from '../samples'

const notes = [
  sampleNote(1, { title: 'Zürich hearings', tags: ['court'], updatedAt: '2026-01-03T00:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z' }),
  sampleNote(2, { title: 'Backlog figures', tags: ['data'], updatedAt: '2026-01-02T00:00:00.000Z', createdAt: '2026-01-03T00:00:00.000Z' }),
  sampleNote(3, { title: 'Annual memo', tags: ['court', 'data'], updatedAt: '2026-01-01T00:00:00.000Z', createdAt: '2026-01-02T00:00:00.000Z' })
]

describe('NoteListState', () => {
  beforeEach(() => {
    localStorage.clear()
  })

  it('remembers the sort between sessions, and ignores a stored value it does not know', () => {
    const first = new NoteListState()
    expect(first.sort).toBe('updated')
    first.setSort('title')
    expect(new NoteListState().sort).toBe('title')
    localStorage.setItem('casefile.notes.sort', 'sideways')
    expect(new NoteListState().sort).toBe('updated')
  })

  it('lists by the sort chosen, and filters by words (without accents) and by tag', () => {
    const list = new NoteListState()
    expect(list.visible(notes).map((note) => note.id)).toEqual([1, 2, 3])
    list.setSort('created')
    expect(list.visible(notes).map((note) => note.id)).toEqual([2, 3, 1])
    list.setSort('title')
    expect(list.visible(notes).map((note) => note.id)).toEqual([3, 2, 1])
    list.text = 'zurich'
    expect(list.filtering).toBe(true)
    expect(list.visible(notes).map((note) => note.id)).toEqual([1])
    list.text = ''
    list.filterByTag('court')
    expect(list.visible(notes).map((note) => note.id)).toEqual([3, 1])
    list.clearFilter()
    expect(list.filtering).toBe(false)
    expect(list.visible(notes)).toHaveLength(3)
  })

  it('picks notes for a dossier, and forgets picks of notes that are gone', () => {
    const list = new NoteListState()
    list.startSelecting([2])
    expect(list.selecting).toBe(true)
    list.toggle(3)
    list.toggle(2)
    expect([...list.selected]).toEqual([3])
    list.setSelected([1, 3])
    list.keepOnly(notes.filter((note) => note.id !== 3))
    expect([...list.selected]).toEqual([1])
    list.stopSelecting()
    expect(list.selecting).toBe(false)
    expect(list.selected.size).toBe(0)
  })
})
