import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../../src/shared/model'
import { getDataset } from '../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../helpers/first-rows'
import { exportRowsCsv } from '../../../../../src/main/core/datasets/export-rows-csv'
import { FileExistsError } from '../../../../../src/main/core/fs/publish-file'
import { reindexAfterTypeChange, setColumnType } from '../../../../../src/main/core/datasets/set-column-type'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { searchArchive } from '../../../../../src/main/core/search/search-archive'
import { searchRequest } from '../../../../../src/shared/search-request'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function dataset(csv: string) {
  const made = await tempArchive(false)
  cleanups.push(made.cleanup)
  const path = join(made.dir, 'data.csv')
  writeFileSync(path, csv)
  const { db } = made.archive
  const id = (await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!
  return { db, id, dir: made.dir }
}

describe('setColumnType', () => {
  it('reads a text column as numbers where it can, keeps and counts the rest, and never drops a value', async () => {
    const { db, id } = await dataset('code,label\n12,a\n08123,b\n7,c\nN/A,d\n,e\n')
    expect(getDataset(db, id)!.columns[0]!.type).toBe('text')
    const change = setColumnType(db, id, 0, 'integer')
    expect(change).toEqual({ position: 0, type: 'integer', misfits: 2, examples: [{ rowid: 2, value: '08123' }, { rowid: 4, value: 'N/A' }] })
    expect(firstRows(db, id, 10).rows.map((row) => row.values[0])).toEqual([12, '08123', 7, 'N/A', null])
    expect(db.prepare(`SELECT typeof(c0) FROM ds_${id} WHERE rowid = 1`).pluck().get()).toBe('integer')
    expect(getDataset(db, id)!.columns[0]!.type).toBe('integer')
    // and back: numbers become their text again
    expect(setColumnType(db, id, 0, 'text').misfits).toBe(0)
    expect(firstRows(db, id, 10).rows.map((row) => row.values[0])).toEqual(['12', '08123', '7', 'N/A', null])
  })

  it('keeps the search index in step when a column moves in or out of text', async () => {
    const { db, id } = await dataset('fiscal_year,remark\n2012,zebra\n2013,yak\n')
    expect(searchArchive(db, searchRequest('zebra')).total).toBe(1)
    setColumnType(db, id, 1, 'integer')
    reindexAfterTypeChange(db, id)
    expect(searchArchive(db, searchRequest('zebra')).total).toBe(0)
    setColumnType(db, id, 1, 'text')
    reindexAfterTypeChange(db, id)
    expect(searchArchive(db, searchRequest('zebra')).total).toBe(1)
    expect(setColumnType(db, id, 0, 'date')).toMatchObject({ misfits: 2 })
    expect(() => setColumnType(db, 999, 0, 'text')).toThrow('Dataset 999 was not found in this archive.')
  })
})

describe('exportRowsCsv', () => {
  it('writes the filtered, sorted rows with their labels, quoting what needs quoting', async () => {
    const { db, id, dir } = await dataset('name,"notes, quoted",n\nAda,"said ""hi""",3\nBo, edge ,1\nCy,"two\nlines",2\n')
    const out = join(dir, 'out.csv')
    const result = exportRowsCsv(db, { datasetId: id, sort: { column: 2, direction: 'asc' }, filters: [{ column: 0, op: 'equals', value: 'Ada', min: null, max: null }, { column: 0, op: 'equals', value: 'Cy', min: null, max: null }] }, out, false, 'as-imported')
    expect(result).toEqual({ rows: 2, formulaCells: 0 })
    expect(readFileSync(out, 'utf8')).toBe('name,"notes, quoted",n\r\nCy,"two\nlines",2\r\nAda,"said ""hi""",3\r\n')
    expect(existsSync(`${out}.${process.pid}.partial`)).toBe(false)
    // Replaced only when asked; refused otherwise, the file left as it was and nothing left beside it.
    expect(() => exportRowsCsv(db, { datasetId: id, sort: null, filters: [] }, out, false, 'as-imported')).toThrow(FileExistsError)
    expect(readFileSync(out, 'utf8')).not.toContain('Bo')
    expect(readdirSync(dir).filter((name) => name.startsWith('out.csv'))).toEqual(['out.csv'])
    exportRowsCsv(db, { datasetId: id, sort: null, filters: [] }, out, true, 'as-imported')
    expect(readFileSync(out, 'utf8')).toContain('Bo," edge ",1\r\n')
    expect(() => exportRowsCsv(db, { datasetId: id, sort: null, filters: [] }, join(dir, 'no-such-folder', 'x.csv'), false, 'as-imported')).toThrow(/ENOENT/)
  })
})
