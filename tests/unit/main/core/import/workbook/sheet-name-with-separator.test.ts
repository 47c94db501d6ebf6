// A sheet's own name may hold "›", the separator of a workbook dataset's name ("Workbook › Sheet"):
// "Removals › FY2013" is one sheet, not a sheet "Removals" with a table "FY2013" (review U24-21).
// The parts are kept at import, and what shows them apart reads them, not the joined name.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { listDatasets } from '../../../../../../src/main/core/datasets/dataset-queries'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

async function book(sheets: Record<string, (string | number)[][]>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name)
    for (const row of rows) sheet.addRow(row)
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

const REMOVALS = [
  ['Region', 'Removals'],
  ['Africa', 1583],
  ['Asia', 7013]
]
const STACKED = [
  ['Table 39A. Removals'],
  ['Year', 'Removals'],
  [2012, 418397],
  [2013, 438421],
  [],
  ['Table 39B. Returns'],
  ['Year', 'Returns'],
  [2012, 230386],
  [2013, 178371]
]

describe('a sheet named with "›" in it', () => {
  it('keeps the workbook, sheet and stacked table parts of each dataset as written, so that the sidebar can show them (tests/unit/renderer/datasets/dataset-sidebar-lines.test.ts)', async () => {
    const archive = await importTestArchive()
    const outcome = await archive.run(archive.write('dhs › yearbook.xlsx', await book({ 'Removals › FY2013': REMOVALS, Stacked: STACKED })), {}, () => undefined)
    expect(outcome).toMatchObject({ status: 'imported', error: null })
    const summaries = listDatasets(archive.db)
    expect(summaries.map((dataset) => [dataset.name, dataset.sheet])).toEqual([
      ['dhs › yearbook › Removals › FY2013', { workbook: 'dhs › yearbook', sheet: 'Removals › FY2013', table: null }],
      ['dhs › yearbook › Stacked', { workbook: 'dhs › yearbook', sheet: 'Stacked', table: null }],
      ['dhs › yearbook › Stacked › Table 39B. Returns', { workbook: 'dhs › yearbook', sheet: 'Stacked', table: 'Table 39B. Returns' }]
    ])
  })

  it('is picked by its whole name', async () => {
    const archive = await importTestArchive()
    const path = archive.write('book.xlsx', await book({ Removals: REMOVALS, 'Removals › FY2013': REMOVALS }))
    const outcome = await archive.run(path, { sheets: ['Removals › FY2013'] }, () => undefined)
    expect(outcome.sheets!.map((sheet) => [sheet.name, sheet.status])).toEqual([
      ['Removals', 'not picked'],
      ['Removals › FY2013', 'imported']
    ])
    expect(listDatasets(archive.db).map((dataset) => [dataset.name, dataset.sheet?.sheet])).toEqual([['book › Removals › FY2013', 'Removals › FY2013']])
    // Picked again, it is already in; the other is new.
    const again = await archive.run(path, { sheets: ['Removals › FY2013', 'Removals'] }, () => undefined)
    expect(again.sheets!.map((sheet) => [sheet.name, sheet.status])).toEqual([
      ['Removals', 'imported'],
      ['Removals › FY2013', 'already in']
    ])
  })
})
