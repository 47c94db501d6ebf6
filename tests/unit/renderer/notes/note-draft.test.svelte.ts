import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Note } from '../../../../src/shared/model'
import { AUTOSAVE_DELAY_MS, NoteDraft } from '../../../../src/renderer/src/notes/note-draft.svelte'
import { deferred, installFakeBridge, Refusal } from '../fake-bridge'
import { sampleNote } from '../samples'

describe('NoteDraft', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('saves once, a moment after the last keystroke, with the title and text as they are then', async () => {
    const bridge = installFakeBridge({ updateNote: ({ id, title, body }) => sampleNote(id, { title, body }) })
    const saved: Note[] = []
    const draft = new NoteDraft(sampleNote(4, { title: 'Draft', body: '' }), (note) => saved.push(note), () => true)
    expect(draft.status).toBe('saved')
    draft.setBody('The')
    draft.setBody('The backlog')
    draft.setTitle('Backlog')
    expect(draft.status).toBe('pending')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1)
    expect(bridge.calls).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(bridge.argsOf('updateNote')).toEqual([{ id: 4, title: 'Backlog', body: 'The backlog' }])
    expect(draft.status).toBe('saved')
    expect(saved.map((note) => note.body)).toEqual(['The backlog'])
  })

  it('saves one at a time: what is typed during a save is saved right after it, nothing dropped', async () => {
    const first = deferred<Note>()
    const bridge = installFakeBridge({ updateNote: () => first.promise })
    const draft = new NoteDraft(sampleNote(4, {}), () => undefined, () => true)
    draft.setBody('one')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(draft.status).toBe('saving')
    bridge.handle({ updateNote: ({ id, title, body }) => sampleNote(id, { title, body }) })
    draft.setBody('one two')
    // Still saving: the status says so rather than "pending" while the archive has the first save.
    expect(draft.status).toBe('saving')
    const flushed = draft.flush()
    expect(bridge.argsOf('updateNote')).toHaveLength(1)
    first.resolve(sampleNote(4, { body: 'one' }))
    await flushed
    expect(bridge.argsOf('updateNote').map((args) => args.body)).toEqual(['one', 'one two'])
    expect(draft.status).toBe('saved')
  })

  it('keeps the edits and says why when a save fails; retry saves them', async () => {
    const bridge = installFakeBridge({
      updateNote: () => {
        throw new Refusal('read-only', 'The archive is open read-only.')
      }
    })
    const draft = new NoteDraft(sampleNote(4, {}), () => undefined, () => true)
    draft.setBody('kept')
    await draft.flush()
    expect(draft.status).toBe('error')
    expect(draft.error?.message).toBe('The archive is open read-only.')
    bridge.handle({ updateNote: ({ id, title, body }) => sampleNote(id, { title, body }) })
    draft.retry()
    await vi.waitFor(() => expect(draft.status).toBe('saved'))
    expect(draft.error).toBeNull()
    expect(bridge.argsOf('updateNote').map((args) => args.body)).toEqual(['kept', 'kept'])
  })

  it('writes nothing once the archive was switched, or after discard', async () => {
    let sameArchive = true
    const bridge = installFakeBridge({ updateNote: ({ id, title, body }) => sampleNote(id, { title, body }) })
    const draft = new NoteDraft(sampleNote(4, {}), () => undefined, () => sameArchive)
    draft.setBody('typed in the old archive')
    sameArchive = false
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    draft.setBody('and more')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(bridge.calls).toEqual([])

    const other = new NoteDraft(sampleNote(5, {}), () => undefined, () => true)
    other.setBody('deleted before it was saved')
    other.discard()
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    await other.flush()
    expect(bridge.calls).toEqual([])
  })
})
