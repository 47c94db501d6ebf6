// A cell of the table's body merged across columns ("Not reported for 2011–2012" over 2011 and
// 2012) shows over each of them: its text goes into each column, and the import says so. A number
// merged across columns is not known to hold for each (a sum would count it twice): it stays in
// its first column, and the import says that too. The same holds for a cell merged down over rows:
// a category or marker shows beside each row, a number stays in its first row (100 beside two rows
// is not 100 + 100).
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

type Merge = { s: { r: number; c: number }; e: { r: number; c: number } }

function sheetjsBook(rows: Cell[][], merges: Merge[], percentColumn: number | null, bookType: 'xlsx' | 'xls' | 'ods'): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet(rows.map((row) => row.map((value, column) => (column === percentColumn && typeof value === 'number' ? { t: 'n', v: value, z: '0%' } : value))))
  sheet['!merges'] = merges
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, sheet, 'Courts')
  return XLSX.write(book, { type: 'buffer', bookType }) as Uint8Array
}

async function exceljsBook(rows: Cell[][], merges: Merge[], percentColumn: number | null): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Courts')
  for (const row of rows) sheet.addRow(row)
  if (percentColumn !== null) sheet.getColumn(percentColumn + 1).numFmt = '0%'
  for (const merge of merges) sheet.mergeCells(merge.s.r + 1, merge.s.c + 1, merge.e.r + 1, merge.e.c + 1)
  return new Uint8Array(await book.xlsx.writeBuffer())
}

/** Imports the workbook and answers its first dataset's rows, as text, and the import's warnings. */
async function imported(fileName: string, bytes: Uint8Array): Promise<{ rows: (string | null)[][]; warnings: string[] }> {
  const archive = await importTestArchive()
  const outcome = await archive.run(archive.write(fileName, bytes), {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null })
  const dataset = getDataset(archive.db, outcome.sheets![0]!.id!)!
  const rows = firstRows(archive.db, dataset.id, 10).rows.map((row) => row.values.map((value) => (value === null ? null : String(value))))
  return { rows, warnings: outcome.warnings }
}

describe('a cell merged across columns of the body', () => {
  const cases: [string, () => Promise<Uint8Array>][] = [
    ['courts.xlsx', () => Promise.resolve(sheetjsBook(ROWS, MERGES, null, 'xlsx'))],
    ['courts.ods', () => Promise.resolve(sheetjsBook(ROWS, MERGES, null, 'ods'))],
    ['courts-exceljs.xlsx', () => exceljsBook(ROWS, MERGES, null)]
  ]
  for (const [fileName, bytes] of cases) {
    it(`shows its text in each column it covers, keeps a number in its first, and says so (${fileName})`, async () => {
      const { rows, warnings } = await imported(fileName, await bytes())
      expect(rows).toEqual([
        ['Atlanta', '10', '12', '14'],
        ['Boston', 'Not reported for 2011–2012', 'Not reported for 2011–2012', '9'],
        ['Chicago', '500', null, '7'],
        ['Denver', 'D', 'D', 'D']
      ])
      expect(warnings).toEqual([
        `${fileName}, sheet “Courts”: 2 cells of text are merged across columns (the first at row 3, over “2011” to “2012”); each text was written into every column it covers, as the sheet shows it.`,
        `${fileName}, sheet “Courts”: 1 number is merged across columns (at row 4, over “2011” to “2012”); it was kept in its first column only, as the sheet does not say what it is for each.`
      ])
    })
  }
})

const DOWN_ROWS: Cell[][] = [
  ['Region', 'Office', 'Count', 'Flag', 'Share'],
  ['Central', 'A', 100, 'D', 0.5],
  [null, 'B', null, null, null],
  [null, 'C', 5, 'x', 0.25],
  ['East', 'E', 7, 'y', 0.1],
  [null, 'F', 8, 'y', 0.1]
]
/** Central over three rows, 100 and D over two, 0.5 (a percent) over two, East over two (0-based rows and columns). */
const DOWN_MERGES = [
  { s: { r: 1, c: 0 }, e: { r: 3, c: 0 } },
  { s: { r: 1, c: 2 }, e: { r: 2, c: 2 } },
  { s: { r: 1, c: 3 }, e: { r: 2, c: 3 } },
  { s: { r: 1, c: 4 }, e: { r: 2, c: 4 } },
  { s: { r: 4, c: 0 }, e: { r: 5, c: 0 } }
]

describe('a cell merged down over rows of the body', () => {
  const cases: [string, () => Promise<Uint8Array>][] = [
    ['offices.xlsx', () => Promise.resolve(sheetjsBook(DOWN_ROWS, DOWN_MERGES, 4, 'xlsx'))],
    ['offices.xls', () => Promise.resolve(sheetjsBook(DOWN_ROWS, DOWN_MERGES, 4, 'xls'))],
    ['offices.ods', () => Promise.resolve(sheetjsBook(DOWN_ROWS, DOWN_MERGES, 4, 'ods'))],
    ['offices-exceljs.xlsx', () => exceljsBook(DOWN_ROWS, DOWN_MERGES, 4)]
  ]
  for (const [fileName, bytes] of cases) {
    it(`shows its text in each row it covers, keeps a number in its first, and says so (${fileName})`, async () => {
      const { rows, warnings } = await imported(fileName, await bytes())
      expect(rows).toEqual([
        ['Central', 'A', '100', 'D', '0.5'],
        ['Central', 'B', null, 'D', null],
        ['Central', 'C', '5', 'x', '0.25'],
        ['East', 'E', '7', 'y', '0.1'],
        ['East', 'F', '8', 'y', '0.1']
      ])
      expect(warnings).toContain(
        `${fileName}, sheet “Courts”: 2 numbers are merged down over rows (the first at “Count”, rows 2 to 3); each was kept in its first row only, as the sheet does not say what it is for each.`
      )
    })
  }
})
