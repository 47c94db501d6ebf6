import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'
import { readJsonText } from './read-json-text'

const FIXTURES = resolve(import.meta.dirname, '../../../../../fixtures/import/json')

describe('NDJSON', () => {
  test.each([1, 5, 1 << 20])('reads one object per line, skipping blank lines, CRLF or not (%i-byte chunks)', async (chunkBytes) => {
    const { error, sink, result } = await readJsonText(readFileSync(`${FIXTURES}/review-progress.ndjson`), 'review-progress.ndjson', 'ndjson', chunkBytes)
    expect(error).toBeNull()
    const bytes = readFileSync(`${FIXTURES}/review-progress.ndjson`)
    expect(result).toEqual({ format: 'ndjson', rows: 3, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') })
    expect(sink.calls).toEqual([
      { call: 'columns', labels: ['date', 'office', 'closed'] },
      { call: 'addColumns', labels: ['flag'] },
      {
        call: 'rows',
        batch: [
          ['2012-01-19', 'Baltimore', '57'],
          ['2012-03-05', 'Denver', '114', 'true'],
          ['2012-05-29', 'All offices', '4403', null]
        ]
      }
    ])
  })

  test.each([1, 1 << 20])('names the bad line and delivers nothing (%i-byte chunks)', async (chunkBytes) => {
    const { error, sink } = await readJsonText(readFileSync(`${FIXTURES}/bad-line-3.ndjson`), 'bad-line-3.ndjson', 'ndjson', chunkBytes)
    expect(error).toBeInstanceOf(ImportInputError)
    expect((error as ImportInputError).message).toBe("bad-line-3.ndjson, line 3: expected a value, found 'x' (column 55).")
    expect((error as ImportInputError).line).toBe(3)
    expect(sink.table).toEqual([])
  })

  test('refuses a line that is not an object', async () => {
    const { error } = await readJsonText('{"a": 1}\n[1, 2]\n', 'array.jsonl', 'ndjson', 1 << 20)
    expect((error as ImportInputError).message).toBe('array.jsonl, line 2: the line holds an array, not an object; each line must be one object (one row) (column 1).')
  })

  test('refuses a value that continues on the next line', async () => {
    const { error } = await readJsonText('{"a": 1}\n{"a":\n 2}\n', 'split.ndjson', 'ndjson', 1 << 20)
    expect((error as ImportInputError).message).toBe(
      'split.ndjson, line 2: the line ends before the value is complete (expected a value); NDJSON needs one value per line (column 6).'
    )
  })

  test('refuses two values on one line', async () => {
    const { error } = await readJsonText('{"a": 1} {"a": 2}\n', 'two.ndjson', 'ndjson', 1 << 20)
    expect((error as ImportInputError).message).toBe("two.ndjson, line 1: expected the end of the line after the value, found '{' (column 10).")
  })

  test('a file of blank lines holds no rows', async () => {
    const { error } = await readJsonText('\n  \r\n\n', 'blank.ndjson', 'ndjson', 1 << 20)
    expect((error as ImportInputError).message).toBe('blank.ndjson holds no rows.')
  })
})
