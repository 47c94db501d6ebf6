// Workbooks written by other programs than the one Casefile reads them with: SheetJS writes .xlsx
// (read by Casefile's own streaming reader) and .xls; .xlsx and .ods parts are also written by hand,
// the way small tools and other office suites lay them out.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { XlsxSheetScanner } from '../../../../../../src/main/core/import/workbook/xlsx-sheet-scanner'
import { sheetXml, writeHandWrittenOds, writeHandWrittenXlsx } from '../../../../../helpers/hand-written-workbooks'
import { tempFolders } from '../../../../../helpers/temp-archive'
import { readSheets } from './read-sheets'

const folder = tempFolders('workbooks')

const DAY = 86_400_000
const serial1904 = (iso: string) => (Date.parse(`${iso}Z`) - Date.UTC(1904, 0, 1)) / DAY

describe('workbooks from other writers', () => {
  it('reads dates of the 1904 date system (a workbook SheetJS wrote with date1904 set)', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['As of', 'Reviewed', 'At'],
      [{ t: 'n', v: serial1904('2012-04-16T00:00:00'), z: 'yyyy-mm-dd' }, 219554, { t: 'n', v: serial1904('2012-05-29T13:45:30'), z: 'yyyy-mm-dd hh:mm:ss' }],
      [{ t: 'n', v: serial1904('2012-05-29T00:00:00'), z: 'm/d/yy' }, 288361, { t: 'n', v: serial1904('1904-01-01T06:00:00'), z: 'yyyy-mm-dd hh:mm' }]
    ])
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, sheet, 'Review')
    book.Workbook = { WBProps: { date1904: true } }
    const path = join(folder(), 'mac-1904.xlsx')
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer)
    const [read] = await readSheets(path, 'xlsx', null, true)
    expect(read!.rows).toEqual([
      ['2012-04-16', '219554', '2012-05-29T13:45:30'],
      ['2012-05-29', '288361', '1904-01-01T06:00:00']
    ])
  })

  it('reads booleans, errors and numbers spelled as stored, and a sheet with no header', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      [true, { t: 'e', v: 0x2a }, 1.5, 0.1],
      [false, { t: 'e', v: 0x07 }, -20, 1e-7]
    ])
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, sheet, 'Flags')
    const path = join(folder(), 'flags.xlsx')
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer)
    const [read] = await readSheets(path, 'xlsx', null, false)
    expect(read!.labels).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4'])
    expect(read!.rows).toEqual([
      ['TRUE', '#N/A', '1.5', '0.1'],
      ['FALSE', '#DIV/0!', '-20', '1e-7']
    ])
  })

  it('reads an Excel 97–2003 .xls (BIFF8) with its dates, merges and header rows', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['ICE removals by fiscal year'],
      [],
      ['Fiscal year', 'Removals', null],
      [null, 'Total', 'Convicted criminals'],
      [2012, 409849, 225390],
      [2013, 368644, 216810],
      [{ t: 'n', v: 41274, z: 'yyyy-mm-dd' }, 1, 2],
      ['Source: ICE Enforcement and Removal Operations reports.']
    ])
    sheet['!merges'] = [
      { s: { r: 2, c: 1 }, e: { r: 2, c: 2 } },
      { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } }
    ]
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, sheet, 'Removals')
    const path = join(folder(), 'removals.xls')
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer)
    const [read] = await readSheets(path, 'xls', null, true)
    expect(read!.labels).toEqual(['Fiscal year', 'Removals › Total', 'Removals › Convicted criminals'])
    expect(read!.rows).toEqual([
      ['2012', '409849', '225390'],
      ['2013', '368644', '216810'],
      ['2012-12-31', '1', '2']
    ])
    expect(read!.summary).toMatchObject({ titles: ['ICE removals by fiscal year'], footnotes: ['Source: ICE Enforcement and Removal Operations reports.'] })
  })

  it('reads an OpenDocument spreadsheet written by hand: repeated columns, a spanned header, dates, covered cells', async () => {
    const cell = (value: string) => `<table:table-cell office:value-type="string"><text:p>${value}</text:p></table:table-cell>`
    const number = (value: string) => `<table:table-cell office:value-type="float" office:value="${value}"><text:p>${value}</text:p></table:table-cell>`
    const tables = [
      '<table:table table:name="Backlog">',
      `<table:table-row>${cell('Immigration court pending cases')}</table:table-row>`,
      `<table:table-row>${cell('Court')}<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Pending at fiscal year end</text:p></table:table-cell><table:covered-table-cell/></table:table-row>`,
      `<table:table-row><table:table-cell/>${cell('2008')}${cell('2012')}</table:table-row>`,
      `<table:table-row>${cell('All courts')}${number('186101')}${number('327638')}</table:table-row>`,
      `<table:table-row>${cell('Reported on')}<table:table-cell office:value-type="date" office:date-value="2012-09-30"><text:p>09/30/12</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1" office:value-type="string"><text:p>N/A</text:p></table:table-cell></table:table-row>`,
      `<table:table-row><table:table-cell table:number-columns-repeated="3"/></table:table-row>`,
      `<table:table-row>${cell('Source: EOIR Statistics Yearbook.')}</table:table-row>`,
      '</table:table>'
    ].join('')
    const path = writeHandWrittenOds(join(folder(), 'backlog.ods'), tables, '')
    const [read] = await readSheets(path, 'ods', null, true)
    expect(read!.labels).toEqual(['Court', 'Pending at fiscal year end › 2008', 'Pending at fiscal year end › 2012'])
    expect(read!.rows).toEqual([
      ['All courts', '186101', '327638'],
      ['Reported on', '2012-09-30', 'N/A']
    ])
    expect(read!.summary).toMatchObject({ titles: ['Immigration court pending cases'], footnotes: ['Source: EOIR Statistics Yearbook.'] })
  })

  const ODD_SHEET = sheetXml(
    [
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Office &amp; year</x:t></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>',
      '<x:row><x:c r="A2" t="str"><x:f>CONCAT("Mi","ami")</x:f><x:v>Miami_x000D_</x:v></x:c><x:c r="B2" t="d"><x:v>2012-05-29T00:00:00</x:v></x:c><x:c r="C2"><x:f>1+1</x:f></x:c></x:row>',
      '<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:r><x:t>Den</x:t></x:r><x:r><x:t xml:space="preserve">ver </x:t></x:r></x:is></x:c><x:c r="B4" s="1"><x:v>41058</x:v></x:c><x:c r="C4"><x:v>12.50</x:v></x:c></x:row>'
    ].join('')
  )
  const SHARED = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>As of</t><rPh sb="0" eb="1"><t>ignored</t></rPh></si><si><r><t>Cases </t></r><r><rPr><b/></rPr><t>closed</t></r></si></sst>`
  const STYLES = `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="165" formatCode="[$-409]d\\-mmm\\-yyyy;@"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="165"/></cellXfs></styleSheet>`

  it('reads an .xlsx laid out as other programs do: prefixed names, inline strings, strings after the sheet, odd part names', async () => {
    const path = writeHandWrittenXlsx(join(folder(), 'odd.xlsx'), [{ name: 'Offices', part: 'xl/data/offices.xml', type: 'worksheet', xml: ODD_SHEET }], {
      sharedStrings: SHARED,
      styles: STYLES,
      workbookPr: '<x:workbookPr/>',
      extra: []
    })
    const [read] = await readSheets(path, 'xlsx', null, true)
    expect(read!.labels).toEqual(['Office & year', 'As of', 'Cases closed'])
    expect(read!.rows).toEqual([
      ['Miami\r', '2012-05-29'],
      ['Denver ', '2012-05-29', '12.50']
    ])
    expect(read!.warnings).toEqual([
      'odd.xlsx, sheet “Offices”: 1 formula cells were saved without their values and are empty; open the workbook in a spreadsheet program, save it, and import it again.'
    ])
  })

  it('reads the same rows however the sheet XML is cut into chunks', () => {
    const scan = (pieces: string[]) => {
      const rows: [number, number[], number[], (string | null)[]][] = []
      const scanner = new XlsxSheetScanner((raw) => {
        rows.push([raw.row, raw.columns.slice(0, raw.count), raw.types.slice(0, raw.count), raw.values.slice(0, raw.count)])
      })
      for (const piece of pieces) scanner.feed(piece)
      scanner.end()
      return rows
    }
    const whole = scan([ODD_SHEET])
    expect(whole.map(([row, columns]) => [row, columns])).toEqual([
      [1, [0, 1, 2]],
      [2, [0, 1, 2]],
      [4, [0, 1, 2]]
    ])
    expect(scan([...ODD_SHEET])).toEqual(whole)
    for (let size = 2; size < 40; size += 7) {
      const pieces: string[] = []
      for (let at = 0; at < ODD_SHEET.length; at += size) pieces.push(ODD_SHEET.slice(at, at + size))
      expect(scan(pieces)).toEqual(whole)
    }
  })
})
