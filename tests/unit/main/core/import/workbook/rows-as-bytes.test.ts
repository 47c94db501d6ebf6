// A sheet's rows reach the typer as UTF-8 bytes (the writer then gets JSONB) whenever the sink
// takes them so: the cells must come out exactly as they did as strings (JSON batches). Each sheet
// here is read both ways and the batches compared as SQLite reads them.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import type { RowSink } from '../../../../../../src/main/core/import/row-sink'
import type { PackedBatch } from '../../../../../../src/main/core/import/typing/packed-batch'
import type { PackedSink } from '../../../../../../src/main/core/import/typing/packed-sink'
import { TypingSink } from '../../../../../../src/main/core/import/typing/typing-sink'
import { openWorkbook, readWorkbookSheet, sheetsToRead } from '../../../../../../src/main/core/import/workbook/read-workbook'
import { sheetXml, writeHandWrittenXlsx } from '../../../../../helpers/hand-written-workbooks'

const db = new Database(':memory:')
const dir = mkdtempSync(join(tmpdir(), 'casefile-rows-as-bytes-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const STYLES =
  '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/></cellXfs></styleSheet>'
const SHARED =
  '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Miami</t></si><si><t>São Paulo — “quoted”</t></si><si><t></t></si><si><r><t>rich </t></r><r><t>😀 text</t></r></si><si><t>N/A</t></si></sst>'

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`
const number = (ref: string, value: string, style = 0) => `<c r="${ref}"${style > 0 ? ` s="${style}"` : ''}><v>${value}</v></c>`
const shared = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`

interface Read {
  batches: string[]
  formats: string[]
  spellings: string[]
  settled: unknown
}

/** What a sheet's rows become through a TypingSink: each batch as SQLite's json() reads it, and the spellings and types. */
async function readBothWays(rows: string, nullTokens: string[]): Promise<{ bytes: Read; strings: Read }> {
  const path = writeHandWrittenXlsx(join(dir, `book-${Math.random().toString(36).slice(2)}.xlsx`), [{ name: 'Data', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml: sheetXml(rows) }], {
    sharedStrings: SHARED,
    styles: STYLES,
    workbookPr: '',
    extra: []
  })
  const read = async (asBytes: boolean): Promise<Read> => {
    const out: Read = { batches: [], formats: [], spellings: [], settled: null }
    const packed: PackedSink = {
      columns: () => undefined,
      addColumns: () => undefined,
      batch: (batch: PackedBatch) => {
        out.formats.push(batch.format)
        const value = batch.format === 'json' ? batch.json : batch.format === 'jsonb' ? batch.jsonb : null
        out.batches.push(db.prepare('SELECT json(?) AS j').pluck().get(value) as string)
      },
      spellings: (json) => out.spellings.push(json),
      warning: () => undefined,
      progress: () => undefined
    }
    const typing = new TypingSink(packed, nullTokens)
    // The same sink without its byte entry point: rows go as strings, as they did before.
    const sink: RowSink = asBytes
      ? typing
      : { columns: (l) => typing.columns(l), addColumns: (l) => typing.addColumns(l), rows: (b) => typing.rows(b), warning: (w) => typing.warning(w), progress: (p) => typing.progress(p) }
    const signal = new AbortController().signal
    const book = await openWorkbook(path, 'book.xlsx', 'xlsx', signal)
    try {
      const [sheet] = sheetsToRead(book, 'book.xlsx', null)
      await readWorkbookSheet(book, sheet!, sink, true, signal, 'Data', () => undefined, () => {
        throw new Error('one table expected')
      })
    } finally {
      book.close()
    }
    out.settled = typing.finish()
    return out
  }
  return { bytes: await read(true), strings: await read(false) }
}

const header = `<row r="1">${['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((label) => inline(`${label}1`, `col ${label}`)).join('')}</row>`

describe('sheet rows given to the typer as bytes', () => {
  it('type and spell numbers, dates, text and markers exactly as rows of strings do', async () => {
    const body = [
      `<row r="2">${number('A2', '1')}${inline('B2', 'plain')}${number('C2', '40983', 1)}${shared('D2', 0)}${number('E2', '12')}<c r="F2" t="b"><v>1</v></c>${number('G2', '0.5')}</row>`,
      `<row r="3">${number('A3', '1.50')}${inline('B3', 'a &quot;b&quot; \\ c&#10;d')}${number('C3', '40983.5', 2)}${shared('D3', 1)}${inline('E3', 'D')}<c r="F3" t="e"><v>#N/A</v></c></row>`,
      `<row r="4">${number('A4', '-0')}${inline('B4', 'tab&#9;and _x0001_ control')}${number('C4', '61', 1)}${shared('D4', 2)}${inline('E4', '(b)(6)')}${number('G4', '1E+300')}</row>`,
      `<row r="5">${number('A5', '12345678901234567890')}${inline('B5', '😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢')}${shared('D5', 3)}${number('E5', '7')}${number('G5', '3.0000000000000004')}</row>`,
      `<row r="6">${number('A6', '9007199254740993')}${inline('B6', '')}${number('C6', '1', 1)}${shared('D6', 4)}${number('E6', '-3')}</row>`,
      `<row r="8">${number('A8', '0.1')}${inline('B8', 'N/A')}${number('G8', '1e-7')}</row>`,
      `<row r="9">${number('A9', '1E+20')}${inline('B9', 'é')}${number('C9', '40984', 1)}${number('E9', '+5')}</row>`
    ].join('')
    for (const tokens of [[], ['N/A', 'é']]) {
      const { bytes, strings } = await readBothWays(header + body, tokens)
      expect(bytes.formats).toEqual(['jsonb'])
      expect(strings.formats).toEqual(['json'])
      expect(bytes.batches).toEqual(strings.batches)
      expect(bytes.spellings.join('')).toEqual(strings.spellings.join(''))
      expect(bytes.settled).toEqual(strings.settled)
    }
    const { bytes } = await readBothWays(header + body, [])
    const rows = JSON.parse(bytes.batches[0]!) as unknown[][]
    // Numbers as written where JavaScript would spell them otherwise: kept beside the number. An
    // integer past 64 bits makes its column text, from its row on (the rows before are fixed up).
    // An exponent or a fraction past 15 digits is spelled as the .xls and .ods readers spell it (see
    // writtenNumberText); whole numbers keep the digits written.
    expect(rows.map((row) => row[0])).toEqual([1, 1.5, 0, '12345678901234567890', '9007199254740993', '0.1', '100000000000000000000'])
    expect(rows.map((row) => row[6])).toEqual([0.5, null, 1e300, 3, null, 1e-7, null])
    expect(JSON.parse(bytes.spellings.join(''))).toEqual([
      [2, 0, '1.50'],
      [3, 0, '-0'],
      [3, 6, '1e+300'],
      [6, 6, '1e-7'],
      [7, 4, '+5']
    ])
    expect(bytes.settled).toMatchObject({ types: ['text', 'text', 'datetime', 'text', 'integer', 'text', 'real'], fixups: [{ position: 0, numbersBefore: 4 }] })
    expect(rows.map((row) => row[2])).toEqual(['2012-03-15', '2012-03-15T12:00:00', '1900-03-01', null, '1900-01-01', null, '2012-03-16'])
    expect(rows[1]![1]).toBe('a "b" \\ c\nd')
    expect(rows[3]![3]).toBe('rich 😀 text')
  })

  it('sends a row holding a lone surrogate as strings, between rows sent as bytes, in order', async () => {
    const body = [2, 3, 4, 5].map((r) => `<row r="${r}">${number(`A${r}`, String(r))}${inline(`B${r}`, r === 4 ? 'half &#xD800; pair' : `text ${r}`)}</row>`).join('')
    const { bytes, strings } = await readBothWays(header + body, [])
    expect(bytes.formats).toEqual(['jsonb', 'json', 'jsonb'])
    expect(bytes.batches.map((batch) => JSON.parse(batch) as unknown[]).flat()).toEqual(strings.batches.map((batch) => JSON.parse(batch) as unknown[]).flat())
    expect(bytes.settled).toEqual(strings.settled)
  })
})
