// The sheet scanner meets XML cut anywhere, or garbage (what damaged deflate data inflates to): it
// must always come to an end, and never take a cut-short sheet for a whole one.
import { describe, expect, it } from 'vitest'
import { DamagedXml } from '../../../../../../src/main/core/import/workbook/damaged-xml'
import { XlsxSheetScanner } from '../../../../../../src/main/core/import/workbook/xlsx-sheet-scanner'
import { sheetXml } from '../../../../../helpers/hand-written-workbooks'

const SHEET = sheetXml(
  [
    '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Office &amp; year</x:t></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c></x:row>',
    '<x:row r="2"><!-- a note --><x:c r="A2" t="str"><x:f>CONCAT("Mi","ami")</x:f><x:v>Miami</x:v></x:c><x:c r="B2"><!-- in a cell --><x:v>7</x:v></x:c></x:row>',
    '<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:r><x:t>Den</x:t></x:r><x:rPh><x:t>x</x:t></x:rPh></x:is></x:c><x:c r="B4"/><x:c r="C4"><x:v>12.50</x:v></x:c></x:row>'
  ].join('')
)

/** Feeds `xml` in pieces of `size` characters and ends it; the rows read, or the damage found. */
function scan(xml: string, size: number): number[] | string {
  const rows: number[] = []
  const scanner = new XlsxSheetScanner((raw) => rows.push(raw.row))
  try {
    for (let at = 0; at < xml.length; at += size) scanner.feed(xml.slice(at, at + size))
    scanner.end()
    return rows
  } catch (error) {
    if (error instanceof DamagedXml) return error.message
    throw error
  }
}

describe('the sheet scanner on damaged XML', () => {
  it('reads the whole sheet, comments and all, in pieces of any size', () => {
    for (const size of [1, 2, 3, 7, 64, SHEET.length]) expect(scan(SHEET, size)).toEqual([1, 2, 4])
  })

  it('calls every cut short of the worksheet’s end damaged, wherever it falls', () => {
    const end = SHEET.lastIndexOf('</x:worksheet>')
    for (let cut = 0; cut < end; cut++) {
      for (const size of [5, 4096]) expect([cut, scan(SHEET.slice(0, cut), size)]).toEqual([cut, 'ends mid-way through its XML'])
    }
  })

  it('comes to an end on garbage: bytes of the sheet shuffled and overwritten', () => {
    let seed = 7
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
    for (let trial = 0; trial < 300; trial++) {
      const chars = [...SHEET]
      for (let k = 0; k < 12; k++) chars[Math.floor(random() * chars.length)] = '<>/"=cv'[Math.floor(random() * 7)]!
      const garbled = chars.join('')
      // Rows or damage, either will do; what matters is that it ends.
      expect(scan(garbled, 1 + Math.floor(random() * 50))).toBeDefined()
    }
  })
})

describe('a cell whose child is left open', () => {
  it('ends the child with the cell, and keeps the row', () => {
    const rows: [number, (string | null)[]][] = []
    const scanner = new XlsxSheetScanner((raw) => rows.push([raw.row, raw.values.slice(0, raw.count)]))
    scanner.feed(sheetXml('<x:row r="1"><x:c r="A1"><x:v>1</x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>3</x:v></x:c></x:row>'))
    scanner.end()
    expect(rows).toEqual([
      [1, ['1', '2']],
      [2, ['3']]
    ])
  })
})

describe('character references past Unicode', () => {
  it('are kept as written, not thrown on', () => {
    const values: (string | null)[] = []
    const scanner = new XlsxSheetScanner((raw) => values.push(...raw.values.slice(0, raw.count)))
    scanner.feed(sheetXml('<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>&#x110000; &#99999999999; &#x41;</x:t></x:is></x:c></x:row>'))
    scanner.end()
    expect(values).toEqual(['&#x110000; &#99999999999; A'])
  })
})
