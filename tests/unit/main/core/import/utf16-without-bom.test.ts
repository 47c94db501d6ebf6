// UTF-16 text without a byte-order mark, in any script, told apart from 8-bit text that happens to
// hold NUL bytes (EOIR exports do) and from binary files.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { utf16WithoutBom } from '../../../../../src/main/core/import/utf16-without-bom'
import { FIXTURES } from './delimited/read-fixture'

const RUSSIAN =
  'Пересмотр дел о депортации\n\nК концу мая было рассмотрено 288 361 дело, закрыто 4 403 — меньше двух процентов.\n' +
  'Адвокаты говорят, что многие семьи так и не получили ответа.\n'
// Paragraphs indented with the ideographic space (U+3000) and the common 一 (U+4E00): both have a zero low byte.
const JAPANESE = '\u3000強制送還の見直しについて\n\u3000一年間で約四十万件の審査が行われたが、一部しか終了していない。\n\u3000弁護士は家族への影響を懸念している。\n'
const GREEK = 'Η αναθεώρηση των υποθέσεων απέλασης συνεχίζεται.\nΈκλεισαν λίγες υποθέσεις.\n'
const ARABIC = 'مراجعة قضايا الترحيل مستمرة.\nأغلقت قضايا قليلة فقط.\n'
const CHINESE_CSV = '年份,遣返人数,备注\n2011,396906,审查开始\n2012,409849,一部分结案\n'
const KOREAN = '추방 사건 검토가 계속되고 있다.\n종결된 사건은 많지 않다.\n'

const le = (text: string) => Buffer.from(text, 'utf16le')
const be = (text: string) => Buffer.from(text, 'utf16le').swap16()

/** A deterministic stream of numbers, so a failing case can be run again. */
function randomFrom(seed: number): (n: number) => number {
  let state = seed
  return (n) => {
    state = (state * 1103515245 + 12345) >>> 0
    return (state >>> 8) % n
  }
}

const WORDS = ['the', 'review', 'of', 'pending', 'cases', 'closed', 'court', 'Denver', 'año', 'Zürich', 'Straße', 'Ørsted', 'façade', '2012', '4,403', 'N/A', 'b6']

/**
 * 8-bit text (words, ASCII or Latin-1, CRLF line ends) of `lines` lines with `nuls` NUL bytes at
 * random places, and `controls` other control bytes (BEL, VT, SUB).
 */
function eightBitWithNuls(random: (n: number) => number, lines: number, nuls: number, latin1: boolean, controls: number): Buffer {
  const words = latin1 ? WORDS : WORDS.filter((word) => /^[ -~]*$/.test(word))
  const bytes: number[] = []
  for (let line = 0; line < lines; line++) {
    for (let i = 0; i < 6; i++) bytes.push(...Buffer.from(`${words[random(words.length)]!}${i < 5 ? (random(3) ? ' ' : ',') : ''}`, 'latin1'))
    bytes.push(13, 10)
  }
  for (let i = 0; i < nuls; i++) bytes.splice(random(bytes.length), 0, 0)
  for (let i = 0; i < controls; i++) bytes.splice(random(bytes.length), 0, [7, 11, 26][random(3)]!)
  return Buffer.from(bytes)
}

describe('utf16WithoutBom', () => {
  it('recognises UTF-16 text of non-Latin scripts, in either byte order', () => {
    for (const [name, text] of Object.entries({ RUSSIAN, JAPANESE, GREEK, ARABIC, CHINESE_CSV, KOREAN })) {
      expect(utf16WithoutBom(le(text)), `${name} little-endian`).toBe('utf-16le')
      expect(utf16WithoutBom(be(text)), `${name} big-endian`).toBe('utf-16be')
    }
  })

  it('still recognises mostly-Latin UTF-16 text', () => {
    expect(utf16WithoutBom(le('name,city\nJosé,Zürich\n'))).toBe('utf-16le')
    expect(utf16WithoutBom(be('name,city\nJosé,Zürich\n'))).toBe('utf-16be')
  })

  it('does not take 8-bit text with a few NUL bytes for UTF-16', () => {
    const random = randomFrom(14)
    for (let trial = 0; trial < 1200; trial++) {
      const lines = 2 + random(80)
      const nuls = 1 + random(40)
      const latin1 = trial % 2 === 1
      // Two thirds of them also hold control bytes (about 3% of the bytes), so only the units tell.
      const controls = trial % 3 === 0 ? 0 : 1 + Math.round(lines * 1.2)
      const bytes = eightBitWithNuls(random, lines, nuls, latin1, controls)
      expect(utf16WithoutBom(bytes), `trial ${trial}: ${bytes.length} bytes, ${nuls} NULs, ${controls} controls, ${latin1 ? 'Latin-1' : 'ASCII'}`).toBeNull()
    }
    expect(utf16WithoutBom(readFileSync(join(FIXTURES, 'eoir-quirks.csv')))).toBeNull()
    expect(utf16WithoutBom(Buffer.from(RUSSIAN))).toBeNull()
    expect(utf16WithoutBom(Buffer.from(JAPANESE))).toBeNull()
  })

  it('does not take binary files for UTF-16', () => {
    const random = randomFrom(16)
    for (let trial = 0; trial < 50; trial++) {
      const bytes = Buffer.from(Array.from({ length: 4096 }, () => random(256)))
      expect(utf16WithoutBom(bytes), `random bytes ${trial}`).toBeNull()
    }
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(64)])
    expect(utf16WithoutBom(png)).toBeNull()
  })
})
