// A moment less than a second before midnight, shown by a date format: the sheet shows its own day
// (Excel and LibreOffice cut the time off a date-only format, they do not round it), so the dataset
// keeps that day, without the time the sheet does not show. A format that shows the time rounds it
// to the second as the sheet does, which may show the next day's 0:00. Same in .xlsx, .xls and .ods.
import { writeFileSync } from 'node:fs'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { serialDateText } from '../../../../../../src/main/core/import/workbook/number-format'
import { odsDateText } from '../../../../../../src/main/core/import/workbook/ods-cell-values'
import type { ColumnType } from '../../../../../../src/shared/model'
import { firstRows } from '../../../../../helpers/first-rows'
import { writeHandWrittenOds } from '../../../../../helpers/hand-written-workbooks'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

/** 2012-06-07 in Excel's 1900 system. */
const DAY = 41_067
const late = (seconds: number): number => DAY + seconds / 86_400

async function imported(name: string, write: (path: string) => void): Promise<{ columns: [string, ColumnType][]; rows: unknown[][] }> {
  const archive = await importTestArchive()
  const path = archive.path(name)
  write(path)
  const outcome = await archive.run(path, {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null })
  const dataset = getDataset(archive.db, outcome.sheets?.[0]?.id ?? outcome.id!)!
  return { columns: dataset.columns.map((column) => [column.label, column.type]), rows: firstRows(archive.db, dataset.id, 10).rows.map((row) => row.values) }
}

function sheetJsBook(path: string, bookType: 'xlsx' | 'xls'): void {
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
function odsBook(path: string): void {
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
    ['xlsx', (path: string) => sheetJsBook(path, 'xlsx'), '2012-06-08T00:00:00'],
    ['xls', (path: string) => sheetJsBook(path, 'xls'), '2012-06-08T00:00:00'],
    ['ods', odsBook, '2012-06-08']
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
