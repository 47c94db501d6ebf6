import { describe, expect, it } from 'vitest'
import type { Citation } from '../../../../src/shared/model'
import { NoteTrash } from '../../../../src/renderer/src/notes/note-trash.svelte'
import { installFakeBridge, Refusal } from '../fake-bridge'
import { sampleCitation, sampleNote } from '../samples'

describe('NoteTrash', () => {
  it('holds only the last deletion, and dismissing forgets it', () => {
    const trash = new NoteTrash()
    trash.hold({ note: sampleNote(1, {}), citations: [] })
    trash.hold({ note: sampleNote(2, {}), citations: [] })
    expect(trash.last?.note.id).toBe(2)
    trash.dismiss()
    expect(trash.last).toBeNull()
  })

  it('writes the deleted note again, its title, text, tags and citations, and is empty afterwards', async () => {
    const deleted = sampleNote(5, { title: 'Findings', body: 'As the review says [[cite:40]].', tags: ['court'] })
    const quote = sampleCitation(40, { noteId: 5, kind: 'article', sourceId: 1, startOffset: 10, endOffset: 30, quote: 'the review' })
    let stored = sampleNote(9, {})
    installFakeBridge({
      createNote: ({ title, body }) => (stored = sampleNote(9, { title, body })),
      updateNote: ({ title, body }) => (stored = { ...stored, title, body }),
      setNoteTags: ({ tags }) => (stored = { ...stored, tags }),
      addArticleCitation: ({ noteId, articleId, start, end }): Citation => sampleCitation(41, { noteId, sourceId: articleId, startOffset: start, endOffset: end }),
      restoreNote: () => stored
    } as Parameters<typeof installFakeBridge>[0])
    const trash = new NoteTrash()
    trash.hold({ note: deleted, citations: [quote] })
    const restored = await trash.restore()
    expect(restored).not.toBeNull()
    expect(restored?.title).toBe('Findings')
    expect(restored?.tags).toEqual(['court'])
    // The text cites the citation made for the restored note, not the one deleted with the old note.
    expect(restored?.body).toMatch(/^As the review says \[\[cite:\d+\]\]\.$/)
    expect(trash.last).toBeNull()
    expect(trash.restoring).toBe(false)
  })

  it('keeps the deletion and says why when the archive refuses, so Undo can be tried again', async () => {
    installFakeBridge({
      createNote: () => {
        throw new Refusal('read-only', 'The archive is open read-only.')
      },
      restoreNote: () => {
        throw new Refusal('read-only', 'The archive is open read-only.')
      }
    } as Parameters<typeof installFakeBridge>[0])
    const trash = new NoteTrash()
    trash.hold({ note: sampleNote(5, { title: 'Findings' }), citations: [] })
    expect(await trash.restore()).toBeNull()
    expect(trash.error).toContain('The archive is open read-only.')
    expect(trash.last?.note.title).toBe('Findings')
    expect(trash.restoring).toBe(false)
  })
})
