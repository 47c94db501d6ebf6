import { describe, expect, it } from 'vitest'
import type { DeletedNote } from '../../../../src/shared/api'
import { NoteTrash } from '../../../../src/renderer/src/notes/note-trash.svelte'
import { installFakeBridge, Refusal } from '../fake-bridge'
import { sampleNote } from '../samples'

function deletedNote(id: number, title: string): DeletedNote {
  return {
    note: { id, title, body: 'As the review says [[cite:40]].', tags: ['court'], createdAt: '2026-01-05T10:00:00.000Z' },
    citations: [{ kind: 'article', id: 40, sourceId: 1, start: 10, end: 30 }]
  }
}

describe('NoteTrash', () => {
  it('holds only the last deletion, and dismissing forgets it', () => {
    const trash = new NoteTrash()
    trash.hold(deletedNote(1, 'First'))
    trash.hold(deletedNote(2, 'Second'))
    expect(trash.last?.note.id).toBe(2)
    trash.dismiss()
    expect(trash.last).toBeNull()
  })

  it('hands the whole deletion back in one call and is empty afterwards', async () => {
    const restored = sampleNote(9, { title: 'Findings', body: 'As the review says [[cite:41]].', tags: ['court'] })
    const bridge = installFakeBridge({ restoreNote: () => restored })
    const trash = new NoteTrash()
    const deleted = deletedNote(5, 'Findings')
    trash.hold(deleted)
    expect(await trash.restore()).toEqual(restored)
    // One contract call carrying the note and its citations as the archive answered the delete.
    expect(bridge.calls.map((call) => call.method)).toEqual(['restoreNote'])
    expect(bridge.argsOf('restoreNote')).toEqual([deleted])
    expect(trash.last).toBeNull()
    expect(trash.restoring).toBe(false)
  })

  it('keeps the deletion and says why when the archive refuses, so Undo can be tried again', async () => {
    installFakeBridge({
      restoreNote: () => {
        throw new Refusal('read-only', 'The archive is open read-only.')
      }
    })
    const trash = new NoteTrash()
    trash.hold(deletedNote(5, 'Findings'))
    expect(await trash.restore()).toBeNull()
    expect(trash.error).toContain('The archive is open read-only.')
    expect(trash.last?.note.title).toBe('Findings')
    expect(trash.restoring).toBe(false)
  })
})
