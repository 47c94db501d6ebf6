import { describe, expect, it } from 'vitest'
import { parseHtmlTree, textOf } from '../../../../../../src/main/core/import/article/html-tree'
import { applyNumberFormats, markNumberFormats, tieLevelsToFormats } from '../../../../../../src/main/core/import/document/word-list-formats'

describe('word list formats', () => {
  it('ties only a level with a letter or roman format and no style of its own, and leaves the rest of numbering.xml as written', () => {
    const xml =
      '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>' +
      '<w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/><w:lvlJc w:val="left"/></w:lvl>' +
      '<w:lvl w:ilvl="2"><w:pStyle w:val="ListNumber3"/><w:numFmt w:val="lowerRoman"/></w:lvl></w:abstractNum>'
    expect(tieLevelsToFormats(xml)).toBe(xml.replace('<w:lvl w:ilvl="1">', '<w:lvl w:ilvl="1"><w:pStyle w:val="casefile-number-format-lowerLetter"/>'))
  })

  it('marks only ordered paragraphs at a tied level, and the marks set their list’s type and leave no trace in the text', () => {
    const tied = { type: 'paragraph', numbering: { paragraphStyleId: 'casefile-number-format-upperRoman', isOrdered: true }, children: [{ type: 'run', children: [] }] }
    const styled = { type: 'paragraph', numbering: { paragraphStyleId: 'ListNumber', isOrdered: true }, children: [] }
    const marked = markNumberFormats({ type: 'document', children: [tied, styled] }) as { children: { children: { value?: string }[] }[] }
    expect(marked.children[0]!.children[0]!.value).toBe('\uFDD0I')
    expect(marked.children[1]!.children).toEqual([])
    const root = parseHtmlTree('<ol><li>\uFDD0Ifirst</li><li>\uFDD0Isecond</li></ol><h2>\uFDD0aNumbered heading</h2>')
    applyNumberFormats(root)
    expect((root.children[0] as { attrs: Record<string, string> }).attrs.type).toBe('I')
    expect(textOf(root)).not.toContain('\uFDD0')
    expect(textOf(root).replace(/\s+/g, ' ').trim()).toBe('first second Numbered heading')
  })
})
