// The user actions that are one contract call each (quote into a note, undo a note's deletion,
// export notes to a file), called as the window calls them and pushed where they break: the note or
// the article gone by the time the call arrives, a restored note's sources deleted meanwhile,
// another process writing the archive, a file that cannot be written. Each answers in words and
// leaves the archive as it was.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ArchiveApi } from '../../../../src/shared/api'
import { createArchiveApi, type Archive } from '../../../../src/main/core/index'
import { archiveBusyMessage } from '../../../../src/main/core/plain-failure'
import { holdWriteLock } from '../../../helpers/hold-write-lock'
import { tempArchive } from '../../../helpers/temp-archive'

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

const SHELL = { importWorker: null, searchWorker: null, showContextMenu: null, reopen: null }

async function served(savePath: () => string | null, printed: (html: string) => Promise<Uint8Array>): Promise<{ api: ArchiveApi; archive: Archive; dir: string }> {
  const made = await tempArchive(true)
  const handle = createArchiveApi(made.archive, () => {}, { ...SHELL, chooseSavePath: async () => savePath(), pdfPrinter: { print: printed } })
  cleanups.push(made.cleanup, () => handle.dispose())
  return { api: handle.api, archive: made.archive, dir: made.dir }
}

function counts(archive: Archive): { notes: number; citations: number; tags: number } {
  const count = (table: string) => archive.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()
  return { notes: Number(count('notes')), citations: Number(count('citations')), tags: Number(count('note_tags')) }
}

const PDF = async () => new TextEncoder().encode('%PDF-1.7')

describe('one call per action, where it breaks', () => {
  it('quoting into a note deleted meanwhile, or from an article that is not there, writes nothing and says which', async () => {
    const { api, archive } = await served(() => null, PDF)
    const articles = await api.listArticles()
    if (!articles.ok) throw new Error(articles.error.message)
    const articleId = articles.value[0]!.id
    const note = await api.createNote({ title: 'Soon gone', body: 'text' })
    if (!note.ok) throw new Error(note.error.message)
    await api.deleteNote({ id: note.value.id })
    const before = counts(archive)
    expect(await api.quoteInNote({ target: { kind: 'note', id: note.value.id }, articleId, start: 0, end: 5 })).toEqual({
      ok: false,
      error: { code: 'not-found', message: `Note ${note.value.id} was not found in this archive.` }
    })
    expect(await api.quoteInNote({ target: { kind: 'new', title: 'Never made' }, articleId: 987654, start: 0, end: 5 })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Article 987654 was not found in this archive.' }
    })
    expect(counts(archive)).toEqual(before)
  })

  it('undoing a delete after every source the note cited has gone brings back the note, its text and tags', async () => {
    const { api, archive } = await served(() => null, PDF)
    const db = archive.db
    // Sources made for this test alone, so that nothing else holds on to them.
    const articleId = Number(
      db
        .prepare("INSERT INTO articles (title, body, source_file, source_size, sha256, imported_at) VALUES ('Gone', 'A passage soon gone.', 'g.txt', 20, ?, '2026-01-01') RETURNING id")
        .pluck()
        .get('e'.repeat(64))
    )
    const quoted = await api.quoteInNote({ target: { kind: 'new', title: 'Orphan' }, articleId, start: 2, end: 9 })
    if (!quoted.ok) throw new Error(quoted.error.message)
    await api.setNoteTags({ id: quoted.value.note.id, tags: ['kept'] })
    const deleted = await api.deleteNote({ id: quoted.value.note.id })
    if (!deleted.ok) throw new Error(deleted.error.message)
    db.prepare('DELETE FROM articles WHERE id = ?').run(articleId)
    const restored = await api.restoreNote(deleted.value)
    expect(restored).toMatchObject({ ok: true, value: { title: 'Orphan', tags: ['kept'] } })
    if (!restored.ok) return
    expect(restored.value.body).toBe('> passage\n')
    expect(await api.listCitations({ noteId: restored.value.id })).toEqual({ ok: true, value: [] })
    // A later quotation takes the next free citation id, which may be the one the gone source had:
    // the old words must not become its quotation.
    const later = await api.quoteInNote({ target: { kind: 'note', id: restored.value.id }, articleId: 1, start: 0, end: 4 })
    if (!later.ok) throw new Error(later.error.message)
    expect(later.value.note.body).toBe(`> passage\n\n> ${later.value.citation.quote} [[cite:${later.value.citation.id}]]\n`)
  })

  it('while another process writes, quoting and undoing a delete answer busy and write nothing', async () => {
    const { api, archive } = await served(() => null, PDF)
    const quoted = await api.quoteInNote({ target: { kind: 'new', title: 'Held' }, articleId: 1, start: 0, end: 4 })
    if (!quoted.ok) throw new Error(quoted.error.message)
    const deleted = await api.deleteNote({ id: quoted.value.note.id })
    if (!deleted.ok) throw new Error(deleted.error.message)
    const before = counts(archive)
    const lock = await holdWriteLock(archive.path)
    try {
      const busy = { ok: false, error: { code: 'busy', message: archiveBusyMessage(basename(archive.path)) } }
      expect(await api.quoteInNote({ target: { kind: 'new', title: 'Not now' }, articleId: 1, start: 0, end: 4 })).toEqual(busy)
      expect(await api.restoreNote(deleted.value)).toEqual(busy)
    } finally {
      await lock.release()
    }
    expect(counts(archive)).toEqual(before)
    expect(await api.restoreNote(deleted.value)).toMatchObject({ ok: true, value: { title: 'Held' } })
  })

  it('an export to a place that cannot be written says so in words, and leaves no file or temporary file', async () => {
    let target: string | null = null
    const { api, dir } = await served(() => target, PDF)
    const ids = [await noteIn(api, 'One'), await noteIn(api, 'Two')]
    mkdirSync(join(dir, 'a-folder'))
    writeFileSync(join(dir, 'a-file'), 'x')
    execFileSync('mkfifo', [join(dir, 'a-pipe')])
    const before = readdirSync(dir).sort()
    for (const [path, format] of [
      [join(dir, 'missing', 'out.pdf'), 'pdf'],
      [join(dir, 'a-file', 'out.html'), 'html'],
      [join(dir, 'a-folder'), 'markdown'],
      // The save dialog asks before replacing a file; a pipe is no file to replace.
      [join(dir, 'a-pipe'), 'html']
    ] as const) {
      target = path
      const answer = await api.exportNotesToFile({ ids, format, title: null })
      expect(answer.ok).toBe(false)
      if (answer.ok) continue
      expect(answer.error.code).toBe('invalid-input')
      expect(answer.error.message).toMatch(/^Casefile could not write [^:]+: .+\. Nothing was written\.$/)
      expect(answer.error.message).not.toMatch(/E[A-Z]{3,}|\.tmp/)
    }
    expect(readdirSync(dir).sort()).toEqual(before)
    expect(readdirSync(join(dir, 'a-folder'))).toEqual([])
    expect(statSync(join(dir, 'a-pipe')).isFIFO()).toBe(true)
  })

  it('a printer that fails writes no file and says what failed', async () => {
    let target: string | null = null
    const { api, dir } = await served(() => target, async () => {
      throw new Error('the print window crashed')
    })
    target = join(dir, 'out.pdf')
    const answer = await api.exportNotesToFile({ ids: [await noteIn(api, 'One')], format: 'pdf', title: null })
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } })
    if (!answer.ok) expect(answer.error.message).toBe('Casefile could not export notes to file: the print window crashed')
    expect(readdirSync(dir).some((name) => name.startsWith('out.pdf'))).toBe(false)
  })
})

async function noteIn(api: ArchiveApi, title: string): Promise<number> {
  const note = await api.createNote({ title, body: `${title} said **plainly**.` })
  if (!note.ok) throw new Error(note.error.message)
  return note.value.id
}
