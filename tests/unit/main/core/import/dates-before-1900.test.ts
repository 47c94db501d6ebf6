// Dates before 1 March 1900, the edge of Excel's date systems: its 1900 system counts a 1900-02-29
// that never was (serial 60) and starts at serial 1 = 1900-01-01; programs other than Excel (LibreOffice,
// openpyxl, SheetJS) write earlier days as serials 0 and below. A column of real dates stays a date
// column with every day exact, from a CSV, an .xlsx in either date system and an .ods.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../src/main/core/datasets/dataset-queries'
import { serialDateText } from '../../../../../src/main/core/import/workbook/number-format'
import { odsDateText } from '../../../../../src/main/core/import/workbook/ods-cell-values'
import { xlsSavedByLibreOffice } from '../../../../../src/main/core/import/workbook/xls-saved-by-libreoffice'
import { ColumnTyper } from '../../../../../src/main/core/import/typing/column-typer'
import { widenColumnType } from '../../../../../src/main/core/import/infer-column-type'
import type { ColumnType } from '../../../../../src/shared/model'
import { firstRows } from '../../../../helpers/first-rows'
import { handWrittenXlsxEntries, sheetXml, writeHandWrittenOds } from '../../../../helpers/hand-written-workbooks'
import { importTestArchive } from '../../../../helpers/import-test-archive'
import { writeZip } from '../../../../helpers/write-zip'

/** Imports one file into a new archive and answers its first dataset's columns and rows. */
async function imported(name: string, write: (path: string) => void): Promise<{ columns: [string, ColumnType][]; rows: (string | number | null)[][] }> {
  const archive = await importTestArchive()
  const path = archive.path(name)
  write(path)
  const outcome = await archive.run(path, {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null })
  const dataset = getDataset(archive.db, outcome.sheets?.[0]?.id ?? outcome.id!)!
  return {
    columns: dataset.columns.map((column) => [column.label, column.type]),
    rows: firstRows(archive.db, dataset.id, 100).rows.map((row) => row.values as (string | number | null)[])
  }
}

function typeOf(values: string[]): ColumnType | null {
  const typer = new ColumnTyper()
  typer.addColumns(1)
  values.forEach((value, i) => {
    typer.startRow(i + 1)
    typer.classify(0, value)
  })
  return typer.columnTypes()[0] ?? null
}

const STYLES =
  '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/></cellXfs></styleSheet>'

/** An .xlsx of one column "Day" whose cells hold `serials` formatted as dates (built-in format 14). */
function serialBook(path: string, serials: readonly number[], date1904: boolean): void {
  const rows = [
    '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Day</x:t></x:is></x:c></x:row>',
    ...serials.map((serial, i) => `<x:row r="${i + 2}"><x:c r="A${i + 2}" s="1"><x:v>${serial}</x:v></x:c></x:row>`)
  ]
  writeZip(
    path,
    handWrittenXlsxEntries([{ name: 'Days', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml: sheetXml(rows.join('')) }], {
      sharedStrings: null,
      styles: STYLES,
      workbookPr: date1904 ? '<x:workbookPr date1904="1"/>' : '<x:workbookPr/>',
      extra: []
    })
  )
}

describe('dates before 1900-03-01', () => {
  it('counts serials below Excel’s 1900-02-29 from 1899-12-31, as Excel counts serials 1 to 59, down to 0001-01-01', () => {
    expect(serialDateText(0, 'date', false)).toBe('1899-12-31')
    expect(serialDateText(-1, 'date', false)).toBe('1899-12-30')
    expect(serialDateText(-18_110, 'date', false)).toBe('1850-06-01')
    expect(serialDateText(-328_717, 'date', false)).toBe('1000-01-01')
    expect(serialDateText(-693_594, 'date', false)).toBe('0001-01-01')
    expect(serialDateText(-18_110 + 0.75, 'datetime', false)).toBe('1850-06-01T18:00:00')
    // No calendar people use shows a day before year 1; a negative time is no time of day but a duration below zero (review R23-18).
    expect(serialDateText(-693_595, 'date', false)).toBeNull()
    expect(serialDateText(-0.25, 'time', false)).toBe('-06:00:00')
  })

  it('counts the 1904 system’s serials before its epoch on the calendar, which has no 1900-02-29, up to 9999-12-31', () => {
    expect(serialDateText(-1, 'date', true)).toBe('1903-12-31')
    expect(serialDateText(-1401, 'date', true)).toBe('1900-03-01')
    expect(serialDateText(-1402, 'date', true)).toBe('1900-02-28')
    expect(serialDateText(-1461, 'date', true)).toBe('1899-12-31')
    expect(serialDateText(-19_571, 'date', true)).toBe('1850-06-01')
    expect(serialDateText(-695_055, 'date', true)).toBe('0001-01-01')
    expect(serialDateText(-695_056, 'date', true)).toBeNull()
    expect(serialDateText(2_957_003, 'date', true)).toBe('9999-12-31')
    // A five-digit year is no date: the serial is kept as the number it is.
    expect(serialDateText(2_957_004, 'date', true)).toBeNull()
    expect(serialDateText(2_958_466, 'date', false)).toBeNull()
  })

  it('types ISO dates of any year as dates, whatever their order, Excel’s 1900-02-29 among them', () => {
    expect(typeOf(['2012-01-19', '1899-12-31', '1850-06-01', '1000-01-01', '0001-01-01', '9999-12-31'])).toBe('date')
    expect(typeOf(['0001-01-01', '2012-01-19'])).toBe('date')
    // Year 0 of ISO 8601 is a leap year (1 BC): read the same in a column's first value as in a later one.
    expect(typeOf(['0000-02-29', '2012-01-19'])).toBe('date')
    expect(typeOf(['2012-01-19', '0000-02-29'])).toBe('date')
    expect(widenColumnType(null, '0000-02-29')).toBe('date')
    expect(typeOf(['1900-02-29', '1900-03-01'])).toBe('date')
    expect(typeOf(['1900-03-01', '1900-02-29'])).toBe('date')
    expect(typeOf(['1900-02-28T10:00:00', '1900-02-29T12:30:00'])).toBe('datetime')
    // Other days that never were still make the column text: only Excel's one is shown by workbooks.
    expect(typeOf(['2012-01-19', '1901-02-29'])).toBe('text')
    expect(typeOf(['2012-01-19', '2012-02-30'])).toBe('text')
  })

  it('keeps a CSV column of dates from the years 1000 to 1899 a date column, each day as written', async () => {
    const csv = 'Event,Day\nA,1899-12-31\nB,1850-06-01\nC,1000-01-01\nD,1900-01-01\nE,2012-05-29\n'
    const { columns, rows } = await imported('events.csv', (path) => writeFileSync(path, csv))
    expect(columns).toEqual([
      ['Event', 'text'],
      ['Day', 'date']
    ])
    expect(rows.map((row) => row[1])).toEqual(['1899-12-31', '1850-06-01', '1000-01-01', '1900-01-01', '2012-05-29'])
  })

  it('keeps an .xlsx column of 1900-system dates before 1900-03-01 a date column, Excel’s 1900-02-29 kept as it shows it', async () => {
    const serials = [-18_110, -1, 0, 1, 59, 60, 61, 41_058]
    const { columns, rows } = await imported('days-1900.xlsx', (path) => serialBook(path, serials, false))
    expect(columns).toEqual([['Day', 'date']])
    expect(rows.map((row) => row[0])).toEqual(['1850-06-01', '1899-12-30', '1899-12-31', '1900-01-01', '1900-02-28', '1900-02-29', '1900-03-01', '2012-05-29'])
  })

  it('keeps an .xlsx column of 1904-system dates before its epoch a date column, each day exact', async () => {
    const serials = [-19_571, -1461, -1402, -1401, -1, 0, 39_596]
    const { columns, rows } = await imported('days-1904.xlsx', (path) => serialBook(path, serials, true))
    expect(columns).toEqual([['Day', 'date']])
    expect(rows.map((row) => row[0])).toEqual(['1850-06-01', '1899-12-31', '1900-02-28', '1900-03-01', '1903-12-31', '1904-01-01', '2012-05-29'])
  })

  it.each(['xlsx', 'xls'])('reads a workbook LibreOffice saved by its own count of days (from 1899-12-30, with no 1900-02-29), each day and time exact (.%s)', async (extension) => {
    // LibreOffice 7.4 saved this .xlsx from a flat .ods of these days: it writes 1900-02-28 as serial 60
    // (Excel's 1900-02-29) and 1899-12-29 as -1, and names itself in docProps/app.xml. The .xls is that
    // .xlsx saved again by LibreOffice (`soffice --headless --convert-to xls`), which writes the same
    // serials and names itself only as the user "Calc" of its WRITEACCESS record.
    const fixture = join(__dirname, `../../../../fixtures/import/workbook/libreoffice-days-before-1900.${extension}`)
    const { columns, rows } = await imported(`libreoffice.${extension}`, (path) => copyFileSync(fixture, path))
    expect(columns).toEqual([
      ['Day', 'date'],
      ['At', 'datetime'],
      ['Time', 'text']
    ])
    // A time of day alone is no day: it is not moved.
    expect(rows).toEqual([
      ['1850-06-01', '1850-06-01T06:00:00', '18:30:00'],
      ['1899-12-29', '1899-12-29T12:00:00', '18:30:00'],
      ['1899-12-30', '1899-12-30T18:00:00', '18:30:00'],
      ['1899-12-31', '1899-12-31T00:00:00', '18:30:00'],
      ['1900-01-01', '1900-01-01T06:30:00', '18:30:00'],
      ['1900-02-28', '1900-02-28T12:00:00', '18:30:00'],
      ['1900-03-01', '1900-03-01T23:59:00', '18:30:00'],
      ['2012-05-29', '2012-05-29T13:45:00', '18:30:00']
    ])
  })

  it('reads an .xls by Excel’s count of days unless LibreOffice saved it, and takes nothing else for an .xls', async () => {
    expect(xlsSavedByLibreOffice(readFileSync(join(__dirname, '../../../../fixtures/import/workbook/libreoffice-days-before-1900.xls')))).toBe(true)
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Day'], [{ t: 'n', v: 60, z: 'yyyy-mm-dd' }], [{ t: 'n', v: 1, z: 'yyyy-mm-dd' }]]), 'Days')
    const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xls' }) as Buffer
    expect(xlsSavedByLibreOffice(bytes)).toBe(false)
    expect(xlsSavedByLibreOffice(Buffer.from('Day\n2012-05-29\n'))).toBe(false)
    const { rows } = await imported('excel-count.xls', (path) => writeFileSync(path, bytes))
    expect(rows).toEqual([['1900-02-29'], ['1900-01-01']])
  })

  it('keeps each day an Excel 2003 XML workbook writes as ISO text, 1900-02-28 among them (SheetJS counts it as serial 60)', async () => {
    const days = ['1899-12-30', '1899-12-31', '1900-01-01', '1900-02-27', '1900-02-28', '1900-02-28T12:00:00', '1900-03-01', '2012-06-17']
    const cell = (day: string) => `<Row><Cell ss:StyleID="d"><Data ss:Type="DateTime">${day.length === 10 ? `${day}T00:00:00.000` : `${day}.000`}</Data></Cell></Row>`
    const xml = `<?xml version="1.0"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Styles><Style ss:ID="d"><NumberFormat ss:Format="yyyy\-mm\-dd"/></Style></Styles>
<Worksheet ss:Name="Days"><Table><Row><Cell><Data ss:Type="String">Day</Data></Cell></Row>${days.map(cell).join('')}</Table></Worksheet>
</Workbook>`
    const { rows } = await imported('days.xml', (path) => writeFileSync(path, xml))
    // The format shows days only: the time of 1900-02-28T12:00 is not shown, and not kept.
    expect(rows.map((row) => row[0])).toEqual(days.map((day) => day.slice(0, 10)))
  })

  it('keeps a date serial no calendar shows as the number it is (the column becomes text, as Excel shows ####)', async () => {
    const { columns, rows } = await imported('past-9999.xlsx', (path) => serialBook(path, [41_058, 2_958_466], false))
    expect(columns).toEqual([['Day', 'text']])
    expect(rows.map((row) => row[0])).toEqual(['2012-05-29', '2958466'])
  })

  it.each([
    ['1899-12-30 (LibreOffice’s own)', ''],
    ['1904-01-01', '<table:calculation-settings><table:null-date table:date-value="1904-01-01"/></table:calculation-settings>']
  ])('keeps an .ods column of dates before 1900-03-01 a date column, each day exact, with the null date %s', async (_nullDate, settings) => {
    const days = ['1850-06-01', '1899-12-30', '1899-12-31', '1900-01-01', '1900-02-27', '1900-02-28', '1900-02-28T12:00:00', '1900-03-01', '2012-05-29']
    const cell = (day: string) => `<table:table-row><table:table-cell office:value-type="date" office:date-value="${day}"><text:p>${day}</text:p></table:table-cell></table:table-row>`
    const table = `${settings}<table:table table:name="Days"><table:table-row><table:table-cell office:value-type="string"><text:p>Day</text:p></table:table-cell></table:table-row>${days.map(cell).join('')}</table:table>`
    const { columns, rows } = await imported('days.ods', (path) => writeHandWrittenOds(path, table, ''))
    expect(columns).toEqual([['Day', 'datetime']])
    expect(rows.map((row) => row[0])).toEqual(days)
  })
})

// A moment less than a second before midnight, shown by a date format: the sheet shows its own day
// (Excel and LibreOffice cut the time off a date-only format, they do not round it), so the dataset
// keeps that day, without the time the sheet does not show. A format that shows the time rounds it
// to the second as the sheet does, which may show the next day's 0:00. Same in .xlsx, .xls and .ods.

/** 2012-06-07 in Excel's 1900 system. */
const DAY = 41_067
const late = (seconds: number): number => DAY + seconds / 86_400

function midnightBook(path: string, bookType: 'xlsx' | 'xls'): void {
  const cell = (v: number, z: string): XLSX.CellObject => ({ t: 'n', v, z })
  const sheet = XLSX.utils.aoa_to_sheet([
    ['Label', 'Day', 'At'],
    ['t6', cell(late(86_399.6), 'yyyy-mm-dd'), cell(late(86_399.6), 'm/d/yy h:mm')],
    ['t4', cell(late(86_399.4), 'yyyy-mm-dd'), cell(late(86_399.4), 'm/d/yy h:mm:ss')],
    ['noon', cell(late(43_200), 'yyyy-mm-dd'), cell(late(43_200), 'm/d/yy h:mm')],
    ['early', cell(59 + 86_399.999 / 86_400, 'yyyy-mm-dd'), cell(late(21_600), 'm/d/yy h:mm')]
  ])
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, sheet, 'Times')
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType }) as Buffer)
}

/** The same cells as LibreOffice writes them to an .ods: the value with its time, and the text the format shows. */
function midnightOds(path: string): void {
  const text = (value: string) => `<table:table-cell office:value-type="string"><text:p>${value}</text:p></table:table-cell>`
  const date = (value: string, shown: string) => `<table:table-cell office:value-type="date" office:date-value="${value}"><text:p>${shown}</text:p></table:table-cell>`
  const row = (cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`
  const rows = [
    row([text('Label'), text('Day'), text('At')]),
    row([text('t6'), date('2012-06-07T23:59:59.6', '2012-06-07'), date('2012-06-07T23:59:59.6', '6/8/12 0:00')]),
    row([text('t4'), date('2012-06-07T23:59:59.4', '2012-06-07'), date('2012-06-07T23:59:59.4', '6/7/12 23:59:59')]),
    row([text('noon'), date('2012-06-07T12:00:00', '2012-06-07'), date('2012-06-07T12:00:00', '6/7/12 12:00')]),
    row([text('early'), date('1900-02-28T23:59:59.999', '1900-02-28'), date('2012-06-07T06:00:00', '6/7/12 06:00')])
  ]
  writeHandWrittenOds(path, `<table:table table:name="Times">${rows.join('')}</table:table>`, '')
}

describe('a moment just before midnight under a date format', () => {
  it('shows its own day under a date-only format and rounds to the second only where the time is shown', () => {
    expect(serialDateText(late(86_399.6), 'date', false)).toBe('2012-06-07')
    expect(serialDateText(late(86_399.4), 'date', false)).toBe('2012-06-07')
    expect(serialDateText(59.999_999_99, 'date', false)).toBe('1900-02-28')
    expect(serialDateText(late(86_399.6), 'datetime', false)).toBe('2012-06-08T00:00:00')
    expect(serialDateText(late(86_399.4), 'datetime', false)).toBe('2012-06-07T23:59:59')
    expect(serialDateText(-0.000_001, 'date', false)).toBe('1899-12-30')
    // Within a millisecond of midnight is midnight: a double's error, not a moment before it.
    expect(serialDateText(DAY + 1 - 1e-11, 'date', false)).toBe('2012-06-08')
  })

  // The .ods reader tells a midnight shown with its time only by the cell's style, which this file
  // has none of: the next day's 0:00 reads as that day.
  it('rounds an .ods moment into the next day only when the cell shows that day', () => {
    // LibreOffice writes the text its format shows: a date-only format, a format with minutes.
    expect(odsDateText('2012-06-07T23:59:59.6', '2012-06-07')).toBe('2012-06-07')
    expect(odsDateText('2012-06-07T23:59:59.6', '6/8/12 0:00')).toBe('2012-06-08')
    expect(odsDateText('2012-06-07T23:59:59.4', '6/7/12 23:59')).toBe('2012-06-07T23:59:59')
    // Other programs write the value itself as the text, or no text: the day written is the day shown.
    expect(odsDateText('2012-06-07T23:59:59.6', '2012-06-07T23:59:59.6')).toBe('2012-06-07T23:59:59')
    expect(odsDateText('1900-02-28T23:59:59.999', '1900-02-28T23:59:59.999')).toBe('1900-02-28T23:59:59')
    expect(odsDateText('2012-06-07T23:59:59.6', null)).toBe('2012-06-07T23:59:59')
    expect(odsDateText('2012-06-07T12:30:59.6', '2012-06-07T12:30:59.6')).toBe('2012-06-07T12:31:00')
  })

  it.each([
    ['xlsx', (path: string) => midnightBook(path, 'xlsx'), '2012-06-08T00:00:00'],
    ['xls', (path: string) => midnightBook(path, 'xls'), '2012-06-08T00:00:00'],
    ['ods', midnightOds, '2012-06-08']
  ])('gives the day the sheet shows, a date column of dates, from an .%s', async (extension, write, nextMidnight) => {
    const { columns, rows } = await imported(`midnight.${extension}`, write)
    expect(columns).toEqual([
      ['Label', 'text'],
      ['Day', 'date'],
      ['At', 'datetime']
    ])
    expect(rows).toEqual([
      ['t6', '2012-06-07', nextMidnight],
      ['t4', '2012-06-07', '2012-06-07T23:59:59'],
      ['noon', '2012-06-07', '2012-06-07T12:00:00'],
      ['early', '1900-02-28', '2012-06-07T06:00:00']
    ])
  })
})
