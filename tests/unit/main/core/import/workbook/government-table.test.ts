import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { headerMayUseMerges } from '../../../../../../src/main/core/import/workbook/find-sheet-table'
import { sheetsToRead } from '../../../../../../src/main/core/import/workbook/read-workbook'
import type { SheetRow } from '../../../../../../src/main/core/import/workbook/sheet-row'
import type { WorkbookSource } from '../../../../../../src/main/core/import/workbook/workbook-source'
import { readSheets } from './read-sheets'

const FIXTURE = resolve(import.meta.dirname, '../../../../../fixtures/import/workbook/dhs-yearbook-2013-table-39.xlsx')

describe('a government table written by exceljs (title rows, two-row header, merges, formulas, footnotes, markers)', () => {
  it('finds the header below the title, joins its two rows and spreads the merged cells', async () => {
    const [table] = await readSheets(FIXTURE, 'xlsx', null, true)
    expect(table!.name).toBe('Table 39')
    expect(table!.labels).toEqual([
      'Event',
      'Fiscal year › 2008',
      'Fiscal year › 2009',
      'Fiscal year › 2010',
      'Fiscal year › 2011',
      'Fiscal year › 2012',
      'Fiscal year › 2013',
      'Total'
    ])
  })

  it('keeps numbers, formulas’ saved values and disclosure markers as the sheet shows them', async () => {
    const [table] = await readSheets(FIXTURE, 'xlsx', null, true)
    expect(table!.rows).toEqual([
      ['Aliens apprehended', '1043799', '889203', '796587', '678606', '671327', '662483', '4742005'],
      ['Aliens removed', '359795', '391597', '382265', '387134', '418397', '438421', '2377609'],
      ['Aliens returned', '811263', '582624', '474233', '322124', '230386', '178371', '2599001'],
      ['Removals of criminal aliens¹', '97133', 'D', 'X', '-', '(b)(6)', 'D', '97133']
    ])
    expect(table!.warnings).toEqual([])
  })

  it('keeps the title rows and the footnotes for the dataset’s provenance', async () => {
    const [table] = await readSheets(FIXTURE, 'xlsx', null, true)
    expect(table!.summary).toMatchObject({
      titles: ['Table 39. Aliens Apprehended, Removed or Returned: Fiscal Years 2008 to 2013', '(Fiscal years ending September 30)'],
      footnotes: [
        'D Data withheld to limit disclosure.',
        'X Not applicable.',
        '- Represents zero.',
        '¹ 2008: Yearbook of Immigration Statistics 2008, Table 37. The other cells of this row are test markers, not published figures.',
        'Source: U.S. Department of Homeland Security, Yearbook of Immigration Statistics: 2013, Tables 33 and 39.'
      ],
      rows: 4
    })
  })

  it('reads dates as dates, leaves hidden sheets out unless picked, and names a sheet that is not there', async () => {
    const sheets = await readSheets(FIXTURE, 'xlsx', null, true)
    expect(sheets.map((sheet) => sheet.name)).toEqual(['Table 39', 'Case review'])
    const review = sheets[1]!
    expect(review.labels).toEqual(['As of', 'Cases reviewed', 'Cases closed'])
    expect(review.rows).toEqual([
      ['2012-04-16', '219554'],
      ['2012-05-29', '288361', '4403']
    ])
    expect(review.summary).toMatchObject({ titles: ['Prosecutorial-discretion case review, 2012'], footnotes: ['Source: DHS figures reported by The New York Times and Colorlines, 2012.'] })
    expect((await readSheets(FIXTURE, 'xlsx', ['Lookup'], true)).map((sheet) => [sheet.name, sheet.rows])).toEqual([['Lookup', [['D', 'withheld']]]])
    // Excel ignores case in sheet names: so does --sheet, where one worksheet is named so.
    expect((await readSheets(FIXTURE, 'xlsx', ['lookup', 'CASE REVIEW'], true)).map((sheet) => sheet.name)).toEqual(['Case review', 'Lookup'])
    await expect(readSheets(FIXTURE, 'xlsx', ['Table 40'], true)).rejects.toThrow(
      'dhs-yearbook-2013-table-39.xlsx has no worksheet named “Table 40”; its worksheets are “Table 39”, “Case review”, “Lookup”.'
    )
  })
})

describe('sheets picked by name', () => {
  const book = (names: string[]) =>
    ({ facts: { sheets: names.map((name) => ({ name, hidden: false, kind: 'worksheet' })), date1904: false, title: null, creator: null, modified: null, hasMacros: false, note: null } }) as unknown as WorkbookSource

  it('takes the sheet named exactly first, then the one sheet named so without case, and refuses a name two sheets share without case', () => {
    expect(sheetsToRead(book(['Data', 'DATA', 'Notes']), 'b.xlsx', ['DATA']).map((sheet) => sheet.name)).toEqual(['DATA'])
    expect(sheetsToRead(book(['Data', 'Notes']), 'b.xlsx', ['notes']).map((sheet) => sheet.name)).toEqual(['Notes'])
    expect(() => sheetsToRead(book(['Data', 'DATA']), 'b.xlsx', ['data'])).toThrow('b.xlsx has no worksheet named “data”; its worksheets are “Data”, “DATA”.')
  })
})

describe('when merged cells are looked for', () => {
  const row = (n: number, ...values: (string | null)[]): SheetRow => ({ row: n, values, kinds: values.map((value) => (value === null ? null : 'text')), hidden: false })

  it('skips the pass for a sheet whose first rows are full, titles and all', () => {
    expect(headerMayUseMerges([row(1, 'Cases by court'), row(3, 'Court', 'Cases'), row(4, 'Miami', '3')])).toBe(false)
  })

  it('makes it when a header leaves blanks or a group label stands over its columns', () => {
    expect(headerMayUseMerges([row(1, 'Event', 'Fiscal year', null), row(2, null, '2012', '2013')])).toBe(true)
    expect(headerMayUseMerges([row(1, null, 'Fiscal year'), row(2, 'Event', '2012', '2013')])).toBe(true)
  })
})

describe('a large plain sheet', () => {
  it('reads its first rows to decide about merged cells, then every row, without a read error', async () => {
    const { tempDir } = await import('../../../../../helpers/temp-archive')
    const { join } = await import('node:path')
    const { writeFileSync } = await import('node:fs')
    const XLSX = await import('@e965/xlsx')
    const { dir, cleanup } = tempDir('large-sheet')
    try {
      const rows: (string | number)[][] = [['case_id', 'court', 'remarks']]
      for (let i = 1; i <= 40_000; i++) rows.push([i, `Court ${i % 10}`, `hearing ${i} continued for ${i % 90} days at the request of counsel`])
      const book = XLSX.utils.book_new()
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Cases')
      const path = join(dir, 'large.xlsx')
      writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer)
      const [read] = await readSheets(path, 'xlsx', null, true)
      expect(read!.rows).toHaveLength(40_000)
      expect(read!.rows[39_999]).toEqual(['40000', 'Court 0', 'hearing 40000 continued for 40 days at the request of counsel'])
    } finally {
      cleanup()
    }
  })
})
