// Property test (fast-check) for the delimited-text parser: any table written as RFC 4180 CSV —
// fields with delimiters, quotes, line breaks and any Unicode — reads back cell for cell, however
// the text is cut into the pieces it is fed.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ImportDelimiter } from '../../../../../../src/shared/model'
import { DelimitedParser } from '../../../../../../src/main/core/import/delimited/delimited-parser'

function toCsv(rows: string[][], delimiter: string, lineEnd: string): string {
  const field = (value: string) => (/["\r\n]/.test(value) || value.includes(delimiter) || value === '' ? `"${value.replaceAll('"', '""')}"` : value)
  return rows.map((row) => row.map(field).join(delimiter)).join(lineEnd) + lineEnd
}

function parse(text: string, delimiter: ImportDelimiter, pieces: number[]): (string | null)[][] {
  const records: (string | null)[][] = []
  const parser = new DelimitedParser({ delimiter, quote: 'double' }, (fields) => records.push(fields))
  let at = 0
  for (const size of pieces) {
    if (at >= text.length) break
    parser.feed(text.slice(at, at + size))
    at += size
  }
  if (at < text.length) parser.feed(text.slice(at))
  parser.finish()
  return records
}

const cell = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom(',', ';', '\t', '|', '"', '""', '\n', '\r\n', ' lead', 'trail ', 'a"b', '08123', '12345678901234567890'),
  fc.string({ maxLength: 5 })
)

describe('the delimited-text parser, for any table', () => {
  it('reads back every cell of what RFC 4180 writes, cut anywhere', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 })),
        fc.constantFrom<ImportDelimiter>(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 60 }),
        (rows, delimiter, lineEnd, pieces) => {
          // An empty field, quoted or not, is a missing value (null): the archive does not tell them apart.
          const read = parse(toCsv(rows, delimiter, lineEnd), delimiter, pieces)
          expect(read).toEqual(rows.map((row) => row.map((value) => (value === '' ? null : value))))
        }
      ),
      { numRuns: 1500 }
    )
  })
})
