// Numbers shown in a scientific format (0.00E+00) are numbers: imported from .xlsx, .xls, Excel 2003
// XML and .ods into a real archive, the column is a column of reals holding the numbers the cells
// hold, as the same numbers in a CSV are. 1.2E+20 was spelled 120000000000000000000 and read as an
// identifier (text), which turned the whole column into text.
import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { importTestArchive } from '../../../../../helpers/import-test-archive'
import { zipBytes } from '../../../../../helpers/write-zip'

const NUMBERS = [0.000012, 1.2e20, -3.5e-9]
const STORED = NUMBERS.map((value) => ({ value, type: 'real' }))

async function imported(name: string, bytes: Uint8Array) {
  const archive = await importTestArchive()
  const outcome = await archive.run(archive.write(name, bytes), {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null })
  const dataset = getDataset(archive.db, outcome.sheets![0]!.id!)!
  return {
    columns: dataset.columns.map((column) => [column.label, column.type]),
    sci: archive.db.prepare(`SELECT c1 AS value, typeof(c1) AS type FROM ds_${dataset.id} ORDER BY rowid`).all()
  }
}

function sheetJsBook(bookType: XLSX.BookType): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet([['Item', 'Sci'], ...NUMBERS.map((value, row) => [`r${row}`, value])])
  for (let row = 2; row <= 4; row++) sheet[`B${row}`]!.z = '0.00E+00'
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, sheet, 'S')
  return new Uint8Array(XLSX.write(book, { bookType, type: 'buffer' }) as Buffer)
}

/** An .ods as LibreOffice writes a scientific format: a number:scientific-number style, office:value with an exponent. */
function scientificOds(): Uint8Array {
  const ns =
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
  const cell = (text: string) => `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell>`
  const number = (written: string, shown: string) => `<table:table-cell table:style-name="ce1" office:value-type="float" office:value="${written}"><text:p>${shown}</text:p></table:table-cell>`
  const rows = [
    `<table:table-row>${cell('Item')}${cell('Sci')}</table:table-row>`,
    `<table:table-row>${cell('r0')}${number('1.2E-05', '1.20E-05')}</table:table-row>`,
    `<table:table-row>${cell('r1')}${number('1.2E+20', '1.20E+20')}</table:table-row>`,
    `<table:table-row>${cell('r2')}${number('-3.5E-09', '-3.50E-09')}</table:table-row>`
  ]
  const styles = `<office:automatic-styles><number:number-style style:name="N11"><number:scientific-number number:decimal-places="2" number:min-integer-digits="1" number:min-exponent-digits="2"/></number:number-style><style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N11"/></office:automatic-styles>`
  return zipBytes([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
    {
      name: 'META-INF/manifest.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest ${ns}><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`
    },
    { name: 'styles.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ns} office:version="1.2"/>` },
    {
      name: 'content.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ns} office:version="1.2">${styles}<office:body><office:spreadsheet><table:table table:name="S">${rows.join('')}</table:table></office:spreadsheet></office:body></office:document-content>`
    }
  ])
}

describe('numbers in a scientific format', () => {
  it('keeps an .xlsx column formatted 0.00E+00 a column of reals holding the numbers the cells hold (exceljs)', async () => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('S')
    sheet.addRow(['Item', 'Sci'])
    NUMBERS.forEach((value, row) => (sheet.addRow([`r${row}`, value]).getCell(2).numFmt = '0.00E+00'))
    const read = await imported('sci.xlsx', new Uint8Array(await book.xlsx.writeBuffer()))
    expect(read.columns).toEqual([
      ['Item', 'text'],
      ['Sci', 'real']
    ])
    expect(read.sci).toEqual(STORED)
  })

  it('does the same for .xls and Excel 2003 XML (SheetJS) and for .ods', async () => {
    for (const [name, bytes] of [
      ['sci.xls', sheetJsBook('biff8')],
      ['sci.xml', sheetJsBook('xlml')],
      ['sci.ods', scientificOds()]
    ] as const) {
      const read = await imported(name, bytes)
      expect(read.columns, name).toEqual([
        ['Item', 'text'],
        ['Sci', 'real']
      ])
      expect(read.sci, name).toEqual(STORED)
    }
  })
})
