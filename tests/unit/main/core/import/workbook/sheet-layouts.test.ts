// How a sheet becomes a table, imported into a real archive from workbooks written by other
// programs (exceljs and SheetJS) than Casefile's reader: where its header is, which rows are data,
// and which are the title and footnotes kept in the dataset's provenance.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../../helpers/first-rows'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

type Cell = string | number | null

/** Imports `bytes` as `name` and gives back its first sheet's dataset as the archive holds it. */
async function importSheet(name: string, bytes: Uint8Array) {
  const archive = await importTestArchive()
  const outcome = await archive.run(archive.write(name, bytes), {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null })
  const dataset = getDataset(archive.db, outcome.sheets![0]!.id!)!
  return {
    outcome,
    labels: dataset.columns.map((column) => column.label),
    types: dataset.columns.map((column) => column.type),
    rows: firstRows(archive.db, dataset.id, 5000).rows.map((row) => row.values),
    sources: dataset.sources
  }
}

async function exceljsBook(rows: Cell[][], build: (sheet: ExcelJS.Worksheet) => void = () => undefined): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('T')
  for (const row of rows) sheet.addRow(row)
  build(sheet)
  return new Uint8Array(await book.xlsx.writeBuffer())
}

function sheetjsBook(sheets: Record<string, Cell[][]>): Uint8Array {
  const book = XLSX.utils.book_new()
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name)
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array
}

const sentence = (n: number) => `The respondent was placed in removal proceedings after an encounter number ${n} in the county jail`

describe('a sheet whose rows each hold one long text', () => {
  it('keeps a one-column list of sentences as rows, not as footnotes', async () => {
    const list: Cell[][] = [['Description'], ...Array.from({ length: 20 }, (_, i) => [sentence(i + 1)])]
    const read = await importSheet('foialog.xlsx', sheetjsBook({ Descriptions: list }))
    expect(read.outcome.sheets!.map((sheet) => [sheet.name, sheet.status, sheet.rows])).toEqual([['Descriptions', 'imported', 20]])
    expect(read.labels).toEqual(['Description'])
    expect(read.types).toEqual(['text'])
    expect(read.rows).toEqual(Array.from({ length: 20 }, (_, i) => [sentence(i + 1)]))
    expect(read.sources).toEqual([])
    expect(read.outcome.warnings).toEqual([])
  })

  it('keeps the sentences after a blank row in a one-column list as rows (exceljs)', async () => {
    const bytes = await exceljsBook([['Description'], [sentence(1)], [sentence(2)], [], [sentence(3)], [sentence(4)]], (sheet) => {
      // A blank row as spreadsheet programs keep one: a row element with a styled, empty cell.
      sheet.getCell('A4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } }
    })
    const read = await importSheet('gap.xlsx', bytes)
    expect(read.rows).toEqual([[sentence(1)], [sentence(2)], [sentence(3)], [sentence(4)]])
    expect(read.sources).toEqual([])
  })

  it('keeps a list longer than the rows held back as footnotes, and still finds the footnote after it', async () => {
    const list: Cell[][] = [['s'], ...Array.from({ length: 1200 }, (_, i) => [`string number ${i + 1} with some padding text to make it longer than forty characters`])]
    list.push([], ['Source: ICE Freedom of Information Act office, request log 2012.'])
    const read = await importSheet('sst.xlsx', sheetjsBook({ Strings: list }))
    expect(read.outcome.sheets![0]!.rows).toBe(1200)
    expect(read.rows[0]).toEqual(['string number 1 with some padding text to make it longer than forty characters'])
    expect(read.rows[1199]).toEqual(['string number 1200 with some padding text to make it longer than forty characters'])
    expect(read.sources).toEqual([
      { key: null, publisher: null, title: 'sst.xlsx › Strings', date: null, url: null, notes: 'Source: ICE Freedom of Information Act office, request log 2012.' }
    ])
  })

  it('keeps rows that fill only one cell of a wider header as data, never emptying the table into notes', async () => {
    const rows: Cell[][] = [['Request', 'Status'], ...Array.from({ length: 5 }, (_, i) => [sentence(i + 1)])]
    rows.push([], ['Note: the status of these requests was not recorded.'])
    const read = await importSheet('requests.xlsx', await exceljsBook(rows))
    expect(read.labels).toEqual(['Request', 'Status'])
    expect(read.rows).toEqual(Array.from({ length: 5 }, (_, i) => [sentence(i + 1), null]))
    expect(read.sources.map((source) => [source.title, source.notes])).toEqual([['requests.xlsx › T', 'Note: the status of these requests was not recorded.']])
    expect(read.outcome.warnings).toEqual([])
  })

  it('keeps a source line right under a header with no data as a note, and says the table is empty', async () => {
    const read = await importSheet('empty-table.xlsx', await exceljsBook([
      ['Office', 'Detainers lodged'],
      ['Source: ICE Enforcement and Removal Operations; no detainers were lodged in the period.']
    ]))
    expect(read.labels).toEqual(['Office', 'Detainers lodged'])
    expect(read.rows).toEqual([])
    expect(read.sources.map((source) => [source.title, source.notes])).toEqual([
      ['empty-table.xlsx › T', 'Source: ICE Enforcement and Removal Operations; no detainers were lodged in the period.']
    ])
    expect(read.outcome.warnings).toEqual(['empty-table.xlsx, sheet “T” has a header but no data rows.'])
  })
})

/** Small workbooks LibreOffice 7.4 wrote: tests/fixtures/import/workbook/libreoffice/make-fixtures.py, converted with `soffice --headless --convert-to`. */
const libreOffice = (name: string) => new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../../../../fixtures/import/workbook/libreoffice', name)))

describe('legends of markers after the table', () => {
  it('takes the Census/DHS legends under a blank row (NA, (X), —, D, Z, *, a marker in its own cell) as notes (LibreOffice .xlsx)', async () => {
    const read = await importSheet('legend.xlsx', libreOffice('legend.xlsx'))
    expect(read.labels).toEqual(['Year', 'Removals', 'Returns'])
    expect(read.rows).toEqual([
      [2010, 382265, 474195],
      [2011, 387134, 'NA'],
      [2012, 418397, 230386],
      [2013, 438421, 178371]
    ])
    expect(read.types).toEqual(['integer', 'integer', 'integer'])
    expect(read.sources.map((source) => source.notes)).toEqual([
      [
        'NA Not available.',
        '(X) Not applicable.',
        '— Represents zero.',
        'D Withheld to avoid disclosing data of individual companies.',
        'Z Rounds to zero.',
        '* Less than 0.5 percent.',
        '(D) Withheld to avoid disclosing data.',
        'Source: DHS, Office of Immigration Statistics.'
      ].join('\n')
    ])
  })

  it('keeps a marker-led row inside the table, or right under its last row, as data', async () => {
    const read = await importSheet('regions.xlsx', await exceljsBook([
      ['Region', 'Removals'],
      ['Africa', 1912],
      ['NA North America'],
      ['Asia', 4151],
      ['(X) Unassigned region']
    ]))
    expect(read.rows).toEqual([['Africa', 1912], ['NA North America', null], ['Asia', 4151], ['(X) Unassigned region', null]])
    expect(read.sources).toEqual([])
  })

  it('keeps a marker-led row after a blank row as data when data follows it', async () => {
    const read = await importSheet('groups.xlsx', await exceljsBook([['Region', 'Removals'], ['Africa', 1912], [], ['NA North America'], ['Canada', 340], ['Mexico', 176968]]))
    expect(read.rows).toEqual([['Africa', 1912], ['NA North America', null], ['Canada', 340], ['Mexico', 176968]])
    expect(read.sources).toEqual([])
  })

  it('keeps a marker-led group label after a blank row under the header as data, not as a note on the table', async () => {
    const read = await importSheet('first-group.xlsx', await exceljsBook([['Region', 'Removals'], [], ['NA North America'], ['Canada', 340], ['Mexico', 176968]]))
    expect(read.rows).toEqual([['NA North America', null], ['Canada', 340], ['Mexico', 176968]])
    expect(read.sources).toEqual([])
  })
})

describe('blank spacer columns', () => {
  it('leaves out a column blank in the header and in every row, says so, and keeps a headed column with no values', async () => {
    const read = await importSheet('citizenship.xlsx', await exceljsBook([
      ['Removals by country of citizenship'],
      [],
      ['Country', null, 2017, 2018, 'Notes'],
      ['Total', null, 226119, 256085],
      ['Mexico', null, 128765, 141045],
      ['Guatemala', null, 33570, 50390]
    ]))
    expect(read.labels).toEqual(['Country', '2017', '2018', 'Notes'])
    expect(read.types).toEqual(['text', 'integer', 'integer', 'text'])
    expect(read.rows).toEqual([
      ['Total', 226119, 256085, null],
      ['Mexico', 128765, 141045, null],
      ['Guatemala', 33570, 50390, null]
    ])
    expect(read.outcome.warnings).toEqual(['citizenship.xlsx, sheet “T”: column B has no header and no values; it was left out.'])
  })

  it('keeps a column with no header when a row holds a value in it', async () => {
    const read = await importSheet('spacer-used.xlsx', await exceljsBook([
      ['Country', null, 'Removals'],
      ['Mexico', null, 128765],
      ['Guatemala', 'r', 33570]
    ]))
    expect(read.labels).toEqual(['Country', 'Column 2', 'Removals'])
    expect(read.rows).toEqual([
      ['Mexico', null, 128765],
      ['Guatemala', 'r', 33570]
    ])
    expect(read.outcome.warnings).toEqual([])
  })
})

describe('title and note rows above the header', () => {
  it('takes a title row with a page number at its far end as the title, not the header (exceljs)', async () => {
    const bytes = await exceljsBook([
      ['Table 37. Aliens removed by region and country', null, null, 'Page 1 of 1'],
      [],
      ['Region and country of nationality', '2011', '2012', '2013'],
      ['REGION'],
      ['Total', 387134, 418397, 438421],
      ['Africa', 1592, 1588, 1499],
      ['Asia', 'D', 3019, 3331],
      [],
      ['COUNTRY'],
      ['Mexico', 288078, 303745, 314904],
      ['Guatemala', 30343, 38677, 46866],
      [],
      ['- Represents zero. D Data withheld to limit disclosure.']
    ])
    const read = await importSheet('sections.xlsx', bytes)
    expect(read.labels).toEqual(['Region and country of nationality', '2011', '2012', '2013'])
    expect(read.types).toEqual(['text', 'integer', 'integer', 'integer'])
    expect(read.rows).toEqual([
      ['REGION', null, null, null],
      ['Total', 387134, 418397, 438421],
      ['Africa', 1592, 1588, 1499],
      ['Asia', 'D', 3019, 3331],
      ['COUNTRY', null, null, null],
      ['Mexico', 288078, 303745, 314904],
      ['Guatemala', 30343, 38677, 46866]
    ])
    expect(read.sources).toEqual([
      {
        key: null,
        publisher: null,
        title: 'Table 37. Aliens removed by region and country',
        date: null,
        url: null,
        notes: 'Page 1 of 1\n- Represents zero. D Data withheld to limit disclosure.'
      }
    ])
  })

  it('takes a unit note beside the title, right above the header, as a note (SheetJS)', async () => {
    const bytes = sheetjsBook({
      Removals: [
        ['Table 5. Removals by country', null, '(Numbers in thousands)'],
        ['Country', 'Fiscal 2012', 'Fiscal 2013'],
        ['Mexico', 303.7, 314.9],
        ['Guatemala', 38.7, 46.9]
      ]
    })
    const read = await importSheet('units.xlsx', bytes)
    expect(read.labels).toEqual(['Country', 'Fiscal 2012', 'Fiscal 2013'])
    expect(read.types).toEqual(['text', 'real', 'real'])
    expect(read.rows).toEqual([
      ['Mexico', 303.7, 314.9],
      ['Guatemala', 38.7, 46.9]
    ])
    expect(read.sources.map((source) => [source.title, source.notes])).toEqual([['Table 5. Removals by country', '(Numbers in thousands)']])
  })

  it('takes a title with a unit note over a header of two columns as the title (SheetJS)', async () => {
    const read = await importSheet('narrow.xlsx', sheetjsBook({ Removals: [['Table 2. Removals', '(In thousands)'], ['Country', 'Removals'], ['Mexico', 314.9], ['Guatemala', 46.9]] }))
    expect(read.labels).toEqual(['Country', 'Removals'])
    expect(read.types).toEqual(['text', 'real'])
    expect(read.rows).toEqual([
      ['Mexico', 314.9],
      ['Guatemala', 46.9]
    ])
    expect(read.sources.map((source) => [source.title, source.notes])).toEqual([['Table 2. Removals', '(In thousands)']])
  })

  it('takes a unit note alone at the right, right above the header, as a note and not a group label (exceljs)', async () => {
    const bytes = await exceljsBook([
      ['Table 6. Apprehensions by sector'],
      [null, null, null, '(In thousands)'],
      ['Sector', '2011', '2012', '2013'],
      ['Tucson', 123.3, 120, 120.9],
      ['Rio Grande Valley', 59.2, 97.8, 154.5]
    ])
    const read = await importSheet('sectors.xlsx', bytes)
    expect(read.labels).toEqual(['Sector', '2011', '2012', '2013'])
    expect(read.rows[0]).toEqual(['Tucson', 123.3, 120, 120.9])
    expect(read.sources.map((source) => [source.title, source.notes])).toEqual([['Table 6. Apprehensions by sector', '(In thousands)']])
  })

  it('still joins an unmerged group row over a header that repeats the first label', async () => {
    const bytes = await exceljsBook([
      ['Removals and returns by country'],
      ['Country', 'Removals', null, 'Returns', null],
      ['Country', 'Total', 'Criminal', 'Total', 'Criminal'],
      ['Mexico', 314904, 146130, 101000, 20000],
      ['Guatemala', 46866, 18000, 1200, 300]
    ])
    const read = await importSheet('groups.xlsx', bytes)
    expect(read.labels).toEqual(['Country', 'Removals › Total', 'Removals › Criminal', 'Returns › Total', 'Returns › Criminal'])
    expect(read.rows).toHaveLength(2)
    expect(read.sources.map((source) => source.title)).toEqual(['Removals and returns by country'])
  })
})

describe('cells merged down over data rows', () => {
  it('shows a category merged over several rows beside each of them (exceljs)', async () => {
    const bytes = await exceljsBook(
      [
        ['Region', 'Country', 'Removals'],
        ['Central America', 'Guatemala', 46866],
        [null, 'Honduras', 36526],
        [null, 'El Salvador', 21602],
        ['Caribbean', 'Dominican Republic', 2462],
        [null, 'Jamaica', 1362]
      ],
      (sheet) => {
        sheet.mergeCells('A2:A4')
        sheet.mergeCells('A5:A6')
      }
    )
    const read = await importSheet('regions.xlsx', bytes)
    expect(read.labels).toEqual(['Region', 'Country', 'Removals'])
    expect(read.types).toEqual(['text', 'text', 'integer'])
    expect(read.rows).toEqual([
      ['Central America', 'Guatemala', 46866],
      ['Central America', 'Honduras', 36526],
      ['Central America', 'El Salvador', 21602],
      ['Caribbean', 'Dominican Republic', 2462],
      ['Caribbean', 'Jamaica', 1362]
    ])
  })
})
