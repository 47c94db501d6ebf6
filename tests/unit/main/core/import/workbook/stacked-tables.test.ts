// Two tables stacked on one sheet (a title, a header and rows, a blank row, then a second title,
// header and rows, and the sheet's footnotes under both), as government releases publish them:
// each becomes a dataset of its own, in workbooks written by SheetJS and exceljs, as .xlsx and .ods.
import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../../helpers/first-rows'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

type Cell = string | number | null

const STACKED: Cell[][] = [
  ['Table 39A. Removals: fiscal years 2011 to 2013'],
  ['Year', 'Removals'],
  [2011, 387134],
  [2012, 418397],
  [2013, 438421],
  [],
  ['Table 39B. Returns: fiscal years 2011 to 2013'],
  ['Year', 'Returns'],
  [2011, 322124],
  [2012, 230386],
  [2013, 178371],
  [],
  ['Source: DHS Yearbook 2013, Table 39.']
]

const REMOVAL_COLUMNS = [
  ['Year', 'integer'],
  ['Removals', 'integer']
]

function sheetjsBook(sheets: Record<string, Cell[][]>, bookType: 'xlsx' | 'ods'): Uint8Array {
  const book = XLSX.utils.book_new()
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name)
  return XLSX.write(book, { type: 'buffer', bookType }) as Uint8Array
}

async function exceljsBook(name: string, rows: Cell[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet(name)
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await book.xlsx.writeBuffer())
}

async function importBook(fileName: string, bytes: Uint8Array) {
  const archive = await importTestArchive()
  const outcome = await archive.run(archive.write(fileName, bytes), {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null })
  const dataset = (id: number) => {
    const found = getDataset(archive.db, id)!
    return {
      name: found.name,
      columns: found.columns.map((column) => [column.label, column.type]),
      rows: firstRows(archive.db, id, 100).rows.map((row) => row.values),
      sources: found.sources.map((source) => ({ title: source.title, notes: source.notes }))
    }
  }
  return { outcome, dataset }
}

describe('two tables stacked on one sheet', () => {
  const cases: [string, () => Promise<Uint8Array>][] = [
    ['groups.xlsx', () => Promise.resolve(sheetjsBook({ Stacked: STACKED }, 'xlsx'))],
    ['groups.ods', () => Promise.resolve(sheetjsBook({ Stacked: STACKED }, 'ods'))],
    ['groups-exceljs.xlsx', () => exceljsBook('Stacked', STACKED)]
  ]
  for (const [fileName, bytes] of cases) {
    it(`imports each as its own dataset, with its own title and the sheet's footnotes (${fileName})`, async () => {
      const { outcome, dataset } = await importBook(fileName, await bytes())
      const base = fileName.replace(/\.[a-z]+$/, '')
      const [sheet] = outcome.sheets!
      expect(sheet).toMatchObject({ name: 'Stacked', status: 'imported', rows: 3 })
      expect(sheet!.moreTables.map((table) => [table.name, table.rows])).toEqual([['Table 39B. Returns: fiscal years 2011 to 2013', 3]])
      expect(outcome.rows).toBe(6)
      expect(dataset(sheet!.id!)).toEqual({
        name: `${base} › Stacked`,
        columns: REMOVAL_COLUMNS,
        rows: [
          [2011, 387134],
          [2012, 418397],
          [2013, 438421]
        ],
        sources: [{ title: 'Table 39A. Removals: fiscal years 2011 to 2013', notes: 'Source: DHS Yearbook 2013, Table 39.' }]
      })
      expect(dataset(sheet!.moreTables[0]!.id)).toEqual({
        name: `${base} › Stacked › Table 39B. Returns: fiscal years 2011 to 2013`,
        columns: [
          ['Year', 'integer'],
          ['Returns', 'integer']
        ],
        rows: [
          [2011, 322124],
          [2012, 230386],
          [2013, 178371]
        ],
        sources: [{ title: 'Table 39B. Returns: fiscal years 2011 to 2013', notes: 'Source: DHS Yearbook 2013, Table 39.' }]
      })
      expect(outcome.warnings).toEqual([
        `${fileName}, sheet “Stacked” holds 2 tables, one under the other (a second header at row 8); each was imported as a dataset of its own.`
      ])
    })
  }

  it('names a second table without a title by its place, and keeps footnotes under the first with the first', async () => {
    const rows: Cell[][] = [
      ['Office', 'Cases', 'Closed'],
      ['Atlanta', 120, 14],
      ['Boston', 98, 'D'],
      ['Source: EOIR, first table.'],
      [],
      ['Office', 'Pending', 'Median days'],
      ['Atlanta', 4410, 512],
      ['Boston', 3120, 488]
    ]
    const { outcome, dataset } = await importBook('courts.xlsx', sheetjsBook({ Courts: rows }, 'xlsx'))
    const [sheet] = outcome.sheets!
    expect(dataset(sheet!.id!)).toMatchObject({
      name: 'courts › Courts',
      columns: [
        ['Office', 'text'],
        ['Cases', 'integer'],
        ['Closed', 'integer']
      ],
      rows: [
        ['Atlanta', 120, 14],
        ['Boston', 98, 'D']
      ],
      sources: [{ title: 'courts.xlsx › Courts', notes: 'Source: EOIR, first table.' }]
    })
    expect(sheet!.moreTables.map((table) => table.name)).toEqual(['table 2'])
    expect(dataset(sheet!.moreTables[0]!.id)).toEqual({
      name: 'courts › Courts › table 2',
      columns: [
        ['Office', 'text'],
        ['Pending', 'integer'],
        ['Median days', 'integer']
      ],
      rows: [
        ['Atlanta', 4410, 512],
        ['Boston', 3120, 488]
      ],
      sources: []
    })
  })

  it('reads a header repeated under a blank row (as on each printed page) as the same table going on, not as data', async () => {
    const rows: Cell[][] = [
      ['Table 39. Removals'],
      ['Year', 'Removals'],
      [2011, 387134],
      [2012, 418397],
      [],
      ['Table 39. Removals (continued)'],
      ['Year', 'Removals'],
      [2013, 438421],
      [2014, 414481]
    ]
    const { outcome, dataset } = await importBook('pages.xlsx', sheetjsBook({ Pages: rows }, 'xlsx'))
    const [sheet] = outcome.sheets!
    expect(sheet!.moreTables).toEqual([])
    expect(dataset(sheet!.id!)).toEqual({
      name: 'pages › Pages',
      columns: REMOVAL_COLUMNS,
      rows: [
        [2011, 387134],
        [2012, 418397],
        [2013, 438421],
        [2014, 414481]
      ],
      sources: [{ title: 'Table 39. Removals', notes: 'Table 39. Removals (continued)' }]
    })
    expect(outcome.warnings).toEqual(['pages.xlsx, sheet “Pages”: its header is repeated at row 7; the repeat was not read as data, and the rows under it go on with the table.'])
  })

  it('reads the same header under another title as a table of its own', async () => {
    const rows: Cell[][] = [['Males'], ['Year', 'Removals'], [2011, 300000], [2012, 320000], [], ['Females'], ['Year', 'Removals'], [2011, 87134], [2012, 98397]]
    const { outcome, dataset } = await importBook('sexes.xlsx', sheetjsBook({ Sexes: rows }, 'xlsx'))
    const [sheet] = outcome.sheets!
    expect(sheet!.moreTables.map((table) => [table.name, table.rows])).toEqual([['Females', 2]])
    expect(dataset(sheet!.id!).rows).toEqual([
      [2011, 300000],
      [2012, 320000]
    ])
    expect(dataset(sheet!.moreTables[0]!.id).rows).toEqual([
      [2011, 87134],
      [2012, 98397]
    ])
  })

  it('keeps data rows of words after a blank row as data when nothing says a table starts there', async () => {
    const rows: Cell[][] = [
      ['Court', 'Pending', 'Closed'],
      ['Atlanta', 4410, 512],
      [],
      ['Unknown', 'Not reported', 'Not reported'],
      ['Other', 5, 6],
      [],
      ['Boston', 'Withheld', 'Not reported'],
      ['Denver', 7, 8]
    ]
    const { outcome, dataset } = await importBook('words.xlsx', sheetjsBook({ Courts: rows }, 'xlsx'))
    expect(outcome.sheets![0]!.moreTables).toEqual([])
    expect(dataset(outcome.sheets![0]!.id!).rows).toEqual(rows.filter((row) => row.length > 0).slice(1))
    expect(outcome.warnings).toEqual([])
  })

  it('keeps groups after blank rows as data when no header starts them (text marker rows, spacer rows)', async () => {
    const rows: Cell[][] = [
      ['Region', '2011', '2012'],
      ['Total', 387134, 418397],
      [],
      ['Africa', 1653, 1564],
      [],
      ['Unknown', 'D', 'D'],
      ['Other', 12, 'X'],
      [],
      ['Not stated', 'NA', 'NA'],
      ['Elsewhere', 4, 5],
      [],
      ['D Data withheld to limit disclosure.']
    ]
    const { outcome, dataset } = await importBook('groups.xlsx', sheetjsBook({ Groups: rows }, 'xlsx'))
    const [sheet] = outcome.sheets!
    expect(sheet!.moreTables).toEqual([])
    expect(dataset(sheet!.id!).rows).toEqual([
      ['Total', 387134, 418397],
      ['Africa', 1653, 1564],
      ['Unknown', 'D', 'D'],
      ['Other', 12, 'X'],
      ['Not stated', 'NA', 'NA'],
      ['Elsewhere', 4, 5]
    ])
    expect(outcome.warnings).toEqual([])
  })
})
