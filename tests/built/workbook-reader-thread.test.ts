// A workbook imported as the app imports it: its sheets read and typed in the built reader thread
// (out/main/import-reader-worker.js) while the import writes, sheet after sheet, in one transaction.
// The datasets must be exactly those of the same import done in one thread.

import { copyFileSync, existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions } from '../../src/shared/model'
import { getDataset } from '../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../helpers/first-rows'
import { importOneFile, READER_THREAD_MIN_BYTES } from '../../src/main/core/import/import-one-file'
import { tempArchive } from '../helpers/temp-archive'

const READER = resolve(import.meta.dirname, '../../out/main/import-reader-worker.js')
const FIXTURE = resolve(import.meta.dirname, '../fixtures/import/workbook/dhs-yearbook-2013-table-39.xlsx')
const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

beforeAll(() => {
  if (!existsSync(READER)) throw new Error(`${READER} is missing: run \`npm run build\` first (npm test does).`)
})

async function archive(): Promise<{ db: Database; dir: string }> {
  const made = await tempArchive(false)
  cleanups.push(made.cleanup)
  return { db: made.archive.db, dir: made.dir }
}

/**
 * Imports `path`; with `readerWorker`, in that thread whatever the file's size (these workbooks are
 * small), and each .xlsx sheet scanned on a thread of its own (see SheetRowsThread).
 */
function run(db: Database, path: string, options: Partial<ImportOptions>, readerWorker: string | null, signal = new AbortController().signal, readerMinBytes = 0) {
  return importOneFile(db, { path, options: { ...DEFAULT_IMPORT_OPTIONS, ...options }, article: null, dataset: null }, signal, () => undefined, readerWorker, readerMinBytes, 0)
}

/** An .xlsx of these sheets (written by SheetJS) in `dir`; its path. */
function writeBook(dir: string, fileName: string, sheets: Record<string, (string | number | null)[][]>): string {
  const book = XLSX.utils.book_new()
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name)
  const path = join(dir, fileName)
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer)
  return path
}

/** Every dataset of an import, as its name, columns, sources and rows. */
function datasetsOf(db: Database, ids: number[]) {
  return ids.map((id) => {
    const dataset = getDataset(db, id)!
    return {
      name: dataset.name,
      columns: dataset.columns.map((column) => [column.label, column.type]),
      sources: dataset.sources,
      rows: firstRows(db, id, 100).rows.map((row) => row.values)
    }
  })
}

describe('a workbook read in the reader thread', () => {
  it('makes the same datasets as in one thread, every sheet in its order, hidden ones left out', async () => {
    const { db, dir } = await archive()
    const path = join(dir, 'table-39.xlsx')
    copyFileSync(FIXTURE, path)
    const threaded = await run(db, path, {}, READER)
    const inline = await run(db, path, { force: true }, null)
    expect(threaded.sheets!.map((sheet) => [sheet.name, sheet.status, sheet.rows])).toEqual([
      ['Table 39', 'imported', 4],
      ['Case review', 'imported', 2],
      ['Lookup', 'hidden', 0]
    ])
    const ids = (outcome: typeof threaded) => outcome.sheets!.flatMap((sheet) => (sheet.id === null ? [] : [sheet.id]))
    expect(datasetsOf(db, ids(threaded))).toEqual(datasetsOf(db, ids(inline)))
    expect(datasetsOf(db, ids(threaded))[0]!.rows[3]).toEqual(['Removals of criminal aliens¹', 97133, 'D', 'X', '-', '(b)(6)', 'D', 97133])
  })

  it('imports the sheets picked, counts null tokens per sheet, and refuses a sheet that is not there', async () => {
    const { db, dir } = await archive()
    const path = join(dir, 'table-39.xlsx')
    copyFileSync(FIXTURE, path)
    const picked = await run(db, path, { sheets: ['Case review'], nullTokens: ['-'] }, READER)
    expect(picked.sheets!.map((sheet) => sheet.status)).toEqual(['not picked', 'imported', 'not picked'])
    const missing = await run(db, path, { sheets: ['Table 40'], force: true }, READER)
    expect(missing).toMatchObject({ status: 'failed', error: 'table-39.xlsx has no worksheet named “Table 40”; its worksheets are “Table 39”, “Case review”, “Lookup”.' })
    const tokens = await run(db, path, { nullTokens: ['-'], force: true }, READER)
    expect(tokens.emptiedCells).toEqual([{ column: 'Table 39 › Fiscal year › 2011', token: '-', cells: 1 }])
  })

  it('makes a dataset of each table stacked on a sheet, as in one thread', async () => {
    const { db, dir } = await archive()
    const stacked = [['Table A. Removals'], ['Year', 'Removals'], [2011, 387134], [2012, 418397], [], ['Table B. Returns'], ['Year', 'Returns'], [2011, 322124], [2012, 230386], [], ['Source: DHS.']]
    const path = writeBook(dir, 'stacked.xlsx', { Stacked: stacked, Plain: [['Office', 'Cases'], ['Atlanta', 12]] })
    const threaded = await run(db, path, {}, READER)
    const inline = await run(db, path, { force: true }, null)
    expect(threaded.sheets!.map((sheet) => [sheet.name, sheet.rows, sheet.moreTables.map((table) => [table.name, table.rows])])).toEqual([
      ['Stacked', 2, [['Table B. Returns', 2]]],
      ['Plain', 1, []]
    ])
    const ids = (outcome: typeof threaded) => outcome.sheets!.flatMap((sheet) => (sheet.id === null ? [] : [sheet.id, ...sheet.moreTables.map((table) => table.id)]))
    expect(datasetsOf(db, ids(threaded))).toEqual(datasetsOf(db, ids(inline)))
    expect(datasetsOf(db, ids(threaded)).map((dataset) => [dataset.name, dataset.rows.length, dataset.sources.map((source) => source.notes)])).toEqual([
      ['stacked › Stacked', 2, ['Source: DHS.']],
      ['stacked › Stacked › Table B. Returns', 2, ['Source: DHS.']],
      ['stacked › Plain', 1, []]
    ])
    expect(threaded.rows).toBe(5)
  })

  it('makes a dataset of each table side by side on a sheet, as in one thread', async () => {
    const { db, dir } = await archive()
    const side = [['Table A. Removals', null, null, 'Table B. Returns'], ['Year', 'Removals', null, 'Year', 'Returns'], [2011, 387134, null, 2011, 322124], [2012, 418397, null, 2012, 230386], [], ['Source: DHS.']]
    const path = writeBook(dir, 'side.xlsx', { Side: side, Plain: [['Office', 'Cases'], ['Atlanta', 12]] })
    const threaded = await run(db, path, {}, READER)
    const inline = await run(db, path, { force: true }, null)
    const ids = (outcome: typeof threaded) => outcome.sheets!.flatMap((sheet) => (sheet.id === null ? [] : [sheet.id, ...sheet.moreTables.map((table) => table.id)]))
    expect(datasetsOf(db, ids(threaded))).toEqual(datasetsOf(db, ids(inline)))
    expect(datasetsOf(db, ids(threaded)).map((dataset) => [dataset.name, dataset.rows, dataset.sources.map((source) => source.notes)])).toEqual([
      ['side › Side', [[2011, 387134], [2012, 418397]], ['Source: DHS.']],
      ['side › Side › Table B. Returns', [[2011, 322124], [2012, 230386]], ['Source: DHS.']],
      ['side › Plain', [['Atlanta', 12]], []]
    ])
  })

  it('reports a refusal from the thread in one line and leaves nothing behind', async () => {
    const { db, dir } = await archive()
    const path = join(dir, 'locked.xlsx')
    writeFileSync(path, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(512)]))
    expect(await run(db, path, {}, READER)).toMatchObject({ status: 'failed', error: 'locked.xlsx is password-protected; open it, save a copy without a password and import that.' })
    expect(db.prepare('SELECT count(*) FROM datasets').pluck().get()).toBe(0)
  })

  it('stops when cancelled and leaves nothing behind', async () => {
    const { db, dir } = await archive()
    const path = join(dir, 'table-39.xlsx')
    copyFileSync(FIXTURE, path)
    const controller = new AbortController()
    const pending = run(db, path, {}, READER, controller.signal)
    controller.abort()
    expect((await pending).status).toBe('cancelled')
    expect(db.prepare('SELECT count(*) FROM datasets').pluck().get()).toBe(0)
  })

  it('reads a small workbook on the importing thread, starting no reader thread', async () => {
    // A folder of small workbooks paid a thread's start-up for each (about a third of a second of
    // CPU): a stand-in reader that only leaves a mark shows whether a thread was started at all.
    const { db, dir } = await archive()
    const path = join(dir, 'table-39.xlsx')
    copyFileSync(FIXTURE, path)
    const mark = join(dir, 'reader-started')
    const standIn = join(dir, 'stand-in-reader.mjs')
    writeFileSync(standIn, `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(mark)}, 'started')\n`)
    const outcome = await run(db, path, {}, standIn, new AbortController().signal, READER_THREAD_MIN_BYTES)
    expect(outcome.sheets!.map((sheet) => [sheet.name, sheet.status, sheet.rows])).toEqual([
      ['Table 39', 'imported', 4],
      ['Case review', 'imported', 2],
      ['Lookup', 'hidden', 0]
    ])
    expect(existsSync(mark)).toBe(false)
  })
})
