import { appendFileSync, copyFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions } from '../../../../../src/shared/model'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { getDataset } from '../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../helpers/first-rows'
import { tempArchive } from '../../../../helpers/temp-archive'
import { handWrittenXlsxEntries, sheetXml, writeHandWrittenXlsx } from '../../../../helpers/hand-written-workbooks'
import { writeZip } from '../../../../helpers/write-zip'

const FIXTURE = resolve(import.meta.dirname, '../../../../fixtures/import/workbook/dhs-yearbook-2013-table-39.xlsx')
const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function setup() {
  const made = await tempArchive(false)
  cleanups.push(made.cleanup)
  const { db } = made.archive
  const path = join(made.dir, 'dhs-yearbook-2013-table-39.xlsx')
  copyFileSync(FIXTURE, path)
  const progress: string[] = []
  const bytes: number[] = []
  const run = (options: Partial<ImportOptions>, signal = new AbortController().signal) =>
    importOneFile(db, { path, options: { ...DEFAULT_IMPORT_OPTIONS, ...options }, article: null, dataset: null }, signal, (p) => {
      progress.push(`${p.phase} ${p.parts ?? ''} ${p.partsRead}/${p.partsTotal}`)
      if (p.phase === 'reading') bytes.push(p.bytesRead)
    }, null)
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
  return { db, path, run, count, progress, bytes }
}

describe('importing a workbook', () => {
  it('makes a dataset of each sheet with a table, named "Workbook › Sheet", with its header, rows and provenance', async () => {
    const { db, path, run, progress, bytes } = await setup()
    const outcome = await run({})
    expect(outcome).toMatchObject({ status: 'imported', kind: 'dataset', rows: 6, error: null, file: 'dhs-yearbook-2013-table-39.xlsx' })
    expect(outcome.sheets!.map((sheet) => [sheet.name, sheet.status, sheet.rows])).toEqual([
      ['Table 39', 'imported', 4],
      ['Case review', 'imported', 2],
      ['Lookup', 'hidden', 0]
    ])
    expect(outcome.id).toBe(outcome.sheets![0]!.id)
    const table = getDataset(db, outcome.sheets![0]!.id!)!
    expect(table.name).toBe('dhs-yearbook-2013-table-39 › Table 39')
    expect(table.columns.map((column) => column.label)).toEqual(['Event', ...[2008, 2009, 2010, 2011, 2012, 2013].map((year) => `Fiscal year › ${year}`), 'Total'])
    // Disclosure markers (D, X, -, (b)(6)) stay as written without making a column of counts text.
    expect(table.columns.map((column) => column.type)).toEqual(['text', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer'])
    expect(table.sources).toEqual([
      {
        key: null,
        publisher: null,
        title: 'Table 39. Aliens Apprehended, Removed or Returned: Fiscal Years 2008 to 2013',
        date: null,
        url: null,
        notes: [
          '(Fiscal years ending September 30)',
          'D Data withheld to limit disclosure.',
          'X Not applicable.',
          '- Represents zero.',
          '¹ 2008: Yearbook of Immigration Statistics 2008, Table 37. The other cells of this row are test markers, not published figures.',
          'Source: U.S. Department of Homeland Security, Yearbook of Immigration Statistics: 2013, Tables 33 and 39.'
        ].join('\n')
      }
    ])
    const rows = firstRows(db, table.id, 10).rows.map((row) => row.values)
    expect(rows[1]!.slice(0, 3)).toEqual(['Aliens removed', 359795, 391597])
    expect(rows[3]!.slice(0, 7)).toEqual(['Removals of criminal aliens¹', 97133, 'D', 'X', '-', '(b)(6)', 'D'])
    const review = getDataset(db, outcome.sheets![1]!.id!)!
    expect(review.columns.map((column) => [column.label, column.type])).toEqual([
      ['As of', 'date'],
      ['Cases reviewed', 'integer'],
      ['Cases closed', 'integer']
    ])
    expect(progress).toContain('reading sheets 2/2')
    // Reading moves on in bytes of the file too, estimated from each sheet's XML read so far: half
    // the file once the first of two sheets is read, all of it at the end.
    const size = statSync(path).size
    expect(bytes).toContain(Math.round(size / 2))
    expect(Math.max(...bytes)).toBe(size)
    expect(outcome.emptiedCells).toEqual([])
  })

  it('reads the null tokens chosen as empty in every sheet, and counts them per sheet and column', async () => {
    const { run } = await setup()
    const outcome = await run({ nullTokens: ['D'] })
    expect(outcome.emptiedCells).toEqual([
      { column: 'Table 39 › Fiscal year › 2009', token: 'D', cells: 1 },
      { column: 'Table 39 › Fiscal year › 2013', token: 'D', cells: 1 }
    ])
  })

  it('imports only the sheets picked, hidden ones included, and says which were left out', async () => {
    const { run, count } = await setup()
    const outcome = await run({ sheets: ['Lookup'] })
    expect(outcome.sheets!.map((sheet) => [sheet.name, sheet.status])).toEqual([
      ['Table 39', 'not picked'],
      ['Case review', 'not picked'],
      ['Lookup', 'imported']
    ])
    expect(count("SELECT count(*) AS n FROM datasets WHERE name = 'dhs-yearbook-2013-table-39 › Lookup'")).toBe(1)
  })

  it('refuses a workbook that changes while it is imported, and saves nothing of it', async () => {
    const { db, path, count } = await setup()
    let changed = false
    const outcome = await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, (progress) => {
      // Between its sheets, the file is saved again (by a spreadsheet program, say).
      if (!changed && progress.parts === 'sheets' && progress.partsRead === 1) {
        changed = true
        appendFileSync(path, Buffer.alloc(16))
      }
    }, null)
    expect(changed).toBe(true)
    expect(outcome).toMatchObject({ status: 'failed', error: 'dhs-yearbook-2013-table-39.xlsx changed while it was being imported; nothing was saved. Import it again once it is complete.' })
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(0)
  })

  it('recognises the workbook imported again, and leaves nothing behind when cancelled', async () => {
    const { run, count } = await setup()
    expect((await run({})).status).toBe('imported')
    const again = await run({})
    expect(again.status).toBe('duplicate')
    const controller = new AbortController()
    controller.abort()
    expect((await run({ force: true }, controller.signal)).status).toBe('cancelled')
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(2)
  })

  it('imports another sheet of a workbook one sheet of which is already in, and only what is not', async () => {
    const { db, run, count } = await setup()
    const names = () => db.prepare('SELECT name FROM datasets ORDER BY id').pluck().all()
    expect((await run({ sheets: ['Case review'] })).status).toBe('imported')
    // The same sheet again is a copy.
    expect(await run({ sheets: ['Case review'] })).toMatchObject({ status: 'duplicate', warnings: [expect.stringContaining('Already in the archive')] })
    // Another sheet is not, even though the bytes are the same.
    const table = await run({ sheets: ['Table 39', 'Case review'] })
    expect(table).toMatchObject({ status: 'imported', rows: 4 })
    expect(table.warnings[0]).toBe('dhs-yearbook-2013-table-39.xlsx: sheet “Case review” is already in the archive from an earlier import, so only the others were imported.')
    expect(names()).toEqual(['dhs-yearbook-2013-table-39 › Case review', 'dhs-yearbook-2013-table-39 › Table 39'])
    expect(table.sheets!.map((sheet) => [sheet.name, sheet.status])).toEqual([
      ['Table 39', 'imported'],
      ['Case review', 'already in'],
      ['Lookup', 'not picked']
    ])
    // The whole workbook now: every visible sheet is in, so it is a copy; the hidden one is picked on its own.
    expect((await run({})).status).toBe('duplicate')
    expect((await run({ sheets: ['Lookup'] })).status).toBe('imported')
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(3)
  })

  it('calls the workbook a copy when the sheets not yet in hold no table', async () => {
    const made = await tempArchive(false)
    cleanups.push(made.cleanup)
    const cell = (ref: string, text: string) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`
    const table = sheetXml(`<x:row r="1">${cell('A1', 'Year')}${cell('B1', 'Removals')}</x:row><x:row r="2">${cell('A2', '2012')}<x:c r="B2"><x:v>409849</x:v></x:c></x:row>`)
    const path = writeHandWrittenXlsx(join(made.dir, 'gov.xlsx'), [
      { name: 'Table 39', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml: table },
      { name: 'Notes', part: 'xl/worksheets/sheet2.xml', type: 'worksheet', xml: sheetXml('') }
    ], { sharedStrings: null, styles: null, workbookPr: '', extra: [] })
    const run = (options: Partial<ImportOptions>) =>
      importOneFile(made.archive.db, { path, options: { ...DEFAULT_IMPORT_OPTIONS, ...options }, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
    const first = await run({ sheets: ['Table 39'] })
    expect(first).toMatchObject({ status: 'imported', rows: 1 })
    // Before, this said "gov.xlsx: the sheets picked hold no table; nothing was imported." (failed).
    const again = await run({})
    expect(again).toMatchObject({ status: 'duplicate', kind: 'dataset', id: first.id, error: null })
    expect(again.warnings).toEqual([expect.stringContaining('Already in the archive as dataset “gov › Table 39”')])
    expect(made.archive.db.prepare('SELECT status FROM imports ORDER BY id').pluck().all()).toEqual(['imported', 'duplicate'])
    expect(made.archive.db.prepare('SELECT count(*) FROM datasets').pluck().get()).toBe(1)
  })

  it('reads a cover sheet of one sentence as no table, and names the hidden sheet that holds one (review R23-20)', async () => {
    const made = await tempArchive(false)
    cleanups.push(made.cleanup)
    const cell = (ref: string, text: string) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`
    const cover = sheetXml(`<x:row r="1">${cell('A1', 'This workbook holds the removals table on another sheet.')}</x:row>`)
    const data = sheetXml(`<x:row r="1">${cell('A1', 'Region')}${cell('B1', 'Count')}</x:row><x:row r="2">${cell('A2', 'Central')}<x:c r="B2"><x:v>105</x:v></x:c></x:row>`)
    const write = (name: string, dataHidden: boolean) => {
      const entries = handWrittenXlsxEntries(
        [
          { name: 'Cover', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml: cover },
          { name: 'Data', part: 'xl/worksheets/sheet2.xml', type: 'worksheet', xml: data }
        ],
        { sharedStrings: null, styles: null, workbookPr: '', extra: [] }
      ).map((entry) => (entry.name === 'xl/workbook.xml' && dataHidden ? { ...entry, data: String(entry.data).replace('name="Data"', 'name="Data" state="hidden"') } : entry))
      return writeZip(join(made.dir, name), entries)
    }
    const run = (path: string) =>
      importOneFile(made.archive.db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
    const hidden = await run(write('hiddendata.xlsx', true))
    // Before, "Cover" became a dataset of 0 rows whose only column was the sentence, and "Data" was never mentioned.
    expect(hidden).toMatchObject({
      status: 'failed',
      error: 'hiddendata.xlsx: none of its visible sheets holds a table, and sheet “Data” is hidden in the workbook and was left out; pick it by name to import it; nothing was imported.'
    })
    const shown = await run(write('shown.xlsx', false))
    // The cover's sentence is the workbook's own word on its table: kept in the dataset's provenance, and said so (review U24-6).
    expect(shown).toMatchObject({ status: 'imported', rows: 1, warnings: ['shown.xlsx: sheet “Cover” holds notes and no table; its text is kept in where the figures of the dataset come from.'] })
    expect(getDataset(made.archive.db, shown.id!)!.sources).toEqual([
      { key: null, publisher: null, title: 'Notes sheet “Cover”', date: null, url: null, notes: 'This workbook holds the removals table on another sheet.' }
    ])
    expect(shown.sheets!.map((sheet) => [sheet.name, sheet.status])).toEqual([
      ['Cover', 'empty'],
      ['Data', 'imported']
    ])
  })

  it('imports the sheets not yet in when the whole workbook follows a pick of one sheet', async () => {
    const { run, count } = await setup()
    expect((await run({ sheets: ['Table 39'] })).status).toBe('imported')
    const rest = await run({})
    expect(rest).toMatchObject({ status: 'imported', rows: 2 })
    expect(rest.warnings[0]).toContain('sheet “Table 39” is already in the archive')
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(2)
    // Once the whole workbook was imported, every pick of its visible sheets is a copy.
    expect((await run({ sheets: ['Case review'] })).status).toBe('duplicate')
  })

  it('imports the hidden sheet picked after the whole workbook, as its result said to, and nothing twice (review U24-1)', async () => {
    const { db, run, count } = await setup()
    const whole = await run({})
    expect(whole.warnings).toContain('dhs-yearbook-2013-table-39.xlsx: sheet “Lookup” is hidden in the workbook and was left out; pick it by name to import it.')
    // Picked with the sheets already in, as the options form offers them ticked: only the hidden one is new.
    const lookup = await run({ sheets: ['Table 39', 'Case review', 'Lookup'] })
    expect(lookup).toMatchObject({ status: 'imported', error: null })
    expect(lookup.warnings[0]).toBe('dhs-yearbook-2013-table-39.xlsx: sheets “Table 39”, “Case review” are already in the archive from an earlier import, so only the others were imported.')
    expect(lookup.sheets!.map((sheet) => [sheet.name, sheet.status])).toEqual([
      ['Table 39', 'already in'],
      ['Case review', 'already in'],
      ['Lookup', 'imported']
    ])
    expect(db.prepare('SELECT name FROM datasets ORDER BY id').pluck().all()).toEqual([
      'dhs-yearbook-2013-table-39 › Table 39',
      'dhs-yearbook-2013-table-39 › Case review',
      'dhs-yearbook-2013-table-39 › Lookup'
    ])
    // Now every sheet is in: picking any of them, or none, is a copy.
    expect((await run({ sheets: ['Lookup'] })).status).toBe('duplicate')
    expect((await run({})).status).toBe('duplicate')
    expect(count('SELECT count(*) AS n FROM datasets')).toBe(3)
  })
})
