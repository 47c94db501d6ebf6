// The xlsx reader says which rows and columns a sheet hides (<row hidden="1">, <col hidden="1">):
// they are still read, and the import says so (see the shared contract on SheetRow.hidden and
// SheetReadFacts.hiddenColumns).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openWorkbook } from '../../../../../../src/main/core/import/workbook/read-workbook'
import type { SheetRow } from '../../../../../../src/main/core/import/workbook/sheet-row'
import { writeHandWrittenXlsx } from '../../../../../helpers/hand-written-workbooks'

const dir = mkdtempSync(join(tmpdir(), 'casefile-xlsx-hidden-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`

async function read(xml: string): Promise<{ rows: [number, boolean, (string | null)[]][]; hiddenColumns: number[] }> {
  const path = writeHandWrittenXlsx(join(dir, `book-${Math.random().toString(36).slice(2)}.xlsx`), [{ name: 'Data', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml }], {
    sharedStrings: null,
    styles: null,
    workbookPr: '',
    extra: []
  })
  const signal = new AbortController().signal
  const book = await openWorkbook(path, 'book.xlsx', 'xlsx', signal)
  try {
    const rows: SheetRow[] = []
    const facts = await book.readRows(book.facts.sheets[0]!, (row) => rows.push(row), signal, () => undefined)
    return { rows: rows.map((row) => [row.row, row.hidden, [...row.values]]), hiddenColumns: facts.hiddenColumns }
  } finally {
    book.close()
  }
}

describe('hidden rows and columns of an .xlsx', () => {
  it('marks each row the sheet hides, and lists the columns it hides, reading them all', async () => {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}">` +
      '<cols><col min="1" max="1" width="12" customWidth="1"/><col min="2" max="3" hidden="1"/><col min="5" max="5" hidden="true" width="0"/><col min="6" max="6" hidden="0"/></cols>' +
      '<sheetData>' +
      `<row r="1">${cell('A1', 'Office')}${cell('B1', 'Code')}${cell('C1', 'Old code')}${cell('D1', 'Cases')}</row>` +
      `<row r="2" hidden="1" spans="1:4">${cell('A2', 'Miami')}${cell('B2', 'MIA')}</row>` +
      `<row r="3" hidden="0">${cell('A3', 'Denver')}</row>` +
      `<row r="4" customHeight="1" hidden="true">${cell('A4', 'Boston')}</row>` +
      '</sheetData></worksheet>'
    expect(await read(xml)).toEqual({
      rows: [
        [1, false, ['Office', 'Code', 'Old code', 'Cases']],
        [2, true, ['Miami', 'MIA']],
        [3, false, ['Denver']],
        [4, true, ['Boston']]
      ],
      hiddenColumns: [1, 2, 4]
    })
  })

  it('hides nothing in a sheet that says nothing of it, and stops a hidden range at the last column a sheet has', async () => {
    const plain = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1">${cell('A1', 'Office')}</x:row></x:sheetData></x:worksheet>`
    expect(await read(plain)).toEqual({ rows: [[1, false, ['Office']]], hiddenColumns: [] })
    const wide = `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><cols><col min="16383" max="99999" hidden="1"/></cols><sheetData><row r="1">${cell('A1', 'Office')}</row></sheetData></worksheet>`
    expect((await read(wide)).hiddenColumns).toEqual([16_382, 16_383])
  })
})
