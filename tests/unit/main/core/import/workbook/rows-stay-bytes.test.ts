// An .xlsx row read as bytes reaches the typer without ever becoming strings: nothing past the rows
// the header is found in asks a data row for its text, not even one after a blank row (which may
// open the legend under a table, but not when it holds three values or more).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { PackedSink } from '../../../../../../src/main/core/import/typing/packed-sink'
import { TypingSink } from '../../../../../../src/main/core/import/typing/typing-sink'
import { cellFilled, EncodedRowWriter, EncodedSheetRow, rowLength } from '../../../../../../src/main/core/import/workbook/encoded-sheet-row'
import { HEADER_WINDOW } from '../../../../../../src/main/core/import/workbook/find-sheet-table'
import { openWorkbook, readWorkbookSheet, sheetsToRead } from '../../../../../../src/main/core/import/workbook/read-workbook'
import { sheetXml, writeHandWrittenXlsx } from '../../../../../helpers/hand-written-workbooks'

const dir = mkdtempSync(join(tmpdir(), 'casefile-rows-stay-bytes-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`

describe('rows read as bytes', () => {
  it('are never made strings past the header window, blank rows between them or not', async () => {
    // Every fifth row is left out: the row after it stands apart from the last data row.
    const rows = [`<row r="1">${inline('A1', 'Office')}${inline('B1', 'Year')}${inline('C1', 'Cases')}</row>`]
    for (let r = 2; r <= 120; r++) if (r % 5 !== 0) rows.push(`<row r="${r}">${inline(`A${r}`, `NA office ${r}`)}<c r="B${r}"><v>2012</v></c><c r="C${r}"><v>${r}</v></c></row>`)
    const path = writeHandWrittenXlsx(join(dir, 'gaps.xlsx'), [{ name: 'Data', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml: sheetXml(rows.join('')) }], {
      sharedStrings: null,
      styles: null,
      workbookPr: '',
      extra: []
    })
    const asked: number[] = []
    const values = Object.getOwnPropertyDescriptor(EncodedSheetRow.prototype, 'values')!.get!
    const spy = vi.spyOn(EncodedSheetRow.prototype, 'values', 'get').mockImplementation(function (this: EncodedSheetRow) {
      asked.push(this.row)
      return values.call(this) as (string | null)[]
    })
    const formats: string[] = []
    const packed: PackedSink = {
      columns: () => undefined,
      addColumns: () => undefined,
      batch: (batch) => formats.push(batch.format),
      spellings: () => undefined,
      warning: () => undefined,
      progress: () => undefined
    }
    const typing = new TypingSink(packed, [])
    const signal = new AbortController().signal
    const book = await openWorkbook(path, 'gaps.xlsx', 'xlsx', signal)
    try {
      const { summary } = await readWorkbookSheet(book, sheetsToRead(book, 'gaps.xlsx', null)[0]!, typing, true, signal, 'Data', () => undefined, () => {
        throw new Error('the sheet holds one table')
      })
      expect(summary!.rows).toBe(rows.length - 1)
    } finally {
      book.close()
      spy.mockRestore()
    }
    expect(formats).toEqual(['jsonb'])
    expect(asked.filter((row) => row > HEADER_WINDOW + 10)).toEqual([])
  })

  it('hold the values they are given, once given others', () => {
    const writer = new EncodedRowWriter()
    writer.startRow()
    writer.copy(0, 'text', Buffer.from('Miami'), 0, 5)
    writer.text(2, 'number', '7')
    const row = writer.endRow(4, false)
    expect([row.asBytes, rowLength(row), cellFilled(row, 1), cellFilled(row, 2)]).toEqual([true, 3, false, true])
    row.values = ['Miami', 'FL', null, null, 'spread']
    expect([row.asBytes, rowLength(row), cellFilled(row, 1), cellFilled(row, 2), row.values]).toEqual([false, 5, true, false, ['Miami', 'FL', null, null, 'spread']])
  })
})
