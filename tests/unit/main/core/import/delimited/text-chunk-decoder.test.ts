import { describe, expect, it } from 'vitest'
import { decodeWindows1252 } from '../../../../../../src/main/core/import/decode-text'
import { TextChunkDecoder } from '../../../../../../src/main/core/import/delimited/text-chunk-decoder'

const bytes = (...values: number[]): Buffer => Buffer.from(values)

describe('TextChunkDecoder', () => {
  it('holds back the bytes of a UTF-8 character cut at the end of a chunk', () => {
    const decoder = new TextChunkDecoder('utf-8')
    const euro = [0xe2, 0x82, 0xac]
    expect(decoder.incompleteTail(bytes(0x61, ...euro))).toBe(0)
    expect(decoder.incompleteTail(bytes(0x61, 0xe2, 0x82))).toBe(2)
    expect(decoder.incompleteTail(bytes(0x61, 0xe2))).toBe(1)
    expect(decoder.incompleteTail(bytes(0xf0, 0x9f, 0x98))).toBe(3)
    expect(decoder.incompleteTail(bytes(0x61, 0x80))).toBe(0)
  })

  it('holds back an odd byte and a lone high surrogate in UTF-16', () => {
    expect(new TextChunkDecoder('utf-16le').incompleteTail(bytes(0x61, 0x00, 0x3d, 0xd8))).toBe(2)
    expect(new TextChunkDecoder('utf-16le').incompleteTail(bytes(0x61, 0x00, 0x3d))).toBe(1)
    expect(new TextChunkDecoder('utf-16be').incompleteTail(bytes(0x00, 0x61, 0xd8, 0x3d, 0xde))).toBe(3)
    expect(new TextChunkDecoder('windows-1252').incompleteTail(bytes(0xe2))).toBe(0)
  })

  it.each([
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['an overlong encoding', [0x61, 0x62, 0xc0, 0xaf], 2],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], 0],
    ['a code point above U+10FFFF', [0x61, 0xf4, 0x90, 0x80, 0x80], 1],
    ['a lead byte without its continuation', [0x61, 0xe2, 0x41, 0x41], 1]
  ])('locates %s in UTF-8', (_what, values, offset) => {
    expect(new TextChunkDecoder('utf-8').decode(bytes(...values))).toEqual({ ok: false, invalidAt: offset })
  })

  it('decodes Windows-1252 exactly like decodeWindows1252, for every byte', () => {
    const all = Buffer.from(Array.from({ length: 255 }, (_, i) => i + 1))
    expect(new TextChunkDecoder('windows-1252').decode(all)).toEqual({ ok: true, text: decodeWindows1252(all) })
  })

  it('counts and removes NULs across chunks', () => {
    const decoder = new TextChunkDecoder('utf-8')
    expect(decoder.decode(Buffer.from('a\u0000b'))).toEqual({ ok: true, text: 'ab' })
    expect(decoder.decode(Buffer.from('\u0000\u0000é'))).toEqual({ ok: true, text: 'é' })
    expect(decoder.nulCount).toBe(3)
  })
})
