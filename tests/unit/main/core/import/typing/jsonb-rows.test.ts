// JsonbRows writes SQLite's binary JSON by hand; SQLite itself is the judge of what it wrote.
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { JSONB_FLOAT, JSONB_INT, JSONB_TEXTRAW, JsonbRows } from '../../../../../../src/main/core/import/typing/jsonb-rows'

const db = new Database(':memory:')
afterAll(() => db.close())
const valid = db.prepare('SELECT json_valid(?, 8)').pluck()
const asJson = db.prepare('SELECT json(?)').pluck()
const cells = db.prepare("SELECT value->>0 AS a, typeof(value->>0) AS ta, value->>1 AS b, typeof(value->>1) AS tb FROM jsonb_each(?)")

const utf8 = (text: string) => Buffer.from(text, 'utf8')

describe('JsonbRows', () => {
  it('writes rows SQLite reads back, payloads of every header size included', () => {
    const rows = new JsonbRows()
    // 0, 11, 12, 255, 256, 65,535 and 65,536 bytes: each side of every header size.
    const lengths = [0, 11, 12, 255, 256, 65_535, 65_536, 300_000]
    for (const length of lengths) {
      const text = 'é'.repeat(length >> 1) + (length % 2 ? 'x' : '')
      const bytes = utf8(`,${text},`)
      rows.beginRow()
      rows.copy(JSONB_TEXTRAW, bytes, 1, bytes.length - 1)
      rows.text(JSONB_INT, String(length))
      rows.endRow()
    }
    expect(rows.rows).toBe(lengths.length)
    const batch = Buffer.from(rows.take())
    expect(valid.get(batch)).toBe(1)
    const read = cells.all(batch) as { a: string; ta: string; b: number; tb: string }[]
    expect(read.map((row) => Buffer.byteLength(row.a))).toEqual(lengths)
    expect(read.map((row) => row.b)).toEqual(lengths)
    expect(new Set(read.map((row) => `${row.ta}/${row.tb}`))).toEqual(new Set(['text/integer']))
  })

  it('keeps numbers as their text, nulls as null, and undoubles quotes', () => {
    const rows = new JsonbRows()
    const quoted = utf8('say ""hi"" ""')
    rows.beginRow()
    rows.copy(JSONB_FLOAT, utf8('2954.57'), 0, 7)
    rows.copyUndoublingQuotes(quoted, 0, quoted.length, 3)
    rows.endRow()
    rows.beginRow()
    rows.null()
    rows.text(JSONB_TEXTRAW, 'tab\there "and" \\ back\u0001slash')
    rows.endRow()
    const batch = Buffer.from(rows.take())
    expect(valid.get(batch)).toBe(1)
    expect(asJson.get(batch)).toBe('[[2954.57,"say \\"hi\\" \\""],[null,"tab\\there \\"and\\" \\\\ back\\u0001slash"]]')
    expect(cells.all(batch)).toEqual([
      { a: 2954.57, ta: 'real', b: 'say "hi" "', tb: 'text' },
      { a: null, ta: 'null', b: 'tab\there "and" \\ back\u0001slash', tb: 'text' }
    ])
  })

  it('starts the next batch empty in the same memory after take()', () => {
    const rows = new JsonbRows()
    rows.beginRow()
    rows.text(JSONB_INT, '1')
    rows.endRow()
    expect(asJson.get(Buffer.from(rows.take()))).toBe('[[1]]')
    expect(rows.rows).toBe(0)
    rows.beginRow()
    rows.text(JSONB_INT, '2')
    rows.endRow()
    expect(asJson.get(Buffer.from(rows.take()))).toBe('[[2]]')
    expect(asJson.get(Buffer.from(rows.take()))).toBe('[]')
  })
})
