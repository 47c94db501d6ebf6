// The .ods reader streams content.xml: each sheet's rows as the sheet shows them, with LibreOffice's
// repeats, merges and hidden rows and columns, and no cap on the file's size. edge.ods and
// edge1904.ods are LibreOffice 7.4's own from edge.fods (beside them; `soffice --headless
// --convert-to ods`, and for edge1904 the same with a table:null-date of 1904-01-01); the other
// files are content.xml written here.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { queryDatasetRows } from '../../../../../../src/main/core/datasets/query-dataset-rows'
import { OdsWorkbook } from '../../../../../../src/main/core/import/workbook/ods-workbook'
import { openWorkbook } from '../../../../../../src/main/core/import/workbook/read-workbook'
import type { SheetRow } from '../../../../../../src/main/core/import/workbook/sheet-row'
import type { SheetReadFacts } from '../../../../../../src/main/core/import/workbook/workbook-source'
import { writeHandWrittenOds } from '../../../../../helpers/hand-written-workbooks'
import { importTestArchive } from '../../../../../helpers/import-test-archive'
import { tempFolders } from '../../../../../helpers/temp-archive'
import { readSheets } from './read-sheets'

const folder = tempFolders('ods-streaming')
const FIXTURES = resolve(import.meta.dirname, '../../../../../fixtures/import/workbook/libreoffice')

interface Read {
  book: OdsWorkbook
  sheets: { name: string; rows: SheetRow[]; facts: SheetReadFacts; merges: string[] }[]
}

async function readOds(path: string): Promise<Read> {
  const signal = new AbortController().signal
  const book = await openWorkbook(path, path.split('/').at(-1)!, 'ods', signal)
  expect(book).toBeInstanceOf(OdsWorkbook)
  const ods = book as OdsWorkbook
  try {
    const sheets: Read['sheets'] = []
    for (const sheet of ods.facts.sheets) {
      const merges = (await ods.allMerges(sheet, signal)).map((m) => `${m.firstColumn}-${m.lastColumn}:${m.firstRow}-${m.lastRow}`)
      const rows: SheetRow[] = []
      const facts = await ods.readRows(sheet, (row) => rows.push(row), signal, () => undefined)
      sheets.push({ name: sheet.name, rows, facts, merges })
    }
    return { book: ods, sheets }
  } finally {
    book.close()
  }
}

const text = (value: string) => `<table:table-cell office:value-type="string"><text:p>${value}</text:p></table:table-cell>`
const float = (value: number) => `<table:table-cell office:value-type="float" office:value="${value}"><text:p>${value}</text:p></table:table-cell>`
const row = (...cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`

describe('an .ods written by LibreOffice', () => {
  it.each([
    ['edge.ods', false],
    ['edge1904.ods', true]
  ])('reads %s cell by cell as the sheet shows it, with its merges and its hidden rows and columns', async (file, date1904) => {
    const { book, sheets } = await readOds(resolve(FIXTURES, file))
    expect(book.facts).toMatchObject({ date1904, title: 'Edge cases', creator: 'Tester', hasMacros: false })
    expect(book.facts.sheets.map((sheet) => [sheet.name, sheet.hidden])).toEqual([
      ['Edge', false],
      ['Second', false]
    ])
    const [edge, second] = sheets
    expect(edge!.rows.map((r) => [r.row, r.hidden, ...r.values.map((value, column) => (value === null ? null : `${r.kinds[column]}:${value}`))])).toEqual([
      [1, false, 'text:Title merged across'],
      [2, false, 'text:Name', 'text:Value', 'text:Hidden col', 'text:Bool', 'text:Formula', 'text:Dur', 'text:Zip'],
      // The annotation on A3 is not its text; the percentage and the currency are the numbers they hold;
      // 50:30 is a duration past a day, shown without seconds as LibreOffice's .xlsx and .xls of it read; 02:15:30 a time of day; 00501 and 02134 are shown by the column's default style.
      [3, false, 'text:two spacestab\nsecond span link', 'percent:0.125', 'number:7', 'boolean:TRUE', 'error:#DIV/0!', 'number:50:30', 'number:00501'],
      [4, true, 'text:linebreak & amp', 'number:1234.5', null, 'boolean:FALSE', 'error:#N/A', 'date:02:15:30', 'number:02134'],
      [5, false, 'text:rep', 'number:5', 'number:5'],
      [6, false, 'text:rep', 'number:5', 'number:5'],
      [7, false, 'text:rep', 'number:5', 'number:5'],
      // Days before 1900 as written, whatever the null date; a formula's cached text. LibreOffice gave
      // the dates a format with a time (07/04/1850 12:00 AM), so their midnights are shown.
      [8, false, 'text:Down', 'date:1850-07-04T00:00:00', 'date:2012-06-02T00:00:00', 'date:1900-02-28T12:00:00', 'text:FY2012'],
      [9, false, null, 'number:1.5e-7', 'number:12345678901234600'],
      [10, true, 'text:filtered', 'number:3']
    ])
    expect(edge!.merges).toEqual(['0-2:1-1', '0-0:8-9'])
    expect(edge!.facts).toEqual({ formulasWithoutValue: 0, textFormulasSavedAsZero: new Map(), hiddenColumns: [2] })
    expect(second!.rows.map((r) => r.values)).toEqual([
      ['A', 'B'],
      ['1', '2']
    ])
    expect(second!.facts.hiddenColumns).toEqual([])
  })
})

describe('an .ods written by hand', () => {
  it('reads spaces, tabs, line breaks, paragraphs, spans and links of a cell, leaving annotations out', async () => {
    const cell =
      '<table:table-cell office:value-type="string"><office:annotation><text:p>not the value</text:p></office:annotation>' +
      '<text:p>two<text:s text:c="2"/>more <text:span text:style-name="T1">spaced</text:span><text:tab/>tabbed</text:p>' +
      '<text:p>line<text:line-break/>broken, <text:a xlink:href="https://example.org/">linked</text:a> &amp; kept</text:p></table:table-cell>'
    const path = writeHandWrittenOds(
      `${folder()}/text.ods`,
      `<table:table table:name="Text">${row(text('Note'))}${row(cell)}${row('<table:table-cell office:value-type="string" office:string-value="from the attribute"><text:p>shown</text:p></table:table-cell>')}</table:table>`,
      ''
    )
    const { sheets } = await readOds(path)
    expect(sheets[0]!.rows.map((r) => r.values)).toEqual([['Note'], ['two  more spaced\ttabbed\nline\nbroken, linked & kept'], ['from the attribute']])
  })

  it('never spreads LibreOffice’s trailing empty repeats, and repeats what holds a value', async () => {
    const empty = '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    const repeated = '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3" office:value-type="float" office:value="4"><text:p>4</text:p></table:table-cell></table:table-row>'
    const columns = '<table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse" table:number-columns-repeated="16382"/>'
    const path = writeHandWrittenOds(`${folder()}/repeats.ods`, `<table:table table:name="R">${columns}${row(text('a'), text('b'), text('c'))}${repeated}${empty}${row(text('last'))}</table:table>`, '')
    const started = Date.now()
    const { sheets } = await readOds(path)
    // A million empty rows cost nothing: reading them one by one would take far longer.
    expect(Date.now() - started).toBeLessThan(5000)
    expect(sheets[0]!.rows.map((r) => [r.row, ...r.values])).toEqual([
      [1, 'a', 'b', 'c'],
      [2, '4', '4', '4'],
      [3, '4', '4', '4'],
      [1_048_574, 'last']
    ])
    // Of the 16,382 columns hidden, those that hold something.
    expect(sheets[0]!.facts.hiddenColumns).toEqual([2])
  })

  it('counts formulas saved without a value, and refuses a cell past column 16,384 or one whose spaces would run past 16 million characters', async () => {
    const formula = '<table:table-cell table:formula="of:=SUM([.A1:.A2])"/>'
    const ok = writeHandWrittenOds(`${folder()}/formula.ods`, `<table:table table:name="F">${row(text('a'), formula)}</table:table>`, '')
    expect((await readOds(ok)).sheets[0]!.facts.formulasWithoutValue).toBe(1)

    const wide = writeHandWrittenOds(`${folder()}/wide.ods`, `<table:table table:name="W">${row('<table:table-cell table:number-columns-repeated="16384"/>', text('x'))}</table:table>`, '')
    await expect(readOds(wide)).rejects.toThrow('wide.ods is damaged (sheet “W” has a cell in row 1 past column 16,384); nothing was imported. Re-download or re-save it.')

    // 60,000 runs of 32,767 spaces: 2 MB of XML that would make two billion characters.
    const spaces = `<table:table-cell office:value-type="string"><text:p>${'<text:s text:c="32767"/>'.repeat(60_000)}</text:p></table:table-cell>`
    const spaced = writeHandWrittenOds(`${folder()}/spaces.ods`, `<table:table table:name="S">${row(spaces)}</table:table>`, '')
    await expect(readOds(spaced)).rejects.toThrow('spaces.ods is damaged (sheet “S” has a cell whose text runs past 16 million characters')
  })

  it('refuses a sheet whose table never ends, naming the sheet', async () => {
    const archive = await importTestArchive()
    const path = writeHandWrittenOds(archive.path('cut.ods'), `<table:table table:name="C">${row(text('a'))}${row(text('b'))}`, '')
    const outcome = await archive.run(path, {}, () => undefined)
    expect(outcome.error).toBe('cut.ods is damaged (sheet “C” ends mid-way through its XML); nothing was imported. Re-download or re-save it.')
  })
})

describe('the sheets of one .ods', () => {
  it('reads each sheet’s rows in any order, going on from the sheet before when they come in order', async () => {
    const tables = ['One', 'Two', 'Three'].map((name, i) => `<table:table table:name="${name}">${row(text('Sheet'), text('N'))}${row(text(name), `<table:table-cell office:value-type="float" office:value="${i}"/>`)}</table:table>`)
    const path = writeHandWrittenOds(`${folder()}/three.ods`, tables.join(''), '')
    const signal = new AbortController().signal
    const book = (await openWorkbook(path, 'three.ods', 'ods', signal)) as OdsWorkbook
    try {
      const rowsOf = async (index: number) => {
        const rows: (string | null)[][] = []
        await book.readRows(book.facts.sheets[index]!, (r) => rows.push(r.values), signal, () => undefined)
        return rows
      }
      for (const index of [0, 1, 2, 1, 0, 2, 2]) expect(await rowsOf(index)).toEqual([['Sheet', 'N'], [['One', 'Two', 'Three'][index]!, String(index)]])
      // How far a sheet's reading is, as a share of its own table.
      const read: number[] = []
      await book.readRows(book.facts.sheets[1]!, () => undefined, signal, (fraction) => read.push(fraction))
      expect(read.length).toBeGreaterThan(0)
      expect(read.every((fraction) => fraction >= 0 && fraction <= 1)).toBe(true)
      expect(read.at(-1)).toBe(1)
    } finally {
      book.close()
    }
  })

  it('looks for merges only in a sheet that has them, and then only when its header may need them', async () => {
    const spanned = '<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Fiscal year</text:p></table:table-cell><table:covered-table-cell/>'
    const tables = [
      `<table:table table:name="Plain">${row(text('A'), text('B'))}${row(float(1), float(2))}</table:table>`,
      `<table:table table:name="Merged">${row(text('Office'), spanned)}${row('<table:table-cell/>', text('2012'), text('2013'))}${row(text('Boston'), float(1), float(2))}</table:table>`
    ]
    const path = writeHandWrittenOds(`${folder()}/merged.ods`, tables.join(''), '')
    const [plain, merged] = await readSheets(path, 'ods', null, true)
    expect(plain!.labels).toEqual(['A', 'B'])
    expect(merged!.labels).toEqual(['Office', 'Fiscal year › 2012', 'Fiscal year › 2013'])
    expect(merged!.rows).toEqual([['Boston', '1', '2']])
    const signal = new AbortController().signal
    const book = (await openWorkbook(path, 'merged.ods', 'ods', signal)) as OdsWorkbook
    try {
      expect(await book.merges(book.facts.sheets[0]!, signal)).toEqual([])
      expect(await book.merges(book.facts.sheets[1]!, signal)).toEqual([{ firstColumn: 1, lastColumn: 2, firstRow: 1, lastRow: 1 }])
    } finally {
      book.close()
    }
  })
})

describe('an Excel workbook named .ods', () => {
  it('is read as the .xlsx it is', async () => {
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Office', 'Cases'], ['Boston', 12]]), 'Export')
    const path = `${folder()}/export.ods`
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer)
    const [read] = await readSheets(path, 'ods', null, true)
    expect(read!.labels).toEqual(['Office', 'Cases'])
    expect(read!.rows).toEqual([['Boston', '12']])
  })
})

describe('an OpenDocument spreadsheet named .xlsx or .xls', () => {
  it('is read as the .ods it is', async () => {
    for (const name of ['export.xlsx', 'export.xls']) {
      const path = writeHandWrittenOds(`${folder()}/${name}`, `<table:table table:name="Export">${row(text('Office'), text('Cases'))}${row(text('Boston'), float(12))}</table:table>`, '')
      const [read] = await readSheets(path, name.endsWith('.xls') ? 'xls' : 'xlsx', null, true)
      expect(read!.labels, name).toEqual(['Office', 'Cases'])
      expect(read!.rows, name).toEqual([['Boston', '12']])
    }
  })
})

describe('a large .ods', () => {
  it('imports 200,000 rows, streamed', async () => {
    const archive = await importTestArchive()
    const rows: string[] = [row(text('Case'), text('Office'), text('Completed'))]
    const offices = ['Chicago', 'Boston', 'Houston']
    for (let i = 0; i < 200_000; i++) rows.push(row(text(`C${String(i).padStart(6, '0')}`), text(offices[i % 3]!), float(i * 7)))
    const path = writeHandWrittenOds(archive.path('big.ods'), `<table:table table:name="Cases">${rows.join('')}</table:table>`, '')
    const outcome = await archive.run(path, {}, () => undefined)
    expect(outcome).toMatchObject({ status: 'imported', error: null, rows: 200_000 })
    const id = outcome.sheets![0]!.id!
    expect(getDataset(archive.db, id)!.columns.map((column) => [column.label, column.type])).toEqual([
      ['Case', 'text'],
      ['Office', 'text'],
      ['Completed', 'integer']
    ])
    const page = (offset: number) => queryDatasetRows(archive.db, { datasetId: id, sort: null, filters: [], after: null, offset, limit: 2, count: true })
    expect(page(0)).toMatchObject({ total: 200_000, rows: [{ values: ['C000000', 'Chicago', 0] }, { values: ['C000001', 'Boston', 7] }] })
    expect(page(199_998).rows.map((r) => r.values)).toEqual([
      ['C199998', 'Chicago', 1_399_986],
      ['C199999', 'Boston', 1_399_993]
    ])
  }, 120_000)
})
