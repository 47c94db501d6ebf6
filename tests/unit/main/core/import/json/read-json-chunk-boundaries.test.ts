import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { JsonEventParser, type JsonEventHandler } from '../../../../../../src/main/core/import/json/json-event-parser'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'
import { readJsonText } from './read-json-text'

// Every kind of token, escape, multibyte character (2, 3 and 4 bytes) and surrogate pair (raw and
// escaped), so that some chunk size puts each of them across a chunk edge.
const DOCUMENT = String.raw`[
  {"name": "Jos\u00e9 \"Pepe\" Ru\u00edz", "city": "São Paulo", "fee": "€10", "mood": "😀\ud83d\ude00", "k\u00e9y\n": -0.5e+10},
  {"name": "", "count": 0, "rate": 1.50, "big": 12345678901234567890, "ok": true, "no": false, "none": null},
  {"nested": {"a": [1, 2.0, {"b": "c\/d"}], "e": {}}, "list": ["x", null, true], "city": "Zürich\r\n"}
]`

const COLUMNS = ['name', 'city', 'fee', 'mood', 'kéy\n', 'count', 'rate', 'big', 'ok', 'no', 'none', 'nested', 'list']
const TABLE = [
  ['José "Pepe" Ruíz', 'São Paulo', '€10', '😀😀', '-0.5e+10', null, null, null, null, null, null, null, null],
  ['', null, null, null, null, '0', '1.50', '12345678901234567890', 'true', 'false', null, null, null],
  [null, 'Zürich\r\n', null, null, null, null, null, null, null, null, null, '{"a":[1,2.0,{"b":"c/d"}],"e":{}}', '["x",null,true]']
]
const CALLS = [
  { call: 'columns', labels: ['name', 'city', 'fee', 'mood', 'kéy\n'] },
  { call: 'addColumns', labels: ['count', 'rate', 'big', 'ok', 'no', 'none'] },
  { call: 'addColumns', labels: ['nested', 'list'] },
  { call: 'rows', batch: [TABLE[0]!.slice(0, 5), TABLE[1]!.slice(0, 11), TABLE[2]] }
]
const CHUNK_SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 13, 1 << 20]

describe('readJson at chunk boundaries', () => {
  test.each(CHUNK_SIZES)('delivers the same columns and rows with %i-byte chunks', async (chunkBytes) => {
    const { error, sink, result } = await readJsonText(DOCUMENT, 'edges.json', 'json', chunkBytes)
    expect(error).toBeNull()
    expect(sink.calls).toEqual(CALLS)
    expect(sink.labels).toEqual(COLUMNS)
    expect(sink.table).toEqual(TABLE)
    expect(result).toEqual({ format: 'json', rows: 3, bytes: Buffer.byteLength(DOCUMENT), sha256: createHash('sha256').update(DOCUMENT).digest('hex') })
  })

  test.each(CHUNK_SIZES)('reads CRLF line endings the same with %i-byte chunks', async (chunkBytes) => {
    const { error, sink } = await readJsonText(DOCUMENT.replaceAll('\n', '\r\n'), 'crlf.json', 'json', chunkBytes)
    expect(error).toBeNull()
    expect(sink.table).toEqual(TABLE)
  })

  test('gives the parser the same events when fed one UTF-16 unit at a time (pairs split in half)', () => {
    const events = (pieces: string[]): string[] => {
      const seen: string[] = []
      const handler: JsonEventHandler = {
        beginObject: () => seen.push('{'),
        endObject: () => seen.push('}'),
        beginArray: () => seen.push('['),
        endArray: () => seen.push(']'),
        key: (name) => seen.push(`key ${name}`),
        string: (value) => seen.push(`string ${value}`),
        number: (raw) => seen.push(`number ${raw}`),
        literal: (value) => seen.push(`literal ${String(value)}`),
        endValue: () => seen.push('end')
      }
      const parser = new JsonEventParser(handler, false)
      for (const piece of pieces) parser.feed(piece, 0)
      parser.finish(0)
      return seen
    }
    const whole = events([DOCUMENT])
    expect(events(DOCUMENT.split(''))).toEqual(whole)
    expect(whole).toContain('string 😀😀')
    expect(whole).toContain('number -0.5e+10')
  })

  test.each(CHUNK_SIZES)('locates a syntax error after multibyte text exactly with %i-byte chunks', async (chunkBytes) => {
    const text = '[\n {"é": "😀 €"},\n {"ü": tru}\n]'
    const { error } = await readJsonText(text, 'bad.json', 'json', chunkBytes)
    expect(error).toBeInstanceOf(ImportInputError)
    expect((error as ImportInputError).message).toBe("bad.json, line 3, column 11: expected 'true', found '}'.")
    expect((error as ImportInputError).line).toBe(3)
    expect((error as ImportInputError).byteOffset).toBe(Buffer.byteLength('[\n {"é": "😀 €"},\n {"ü": tru'))
  })

  test.each(CHUNK_SIZES)('locates a row that is not an object at its start with %i-byte chunks', async (chunkBytes) => {
    const text = '[{"a": "😀"},\n  "a long string that spans many chunks"]'
    const { error, sink } = await readJsonText(text, 'rows.json', 'json', chunkBytes)
    expect((error as ImportInputError).message).toBe(
      'rows.json, line 2, column 3: item 2 of the top-level array is a string, not an object; each row must be an object.'
    )
    expect((error as ImportInputError).byteOffset).toBe(Buffer.byteLength('[{"a": "😀"},\n  '))
    expect(sink.calls.filter((call) => call.call === 'rows')).toEqual([])
  })

  test.each([1, 2, 1 << 20])('ends a number at the end of the file with %i-byte chunks', async (chunkBytes) => {
    const { error } = await readJsonText('  -12.5e3', 'lonely.json', 'json', chunkBytes)
    expect((error as ImportInputError).message).toMatch(/^lonely\.json, line 1, column 3: the top level is a number; Casefile needs an array of objects/)
  })
})
