// Two tables stacked on one sheet (a title, a header and rows, a blank row, then a second title,
// header and rows, and the sheet's footnotes under both), as government releases publish them:
// each becomes a dataset of its own, in workbooks written by SheetJS and exceljs, as .xlsx and .ods.
import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { importWorkbookDatasets } from '../../../../../helpers/import-workbook-datasets'

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

function sheetjsBook(sheets: Record<string, Cell[][]>, bookType: 'xlsx' | 'ods' | 'xls'): Uint8Array {
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


describe('two tables stacked on one sheet', () => {
  const cases: [string, () => Promise<Uint8Array>][] = [
    ['groups.xlsx', () => Promise.resolve(sheetjsBook({ Stacked: STACKED }, 'xlsx'))],
    ['groups.ods', () => Promise.resolve(sheetjsBook({ Stacked: STACKED }, 'ods'))],
    ['groups-exceljs.xlsx', () => exceljsBook('Stacked', STACKED)]
  ]
  for (const [fileName, bytes] of cases) {
    it(`imports each as its own dataset, with its own title and the sheet's footnotes (${fileName})`, async () => {
      const { outcome, dataset } = await importWorkbookDatasets(fileName, await bytes())
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
    const { outcome, dataset } = await importWorkbookDatasets('courts.xlsx', sheetjsBook({ Courts: rows }, 'xlsx'))
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
    const { outcome, dataset } = await importWorkbookDatasets('pages.xlsx', sheetjsBook({ Pages: rows }, 'xlsx'))
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
    const { outcome, dataset } = await importWorkbookDatasets('sexes.xlsx', sheetjsBook({ Sexes: rows }, 'xlsx'))
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
    const { outcome, dataset } = await importWorkbookDatasets('words.xlsx', sheetjsBook({ Courts: rows }, 'xlsx'))
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
    const { outcome, dataset } = await importWorkbookDatasets('groups.xlsx', sheetjsBook({ Groups: rows }, 'xlsx'))
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

// DHS Yearbook tables label their columns with years, as numbers or as text ("2012", "FY2012"),
// print a long table page by page with its header again, and stack tables under one another with
// the same labels. Each shape, as .xlsx, .ods and .xls: a header is never a data row.
describe('stacked tables whose headers hold years or repeat the first', () => {
  const title39 = 'Table 39. Aliens removed by region'
  const first: Cell[][] = [[title39], [], ['Region', 'FY2011', 'FY2012'], ['Central', 1, 2], ['East', 4, 5], []]
  const goingOn = [
    ['Central', 1, 2],
    ['East', 4, 5],
    ['North', 7, 8],
    ['South', 9, 10]
  ]
  const fiscalColumns = [
    ['Region', 'text'],
    ['FY2011', 'integer'],
    ['FY2012', 'integer']
  ]
  const books: ['xlsx' | 'ods' | 'xls', (rows: Cell[][]) => Uint8Array][] = [
    ['xlsx', (rows) => sheetjsBook({ S: rows }, 'xlsx')],
    ['ods', (rows) => sheetjsBook({ S: rows }, 'ods')],
    ['xls', (rows) => sheetjsBook({ S: rows }, 'xls')]
  ]
  /** Every dataset the sheet gave: its name after "book › S", columns and rows, and its source's notes. */
  async function tables(extension: string, bytes: Uint8Array) {
    const { outcome, dataset } = await importWorkbookDatasets(`book.${extension}`, bytes)
    const [sheet] = outcome.sheets!
    const ids = [sheet!.id!, ...sheet!.moreTables.map((table) => table.id)]
    const found = ids.map((id) => dataset(id)).map(({ name, columns, rows, sources }) => ({ name: name.replace(/^book › S/, ''), columns, rows, notes: sources.map((source) => source.notes) }))
    return { found, warnings: outcome.warnings.map((warning) => warning.replace(/^book\.[a-z]+, sheet “S”/, '')) }
  }

  const repeats: [string, Cell[][], (string | null)[]][] = [
    ['a title saying (continued)', [[`${title39} (continued)`]], [`${title39} (continued)`]],
    ['the same title again', [[title39]], [null]],
    ['no title', [], [null]],
    ['a line of its own, (continued)', [['(continued)']], ['(continued)']]
  ]
  for (const [extension, book] of books) {
    for (const [shape, titleRows, notes] of repeats) {
      it(`reads a header of fiscal years repeated under ${shape} as the table going on (.${extension})`, async () => {
        const rows = [...first, ...titleRows, ['Region', 'FY2011', 'FY2012'], ['North', 7, 8], ['South', 9, 10]]
        const headerRow = first.length + titleRows.length + 1
        expect(await tables(extension, book(rows))).toEqual({
          found: [{ name: '', columns: fiscalColumns, rows: goingOn, notes }],
          warnings: [`: its header is repeated at row ${headerRow}; the repeat was not read as data, and the rows under it go on with the table.`]
        })
      })
    }

    it(`reads the same header under another title as a table of its own, years as numbers or as text (.${extension})`, async () => {
      for (const years of [[2011, 2012, 2013], ['2011', '2012', '2013']]) {
        const rows: Cell[][] = [[title39], [], ['Region', ...years], ['Central', 1, 2, 3], ['East', 4, 5, 6], [], ['Table 39B. Aliens returned by region'], ['Region', ...years], ['Central', 10, 20, 30], ['East', 40, 50, 60]]
        const columns = [['Region', 'text'], ...['2011', '2012', '2013'].map((year) => [year, 'integer'])]
        const { found, warnings } = await tables(extension, book(rows))
        expect(found).toEqual([
          { name: '', columns, rows: [['Central', 1, 2, 3], ['East', 4, 5, 6]], notes: [null] },
          { name: ' › Table 39B. Aliens returned by region', columns, rows: [['Central', 10, 20, 30], ['East', 40, 50, 60]], notes: [null] }
        ])
        expect(warnings).toEqual([' holds 2 tables, one under the other (a second header at row 8); each was imported as a dataset of its own.'])
      }
    })

    it(`splits a second table whose header is years as text, under a title, without one, or right under the first (.${extension})`, async () => {
      const second: Cell[][] = [['Country', '2012', '2013'], ['Mexico', 146406, 176968], ['Guatemala', 33570, 47769]]
      const countries = { columns: [['Country', 'text'], ['2012', 'integer'], ['2013', 'integer']], rows: [['Mexico', 146406, 176968], ['Guatemala', 33570, 47769]], notes: [null] }
      const regions = { name: '', columns: fiscalColumns, rows: goingOn.slice(0, 2), notes: [null] }
      expect((await tables(extension, book([...first, ['Table 39B. Removals by country'], ...second]))).found).toEqual([regions, { name: ' › Table 39B. Removals by country', ...countries }])
      expect((await tables(extension, book([...first, ...second]))).found).toEqual([regions, { name: ' › table 2', ...countries, notes: [] }])
      expect((await tables(extension, book([...first.slice(0, -1), ['Table 39B. Removals by country'], ...second]))).found).toEqual([regions, { name: ' › Table 39B. Removals by country', ...countries }])
    })

    it(`splits a second table without a title that shares a label with the first, over other fiscal years (.${extension})`, async () => {
      const rows = [...first, ['Region', 'FY2013', 'FY2014'], ['Central', 11, 12], ['East', 13, 14]]
      const { found } = await tables(extension, book(rows))
      expect(found.map((table) => [table.name, table.columns.map(([label]) => label), table.rows])).toEqual([
        ['', ['Region', 'FY2011', 'FY2012'], goingOn.slice(0, 2)],
        [' › table 2', ['Region', 'FY2013', 'FY2014'], [['Central', 11, 12], ['East', 13, 14]]]
      ])
    })
  }
})

describe('a header repeated with no numbers right under it', () => {
  const header: Cell[] = ['Region', 'FY2011', 'FY2012']
  const cases: [string, Cell[][], number, (string | number)[][]][] = [
    ['at the end of the sheet', [header, ['Central', 1, 2], [], ['Table 39 (continued)'], header], 5, [['Central', 1, 2]]],
    ['over a blank row', [header, ['Central', 1, 2], [], header, [], ['North', 7, 8]], 4, [['Central', 1, 2], ['North', 7, 8]]]
  ]
  for (const [where, rows, at, data] of cases) {
    it(`is left out ${where}, and the year columns stay numbers`, async () => {
      const { outcome, dataset } = await importWorkbookDatasets('pages.xlsx', sheetjsBook({ Pages: rows }, 'xlsx'))
      expect(outcome.sheets![0]!.moreTables).toEqual([])
      expect(dataset(outcome.sheets![0]!.id!)).toMatchObject({ columns: [['Region', 'text'], ['FY2011', 'integer'], ['FY2012', 'integer']], rows: data })
      expect(outcome.warnings).toEqual([`pages.xlsx, sheet “Pages”: its header is repeated at row ${at}; the repeat was not read as data, and the rows under it go on with the table.`])
    })
  }

  it('is left out of a table of text, whose rows go on under it', async () => {
    const rows: Cell[][] = [['Name', 'Office', 'Status'], ['A. Smith', 'Boston', 'Open'], [], ['Name', 'Office', 'Status'], ['B. Jones', 'Miami', 'Closed']]
    const { outcome, dataset } = await importWorkbookDatasets('names.xlsx', sheetjsBook({ Names: rows }, 'xlsx'))
    expect(dataset(outcome.sheets![0]!.id!).rows).toEqual([
      ['A. Smith', 'Boston', 'Open'],
      ['B. Jones', 'Miami', 'Closed']
    ])
    expect(outcome.warnings).toEqual(['names.xlsx, sheet “Names”: its header is repeated at row 4; the repeat was not read as data, and the rows under it go on with the table.'])
  })
})

describe('rows that look like a stacked header but are data', () => {
  it('keeps a year and its figures after a blank row as data in a table whose first column holds years', async () => {
    const rows: Cell[][] = [['Table 39. Removals and returns'], ['Year', 'Removals', 'Returns'], [2009, 10, 20], [2010, 30, 40], [], [2011, 40, 50], [2012, 2013, 2014]]
    const { outcome, dataset } = await importWorkbookDatasets('years.xlsx', sheetjsBook({ Years: rows }, 'xlsx'))
    expect(outcome.sheets![0]!.moreTables).toEqual([])
    expect(dataset(outcome.sheets![0]!.id!).rows).toEqual([[2009, 10, 20], [2010, 30, 40], [2011, 40, 50], [2012, 2013, 2014]])
    expect(outcome.warnings).toEqual([])
  })

  it('keeps figures that read as years as data under a header of years, after a blank row or under a group line', async () => {
    const rows: Cell[][] = [['Region', 2011, 2012], ['Total', 387134, 418397], [], ['Central', 1850, 1920], ['East', 4, 5], [], ['Africa'], ['West', 1999, 2005], ['North', 6, 7], [], ['Table 7'], ['Chairs', 2011, 2012]]
    const { outcome, dataset } = await importWorkbookDatasets('counts.xlsx', sheetjsBook({ Counts: rows }, 'xlsx'))
    expect(outcome.sheets![0]!.moreTables).toEqual([])
    expect(dataset(outcome.sheets![0]!.id!)).toMatchObject({
      columns: [['Region', 'text'], ['2011', 'integer'], ['2012', 'integer']],
      rows: [['Total', 387134, 418397], ['Central', 1850, 1920], ['East', 4, 5], ['Africa', null, null], ['West', 1999, 2005], ['North', 6, 7], ['Table 7', null, null], ['Chairs', 2011, 2012]]
    })
  })

  it('keeps a line naming a table right under the data as data when no header follows it', async () => {
    const rows: Cell[][] = [['Item', 'Count', 'Cost'], ['Desk', 4, 500], ['Table 12', null, null], ['Chairs', 4, 5], ['Lamp', 1, 2]]
    const { outcome, dataset } = await importWorkbookDatasets('items.xlsx', sheetjsBook({ Items: rows }, 'xlsx'))
    expect(outcome.sheets![0]!.moreTables).toEqual([])
    expect(dataset(outcome.sheets![0]!.id!).rows).toEqual([['Desk', 4, 500], ['Table 12', null, null], ['Chairs', 4, 5], ['Lamp', 1, 2]])
  })
})
