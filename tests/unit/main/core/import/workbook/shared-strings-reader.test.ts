// A workbook's shared strings are read as bytes: plain ones kept as their bytes, the others decoded;
// the same strings come out however the XML is cut into chunks, and a table cut short is damage.
import { describe, expect, it } from 'vitest'
import { DamagedXml } from '../../../../../../src/main/core/import/workbook/damaged-xml'
import { SharedStrings } from '../../../../../../src/main/core/import/workbook/shared-strings'
import { SharedStringsReader } from '../../../../../../src/main/core/import/workbook/shared-strings-reader'

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const XML =
  `<?xml version="1.0" encoding="UTF-8"?>\n<x:sst xmlns:x="${MAIN}" count="9">` +
  '<x:si><x:t>Miami</x:t></x:si>' +
  '<si><t>São Paulo — “quoted” 😀</t></si>' +
  '<si><t xml:space="preserve"> padded </t></si>' +
  '<si/>' +
  '<si><t></t></si>' +
  '<si><r><rPr><b/></rPr><t>rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>' +
  '<si><t>Office &amp; year &lt;2012&gt;</t></si>' +
  '<si><t>tab_x0009_here</t></si >' +
  '<si><t>after</t></si   >' +
  '</x:sst>\n'
const STRINGS = ['Miami', 'São Paulo — “quoted” 😀', ' padded ', '', '', 'rich text', 'Office & year <2012>', 'tab\there', 'after']

/** The strings read from `xml` fed in pieces of `size` bytes, or the damage found. */
function read(xml: Buffer, size: number): string[] | string {
  const strings = new SharedStrings()
  const reader = new SharedStringsReader(strings)
  try {
    for (let at = 0; at < xml.length; at += size) reader.feed(xml.subarray(at, at + size))
    reader.end()
  } catch (error) {
    if (error instanceof DamagedXml) return error.message
    throw error
  }
  return Array.from({ length: strings.length }, (_, index) => strings.get(index)!)
}

describe('shared strings read as bytes', () => {
  const bytes = Buffer.from(XML, 'utf8')

  it('reads plain, rich, escaped and empty strings, in pieces of any size', () => {
    for (const size of [1, 2, 3, 5, 8, 13, 64, bytes.length]) expect(read(bytes, size)).toEqual(STRINGS)
  })

  it('calls a table cut short of its end damaged, wherever it is cut', () => {
    const end = XML.lastIndexOf('</x:sst>')
    for (let cut = 0; cut < Buffer.byteLength(XML.slice(0, end)); cut += 3) expect(read(bytes.subarray(0, cut), 7)).toBe('ends mid-way through its XML')
  })
})
