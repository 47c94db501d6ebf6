// Rows and columns a sheet hides are in the file, so they are imported; but a spreadsheet program
// does not show them (a Total row then sums fewer rows than the dataset holds), so the import says
// which, on its result line and in the dataset's provenance.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../../helpers/first-rows'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

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
})
