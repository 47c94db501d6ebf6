import { describe, expect, it } from 'vitest'
import { DelimitedParseError, parseDelimited, sniffDelimiter } from '../../../src/main/core/import/parse-delimited'

describe('parseDelimited', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const text = 'a,b,c\n"x, y","say ""hi""","two\nlines"\n1,2,3\n'
    expect(parseDelimited(text, ',')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 4, fields: ['1', '2', '3'] }
    ])
  })

  it('treats CRLF, CR and LF alike, keeps empty fields and skips blank lines', () => {
    expect(parseDelimited('a;b\r\n1;\r\n\r\n;2\r3;4', ';')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', ''] },
      { line: 4, fields: ['', '2'] },
      { line: 5, fields: ['3', '4'] }
    ])
  })

  it('names the line where an unterminated quote opened', () => {
    const text = 'a,b\n1,2\n3,"never closed\n4,5\n'
    expect(() => parseDelimited(text, ',')).toThrow(DelimitedParseError)
    try {
      parseDelimited(text, ',')
    } catch (error) {
      expect((error as DelimitedParseError).line).toBe(3)
      expect((error as Error).message).toBe('line 3: a quoted field is never closed (missing ")')
    }
  })

  it('keeps a quote that appears inside an unquoted field as text', () => {
    expect(parseDelimited('5\'10",x', ',')).toEqual([{ line: 1, fields: ['5\'10"', 'x'] }])
  })
})

describe('sniffDelimiter', () => {
  it('finds comma, tab, pipe and semicolon tables', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',')
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t')
    expect(sniffDelimiter('a|b|c\n1|2|3\n')).toBe('|')
    expect(sniffDelimiter('a;b;c\n1,5;2,5;3\n')).toBe(';')
  })

  it('is not fooled by commas inside quoted fields', () => {
    expect(sniffDelimiter('name\tnote\n"Smith, J"\t"a, b, c"\n"Lee, K"\t"d, e"\n')).toBe('\t')
  })
})
