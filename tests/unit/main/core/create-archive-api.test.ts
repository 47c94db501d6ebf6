import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkCall, type ApiEvent } from '../../../../src/shared/api'
import { DEFAULT_IMPORT_OPTIONS, SNIPPET_MARK_END, SNIPPET_MARK_START } from '../../../../src/shared/model'
import { createArchiveApi, LATEST_SCHEMA_VERSION } from '../../../../src/main/core/index'
import { searchRequest } from '../../../../src/shared/search-request'
import { tempArchive } from '../../../helpers/temp-archive'

const made = await tempArchive(true)
const events: ApiEvent[] = []
const NO_SHELL = { importWorker: null, searchWorker: null, chooseSavePath: null, pdfPrinter: null, showContextMenu: null, reopen: null }
const { api, dispose } = createArchiveApi(made.archive, (event) => events.push(event), NO_SHELL)
afterAll(async () => {
  await dispose()
  made.cleanup()
})

describe('checkCall (what every transport runs before the API)', () => {
  it('refuses unknown methods and wrong argument shapes as error values', () => {
    expect(checkCall('dropEverything', undefined)).toEqual({
      ok: false,
      error: { code: 'unknown-method', message: 'Casefile has no method called "dropEverything".' }
    })
    expect(checkCall('__proto__', undefined).ok).toBe(false)
    expect(checkCall('getArticle', { id: '1' })).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(checkCall('getArticle', { id: 1.5 }).ok).toBe(false)
    expect(checkCall('getArticle', { id: 1, extra: true })).toMatchObject({ error: { message: 'getArticle: argument has an unexpected field "extra".' } })
    expect(checkCall('listArticles', { id: 1 }).ok).toBe(false)
    expect(checkCall('search', { query: 'x'.repeat(100_001), limit: 10 }).ok).toBe(false)
    expect(checkCall('queryDatasetRows', { datasetId: 1, sort: null, filters: [], after: null, limit: 5000 }).ok).toBe(false)
    expect(checkCall('quoteInNote', { target: { kind: 'note', title: 'x' }, articleId: 1, start: 0, end: 1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(checkCall('getArticle', { id: 3 })).toEqual({ ok: true, value: 'getArticle' })
  })
})

describe('createArchiveApi', () => {
  it('answers a missing record with not-found, not a throw', async () => {
    expect(await api.getArticle({ id: 9999 })).toEqual({ ok: false, error: { code: 'not-found', message: 'Article 9999 was not found in this archive.' } })
    expect((await api.getDataset({ id: 9999 })).ok).toBe(false)
    expect(await api.getNote({ id: 9999 })).toEqual({ ok: false, error: { code: 'not-found', message: 'Note 9999 was not found in this archive.' } })
  })

  it('says plainly, naming the chosen file, when an export cannot be written there', async () => {
    const note = await api.createNote({ title: 'Kept', body: 'x' })
    const id = note.ok ? note.value.id : 0
    const missing = join(made.dir, 'gone', 'notes.md')
    const withDialog = createArchiveApi(made.archive, () => undefined, { ...NO_SHELL, chooseSavePath: async () => missing })
    expect(await withDialog.api.exportNotesToFile({ ids: [id], format: 'markdown', title: null })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: `Casefile could not write notes.md: the folder ${join(made.dir, 'gone')} does not exist. Nothing was written.` }
    })
    await withDialog.dispose()
    await api.deleteNote({ id })
  })

  it('exports rows only to where the save dialog says, and not at all when it is cancelled', async () => {
    const { id } = made.archive.db.prepare("SELECT id FROM datasets WHERE name LIKE 'ICE removals%'").get() as { id: number }
    const answers: (string | null)[] = [join(made.dir, 'removals.csv'), null]
    const asked: string[] = []
    const withDialog = createArchiveApi(made.archive, () => undefined, {
      ...NO_SHELL,
      chooseSavePath: async (request) => {
        asked.push(`${request.title}|${request.suggestedName}|${request.extension}`)
        return answers.shift()!
      }
    })
    const query = { datasetId: id, sort: null, filters: [{ column: 1, op: 'equals' as const, value: 'ice_removals_total', min: null, max: null }], formulas: 'as-imported' as const }
    expect(await withDialog.api.exportRowsCsv(query)).toEqual({ ok: true, value: { path: join(made.dir, 'removals.csv'), rows: 8, formulaCells: 0, formulas: 'as-imported' } })
    expect(readFileSync(join(made.dir, 'removals.csv'), 'utf8').split('\r\n')[0]).toBe('fiscal_year,measure,value,qualifier,source_id,uncertain,notes')
    expect(await withDialog.api.exportRowsCsv(query)).toEqual({ ok: true, value: { path: null, rows: 0, formulaCells: 0, formulas: 'as-imported' } })
    expect(asked).toEqual(Array(2).fill('Export rows as CSV|ICE removals by fiscal year, FY2005–FY2018.csv|csv'))
    expect(await api.exportRowsCsv(query)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    await withDialog.dispose()
  })

  it('quotes an article into a new note and exports the note through the save dialog and the PDF printer it is given', async () => {
    const seed = made.archive.db.prepare("SELECT id, body FROM articles WHERE publisher = 'Colorlines'").get() as { id: number; body: string }
    const start = seed.body.indexOf('288,361')
    const quoted = await api.quoteInNote({ target: { kind: 'new', title: 'Quote' }, articleId: seed.id, start, end: start + 7 })
    if (!quoted.ok) throw new Error(quoted.error.message)
    expect(quoted.value).toMatchObject({ created: true, citation: { quote: '288,361', kind: 'article', sourceId: seed.id }, note: { title: 'Quote' } })
    expect(quoted.value.note.body).toBe(`> 288,361 [[cite:${quoted.value.citation.id}]]\n`)
    const note = quoted.value.note
    const printed: string[] = []
    const withPrinter = createArchiveApi(made.archive, () => undefined, {
      ...NO_SHELL,
      chooseSavePath: async (request) => join(made.dir, `note.${request.extension}`),
      pdfPrinter: {
        print: async (html) => {
          printed.push(html)
          return new TextEncoder().encode('%PDF-1.7 fake')
        }
      }
    })
    expect(await withPrinter.api.exportNotesToFile({ ids: [note.id], format: 'pdf', title: null })).toEqual({ ok: true, value: { path: join(made.dir, 'note.pdf'), rows: 1 } })
    expect(readFileSync(join(made.dir, 'note.pdf'), 'utf8')).toBe('%PDF-1.7 fake')
    expect(printed[0]).toContain('Record Number of Deportations Continue Despite U.S. Review of Backlog')
    expect(await withPrinter.api.exportNotesToFile({ ids: [note.id], format: 'markdown', title: null })).toMatchObject({ ok: true, value: { path: join(made.dir, 'note.md') } })
    expect(readFileSync(join(made.dir, 'note.md'), 'utf8')).toContain('> 288,361 [^1]')
    expect(await api.exportNotesToFile({ ids: [note.id], format: 'pdf', title: null })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    await withPrinter.dispose()
    expect((await api.deleteNote({ id: note.id })).ok).toBe(true)
  })

  it('answers a request the archive cannot carry out with its reason as invalid input', async () => {
    const withDialog = createArchiveApi(made.archive, () => undefined, { ...NO_SHELL, chooseSavePath: async () => join(made.dir, 'never.html') })
    expect(await withDialog.api.exportNotesToFile({ ids: [9999], format: 'html', title: null })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Note 9999 was not found in this archive.' }
    })
    expect(existsSync(join(made.dir, 'never.html'))).toBe(false)
    await withDialog.dispose()
  })

  it('finds the seed article for "prosecutors" with a marked snippet', async () => {
    const result = await api.search(searchRequest('prosecutors', { limit: 20 }))
    if (!result.ok) throw new Error(result.error.message)
    const hit = result.value.hits.find((h) => h.title.startsWith('Record Number'))!
    expect(hit.kind).toBe('article')
    expect(hit.date).toBe('2012-06-07')
    expect(hit.snippet).toContain(`${SNIPPET_MARK_START}prosecutors${SNIPPET_MARK_END}`)
    // The rest are articles, and the dataset whose sources include TRAC's "Prosecutors Continue to Use Discretion…".
    expect(result.value.facets.kinds.article + result.value.facets.kinds.dataset).toBe(result.value.total)
    expect(result.value.facets.kinds.dataset).toBe(1)
  })

  it('creates, finds, edits and deletes a note, keeping search in step', async () => {
    const created = await api.createNote({ title: 'Closure rate', body: 'Only 4,403 of 288,361 reviewed cases were closed by Zürich standards.' })
    if (!created.ok) throw new Error(created.error.message)
    const id = created.value.id
    const found = await api.search(searchRequest('zurich', { limit: 5 }))
    expect(found.ok && found.value.hits.map((h) => [h.kind, h.id])).toEqual([['note', id]])
    const updated = await api.updateNote({ id, title: 'Closure rate', body: 'Rewritten: fewer than two percent.' })
    expect(updated.ok && updated.value.body).toBe('Rewritten: fewer than two percent.')
    expect((await api.search(searchRequest('zurich', { limit: 5 }))).ok && (await api.search(searchRequest('zurich', { limit: 5 })))).toMatchObject({ value: { total: 0 } })
    const list = await api.listNotes()
    expect(list.ok && list.value.map((n) => n.title)).toEqual(['Closure rate'])
    expect(await api.deleteNote({ id })).toMatchObject({ ok: true, value: { note: { id, title: 'Closure rate' }, citations: [] } })
    expect((await api.deleteNote({ id })).ok).toBe(false)
    expect((await api.updateNote({ id, title: 'x', body: 'y' })).ok).toBe(false)
  })

  it('runs an import as a job that reports progress events and a summary', async () => {
    const started = await api.importFiles({ paths: ['/nonexistent/file.csv'], options: DEFAULT_IMPORT_OPTIONS })
    if (!started.ok) throw new Error(started.error.message)
    await new Promise<void>((resolve) => {
      const wait = () => (events.some((e) => e.type === 'job' && e.job.id === started.value.jobId && e.job.state !== 'running') ? resolve() : setTimeout(wait, 5))
      wait()
    })
    const last = events.filter((e) => e.type === 'job' && e.job.id === started.value.jobId).at(-1)!
    expect(last).toMatchObject({ type: 'job', job: { state: 'failed', progress: 1, detail: '1 failed' } })
    const jobs = await api.listJobs()
    expect(jobs.ok && jobs.value.map((j) => j.id)).toContain(started.value.jobId)
  })

  it('describes the archive', async () => {
    const info = await api.getArchiveInfo()
    expect(info.ok && info.value).toMatchObject({ fileName: 'test.casefile', schemaVersion: LATEST_SCHEMA_VERSION, counts: { articles: 7, datasets: 5 } })
  })
})
