// Two layouts agency sheets use around a table (review B25-1, B25-4): a block of "Label: value"
// lines over it ("Released: | 6/17/2014", "Units: | persons"), and footnotes laid out over two
// cells under it, the mark in one and its text in the next ("1/ | Includes Yuma and El Centro.").
// The lines are notes in the dataset's source, not its header; the footnotes end the table and go
// to its source. Written by SheetJS as .xlsx, .ods and .xls and by exceljs, imported into real
// archives. Look-alike rows that are data (a short code with numbers, a label ending in a colon
// with numbers across, a two-column table of text) stay data.
import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { importWorkbookDatasets } from '../../../../../helpers/import-workbook-datasets'

type Cell = string | number | Date | null

const RELEASED = new Date(Date.UTC(2014, 5, 17))
const PORTS: Cell[][] = [
  ['Port of entry', 'Inadmissible', 'Withdrawn', 'Paroled'],
  ['San Ysidro', 1200, 300, 'D'],
  ['Laredo', 900, '(b)(7)(E)', 45],
  ['JFK', 15, 4, '-'],
  ['Miami', 88, 7, 2]
]
const PORT_ROWS = [
  ['San Ysidro', 1200, 300, 'D'],
  ['Laredo', 900, '(b)(7)(E)', 45],
  ['JFK', 15, 4, '-'],
  ['Miami', 88, 7, 2]
]
const PORT_COLUMNS = [
  ['Port of entry', 'text'],
  ['Inadmissible', 'integer'],
  ['Withdrawn', 'integer'],
  ['Paroled', 'integer']
]

/** A title, three "Label: value" lines, two blank rows, then the table from column `at` (0-based). */
function portsUnderFacts(at: number): Cell[][] {
  const pad = (row: Cell[]) => [...Array<Cell>(at).fill(null), ...row]
  return [['U.S. Department of Homeland Security'], ['Released:', RELEASED], ['Fiscal year:', 2013], ['Units:', 'persons'], [], [], ...PORTS.map(pad)]
}

function sectorsWithFootnotes(blank: boolean): Cell[][] {
  const rows: Cell[][] = [['Table 3. Apprehensions by sector'], ['Sector', 'FY2012', 'FY2013']]
  for (let i = 1; i <= 4; i++) rows.push([`Sector ${i}${i === 2 ? ' 1/' : ''}`, 1000 * i, i === 3 ? 'D' : 900 * i])
  rows.push(['Total', 10000, 7200])
  if (blank) rows.push([])
  rows.push(['1/', 'Includes Yuma and El Centro.'])
  rows.push(['NOTE:', 'Detail may not add to total because of rounding.'])
  rows.push(['D', 'Data withheld to limit disclosure.'])
  rows.push(['SOURCE:', 'CBP, Enforcement Integrated Database (EID), as of 10/2013.'])
  return rows
}

const SECTOR_FOOTNOTES = [
  '1/ Includes Yuma and El Centro.',
  'NOTE: Detail may not add to total because of rounding.',
  'D Data withheld to limit disclosure.',
  'SOURCE: CBP, Enforcement Integrated Database (EID), as of 10/2013.'
]

function sheetjsBook(rows: Cell[][], bookType: 'xlsx' | 'ods' | 'xls'): Uint8Array {
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), 'Sheet')
  return XLSX.write(book, { type: 'buffer', bookType }) as Uint8Array
}

async function exceljsBook(rows: Cell[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Sheet')
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await book.xlsx.writeBuffer())
}

/** The one dataset a one-sheet workbook gave. */
async function importOne(fileName: string, bytes: Uint8Array) {
  const { outcome, dataset } = await importWorkbookDatasets(fileName, bytes)
  expect(outcome.sheets).toHaveLength(1)
  return { outcome, ...dataset(outcome.sheets![0]!.id!) }
}

const WRITERS: [string, (rows: Cell[][]) => Promise<Uint8Array>][] = [
  ['xlsx', (rows) => Promise.resolve(sheetjsBook(rows, 'xlsx'))],
  ['ods', (rows) => Promise.resolve(sheetjsBook(rows, 'ods'))],
  ['xls', (rows) => Promise.resolve(sheetjsBook(rows, 'xls'))],
  ['exceljs.xlsx', exceljsBook]
]

describe('"Label: value" lines over a table', () => {
  for (const [extension, write] of WRITERS) {
    // At column D the blank column C parts the lines from the table: they are still no table of their own.
    for (const at of [0, 2, 3]) {
      it(`are notes in the source, and the header is the row of labels under them (table at column ${at + 1}, .${extension})`, async () => {
        const read = await importOne(`ports.${extension}`, await write(portsUnderFacts(at)))
        expect(read.columns).toEqual(PORT_COLUMNS)
        expect(read.rows).toEqual(PORT_ROWS)
        expect(read.outcome.warnings).toEqual([])
        expect(read.sources).toHaveLength(1)
        expect(read.sources[0]!.title).toBe('U.S. Department of Homeland Security')
        expect(read.sources[0]!.notes).toBe(['Released: 2014-06-17', 'Fiscal year: 2013', 'Units: persons'].join('\n'))
      })
    }

    it(`are notes with a title and one blank row, the table right under them (.${extension})`, async () => {
      const read = await importOne(`ports-c.${extension}`, await write([['Table 5. Inadmissibles'], ['Released:', RELEASED], [], ...PORTS]))
      expect(read.columns).toEqual(PORT_COLUMNS)
      expect(read.rows).toEqual(PORT_ROWS)
      expect(read.sources.map((source) => source.title)).toEqual(['Table 5. Inadmissibles'])
    })
  }

  it('leave a row label ending in a colon with numbers across as data', async () => {
    const rows: Cell[][] = [['Removals by type'], ['Type', '2012', '2013'], ['Criminal:', 200, 210], ['Non-criminal:', 150, 140], ['Total:', 350, 350]]
    const read = await importOne('colons.xlsx', sheetjsBook(rows, 'xlsx'))
    expect(read.columns).toEqual([
      ['Type', 'text'],
      ['2012', 'integer'],
      ['2013', 'integer']
    ])
    expect(read.rows).toEqual([
      ['Criminal:', 200, 210],
      ['Non-criminal:', 150, 140],
      ['Total:', 350, 350]
    ])
  })

  it('leave the header of a two-column table of text whose first label ends in a colon as its header', async () => {
    // "Office: | Description" reads as a line of facts, but no row set apart from it or wider follows it.
    const rows: Cell[][] = [['Field offices'], ['Office:', 'Description'], ['Denver', 'Field office for the Rocky Mountain region'], ['Miami', 'Field office for South Florida']]
    const read = await importOne('offices-colon.xlsx', sheetjsBook(rows, 'xlsx'))
    expect(read.columns.map(([label]) => label)).toEqual(['Office:', 'Description'])
    expect(read.rows).toHaveLength(2)
  })
})

describe('footnotes laid out over two cells under a table', () => {
  for (const [extension, write] of WRITERS) {
    for (const blank of [true, false]) {
      it(`end the table and go to its source, the columns keeping their types (${blank ? 'a blank row' : 'no blank row'} before them, .${extension})`, async () => {
        const read = await importOne(`sectors.${extension}`, await write(sectorsWithFootnotes(blank)))
        expect(read.columns).toEqual([
          ['Sector', 'text'],
          ['FY2012', 'integer'],
          ['FY2013', 'integer']
        ])
        expect(read.rows).toEqual([
          ['Sector 1', 1000, 900],
          ['Sector 2 1/', 2000, 1800],
          ['Sector 3', 3000, 'D'],
          ['Sector 4', 4000, 3600],
          ['Total', 10000, 7200]
        ])
        expect(read.sources).toEqual([{ title: 'Table 3. Apprehensions by sector', notes: SECTOR_FOOTNOTES.join('\n') }])
      })
    }
  }

  it('leave last rows with a short code and numbers as data', async () => {
    const rows: Cell[][] = [['Code', 'Cases'], ['A', 10], ['B', 20], ['D', 5], ['1/', 7], ['NOTE:', 3]]
    const read = await importOne('codes.xlsx', sheetjsBook(rows, 'xlsx'))
    expect(read.rows).toEqual([
      ['A', 10],
      ['B', 20],
      ['D', 5],
      ['1/', 7],
      ['NOTE:', 3]
    ])
    expect(read.sources).toEqual([])
  })

  it('leave a two-column table of text as data, a numbered list’s last rows too; only a marked note at its end is a footnote', async () => {
    const rows: Cell[][] = [
      ['Office', 'Description'],
      ['1.', 'Denver field office'],
      ['2.', 'Miami field office'],
      ['D', 'Detroit field office'],
      ['12.', 'El Paso field office'],
      ['NOTE:', 'Offices closed in 2013 are not listed.']
    ]
    const read = await importOne('offices.xlsx', sheetjsBook(rows, 'xlsx'))
    expect(read.rows).toEqual([
      ['1.', 'Denver field office'],
      ['2.', 'Miami field office'],
      ['D', 'Detroit field office'],
      ['12.', 'El Paso field office']
    ])
    expect(read.sources).toEqual([{ title: 'offices.xlsx › Sheet', notes: 'NOTE: Offices closed in 2013 are not listed.' }])
  })

  it('are data after all when a data row follows them', async () => {
    const rows: Cell[][] = [['Sector', 'Cases'], ['Yuma', 10], ['1/', 'Includes Yuma and El Centro.'], ['Tucson', 20]]
    const read = await importOne('between.xlsx', sheetjsBook(rows, 'xlsx'))
    expect(read.rows).toEqual([
      ['Yuma', '10'],
      ['1/', 'Includes Yuma and El Centro.'],
      ['Tucson', '20']
    ])
  })
})
