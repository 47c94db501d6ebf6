// Tables set side by side on one sheet (each under its own title, a blank column between), as
// statistical releases lay out two small tables: each becomes a dataset of its own, in .xlsx, .ods
// and .xls; while a blank column inside one table (a spacer between groups of year columns, a
// column with no values) leaves it one table. Also: a row of units under the header, a hidden
// column among stacked tables, and a stray cell far right of the table.
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { firstRows } from '../../../../../helpers/first-rows'
import { importTestArchive } from '../../../../../helpers/import-test-archive'
import { importWorkbookDatasets } from '../../../../../helpers/import-workbook-datasets'

type Cell = string | number | null
type BookType = 'xlsx' | 'ods' | 'xls'

function sheetjsBook(rows: Cell[][], bookType: BookType, build: (sheet: XLSX.WorkSheet) => void = () => undefined): Uint8Array {
  const book = XLSX.utils.book_new()
  const sheet = XLSX.utils.aoa_to_sheet(rows)
  build(sheet)
  XLSX.utils.book_append_sheet(book, sheet, 'S')
  return XLSX.write(book, { type: 'buffer', bookType }) as Uint8Array
}

async function importBook(fileName: string, bytes: Uint8Array) {
  const { outcome, dataset } = await importWorkbookDatasets(fileName, bytes)
  const [sheet] = outcome.sheets!
  return { outcome, sheet: sheet!, tables: [sheet!.id!, ...sheet!.moreTables.map((table) => table.id)].map(dataset) }
}

const SIDE: Cell[][] = [
  ['Table A. Removed', null, null, null, 'Table B. Returned'],
  [],
  ['Region', 'FY2011', 'FY2012', null, 'Country', 'FY2011', 'FY2012'],
  ['Central', 1, 2, null, 'Mexico', 10, 20],
  ['East', 3, 4, null, 'Guatemala', 30, 40],
  [null, null, null, null, 'Honduras', 50, 60],
  [],
  ['Source: DHS Office of Immigration Statistics.']
]

describe('two tables side by side', () => {
  for (const bookType of ['xlsx', 'ods', 'xls'] as const) {
    it(`imports each as a dataset of its own, with its own header and title and the sheet's source (.${bookType})`, async () => {
      const { outcome, sheet, tables } = await importBook(`side.${bookType}`, sheetjsBook(SIDE, bookType))
      expect(sheet.moreTables.map((table) => [table.name, table.rows])).toEqual([['Table B. Returned', 3]])
      expect(tables).toEqual([
        {
          name: 'side › S',
          columns: [
            ['Region', 'text'],
            ['FY2011', 'integer'],
            ['FY2012', 'integer']
          ],
          rows: [
            ['Central', 1, 2],
            ['East', 3, 4]
          ],
          sources: [{ title: 'Table A. Removed', notes: 'Source: DHS Office of Immigration Statistics.' }]
        },
        {
          name: 'side › S › Table B. Returned',
          columns: [
            ['Country', 'text'],
            ['FY2011', 'integer'],
            ['FY2012', 'integer']
          ],
          rows: [
            ['Mexico', 10, 20],
            ['Guatemala', 30, 40],
            ['Honduras', 50, 60]
          ],
          sources: [{ title: 'Table B. Returned', notes: 'Source: DHS Office of Immigration Statistics.' }]
        }
      ])
      expect(outcome.rows).toBe(5)
      expect(outcome.warnings).toEqual([`side.${bookType}, sheet “S” holds 2 tables side by side (the second from column E); each was imported as a dataset of its own.`])
    })
  }

  it('splits three tables, one of them with headers on another row, and names one without a title by its place', async () => {
    const rows: Cell[][] = [
      ['Removals', null, null, 'Returns'],
      ['Year', 'Count', null, 'Year', 'Count'],
      [2011, 387134, null, 2011, 322124, null, 'Office', 'Pending'],
      [2012, 418397, null, 2012, 230386, null, 'Atlanta', 4410],
      [null, null, null, null, null, null, 'Boston', 3120]
    ]
    const { sheet, tables } = await importBook('three.xlsx', sheetjsBook(rows, 'xlsx'))
    expect(sheet.moreTables.map((table) => [table.name, table.rows])).toEqual([
      ['Returns', 2],
      ['table 3', 2]
    ])
    expect(tables.map((table) => [table.columns, table.rows])).toEqual([
      [
        [
          ['Year', 'integer'],
          ['Count', 'integer']
        ],
        [
          [2011, 387134],
          [2012, 418397]
        ]
      ],
      [
        [
          ['Year', 'integer'],
          ['Count', 'integer']
        ],
        [
          [2011, 322124],
          [2012, 230386]
        ]
      ],
      [
        [
          ['Office', 'text'],
          ['Pending', 'integer']
        ],
        [
          ['Atlanta', 4410],
          ['Boston', 3120]
        ]
      ]
    ])
  })

  it('reads a list printed in two columns of the same labels as two tables, not as one with labels twice', async () => {
    const rows: Cell[][] = [
      ['Office', 'Pending', null, 'Office', 'Pending'],
      ['Atlanta', 4410, null, 'Denver', 2210],
      ['Boston', 3120, null, 'Miami', 5120]
    ]
    const { sheet, tables } = await importBook('snake.xlsx', sheetjsBook(rows, 'xlsx'))
    expect(sheet.moreTables.map((table) => [table.name, table.rows])).toEqual([['table 2', 2]])
    expect(tables.map((table) => table.rows)).toEqual([
      [
        ['Atlanta', 4410],
        ['Boston', 3120]
      ],
      [
        ['Denver', 2210],
        ['Miami', 5120]
      ]
    ])
  })

  for (const bookType of ['ods', 'xlsx'] as const) {
    it(`reads the sheets after one of tables side by side as before (.${bookType})`, async () => {
      const book = XLSX.utils.book_new()
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(SIDE), 'S')
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Office', 'Cases'], ['Atlanta', 120]]), 'T')
      const archive = await importTestArchive()
      const outcome = await archive.run(archive.write(`two.${bookType}`, XLSX.write(book, { type: 'buffer', bookType }) as Uint8Array), {}, () => undefined)
      expect(outcome.sheets!.map((sheet) => [sheet.name, sheet.status, sheet.rows, sheet.moreTables.map((table) => table.rows)])).toEqual([
        ['S', 'imported', 2, [3]],
        ['T', 'imported', 1, []]
      ])
      expect(firstRows(archive.db, outcome.sheets![1]!.id!, 10).rows.map((row) => row.values)).toEqual([['Atlanta', 120]])
    })
  }

  it('keeps a cell that a blank column between them holds further down, in the table left of it', async () => {
    const regions: Cell[][] = Array.from({ length: 32 }, (_, i) => [`Region ${i + 1}`, i, i + 1, null, `Country ${i + 1}`, i * 10, i * 20])
    const rows: Cell[][] = [...SIDE.slice(0, 3), ...regions, ['West', 5, 6, 'r', 'Belize', 7, 8]]
    const { sheet, tables } = await importBook('long.xlsx', sheetjsBook(rows, 'xlsx'))
    expect(sheet.moreTables.map((table) => [table.name, table.rows])).toEqual([['Table B. Returned', 33]])
    expect(tables[0]!.columns.map(([label]) => label)).toEqual(['Region', 'FY2011', 'FY2012', 'Column 4'])
    expect(tables[0]!.rows.at(-1)).toEqual(['West', 5, 6, 'r'])
    expect(tables[1]!.rows.at(-1)).toEqual(['Belize', 7, 8])
  })

  it('keeps each table its own hidden column and hidden rows', async () => {
    const bytes = sheetjsBook(SIDE, 'xlsx', (sheet) => {
      sheet['!cols'] = [{}, {}, {}, {}, {}, { hidden: true }]
      sheet['!rows'] = [{}, {}, {}, {}, {}, { hidden: true }]
    })
    const { tables } = await importBook('hidden.xlsx', bytes)
    expect(tables.map((table) => table.sources[0]!.notes)).toEqual([
      'Source: DHS Office of Immigration Statistics.',
      'Source: DHS Office of Immigration Statistics.\nHidden in the sheet, imported here with the rest: 1 row (6) and column F (“FY2011”).'
    ])
  })
})

describe('a blank column inside one table', () => {
  const cases: [string, Cell[][], string[]][] = [
    [
      'a spacer between groups of years under group labels',
      [
        ['Table 7. Removals by sex'],
        [null, 'Males', null, null, 'Females'],
        ['Region', '2011', '2012', null, '2011', '2012'],
        ['Central', 1, 2, null, 3, 4],
        ['East', 5, 6, null, 7, 8]
      ],
      ['Region', 'Males › 2011', 'Males › 2012', 'Females › 2011', 'Females › 2012']
    ],
    [
      'a spacer before a group opening with a column of text, under one title',
      [
        ['Cases completed'],
        ['Case', 'Completed', null, 'Office', 'Days'],
        ['A-1', 2011, null, 'Atlanta', 412],
        ['A-2', 2012, null, 'Boston', 388]
      ],
      ['Case', 'Completed', 'Office', 'Days']
    ],
    [
      'a spacer before columns of percents',
      [
        ['Table 8. Removals'],
        ['Country', '2017', '2018', null, 'Share 2017', 'Share 2018'],
        ['Mexico', 128765, 141045, null, 0.57, 0.55],
        ['Guatemala', 33570, 50390, null, 0.15, 0.2]
      ],
      ['Country', '2017', '2018', 'Share 2017', 'Share 2018']
    ],
    [
      'a spacer in a table of text under one title',
      [
        ['Cases on the docket'],
        ['Name', 'Court', null, 'Status', 'Judge'],
        ['A. B.', 'Atlanta', null, 'Pending', 'Smith'],
        ['C. D.', 'Boston', null, 'Closed', 'Jones']
      ],
      ['Name', 'Court', 'Status', 'Judge']
    ],
    [
      'a column of one label beside a spacer',
      [
        ['Office', 'Cases', null, 'Remarks'],
        ['Atlanta', 120, null, 'Reopened'],
        ['Boston', 98, null, 'Closed']
      ],
      ['Office', 'Cases', 'Remarks']
    ]
  ]
  for (const [what, rows, labels] of cases) {
    it(`leaves it one table: ${what}`, async () => {
      // Group labels are merged over their columns, as a spreadsheet program centres them.
      const merged = (sheet: XLSX.WorkSheet) => (sheet['!merges'] = rows[1]![1] === 'Males' ? [XLSX.utils.decode_range('B2:C2'), XLSX.utils.decode_range('E2:F2')] : [])
      const { sheet, tables } = await importBook('one.xlsx', sheetjsBook(rows, 'xlsx', merged))
      expect(sheet.moreTables).toEqual([])
      expect(tables[0]!.columns.map(([label]) => label)).toEqual(labels)
    })
  }
})

describe('a row of units under the header', () => {
  for (const bookType of ['xlsx', 'ods'] as const) {
    it(`is kept in the provenance, not read as data, and the columns are typed from the data (.${bookType})`, async () => {
      const rows: Cell[][] = [
        ['Region', 'Count', 'Share'],
        [null, '(number)', '(percent)'],
        ['Central', 1, 0.5],
        ['East', 2, 0.25]
      ]
      const { outcome, tables } = await importBook(`units.${bookType}`, sheetjsBook(rows, bookType))
      expect(tables[0]).toMatchObject({
        columns: [
          ['Region', 'text'],
          ['Count', 'integer'],
          ['Share', 'real']
        ],
        rows: [
          ['Central', 1, 0.5],
          ['East', 2, 0.25]
        ],
        sources: [{ title: `units.${bookType} › S`, notes: 'Units, as a row under the header gives them: “Count” (number), “Share” (percent).' }]
      })
      expect(outcome.warnings).toEqual([])
    })
  }

  it('keeps a row of markers under the header as data', async () => {
    const rows: Cell[][] = [
      ['Region', 'Count', 'Share'],
      ['Central', '(D)', '(X)'],
      ['East', 2, 0.25]
    ]
    const { tables } = await importBook('markers.xlsx', sheetjsBook(rows, 'xlsx'))
    expect(tables[0]!.rows).toEqual([
      ['Central', '(D)', '(X)'],
      ['East', 2, 0.25]
    ])
  })
})

describe('a hidden column among tables stacked on a sheet', () => {
  it('is named in each table by that table’s own label', async () => {
    const rows: Cell[][] = [
      ['Table A. Removed'],
      ['Region', 'Removed', 'Returned'],
      ['Central', 1, 2],
      ['East', 3, 4],
      [],
      ['Table B. Rates'],
      ['Office', 'Share', 'Duration'],
      ['Miami', 0.25, 1.5],
      ['Denver', 0.5, 2.25]
    ]
    const { outcome, tables } = await importBook('stacked.xlsx', sheetjsBook(rows, 'xlsx', (sheet) => (sheet['!cols'] = [{}, {}, { hidden: true }])))
    expect(tables.map((table) => table.sources[0]!.notes)).toEqual([
      'Hidden in the sheet, imported here with the rest: column C (“Returned”).',
      'Hidden in the sheet, imported here with the rest: column C (“Duration”).'
    ])
    expect(outcome.warnings).toContain('stacked.xlsx, sheet “S”: column C (“Returned”, “Duration”) is hidden in the sheet; it was imported with the rest.')
  })
})

describe('a stray cell far right of the table', () => {
  const cases: [BookType, string][] = [
    ['xlsx', 'XFD3'],
    ['ods', 'XFD3'],
    ['xls', 'IV3']
  ]
  for (const [bookType, far] of cases) {
    it(`is left out with a warning naming it, and the table is imported (.${bookType})`, async () => {
      const rows: Cell[][] = [
        ['Name', 'Count'],
        ['a', 1],
        ['b', 2]
      ]
      const bytes = sheetjsBook(rows, bookType, (sheet) => {
        sheet[far] = { t: 'n', v: 7 }
        sheet['!ref'] = `A1:${far}`
      })
      const { outcome, tables } = await importBook(`far.${bookType}`, bytes)
      expect(tables[0]).toMatchObject({
        columns: [
          ['Name', 'text'],
          ['Count', 'integer']
        ],
        rows: [
          ['a', 1],
          ['b', 2]
        ]
      })
      expect(outcome.warnings).toEqual([`far.${bookType}, sheet “S”: a cell far right of the table (${far}) was left out; it is not part of the table.`])
    })
  }

  it('keeps a label of the header far right of the others, and the cells under it', async () => {
    const gap: Cell[] = Array.from({ length: 60 }, () => null)
    const rows: Cell[][] = [
      ['Name', 'Count', ...gap, 'Remarks'],
      ['a', 1, ...gap, 'x'],
      ['b', 2]
    ]
    const { outcome, tables } = await importBook('wide.xlsx', sheetjsBook(rows, 'xlsx'))
    expect(tables[0]!.columns.map(([label]) => label)).toEqual(['Name', 'Count', 'Remarks'])
    expect(tables[0]!.rows).toEqual([
      ['a', 1, 'x'],
      ['b', 2, null]
    ])
    expect(outcome.warnings).toEqual(['wide.xlsx, sheet “S”: columns C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W, X, Y, Z, AA, AB, AC, AD, AE, AF, AG, AH, AI, AJ, AK, AL, AM, AN, AO, AP, AQ, AR, AS, AT, AU, AV, AW, AX, AY, AZ, BA, BB, BC, BD, BE, BF, BG, BH, BI, BJ have no header and no values; they were left out.'])
  })
})
