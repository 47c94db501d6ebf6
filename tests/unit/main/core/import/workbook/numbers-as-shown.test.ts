// Numbers whose format shows them otherwise than as the number stored: ZIP and FIPS codes padded
// with zeros, and elapsed times. Imported into a real archive from workbooks written by exceljs and
// SheetJS, the cells keep what the sheet shows.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { cellFormatOf, formattedNumber } from '../../../../../../src/main/core/import/workbook/number-format'
import { firstRows } from '../../../../../helpers/first-rows'
import { writeHandWrittenOds } from '../../../../../helpers/hand-written-workbooks'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

async function importFirstSheet(name: string, bytes: Uint8Array) {
  const archive = await importTestArchive()
  const outcome = await archive.run(archive.write(name, bytes), {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null, warnings: [] })
  const dataset = getDataset(archive.db, outcome.sheets![0]!.id!)!
  return {
    columns: dataset.columns.map((column) => [column.label, column.type]),
    rows: firstRows(archive.db, dataset.id, 100).rows.map((row) => row.values),
    sources: dataset.sources
  }
}

/** An .xlsx written by exceljs: a header, then rows whose cells in column k (1-based) get `formats[k]`. */
async function formattedBook(header: string[], rows: number[][], formats: Record<number, string>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Sheet')
  sheet.addRow(header)
  for (const values of rows) {
    const row = sheet.addRow(values)
    for (const [column, format] of Object.entries(formats)) row.getCell(Number(column)).numFmt = format
  }
  return new Uint8Array(await book.xlsx.writeBuffer())
}

describe('numbers shown with leading zeros', () => {
  it('keeps ZIP and FIPS codes formatted 00000 as the sheet shows them, as text (exceljs)', async () => {
    const bytes = await formattedBook(
      ['Zip', 'County FIPS', 'SSN-shaped id', 'Detainers'],
      [
        [501, 6037, 12345678, 12],
        [2134, 48201, 1234567, 7],
        [10001, 1001, 987654321, 3]
      ],
      { 1: '00000', 2: '00000', 3: '000-00-0000' }
    )
    const read = await importFirstSheet('detainers.xlsx', bytes)
    expect(read.columns).toEqual([
      ['Zip', 'text'],
      ['County FIPS', 'text'],
      ['SSN-shaped id', 'text'],
      ['Detainers', 'integer']
    ])
    expect(read.rows).toEqual([
      ['00501', '06037', '012-34-5678', 12],
      ['02134', '48201', '001-23-4567', 7],
      ['10001', '01001', '987-65-4321', 3]
    ])
    expect(read.sources).toEqual([])
  })

  it('keeps them in an Excel 97–2003 .xls written by SheetJS', async () => {
    const zip = (v: number) => ({ t: 'n', v, z: '00000' })
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Zip', 'Cases'], [zip(501), 4], [zip(60601), 9]]), 'Zips')
    const read = await importFirstSheet('zips.xls', XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Uint8Array)
    expect(read.columns).toEqual([
      ['Zip', 'text'],
      ['Cases', 'integer']
    ])
    expect(read.rows).toEqual([
      ['00501', 4],
      ['60601', 9]
    ])
  })
})

describe('padded codes in an .ods written by LibreOffice', () => {
  it('keeps ZIP, FIPS and A-number codes whose format LibreOffice wrote once on the column as the sheet shows them', async () => {
    // codes.ods: tests/fixtures/import/workbook/libreoffice/make-fixtures.py, then `soffice --headless --convert-to ods`
    // (LibreOffice 7.4). Every cell of a column shares a style, so LibreOffice writes it as the column's
    // table:default-cell-style-name and the cells carry none.
    const bytes = readFileSync(resolve(import.meta.dirname, '../../../../../fixtures/import/workbook/libreoffice/codes.ods'))
    const read = await importFirstSheet('codes.ods', new Uint8Array(bytes))
    expect(read.columns).toEqual([
      ['Name', 'text'],
      ['A-number', 'text'],
      ['ZIP', 'text'],
      ['County FIPS', 'text']
    ])
    expect(read.rows).toEqual([
      ['Case 1', 'A012345678', '02134', '06037'],
      ['Case 2', 'A201234567', '90012', '48201'],
      ['Case 3', 'A000001234', '00501', '01001']
    ])
  })
})

describe('elapsed times', () => {
  it('keeps [h]:mm, [mm]:ss and [h]:mm:ss durations as the sheet shows them, never as 1900 dates (exceljs)', async () => {
    const bytes = await formattedBook(
      ['Case', 'Held', 'Call', 'Transport'],
      [
        [1, 1.5208333, 0.026041667, 0.5],
        [2, 2.25, 0.0006944444, 1.000011574]
      ],
      { 2: '[h]:mm', 3: '[mm]:ss', 4: '[h]:mm:ss' }
    )
    const read = await importFirstSheet('holds.xlsx', bytes)
    expect(read.columns).toEqual([
      ['Case', 'integer'],
      ['Held', 'text'],
      ['Call', 'text'],
      ['Transport', 'text']
    ])
    expect(read.rows).toEqual([
      [1, '36:30', '37:30', '12:00:00'],
      [2, '54:00', '01:00', '24:00:01']
    ])
  })

  it('keeps a count of days and hours (d "days" h:mm) as the hours it holds, and a negative time as a negative duration, not as a 1900 date or a bare number (review R23-18)', async () => {
    const bytes = await formattedBook(
      ['Case', 'Held', 'Call', 'Shift'],
      [
        [1, 1.5, 0.0625, 0.0625],
        [2, -0.25, -0.25, -0.25],
        [3, 0.5, 1.0625, 0]
      ],
      { 2: 'd "days" h:mm', 3: 'h:mm:ss', 4: 'mm:ss' }
    )
    const read = await importFirstSheet('days.xlsx', bytes)
    expect(read.rows).toEqual([
      [1, '36:00', '01:30:00', '01:30:00'],
      [2, '-6:00', '-06:00:00', '-06:00:00'],
      [3, '12:00', '25:30:00', '00:00:00']
    ])
    const shown = (value: number, code: string) => formattedNumber(value, cellFormatOf(200, code)!, false)
    expect(shown(2.75, 'd:hh:mm')).toBe('66:00')
    expect(shown(-0.000001, 'h:mm:ss')).toBe('00:00:00')
    expect(shown(1.5, 'dd "d" hh "h"')).toBe('36 h')
    // A real day and time stays one: a format with a month or a year, or a serial past the first year.
    expect(shown(41000.5, 'd "days" h:mm')).toBe('2012-04-01T12:00:00')
    expect(shown(1.5, 'd-mmm h:mm')).toBe('1900-01-01T12:00:00')
  })

  it('keeps a time of more than 24 hours as hours, not as a 1900 date-time, and a time-formatted timestamp as one (xlsx and .xls)', async () => {
    const values = [0.09375, 1.0833333333333333, 0.000347222222222222, 41058.604166666664]
    const expected = [[1, '02:15:00'], [2, '26:00:00'], [3, '00:00:30'], [4, '2012-05-29T14:30:00']]
    const read = await importFirstSheet('durations.xlsx', await formattedBook(['Case', 'Duration'], values.map((value, i) => [i + 1, value]), { 2: 'hh:mm' }))
    expect(read.rows).toEqual(expected)
    // The same as an .xls (SheetJS writes the format as LibreOffice's .xls does: hh:mm).
    const sheet = XLSX.utils.aoa_to_sheet([['Case', 'Duration'], ...values.map((value, i) => [i + 1, { t: 'n', v: value, z: 'hh:mm' }])])
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, sheet, 'Sheet')
    expect((await importFirstSheet('durations.xls', XLSX.write(book, { type: 'buffer', bookType: 'xls' }) as Uint8Array)).rows).toEqual(expected)
  })

  it('reads an .ods duration shown in hours and minutes as .xlsx and .xls do ("36:30"), and one shown with seconds with them (review R23-6)', async () => {
    const cell = (value: string, shown: string) => `<table:table-cell office:value-type="time" office:time-value="${value}"><text:p>${shown}</text:p></table:table-cell>`
    const row = (label: string, duration: string) => `<table:table-row><table:table-cell office:value-type="string"><text:p>${label}</text:p></table:table-cell>${duration}</table:table-row>`
    const table = [
      '<table:table table:name="Times">',
      row('Case', '<table:table-cell office:value-type="string"><text:p>Duration</text:p></table:table-cell>'),
      row('A', cell('PT36H30M00S', '36:30')),
      row('B', cell('PT26H00M00S', '26:00:00')),
      row('C', cell('PT2400H00M00S', '2400:00')),
      row('D', cell('-PT12H00M00S', '-12:00')),
      row('E', cell('PT36H30M15S', '36:30')),
      '</table:table>'
    ].join('')
    const path = writeHandWrittenOds(resolve(mkdtempSync(join(tmpdir(), 'ods-durations-')), 'times.ods'), table, '')
    const read = await importFirstSheet('times.ods', readFileSync(path))
    // E's seconds are not shown, but they are in the file: the value is kept whole.
    expect(read.rows).toEqual([['A', '36:30'], ['B', '26:00:00'], ['C', '2400:00'], ['D', '-12:00'], ['E', '36:30:15']])
  })

  it('reads an .ods duration under a day, and one of a second, as the sheet shows it, as the .xlsx it was saved from reads (review R23-6)', async () => {
    // durations.xlsx: make-durations.cjs in the LibreOffice fixtures folder; durations.ods: LibreOffice's conversion of it.
    const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../../../fixtures/import/workbook/libreoffice', name))
    const xlsx = await importFirstSheet('durations.xlsx', fixture('durations.xlsx'))
    const ods = await importFirstSheet('durations.ods', fixture('durations.ods'))
    expect(xlsx.rows).toEqual([
      [1, '12:00', '12:00:00', '12:00:00'],
      [2, '36:30', '36:30:00', '36:30:00'],
      [3, '0:00', '0:00:01', '00:00:01'],
      [4, '5:00', '5:00:01', '05:00:01']
    ])
    // The .ods keeps the second its [h]:mm does not show, as it keeps 36:30:15 (see above): the value stays whole.
    expect(ods.rows).toEqual([
      [1, '12:00', '12:00:00', '12:00:00'],
      [2, '36:30', '36:30:00', '36:30:00'],
      [3, '00:00:01', '0:00:01', '00:00:01'],
      [4, '05:00:01', '5:00:01', '05:00:01']
    ])
    expect(ods.columns).toEqual(xlsx.columns)
  })

  it('shows durations and padded digits as Excel does, built-in format 46 and fractions of seconds included', () => {
    const shown = (value: number, id: number, code: string | null) => formattedNumber(value, cellFormatOf(id, code)!, false)
    expect(shown(1.5208333, 46, null)).toBe('36:30:00')
    expect(shown(1.0000173611, 200, '[h]:mm:ss.00')).toBe('24:00:01.50')
    expect(shown(-0.5, 200, '[h]:mm')).toBe('-12:00')
    expect(shown(3, 200, '[s]')).toBe('259200')
    expect(shown(123456, 200, '00000')).toBe('123456')
    expect(shown(7.6, 200, '000')).toBe('008')
    expect(shown(1.5208333, 200, '[$-409][h]:mm;@')).toBe('36:30')
    expect(shown(2134, 200, '[<=99999]00000;00000-0000')).toBe('02134')
    expect(shown(123456789, 200, '[<=99999]00000;00000-0000')).toBe('12345-6789')
    expect(shown(501, 200, '_(00000_)')).toBe(' 00501 ')
    expect(shown(-501, 200, '00000')).toBe('-00501')
    // Its negative and zero sections show nothing (see shown-instead-by-format.test.ts); the others pad.
    expect(cellFormatOf(200, '00000;;;@')).toMatchObject({ words: [null, '', '', null], otherwise: { digits: '00000;;;@' } })
    expect(cellFormatOf(200, '0')).toBeNull()
    expect(cellFormatOf(200, '00000.00')).toBeNull()
    expect(cellFormatOf(200, '0.00')).toBeNull()
    expect(cellFormatOf(200, '#,##0')).toBeNull()
    expect(cellFormatOf(200, 'yyyy-mm-dd')).toEqual({ date: 'date' })
    expect(cellFormatOf(45, null)).toEqual({ date: 'time' })
  })
})

describe('percents', () => {
  it('keeps percent cells as the fractions stored, and names their columns in the provenance (.xls written by SheetJS)', async () => {
    const percent = (v: number) => ({ t: 'n', v, z: '0.0%' })
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Office', 'Closed', 'Share', 'Change'],
      ['Atlanta', 120, percent(0.456), percent(-0.02)],
      ['Boston', 98, percent(0.1234), 'D'],
      ['Chicago', 7, percent(0.5794), percent(0.1)]
    ])
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, sheet, 'Offices')
    const read = await importFirstSheet('shares.xls', XLSX.write(book, { type: 'buffer', bookType: 'xls' }) as Uint8Array)
    expect(read.columns).toEqual([
      ['Office', 'text'],
      ['Closed', 'integer'],
      ['Share', 'real'],
      ['Change', 'real']
    ])
    expect(read.rows.map((row) => row[2])).toEqual([0.456, 0.1234, 0.5794])
    expect(read.sources.map((source) => source.notes)).toEqual(['Shown in the sheet as percents, stored as fractions (0.5 for 50%): “Share”, “Change”.'])
  })
})
