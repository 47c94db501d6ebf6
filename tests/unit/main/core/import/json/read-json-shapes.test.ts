import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'
import { readJsonText } from './read-json-text'

const FIXTURES = resolve(import.meta.dirname, '../../../../../fixtures/import/json')
const WANTED =
  'Casefile needs an array of objects, one per row ([{…}, {…}]), or an object with one member that holds such an array ({"rows": [{…}, {…}]})'

async function failure(text: string, fileName: string): Promise<ImportInputError> {
  const { error, sink } = await readJsonText(text, fileName, 'json', 1 << 20)
  expect(error).toBeInstanceOf(ImportInputError)
  expect(sink.table).toEqual([])
  return error as ImportInputError
}

describe('document shapes', () => {
  test('a top-level array of objects is the table', async () => {
    const { error, sink } = await readJsonText('[{"a": 1}, {"a": 2}]', 'rows.json', 'json', 1 << 20)
    expect(error).toBeNull()
    expect(sink.table).toEqual([['1'], ['2']])
  })

  test('an object with one array-of-objects member uses that member, whatever else it holds', async () => {
    const { error, sink, result } = await readJsonText(readFileSync(`${FIXTURES}/backlog-review.json`), 'backlog-review.json', 'json', 1 << 20)
    expect(error).toBeNull()
    expect(result?.rows).toBe(4)
    expect(sink.calls.map((call) => (call.call === 'rows' ? `rows ${call.batch.length}` : `${call.call} ${call.labels.join(',')}`))).toEqual([
      'columns date,office,pending,reviewed,closed,rate',
      'addColumns note',
      'rows 4'
    ])
    expect(sink.table).toEqual([
      ['2012-01-19', 'Baltimore', '9251', '2710', '57', '0.021', null],
      ['2012-03-05', 'Denver', '7863', '6012', '114', '0.019', null],
      ['2012-04-16', 'Seattle', '8912', '8901', '201', '0.0226', 'second pass'],
      ['2012-05-29', 'All offices', '411000', '288361', '4403', '0.0153', null]
    ])
  })

  test('arrays of scalars, empty arrays and nested objects beside the rows are ignored', async () => {
    const { error, sink } = await readJsonText(
      '{"tags": ["x", {"y": 1}], "empty": [], "deep": {"rows": [{"no": 1}]}, "rows": [{"a": 1}], "more": [[{"b": 2}]]}',
      'wrapped.json',
      'json',
      1 << 20
    )
    expect(error).toBeNull()
    expect(sink.labels).toEqual(['a'])
    expect(sink.table).toEqual([['1']])
  })

  test.each([
    ['"just text"', 'a string', 1],
    ['  42', 'a number', 3],
    ['true', 'true', 1],
    ['null', 'null', 1]
  ])('a top-level scalar (%s) is refused, saying what shape is needed', async (text, what, column) => {
    expect((await failure(text, 'shape.json')).message).toBe(`shape.json, line 1, column ${column}: the top level is ${what}; ${WANTED}.`)
  })

  test('an array of arrays is refused at its first item', async () => {
    expect((await failure('[[1, 2], [3, 4]]', 'shape.json')).message).toBe(
      'shape.json, line 1, column 2: item 1 of the top-level array is an array, not an object; each row must be an object.'
    )
  })

  test('a row that is not an object is refused by number and line, after the rows before it', async () => {
    const { error, sink } = await readJsonText('[\n{"a": 1},\n{"a": 2},\nnull\n]', 'mixed.json', 'json', 1 << 20)
    expect((error as ImportInputError).message).toBe(
      'mixed.json, line 4, column 1: item 3 of the top-level array is null, not an object; each row must be an object.'
    )
    expect((error as ImportInputError).line).toBe(4)
    // Rows already collected are never delivered after the error.
    expect(sink.calls.filter((call) => call.call === 'rows')).toEqual([])
  })

  test('a non-object inside the rows member is refused with the member named', async () => {
    expect((await failure('{"rows": [{"a": 1}, 5]}', 'shape.json')).message).toBe(
      'shape.json, line 1, column 21: item 2 of "rows" is a number, not an object; each row must be an object.'
    )
  })

  test('an object without an array of objects is refused', async () => {
    const message = `shape.json is not a table Casefile can import: its top-level object has no member that holds an array of objects. ${WANTED}.`
    expect((await failure('{"a": 1, "b": [1, 2]}', 'shape.json')).message).toBe(message)
    expect((await failure('{"result": {"data": [{"a": 1}]}}', 'shape.json')).message).toBe(message)
    expect((await failure('{}', 'shape.json')).message).toBe(message)
  })

  test('two arrays of objects are refused: which table was meant is unknowable', async () => {
    expect((await failure('{"a": [{"x": 1}], "b": [{"y": 1}]}', 'shape.json')).message).toBe(
      'shape.json, line 1, column 25: the top-level object has a second array of objects, "b" (the first was "a"); Casefile imports one table per file.'
    )
  })

  test('a syntax error is reported before a shape problem found earlier', async () => {
    expect((await failure('{"a": 1} x', 'shape.json')).message).toBe("shape.json, line 1, column 10: expected the end of the file after the value, found 'x'.")
  })

  test.each([['[]'], ['{"data": []}'], ['{"data": [], "meta": {"n": 0}}']])('%s holds no rows', async (text) => {
    const error = await failure(text, 'none.json')
    expect(error.message).toBe('none.json holds no rows.')
  })

  test('an empty file is refused as empty, a blank one as missing its value', async () => {
    expect((await failure('', 'empty.json')).message).toBe('empty.json is empty (0 bytes); nothing was imported.')
    expect((await failure(' \n\t', 'blank.json')).message).toBe('blank.json, line 2, column 2: expected a value, found the end of the file.')
  })
})

describe('row values', () => {
  test('become text as written: numbers keep their spelling, nested values are compact JSON', async () => {
    const { sink } = await readJsonText(
      '[{"s": "a\\tb", "n": 1.50, "e": 1E+2, "t": true, "f": false, "z": null, "empty": "", "o": {"k": [1.0, "x", null]}, "l": []}]',
      'values.json',
      'json',
      1 << 20
    )
    expect(sink.labels).toEqual(['s', 'n', 'e', 't', 'f', 'z', 'empty', 'o', 'l'])
    expect(sink.table).toEqual([['a\tb', '1.50', '1E+2', 'true', 'false', null, '', '{"k":[1.0,"x",null]}', '[]']])
  })

  test('keys are the union of all rows, in first-seen order, announced as they appear', async () => {
    const { sink } = await readJsonText('[{"a": 1, "b": 2}, {"b": 3, "c": 4}, {}, {"d": 5, "a": 6}]', 'union.json', 'json', 1 << 20)
    expect(sink.calls).toEqual([
      { call: 'columns', labels: ['a', 'b'] },
      { call: 'addColumns', labels: ['c'] },
      { call: 'addColumns', labels: ['d'] },
      { call: 'rows', batch: [['1', '2'], [null, '3', '4'], [null, null, null], ['6', null, null, '5']] }
    ])
  })

  test('a repeated key keeps its last value; an empty key gets a readable label', async () => {
    const { sink } = await readJsonText('[{"a": 1, "": 2, "a": 3}]', 'keys.json', 'json', 1 << 20)
    expect(sink.labels).toEqual(['a', 'Column 2'])
    expect(sink.table).toEqual([['3', '2']])
  })

  test('rows without keys before the first key wait until a column exists', async () => {
    const { sink } = await readJsonText('[{}, {}, {"a": 1}]', 'late.json', 'json', 1 << 20)
    expect(sink.calls).toEqual([
      { call: 'columns', labels: ['a'] },
      { call: 'rows', batch: [[], [], ['1']] }
    ])
  })

  test('rows that never have a key still import, as empty rows', async () => {
    const { sink, result } = await readJsonText('[{}, {}]', 'keyless.json', 'json', 1 << 20)
    expect(result?.rows).toBe(2)
    expect(sink.calls).toEqual([
      { call: 'columns', labels: [] },
      { call: 'rows', batch: [[], []] }
    ])
  })

  test.each([1, 5, 1 << 20])('a key that appears twice in one object is reported with its line and column; the last value is kept (%i-byte chunks)', async (chunkBytes) => {
    const once = await readJsonText('[{"a": 1, "b": 2, "a": 3},\n {"a": 4}]', 'dupes.json', 'json', chunkBytes)
    expect(once.sink.table).toEqual([['3', '2'], ['4', null]])
    expect(once.sink.warnings).toEqual([
      { line: 1, message: 'dupes.json, line 1, column 19: the key "a" appears again in the same object; Casefile kept the last value and left out the earlier one.' }
    ])
    const rows = Array.from({ length: 12 }, (_, i) => `{"id": ${i}, "x": 1, "x": 2${i === 3 ? ', "id": 9' : ''}}`)
    const many = await readJsonText(`${rows.join('\n')}\n`, 'dupes.ndjson', 'ndjson', chunkBytes)
    expect(many.sink.table[3]).toEqual(['9', '2'])
    const listed = [1, 2, 3, 4, 4, 5, 6, 7, 8, 9].map((line, i) => `line ${line}, column ${i === 4 ? 27 : 19}: "${i === 4 ? 'id' : 'x'}"`)
    expect(many.sink.warnings).toEqual([
      {
        line: 1,
        message: `dupes.ndjson: 13 keys appear again in the same object (${listed.join('; ')} … and 3 more); Casefile kept the last value of each and left out the earlier ones.`
      }
    ])
  })

  test('NUL characters and search-snippet markers never reach stored text; NULs are reported', async () => {
    const { sink } = await readJsonText('[{"a\\u0000": "x\\u0000y\uE000z\\ue001", "b": ["\\u0000"]}]', 'nul.json', 'json', 1 << 20)
    expect(sink.labels).toEqual(['a', 'b'])
    expect(sink.table).toEqual([['xyz', '[""]']])
    expect(sink.warnings).toEqual([{ line: null, message: 'nul.json contained 3 NUL characters (\\u0000) in its strings; they were removed.' }])
  })
})

describe('encoding and limits', () => {
  test('a UTF-8 byte order mark is skipped', async () => {
    const { error, sink } = await readJsonText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"a": "é"}]')]), 'bom.json', 'json', 2)
    expect(error).toBeNull()
    expect(sink.table).toEqual([['é']])
  })

  test('UTF-16 is refused with the reason, with a byte-order mark or without', async () => {
    const { error } = await readJsonText(Buffer.from('\ufeff[{"a": 1}]', 'utf16le'), 'wide.json', 'json', 1 << 20)
    expect((error as ImportInputError).message).toBe('wide.json is UTF-16 text; JSON files must be UTF-8. Save it as UTF-8 and import it again.')
    const bare = await readJsonText(Buffer.from('[{"a": 1}]\n', 'utf16le').swap16(), 'bare.json', 'json', 1 << 20)
    expect((bare.error as ImportInputError).message).toBe('bare.json is UTF-16 text; JSON files must be UTF-8. Save it as UTF-8 and import it again.')
  })

  test.each([1, 3, 1 << 20])('invalid UTF-8 is located by line, column and byte offset (%i-byte chunks)', async (chunkBytes) => {
    const content = Buffer.concat([Buffer.from('[{"a": "é"},\n {"a": "ok'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]')])
    const { error } = await readJsonText(content, 'latin.json', 'json', chunkBytes)
    expect((error as ImportInputError).message).toBe('latin.json, line 2, column 11: byte 0xC3 is not valid UTF-8 (JSON files must be UTF-8).')
    expect((error as ImportInputError).byteOffset).toBe(Buffer.byteLength('[{"a": "é"},\n {"a": "ok'))
  })

  test('512 levels of nesting are accepted; deeper is refused cleanly', async () => {
    // The array and the row object are two levels; the value adds the rest.
    const nested = (levels: number): string => `[{"v": ${'['.repeat(levels)}${']'.repeat(levels)}}]`
    const { error, sink } = await readJsonText(nested(510), 'deep.json', 'json', 1 << 20)
    expect(error).toBeNull()
    expect(sink.table).toEqual([['['.repeat(510) + ']'.repeat(510)]])
    expect((await failure(nested(511), 'deeper.json')).message).toBe('deeper.json, line 1, column 518: the JSON is nested more than 512 levels deep.')
  })

  test('10,000 levels of nesting end in a clear error, not a stack overflow', async () => {
    const text = `[{"v": ${'['.repeat(10_000)}${']'.repeat(10_000)}}]`
    for (const chunkBytes of [7, 1 << 20]) {
      const { error } = await readJsonText(text, 'hostile.json', 'json', chunkBytes)
      expect((error as ImportInputError).message).toBe('hostile.json, line 1, column 518: the JSON is nested more than 512 levels deep.')
    }
  })
})
