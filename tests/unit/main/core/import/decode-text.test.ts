import { describe, expect, it } from 'vitest'
import { decodeText } from '../../../../../src/main/core/import/decode-text'

describe('decodeText', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(Buffer.from('Zürich'), 'a.txt', null)).toEqual({ text: 'Zürich', encoding: 'utf-8', warnings: [] })
    expect(decodeText(Buffer.from('\uFEFFZürich'), 'a.txt', null).text).toBe('Zürich')
  })

  it('reads UTF-16 in both byte orders when a byte-order mark says so', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('año', 'utf16le')])
    expect(decodeText(le, 'a.csv', null)).toMatchObject({ text: 'año', encoding: 'utf-16le' })
    const be = Buffer.from(le.subarray(2)).swap16()
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'a.csv', null)).toMatchObject({ text: 'año', encoding: 'utf-16be' })
  })

  it('falls back to Windows-1252 for bytes that are not UTF-8, and says so', () => {
    const latin1 = Buffer.from([0x4d, 0xe9, 0x78, 0x69, 0x63, 0x6f, 0x20, 0x93, 0x71, 0x94])
    const decoded = decodeText(latin1, 'eoir.csv', null)
    expect(decoded.text).toBe('México “q”')
    expect(decoded.encoding).toBe('windows-1252')
    expect(decoded.warnings[0]).toContain('eoir.csv is not UTF-8')
    expect(decoded.text).not.toContain('\uFFFD')
  })

  it('removes NUL bytes and the private snippet markers, and says so for NULs', () => {
    const decoded = decodeText(Buffer.from('a\u0000b\uE000c\uE001'), 'x.txt', null)
    expect(decoded.text).toBe('abc')
    expect(decoded.warnings).toEqual(['x.txt contained NUL bytes; they were removed.'])
  })
})
