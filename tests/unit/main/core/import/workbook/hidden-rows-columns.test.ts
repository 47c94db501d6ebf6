// Rows and columns a sheet hides are in the file, so they are imported; but a spreadsheet program
// does not show them (a Total row then sums fewer rows than the dataset holds), so the import says
// which, on its result line and in the dataset's provenance.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../../helpers/first-rows'
import { handWrittenXlsxEntries, sheetXml } from '../../../../../helpers/hand-written-workbooks'
import { importTestArchive } from '../../../../../helpers/import-test-archive'
import { zipBytes } from '../../../../../helpers/write-zip'

const FIXTURES = resolve(import.meta.dirname, '../../../../../fixtures/import/workbook/libreoffice')

async function importBook(fileName: string, bytes: Uint8Array) {
  const archive = await importTestArchive()
  const outcome = await archive.run(archive.write(fileName, bytes), {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null })
  const dataset = getDataset(archive.db, outcome.sheets![0]!.id!)!
  return {
    outcome,
    labels: dataset.columns.map((column) => column.label),
    rows: firstRows(archive.db, dataset.id, 100).rows.map((row) => row.values),
    sources: dataset.sources.map((source) => ({ title: source.title, notes: source.notes }))
  }
}

describe('hidden rows and columns', () => {
  it('imports them and says which, in an .xls written by LibreOffice (a hidden row, a filtered row, a hidden column)', async () => {
    // hidden.xls: make-fixtures.py in that folder, then `soffice --headless --convert-to xls`.
    const read = await importBook('hidden.xls', readFileSync(resolve(FIXTURES, 'hidden.xls')))
    expect(read.labels).toEqual(['Office', 'Removals', 'Internal id', 'Closed'])
    expect(read.rows).toEqual([
      ['Atlanta', 120, 7, 14],
      ['Hidden detail', 99999, 8, 1],
      ['Boston', 98, 9, 3],
      ['Denver', 40, 10, 2]
    ])
    expect(read.outcome.warnings).toEqual(['hidden.xls, sheet “Offices”: 2 rows (4, 6) and column C (“Internal id”) are hidden in the sheet; they were imported with the rest.'])
    expect(read.sources).toEqual([
      {
        title: 'Removals by office, FY2012',
        notes: 'Source: EOIR, FY2012.\nHidden in the sheet, imported here with the rest: 2 rows (4, 6) and column C (“Internal id”).'
      }
    ])
  })

  it('names a hidden column alone, and says nothing of a sheet that hides nothing (.xls written by SheetJS)', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Office', 'Cases', 'Internal id', 'Closed'],
      ['Atlanta', 1, 77, 2],
      ['Boston', 4, 79, 5]
    ])
    sheet['!cols'] = [{}, {}, { hidden: true }]
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, sheet, 'Cases')
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Office', 'Cases'], ['Denver', 3]]), 'Plain')
    const read = await importBook('cols.xls', XLSX.write(book, { type: 'buffer', bookType: 'xls' }) as Uint8Array)
    expect(read.rows).toEqual([
      ['Atlanta', 1, 77, 2],
      ['Boston', 4, 79, 5]
    ])
    expect(read.outcome.warnings).toEqual(['cols.xls, sheet “Cases”: column C (“Internal id”) is hidden in the sheet; it was imported with the rest.'])
    expect(read.sources).toEqual([{ title: 'cols.xls › Cases', notes: 'Hidden in the sheet, imported here with the rest: column C (“Internal id”).' }])
  })
  it('finds the header under the title when a hidden row of column codes sits above it, and names that row (review R23-21)', async () => {
    const text = (ref: string, value: string) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${value}</x:t></x:is></x:c>`
    const sheet = sheetXml(
      [
        `<x:row r="1" hidden="1">${text('A1', 'c_region')}${text('B1', 'c_fy11')}${text('C1', 'c_fy12')}</x:row>`,
        `<x:row r="2">${text('A2', 'Table 5. Removals by region')}</x:row>`,
        `<x:row r="4">${text('A4', 'Region')}${text('B4', 'FY2011')}${text('C4', 'FY2012')}</x:row>`,
        `<x:row r="5">${text('A5', 'Central')}<x:c r="B5"><x:v>1</x:v></x:c><x:c r="C5"><x:v>2</x:v></x:c></x:row>`,
        `<x:row r="6">${text('A6', 'East')}<x:c r="B6"><x:v>3</x:v></x:c><x:c r="C6"><x:v>4</x:v></x:c></x:row>`
      ].join('')
    )
    const bytes = zipBytes(handWrittenXlsxEntries([{ name: 'Removals', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml: sheet }], { sharedStrings: null, styles: null, workbookPr: '', extra: [] }))
    const read = await importBook('codes.xlsx', bytes)
    expect(read.labels).toEqual(['Region', 'FY2011', 'FY2012'])
    expect(read.rows).toEqual([
      ['Central', 1, 2],
      ['East', 3, 4]
    ])
    expect(read.outcome.warnings).toEqual(["codes.xlsx, sheet “Removals”: a row above the table is hidden in the sheet; its text is kept in the dataset's source, not as data."])
    expect(read.sources).toEqual([{ title: 'Table 5. Removals by region', notes: 'Hidden in the sheet above the table, kept here and not as data: row 1: c_region, c_fy11, c_fy12.' }])
  })
})
