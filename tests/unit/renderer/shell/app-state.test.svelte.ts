import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ArchiveInfo, NoteSummary } from '../../../../src/shared/model'
import { AppState } from '../../../../src/renderer/src/shell/app-state.svelte'
import { deferred, installFakeBridge, Refusal, type FakeBridge } from '../fake-bridge'
import { sampleInfo, sampleJob, sampleNote, sampleOutcome } from '../samples'

function summary(id: number, updatedAt: string): NoteSummary {
  const { body: _body, ...rest } = sampleNote(id, { updatedAt })
  return rest
}

/** An archive of two notes at `path`; the lists answer from what the test sets on `contents`. */
function archiveAt(path: string): { bridge: FakeBridge; contents: { info: ArchiveInfo; notes: NoteSummary[] } } {
  const contents = { info: sampleInfo(path), notes: [summary(1, '2026-01-01T00:00:00.000Z'), summary(2, '2026-01-02T00:00:00.000Z')] }
  const bridge = installFakeBridge({
    getArchiveInfo: () => contents.info,
    listArticles: () => [],
    listDatasets: () => [],
    listNotes: () => contents.notes,
    listSavedSearches: () => [],
    listCharts: () => [],
    listJobs: () => []
  })
  return { bridge, contents }
}

describe('AppState', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('loads the archive on start, newest notes first, and is settled once it has', async () => {
    archiveAt('/archives/research.casefile')
    const app = new AppState()
    expect(app.archive.settled).toBe(false)
    expect(app.archive.status).toBe('loading')
    const stop = app.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(app.archive.settled).toBe(true)
    expect(app.archive.info?.fileName).toBe('research.casefile')
    expect(app.archive.notes.map((note) => note.id)).toEqual([2, 1])
    expect(app.archive.counts).toEqual({ articles: 0, datasets: 0, notes: 2 })
    stop()
  })

  it('a note saved here moves to the top at once; a deleted one goes', async () => {
    archiveAt('/archives/research.casefile')
    const app = new AppState()
    app.start()
    await vi.advanceTimersByTimeAsync(0)
    app.archive.noteSaved(sampleNote(1, { title: 'Edited', updatedAt: '2026-02-01T00:00:00.000Z' }))
    expect(app.archive.notes.map((note) => [note.id, note.title])).toEqual([
      [1, 'Edited'],
      [2, 'Note 2']
    ])
    app.archive.noteDeleted(2)
    expect(app.archive.notes.map((note) => note.id)).toEqual([1])
  })

  it('another archive opened: the search, the open item, the undo and the picks are forgotten, and the lists reload', async () => {
    const { bridge, contents } = archiveAt('/archives/research.casefile')
    const app = new AppState()
    app.start()
    await vi.advanceTimersByTimeAsync(0)
    app.search.setQuery('review')
    app.router.openItem('note', 2)
    app.trash.hold({ note: sampleNote(1, {}), citations: [] })
    app.noteList.startSelecting([1])
    bridge.emit({ type: 'job', job: sampleJob('a', 'done', [sampleOutcome('duplicate')]) })
    expect(app.jobs.jobs).toHaveLength(1)
    const epoch = app.archive.epoch
    contents.info = sampleInfo('/archives/other.casefile')
    contents.notes = [summary(7, '2026-03-01T00:00:00.000Z')]
    bridge.emit({ type: 'archive-changed', info: contents.info })
    expect(app.archive.info?.fileName).toBe('other.casefile')
    expect(app.archive.epoch).toBe(epoch + 1)
    expect(app.search.query).toBe('')
    expect(app.router.place).toEqual({ kind: 'home' })
    expect(app.trash.last).toBeNull()
    expect(app.noteList.selecting).toBe(false)
    // Its imports belong to the file that was closed.
    expect(app.jobs.jobs).toEqual([])
    await vi.advanceTimersByTimeAsync(0)
    expect(app.archive.notes.map((note) => note.id)).toEqual([7])
  })

  it('the same archive changed (an import elsewhere): the lists reload and open views follow, nothing is forgotten', async () => {
    const { bridge, contents } = archiveAt('/archives/research.casefile')
    const app = new AppState()
    app.start()
    await vi.advanceTimersByTimeAsync(0)
    app.router.openItem('note', 2)
    const generation = app.archive.generation
    bridge.emit({ type: 'archive-changed', info: contents.info })
    expect(app.archive.generation).toBe(generation + 1)
    expect(app.router.place).toEqual({ kind: 'note', id: 2, editing: false, seed: null })
    expect(app.archive.epoch).toBe(0)
  })

  it('an import started elsewhere opens the panel; one that imported something reloads the lists', async () => {
    const { bridge } = archiveAt('/archives/research.casefile')
    const app = new AppState()
    app.start()
    await vi.advanceTimersByTimeAsync(0)
    const generation = app.archive.generation
    bridge.emit({ type: 'job', job: sampleJob('a', 'running', []) })
    expect(app.imports.open).toBe(true)
    bridge.emit({ type: 'job', job: sampleJob('a', 'done', [sampleOutcome('duplicate')]) })
    expect(app.archive.generation).toBe(generation)
    bridge.emit({ type: 'job', job: sampleJob('b', 'done', [sampleOutcome('imported')]) })
    expect(app.archive.generation).toBe(generation + 1)
    expect(bridge.argsOf('listSavedSearches')).toHaveLength(2)
  })

  it('a window reloaded in the middle of an import shows the panel with it', async () => {
    const { bridge } = archiveAt('/archives/research.casefile')
    bridge.handle({ listJobs: () => [sampleJob('a', 'running', [])] })
    const app = new AppState()
    app.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(app.imports.open).toBe(true)
    expect(app.jobs.running.map((job) => job.id)).toEqual(['a'])
  })

  it('an archive that cannot be read is settled with the reason, and a later load that overtook an older one wins', async () => {
    const { bridge } = archiveAt('/archives/research.casefile')
    bridge.handle({
      getArchiveInfo: () => {
        throw new Refusal('unreadable', 'The file is not a Casefile archive.')
      }
    })
    const app = new AppState()
    app.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(app.archive.settled).toBe(true)
    expect(app.archive.unreadable).toBe(true)
    expect(app.archive.error?.message).toBe('The file is not a Casefile archive.')

    const slow = deferred<ArchiveInfo>()
    bridge.handle({ getArchiveInfo: () => slow.promise })
    const older = app.archive.load()
    bridge.handle({ getArchiveInfo: () => sampleInfo('/archives/newer.casefile') })
    await app.archive.load()
    slow.resolve(sampleInfo('/archives/older.casefile'))
    await older
    expect(app.archive.info?.fileName).toBe('newer.casefile')
    expect(app.archive.unreadable).toBe(false)
  })
})
