import { copyFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import { DEFAULT_IMPORT_OPTIONS, SNIPPET_MARK_END, SNIPPET_MARK_START, type SearchRequest } from '../../../../../src/shared/model'
import { searchRequest } from '../../../../../src/shared/search-request'
import { insertArticle } from '../../../../../src/main/core/articles/article-queries'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { searchArchive } from '../../../../../src/main/core/search/search-archive'
import { tempArchive } from '../../../../helpers/temp-archive'

const WORKBOOK = resolve(import.meta.dirname, '../../../../fixtures/import/workbook/dhs-yearbook-2013-table-39.xlsx')
const M = SNIPPET_MARK_START
const E = SNIPPET_MARK_END
let db: Database
let cleanup: () => void
let table39 = 0
let caseReview = 0

beforeAll(async () => {
  const made = await tempArchive(false)
  db = made.archive.db
  cleanup = made.cleanup
  const path = join(made.dir, 'dhs-yearbook-2013-table-39.xlsx')
  copyFileSync(WORKBOOK, path)
  const outcome = await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
  table39 = outcome.sheets!.find((sheet) => sheet.name === 'Table 39')!.id!
  caseReview = outcome.sheets!.find((sheet) => sheet.name === 'Case review')!.id!
  insertArticle(db, {
    title: 'Removals rose again', byline: null, publisher: 'Colorlines', publishedAt: '2013-12-20', url: null, language: null,
    body: 'Aliens removed in 2013 numbered 438,421, the yearbook says.', sourceFile: 'a.txt', sourceSize: 1, sha256: 'a'.padEnd(64, '0'), importId: null, pages: [], headings: []
  })
})
afterAll(() => cleanup())

const search = (query: string, options: Partial<Omit<SearchRequest, 'query'>> = {}) => searchArchive(db, searchRequest(query, options))

describe('searching datasets by their name and provenance', () => {
  it('finds a dataset by a phrase of its footnotes, as a dataset hit that opens it', () => {
    const result = search('"withheld to limit disclosure"')
    expect(result.total).toBe(1)
    expect(result.facets.kinds).toEqual({ article: 0, note: 0, dataset: 1, data: 0 })
    const [hit] = result.hits
    expect(hit).toMatchObject({ kind: 'dataset', id: table39, row: null, title: 'dhs-yearbook-2013-table-39 › Table 39', date: null })
    expect(hit!.snippet).toContain(`D Data ${M}withheld to limit disclosure${E}.`)
    // Counted under the dataset's name with its rows, so picking it in the facets keeps it.
    expect(result.facets.sources).toEqual([{ kind: 'data', name: 'dhs-yearbook-2013-table-39 › Table 39', count: 1 }])
    expect(search('"withheld to limit disclosure"', { source: 'dhs-yearbook-2013-table-39 › Table 39' }).hits).toHaveLength(1)
    expect(search('"withheld to limit disclosure"', { source: 'Colorlines' }).hits).toHaveLength(0)
  })

  it('finds a dataset by its title row and by its name, ranked with the articles and rows that say the same', () => {
    const titled = search('"Aliens Apprehended, Removed or Returned"')
    expect(titled.hits.map((hit) => [hit.kind, hit.id])).toEqual([['dataset', table39]])
    const byName = search('yearbook')
    expect(byName.hits.map((hit) => hit.kind).sort()).toEqual(['article', 'dataset', 'dataset'])
    expect(byName.hits.filter((hit) => hit.kind === 'dataset').map((hit) => hit.id).sort()).toEqual([table39, caseReview].sort())
    // The table whose title says the words comes just before its row that says them: the dataset
    // index is small, and its bm25 alone would put it after everything.
    const mixed = search('aliens removed')
    expect(mixed.hits.map((hit) => [hit.kind, hit.id, hit.row])).toEqual([['dataset', table39, null], ['data', table39, 2], ['article', 1, null]])
    // title:, as for an article's title, reads a dataset's name.
    expect(search('title:yearbook').hits.map((hit) => hit.kind)).toEqual(['dataset', 'dataset'])
    expect(search('title:withheld').total).toBe(0)
  })

  it('follows kind:, the kind facet, dataset:, a date filter and the exact switch', () => {
    expect(search('aliens kind:dataset').hits.map((hit) => hit.kind)).toEqual(['dataset'])
    expect(search('aliens', { kinds: ['data'] }).hits.every((hit) => hit.kind === 'data')).toBe(true)
    expect(search('aliens', { kinds: ['dataset'] }).hits.map((hit) => hit.id)).toEqual([table39])
    expect(search('yearbook dataset:"case review"').hits.map((hit) => hit.id)).toEqual([caseReview])
    const dated = search('"withheld to limit disclosure" year:2013')
    expect(dated.total).toBe(0)
    expect(search('withheld kind:dataset after:2010').notes).toContain('Datasets have no date, so the date filter leaves them out.')
    expect(search('"Data withheld"', { exact: true }).total).toBe(1)
    expect(search('"data Withheld"', { exact: true }).total).toBe(0)
  })

  it('follows a rename and a deletion of the dataset', () => {
    db.prepare("UPDATE datasets SET name = 'Removals by region' WHERE id = ?").run(caseReview)
    expect(search('"removals by region"').hits.map((hit) => [hit.kind, hit.id])).toEqual([['dataset', caseReview]])
    db.prepare('DELETE FROM dataset_columns WHERE dataset_id = ?').run(caseReview)
    db.prepare('DELETE FROM datasets WHERE id = ?').run(caseReview)
    expect(search('"removals by region"').total).toBe(0)
  })
})
