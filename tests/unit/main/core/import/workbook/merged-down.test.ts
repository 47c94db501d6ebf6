// A cell of the table's body merged down over rows: a category ("Central" beside its countries) or a
// marker shows beside each row it covers, so its text goes into each. A number merged so is not
// known to be each row's (100 beside two rows is not 100 + 100): it stays in its first row, and the
// import says so, as for a number merged across columns. Same from .xlsx, .xls and .ods.
import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../../helpers/first-rows'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

type Cell = string | number | null

const ROWS: Cell[][] = [
  ['Region', 'Office', 'Count', 'Flag', 'Share'],
  ['Central', 'A', 100, 'D', 0.5],
  [null, 'B', null, null, null],
  [null, 'C', 5, 'x', 0.25],
  ['East', 'E', 7, 'y', 0.1],
  [null, 'F', 8, 'y', 0.1]
]
/** Central over three rows, 100 and D over two, 0.5 (a percent) over two, East over two (0-based rows and columns). */
const MERGES = [
  { s: { r: 1, c: 0 }, e: { r: 3, c: 0 } },
  { s: { r: 1, c: 2 }, e: { r: 2, c: 2 } },
  { s: { r: 1, c: 3 }, e: { r: 2, c: 3 } },
  { s: { r: 1, c: 4 }, e: { r: 2, c: 4 } },
  { s: { r: 4, c: 0 }, e: { r: 5, c: 0 } }
]

function sheetjsBook(bookType: 'xlsx' | 'xls' | 'ods'): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet(ROWS.map((row) => row.map((value, column) => (column === 4 && typeof value === 'number' ? { t: 'n', v: value, z: '0%' } : value))))
  sheet['!merges'] = MERGES
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, sheet, 'Offices')
  return XLSX.write(book, { type: 'buffer', bookType }) as Uint8Array
}

async function exceljsBook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Offices')
  for (const row of ROWS) sheet.addRow(row)
  sheet.getColumn(5).numFmt = '0%'
  for (const merge of MERGES) sheet.mergeCells(merge.s.r + 1, merge.s.c + 1, merge.e.r + 1, merge.e.c + 1)
  return new Uint8Array(await book.xlsx.writeBuffer())
}

describe('a cell merged down over rows of the body', () => {
  const cases: [string, () => Promise<Uint8Array>][] = [
    ['offices.xlsx', () => Promise.resolve(sheetjsBook('xlsx'))],
    ['offices.xls', () => Promise.resolve(sheetjsBook('xls'))],
    ['offices.ods', () => Promise.resolve(sheetjsBook('ods'))],
    ['offices-exceljs.xlsx', exceljsBook]
  ]
  for (const [fileName, bytes] of cases) {
    it(`shows its text in each row it covers, keeps a number in its first, and says so (${fileName})`, async () => {
      const archive = await importTestArchive()
      const outcome = await archive.run(archive.write(fileName, await bytes()), {}, () => undefined)
      expect(outcome).toMatchObject({ status: 'imported', error: null })
      const dataset = getDataset(archive.db, outcome.sheets![0]!.id!)!
      const rows = firstRows(archive.db, dataset.id, 10).rows.map((row) => row.values.map((value) => (value === null ? null : String(value))))
      expect(rows).toEqual([
        ['Central', 'A', '100', 'D', '0.5'],
        ['Central', 'B', null, 'D', null],
        ['Central', 'C', '5', 'x', '0.25'],
        ['East', 'E', '7', 'y', '0.1'],
        ['East', 'F', '8', 'y', '0.1']
      ])
      expect(outcome.warnings).toContain(
        `${fileName}, sheet “Offices”: 2 numbers are merged down over rows (the first at “Count”, rows 2 to 3); each was kept in its first row only, as the sheet does not say what it is for each.`
      )
    })
  }
})
