// An archive SQLite finds damaged when it opens: readable, searchable and exportable, but nothing is
// written to it (a write could spread the damage), and every refused change says why and what to do.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { ApiArgs, ApiMethod, ArchiveApi } from '../../../../src/shared/api'
import { apiMethods } from '../../../../src/shared/api'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../src/shared/model'
import type { Result } from '../../../../src/shared/result'
import { createArchiveApi, openArchive, type Archive } from '../../../../src/main/core/index'
import { checkOnOpen } from '../../../../src/main/core/db/check-on-open'
import { insertNote } from '../../../../src/main/core/notes/note-queries'
import { damageLeafPage } from '../../../helpers/damage-archive'
import { tempArchive } from '../../../helpers/temp-archive'

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

const DAMAGED =
  'test.casefile is damaged, so Casefile opened it read-only and changes nothing in it. See what is wrong with casefile check (File › Check archive). If only a search index is damaged, casefile check --repair (Rebuild search indexes) mends it; otherwise bring back a backup with casefile restore FROM (File › Restore from backup…).'

async function damagedArchive(table: string, leaf: number): Promise<{ archive: Archive; path: string; dir: string }> {
  const made = await tempArchive(true)
  cleanups.push(made.cleanup)
  insertNote(made.archive.db, 'Written before the damage', 'kept')
  made.archive.close()
  damageLeafPage(made.path, table, leaf)
  const archive = await openArchive(made.path, { create: false, seedDir: null, nativeBinding: null })
  cleanups.push(() => archive.close())
  return { archive, path: made.path, dir: made.dir }
}

/** One call of every API method, with arguments that name things the seeded archive holds. */
function everyCall(dir: string): { [M in ApiMethod]: ApiArgs<M> } {
  const spec = { datasetId: 1, type: 'bar' as const, title: 't', x: { column: 0, bucket: null }, y: { aggregate: 'count' as const, column: null }, groupBy: null, share: null, filters: [] }
  const filters = { kinds: [], source: null, from: '', to: '', sort: 'relevance' as const }
  return {
    getArchiveInfo: undefined,
    listArticles: undefined,
    getArticle: { id: 1 },
    listDatasets: undefined,
    getDataset: { id: 1 },
    listNotes: undefined,
    getNote: { id: 1 },
    createNote: { title: 'new', body: '' },
    updateNote: { id: 1, title: 'changed', body: '' },
    deleteNote: { id: 1 },
    restoreNote: { note: { id: 1, title: 'back', body: '', tags: [], createdAt: '2012-06-07T00:00:00.000Z' }, citations: [] },
    search: { query: 'deportations', kinds: [], source: null, after: null, before: null, sort: 'relevance', exact: false, offset: 0, limit: 5 },
    getArticleMatches: { id: 1, query: 'review', exact: false },
    queryDatasetRows: { datasetId: 1, sort: null, filters: [], after: null, limit: 5, offset: 0, count: true },
    getColumnStats: { datasetId: 1, position: 0, filters: [] },
    setColumnType: { datasetId: 1, position: 0, type: 'text' },
    setColumnDigits: { datasetId: 1, position: 0, digits: 'plain' },
    exportRowsCsv: { datasetId: 1, sort: null, filters: [], formulas: 'as-imported' },
    chartData: { spec },
    listCharts: undefined,
    getChart: { id: 1 },
    saveChart: { name: 'new', spec },
    updateChart: { id: 1, name: 'renamed', spec },
    duplicateChart: { id: 1 },
    deleteChart: { id: 1 },
    exportNotesToFile: { ids: [1], format: 'markdown', title: null },
    setNoteTags: { id: 1, tags: ['x'] },
    listNoteTags: undefined,
    listCitations: { noteId: 1 },
    quoteInNote: { target: { kind: 'note', id: 1 }, articleId: 1, start: 0, end: 5 },
    addDatasetCitation: { noteId: 1, datasetId: 1, detail: null },
    addChartCitation: { noteId: 1, chartId: 1 },
    listSavedSearches: undefined,
    saveSearch: { name: 's', query: 'q', exact: false, filters },
    renameSavedSearch: { id: 1, name: 'r' },
    markSavedSearchRun: { id: 1 },
    deleteSavedSearch: { id: 1 },
    importFiles: { paths: [join(dir, 'figures.csv')], options: DEFAULT_IMPORT_OPTIONS },
    listJobs: undefined,
    cancelJob: { jobId: 'none' },
    showContextMenu: { selection: '', editable: false, quotable: false, x: 10, y: 20 },
    repairSearchIndexes: undefined
  }
}

const CHANGES: readonly ApiMethod[] = [
  'createNote', 'updateNote', 'deleteNote', 'restoreNote', 'setColumnType', 'setColumnDigits', 'saveChart', 'updateChart', 'duplicateChart', 'deleteChart', 'setNoteTags',
  'quoteInNote', 'addDatasetCitation', 'addChartCitation', 'saveSearch', 'renameSavedSearch', 'deleteSavedSearch', 'importFiles'
]

describe('a damaged archive', () => {
  it('opens read-only and says so, in a sentence that gives the way out', async () => {
    const { archive } = await damagedArchive('ds_4', 1)
    expect(archive.readOnly).toEqual({ reason: 'damaged', message: DAMAGED })
    expect(archive.db.readonly).toBe(true)
  })

  it('refuses every change with that sentence, answers every read, and its bytes stay as they were', async () => {
    const { archive, path, dir } = await damagedArchive('ds_4', 1)
    writeFileSync(join(dir, 'figures.csv'), 'year,value\n2012,409849\n')
    const before = digest(path)
    const saved: string[] = []
    const { api, dispose } = createArchiveApi(archive, () => undefined, {
      importWorker: null,
      searchWorker: null,
      chooseSavePath: async (request) => {
        saved.push(request.suggestedName)
        return join(dir, `saved-${saved.length}.${request.extension}`)
      },
      pdfPrinter: null,
      showContextMenu: null, reopen: null
    })
    cleanups.push(dispose)
    const calls = everyCall(dir)
    const refused: ApiMethod[] = []
    for (const method of apiMethods) {
      const call = api[method] as (args: unknown) => Promise<Result<unknown>>
      const result = await call.call(api, calls[method])
      if (!result.ok && result.error.code === 'read-only') {
        expect(result.error.message, method).toBe(DAMAGED)
        refused.push(method)
      }
    }
    expect(refused.sort()).toEqual([...CHANGES].sort())
    expect(digest(path)).toBe(before)
    const info = await (api as ArchiveApi).getArchiveInfo()
    expect(info.ok && info.value.readOnly).toBe(DAMAGED)
    const notes = await api.listNotes()
    expect(notes.ok && notes.value.map((note) => note.title)).toEqual(['Written before the damage'])
    const found = await api.search({ query: 'deportations', kinds: ['article'], source: null, after: null, before: null, sort: 'relevance', exact: false, offset: 0, limit: 5 })
    expect(found.ok && found.value.total).toBeGreaterThan(0)
  })

  it('sorts and exports a sorted view without making the index a sort would make elsewhere', async () => {
    const { archive, path, dir } = await damagedArchive('ds_4', 1)
    const before = digest(path)
    const { api, dispose } = createArchiveApi(archive, () => undefined, { importWorker: null, searchWorker: null, chooseSavePath: async () => join(dir, 'sorted.csv'), pdfPrinter: null, showContextMenu: null, reopen: null })
    cleanups.push(dispose)
    const expected = archive.db.prepare('SELECT c0 FROM ds_1 ORDER BY c0 DESC, rowid DESC LIMIT 3').pluck().all()
    const rows = await api.queryDatasetRows({ datasetId: 1, sort: { column: 0, direction: 'desc' }, filters: [], after: null, limit: 3, offset: 0, count: true })
    expect(rows.ok && rows.value.rows.map((row) => row.values[0])).toEqual(expected)
    const saved = await api.exportRowsCsv({ datasetId: 1, sort: { column: 0, direction: 'asc' }, filters: [], formulas: 'as-imported' })
    expect(saved.ok && saved.value.rows).toBeGreaterThan(0)
    expect(archive.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'ds_1_sort_%'").pluck().get()).toBe(0)
    expect(digest(path)).toBe(before)
  })

  it('answers a read that reaches the damaged page with the same plain way out, not a library error', async () => {
    const { archive } = await damagedArchive('ds_4', 1)
    const { api, dispose } = createArchiveApi(archive, () => undefined, { importWorker: null, searchWorker: null, chooseSavePath: null, pdfPrinter: null, showContextMenu: null, reopen: null })
    cleanups.push(dispose)
    const id = archive.db.prepare("SELECT CAST(substr(name, 4) AS INTEGER) FROM sqlite_schema WHERE name = 'ds_4'").pluck().get() as number
    const rows = await api.queryDatasetRows({ datasetId: id, sort: null, filters: [], after: null, limit: 1000, offset: 0, count: true })
    expect(rows).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'test.casefile is damaged: part of it cannot be read. See what is wrong with casefile check (File › Check archive). If only a search index is damaged, casefile check --repair (Rebuild search indexes) mends it; otherwise bring back a backup with casefile restore FROM (File › Restore from backup…).'
      }
    })
  })
})

describe('the check every open runs', () => {
  it('checks everything with quick_check when the archive is small enough', async () => {
    const made = await tempArchive(true)
    cleanups.push(made.cleanup)
    expect(checkOnOpen(made.archive.db, 1_000_000)).toBeNull()
    made.archive.close()
    damageLeafPage(made.path, 'ds_4', 1)
    const db = new Database(made.path, { readonly: true })
    cleanups.push(() => void db.close())
    expect(checkOnOpen(db, 1_000_000)).not.toBeNull()
  })

  it('beyond that, still checks every table of records in full and the first page of every bulk table', async () => {
    for (const [table, leaf] of [['notes', 0], ['articles', 2], ['imports', 1], ['ds_4', 0]] as const) {
      const made = await tempArchive(true)
      cleanups.push(made.cleanup)
      for (let i = 0; i < 40; i++) insertNote(made.archive.db, `Note ${i}`, 'x'.repeat(400))
      expect(checkOnOpen(made.archive.db, 0), table).toBeNull()
      made.archive.close()
      damageLeafPage(made.path, table, leaf)
      const db = new Database(made.path, { readonly: true })
      cleanups.push(() => void db.close())
      expect(checkOnOpen(db, 0), table).not.toBeNull()
    }
  })
})
