// A cell of the table's body merged across columns ("Not reported for 2011–2012" over 2011 and
// 2012) shows over each of them: its text goes into each column, and the import says so. A number
// merged across columns is not known to hold for each (a sum would count it twice): it stays in
// its first column, and the import says that too.
import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../../helpers/first-rows'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

type Cell = string | number | null

const ROWS: Cell[][] = [
  ['Court', '2011', '2012', '2013'],
  ['Atlanta', 10, 12, 14],
  ['Boston', 'Not reported for 2011–2012', null, 9],
  ['Chicago', 500, null, 7],
  ['Denver', 'D', null, null]
]
/** Boston's note over 2011–2012, Chicago's number over 2011–2012, Denver's D over 2011–2013 (0-based rows and columns). */
const MERGES = [
  { s: { r: 2, c: 1 }, e: { r: 2, c: 2 } },
  { s: { r: 3, c: 1 }, e: { r: 3, c: 2 } },
  { s: { r: 4, c: 1 }, e: { r: 4, c: 3 } }
]

function sheetjsBook(bookType: 'xlsx' | 'ods'): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet(ROWS)
  sheet['!merges'] = MERGES
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, sheet, 'Courts')
  return XLSX.write(book, { type: 'buffer', bookType }) as Uint8Array
}

async function exceljsBook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Courts')
  for (const row of ROWS) sheet.addRow(row)
  for (const merge of MERGES) sheet.mergeCells(merge.s.r + 1, merge.s.c + 1, merge.e.r + 1, merge.e.c + 1)
  return new Uint8Array(await book.xlsx.writeBuffer())
}

describe('a cell merged across columns of the body', () => {
  const cases: [string, () => Promise<Uint8Array>][] = [
    ['courts.xlsx', () => Promise.resolve(sheetjsBook('xlsx'))],
    ['courts.ods', () => Promise.resolve(sheetjsBook('ods'))],
    ['courts-exceljs.xlsx', exceljsBook]
  ]
  for (const [fileName, bytes] of cases) {
    it(`shows its text in each column it covers, keeps a number in its first, and says so (${fileName})`, async () => {
      const archive = await importTestArchive()
      const outcome = await archive.run(archive.write(fileName, await bytes()), {}, () => undefined)
      expect(outcome).toMatchObject({ status: 'imported', error: null })
      const dataset = getDataset(archive.db, outcome.sheets![0]!.id!)!
      const rows = firstRows(archive.db, dataset.id, 10).rows.map((row) => row.values.map((value) => (value === null ? null : String(value))))
      expect(rows).toEqual([
        ['Atlanta', '10', '12', '14'],
        ['Boston', 'Not reported for 2011–2012', 'Not reported for 2011–2012', '9'],
        ['Chicago', '500', null, '7'],
        ['Denver', 'D', 'D', 'D']
      ])
      expect(outcome.warnings).toEqual([
        `${fileName}, sheet “Courts”: 2 cells of text are merged across columns (the first at row 3, over “2011” to “2012”); each text was written into every column it covers, as the sheet shows it.`,
        `${fileName}, sheet “Courts”: 1 number is merged across columns (at row 4, over “2011” to “2012”); it was kept in its first column only, as the sheet does not say what it is for each.`
      ])
    })
  }
})
