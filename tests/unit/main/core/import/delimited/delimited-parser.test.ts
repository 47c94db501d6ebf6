import { describe, expect, it } from 'vitest'
import { DelimitedParser, type DelimitedParserSettings } from '../../../../../../src/main/core/import/delimited/delimited-parser'

interface Parsed {
  records: (string | null)[][]
  lines: number[]
  unclosedQuoteLine: number | null
}

/** Parses `text` fed in pieces of `piece` characters (0 = all at once). */
function parse(text: string, settings: Partial<DelimitedParserSettings>, piece: number): Parsed {
  const parsed: Parsed = { records: [], lines: [], unclosedQuoteLine: null }
  const parser = new DelimitedParser({ delimiter: ',', quote: 'double', ...settings }, (fields, line) => {
    parsed.records.push(fields)
    parsed.lines.push(line)
  })
  const step = piece === 0 ? Math.max(1, text.length) : piece
  for (let i = 0; i < text.length; i += step) parser.feed(text.slice(i, i + step))
  parsed.unclosedQuoteLine = parser.unclosedQuoteLine
  if (parsed.unclosedQuoteLine === null) parser.finish()
  return parsed
}

/** The same text must give the same records however it is cut: all at once, and a few piece sizes. */
function parseEverywhere(text: string, settings: Partial<DelimitedParserSettings> = {}): Parsed {
  const whole = parse(text, settings, 0)
  for (const piece of [1, 2, 3, 5]) expect(parse(text, settings, piece)).toEqual(whole)
  return whole
}

describe('DelimitedParser', () => {
  it('reads RFC 4180 fields: quotes, doubled quotes, delimiters and line breaks inside quotes', () => {
    expect(parseEverywhere('a,"b,c","d ""e""",f\n"g\nh",i\n').records).toEqual([
      ['a', 'b,c', 'd "e"', 'f'],
      ['g\nh', 'i']
    ])
  })

  it('reads LF, CRLF and CR line ends, and a last line without one', () => {
    expect(parseEverywhere('a\r\nb\nc\rd').records).toEqual([['a'], ['b'], ['c'], ['d']])
  })

  it('turns empty fields, quoted or not, into null', () => {
    expect(parseEverywhere('"",,x,\n').records).toEqual([[null, null, 'x', null]])
  })

  it('skips blank lines but keeps a line of only delimiters', () => {
    expect(parseEverywhere('\n\r\n,,\n\n').records).toEqual([[null, null, null]])
  })

  it('keeps a quote in the middle of an unquoted field as text', () => {
    expect(parseEverywhere('5" pipe,a"b"\n').records).toEqual([['5" pipe', 'a"b"']])
  })

  it('keeps text after a closing quote rather than failing', () => {
    expect(parseEverywhere('"ab"c,"x" y\n"",z\n').records).toEqual([
      ['abc', 'x y'],
      [null, 'z']
    ])
  })

  it('treats quotes as text when quoting is off', () => {
    expect(parseEverywhere('"a,b"\t"\n', { delimiter: '\t', quote: 'none' }).records).toEqual([['"a,b"', '"']])
  })

  it('keeps N/A and b6 as the text they are, quoted or not, in either quoting mode; only an empty field is null', () => {
    expect(parseEverywhere('N/A,b6,"N/A",N/A!,,""\n').records).toEqual([['N/A', 'b6', 'N/A', 'N/A!', null, null]])
    expect(parseEverywhere('N/A\tb6\t\n', { delimiter: '\t', quote: 'none' }).records).toEqual([['N/A', 'b6', null]])
  })

  it('reports the line each record starts on, counting breaks inside quotes and blank lines', () => {
    expect(parseEverywhere('h\n"a\r\nb"\n\nc\r"d\re"\nf').lines).toEqual([1, 2, 5, 6, 8])
  })

  it('says where an unclosed quote opened, after a multi-line field in the same record', () => {
    const parser = new DelimitedParser({ delimiter: ',', quote: 'double' }, () => {})
    parser.feed('ok\n"a\nb","c\nd\n')
    expect(parser.unclosedQuoteLine).toBe(3)
    expect(() => parser.finish()).toThrow('check unclosedQuoteLine first')
  })

  it('uses each of the four delimiters', () => {
    for (const delimiter of [',', '\t', '|', ';'] as const) {
      expect(parseEverywhere(['a', 'b', '"c', 'd"'].join(delimiter) + '\n', { delimiter }).records).toEqual([['a', 'b', `c${delimiter}d`]])
    }
  })

  it('gives the same records, lines and errors however random text is cut (fast path vs state machine)', () => {
    // A seeded generator, so a failure can be reproduced.
    let seed = 20120607
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 2 ** 32
    }
    const pieces = ['a', 'bc', ',', ',', '"', '""', '\n', '\r', '\r\n', 'N/A', ' ', 'é']
    for (let round = 0; round < 400; round++) {
      let text = ''
      const length = 1 + Math.floor(random() * 40)
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)]
      for (const settings of [{ quote: 'double' }, { quote: 'none' }] as const) {
        const whole = parse(text, settings, 0)
        for (const piece of [1, 2, 3, 4, 7, 11]) expect(parse(text, settings, piece), JSON.stringify(text)).toEqual(whole)
      }
    }
  })

  it('counts lines that a chunk of text would add, for pointing at bad bytes', () => {
    const parser = new DelimitedParser({ delimiter: ',', quote: 'double' }, () => {})
    parser.feed('a\r')
    expect(parser.line).toBe(2)
    expect(parser.lineAfter('\nb\r\nc\rd')).toBe(4)
  })
})
