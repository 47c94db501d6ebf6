import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readTableFile } from '../../../../../../src/main/core/import/read-table-file'
import { DEFAULT_IMPORT_OPTIONS } from '@shared/model'
import { RecordingSink } from './recording-sink'
import { FIXTURES, readPath, settingsFor, tempDir } from './read-fixture'

// eoir-quirks.csv: named .csv but tab-delimited, Latin-1, unquoted, CRLF, with NUL bytes, a BEL,
// a stray quote inside a value, "N/A" and "b6" where a value is missing or withheld (kept as written:
// the importer empties them only when asked), and rows with extra and missing tabs.
const EXPECTED_ROWS = [
  ['1001', 'MX', 'México', 'says 5" tall', '2012-05-29 00:00:00.000'],
  ['1002', 'N/A', 'b6', 'b6 text', null],
  ['1003', 'GT', 'Guatemala', 'bell\u0007char and ’ quote', '2012-06-07 00:00:00.000'],
  ['1004', 'HN', 'Tegucigalpa', 'extra', 'fields\there\t2012-01-01 00:00:00.000'],
  ['1005', 'SV', 'San Salvador'],
  ['1006', 'MX', 'Juárez', null, null]
]

describe('EOIR export quirks', () => {
  const temp = tempDir()
  afterAll(() => temp.remove())

  it('keeps every row of an EOIR-style export read with the default options', async () => {
    const path = join(FIXTURES, 'eoir-quirks.csv')
    const { result, sink } = await readPath(path, settingsFor(DEFAULT_IMPORT_OPTIONS, 1024 * 1024))
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex')
    expect(result).toEqual({ encoding: 'windows-1252', delimiter: '\t', quote: 'none', header: true, rows: 6, bytes: 278, sha256, summary: null })
    const imported = new RecordingSink()
    expect((await readTableFile(path, 'eoir-quirks.csv', 'delimited', DEFAULT_IMPORT_OPTIONS, imported, new AbortController().signal)).sha256).toBe(sha256)
    expect(imported.rowsReceived).toEqual(EXPECTED_ROWS)
    expect(sink.labels).toEqual(['IDNCASE', 'NAT', 'CITY', 'NOTE', 'COMP_DATE'])
    expect(sink.rowsReceived).toEqual(EXPECTED_ROWS)
    expect(sink.warnings).toEqual([
      { line: null, message: 'eoir-quirks.csv is not UTF-8; it was read as Windows-1252 (Latin-1).' },
      { line: null, message: 'eoir-quirks.csv contained 2 NUL bytes; they were removed.' },
      {
        line: 5,
        message:
          'eoir-quirks.csv: 2 row(s) did not have 5 fields (lines 5, 6); missing fields were left empty and extra fields joined into the last column.'
      }
    ])
  })

  it('gives the same rows whatever the chunk size', async () => {
    for (const chunkBytes of [1, 2, 3, 7, 64]) {
      const { sink } = await readPath(join(FIXTURES, 'eoir-quirks.csv'), settingsFor({}, chunkBytes))
      expect(sink.rowsReceived).toEqual(EXPECTED_ROWS)
    }
  })

  it('with quotes off, a value that starts with a quote stays as written', async () => {
    const path = temp.write('quoted-start.tsv', 'A\tB\n"JOHN" SMITH\t"\n2\t3\n')
    const { result, sink } = await readPath(path, settingsFor({ quote: 'none' }, 1024))
    expect(result).toMatchObject({ delimiter: '\t', quote: 'none' })
    expect(sink.rowsReceived).toEqual([
      ['"JOHN" SMITH', '"'],
      ['2', '3']
    ])
  })

  it('treats N/A and b6 as text in quoted CSV, where they are ordinary values', async () => {
    const path = temp.write('tokens.csv', 'a,b,c\nN/A,b6,"N/A"\n')
    const { sink } = await readPath(path, settingsFor({}, 1024))
    expect(sink.rowsReceived).toEqual([['N/A', 'b6', 'N/A']])
  })

  it('lists at most 50 misaligned lines and counts the rest', async () => {
    const lines = ['a\tb\tc']
    for (let i = 0; i < 60; i++) lines.push(i % 2 === 0 ? '1\t2' : '1\t2\t3\t4')
    const path = temp.write('ragged.tsv', lines.join('\n'))
    const { sink } = await readPath(path, settingsFor({}, 1024))
    expect(sink.rowsReceived).toHaveLength(60)
    expect(sink.rowsReceived[1]).toEqual(['1', '2', '3\t4'])
    const listed = Array.from({ length: 50 }, (_, i) => i + 2).join(', ')
    expect(sink.warnings).toEqual([
      {
        line: 2,
        message: `ragged.tsv: 60 row(s) did not have 3 fields (lines ${listed} … and 10 more); missing fields were left empty and extra fields joined into the last column.`
      }
    ])
  })
})
