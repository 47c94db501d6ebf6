import { describe, expect, it } from 'vitest'
import { parseHtmlTree, textOf } from '../../../../../../src/main/core/import/article/html-tree'
import { extractDocumentArticle } from '../../../../../../src/main/core/import/document/extract-document-article'
import { applyNumberFormats, markNumberFormats, tieLevelsToFormats } from '../../../../../../src/main/core/import/document/word-list-formats'
import { zipBytes } from '../../../../../helpers/write-zip'

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

/** A .docx as Word saves one whose paragraphs are numbered by `numbering` (numbering.xml's body), with the styles given. */
function numberedDocx(numbering: string, styles: string, paragraphs: [string, number, number][]): Buffer {
  const body = paragraphs.map(([text, numId, level]) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`).join('')
  const relationship = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`
  return zipBytes([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
    { name: '_rels/.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship('rId1', 'officeDocument', 'word/document.xml')}</Relationships>` },
    { name: 'word/_rels/document.xml.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship('rId1', 'styles', 'styles.xml')}${relationship('rId2', 'numbering', 'numbering.xml')}</Relationships>` },
    { name: 'word/document.xml', data: `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>` },
    { name: 'word/styles.xml', data: `<?xml version="1.0"?><w:styles ${W}>${styles}</w:styles>` },
    { name: 'word/numbering.xml', data: `<?xml version="1.0"?><w:numbering ${W}>${numbering}</w:numbering>` }
  ])
}

describe('word list formats', () => {
  it('ties each level tied to no style of its own to its numbering and its definition, and leaves the rest of numbering.xml as written', () => {
    const xml =
      '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>' +
      '<w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/><w:lvlJc w:val="left"/></w:lvl>' +
      '<w:lvl w:ilvl="2"><w:pStyle w:val="ListNumber3"/><w:numFmt w:val="lowerRoman"/></w:lvl>' +
      '<w:lvl w:ilvl="3"><w:start w:val="5"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%4)"/></w:lvl>' +
      // The numbers of the levels above ("1.1.") cannot be shown: the level keeps its ".".
      '<w:lvl w:ilvl="4"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%4.%5."/></w:lvl>' +
      '<w:lvl w:ilvl="5"><w:numFmt w:val="decimal"/><w:lvlText w:val="%6&amp;)"/></w:lvl>' +
      // More than 32 bytes around a number is no mark of it: the level keeps its ".".
      `<w:lvl w:ilvl="6"><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="${'§'.repeat(17)}%7"/></w:lvl></w:abstractNum>`
    expect(tieLevelsToFormats(xml)).toBe(
      xml
        .replace('<w:lvl w:ilvl="0">', '<w:lvl w:ilvl="0"><w:pStyle w:val="casefile-number-format-11xx2en0"/>')
        .replace('<w:lvl w:ilvl="1">', '<w:lvl w:ilvl="1"><w:pStyle w:val="casefile-number-format-a1xx2en0"/>')
        .replace('<w:lvl w:ilvl="3">', '<w:lvl w:ilvl="3"><w:pStyle w:val="casefile-number-format-15x28x29n0"/>')
        .replace('<w:lvl w:ilvl="4">', '<w:lvl w:ilvl="4"><w:pStyle w:val="casefile-number-format-I1xx2en0"/>')
        .replace('<w:lvl w:ilvl="5">', '<w:lvl w:ilvl="5"><w:pStyle w:val="casefile-number-format-11xx2629n0"/>')
        .replace('<w:lvl w:ilvl="6">', '<w:lvl w:ilvl="6"><w:pStyle w:val="casefile-number-format-i1xx2en0"/>')
    )
  })

  it('marks only ordered paragraphs at a tied level, and the marks set their list’s type and leave no trace in the text', () => {
    const tied = { type: 'paragraph', numbering: { paragraphStyleId: 'casefile-number-format-I3x28x29', isOrdered: true }, children: [{ type: 'run', children: [] }] }
    const styled = { type: 'paragraph', numbering: { paragraphStyleId: 'ListNumber', isOrdered: true }, children: [] }
    const marked = markNumberFormats({ type: 'document', children: [tied, styled] }) as { children: { children: { value?: string }[] }[] }
    expect(marked.children[0]!.children[0]!.value).toBe('\uFDD0I3x28x29\uFDD0')
    expect(marked.children[1]!.children).toEqual([])
    const root = parseHtmlTree('<ol><li>\uFDD0I3x28x29\uFDD0first</li><li>\uFDD0I3x28x29\uFDD0second</li></ol><h2>\uFDD0a1xx2e\uFDD0Numbered heading</h2>')
    applyNumberFormats(root)
    expect((root.children[0] as { attrs: Record<string, string> }).attrs).toEqual({ type: 'I', start: '3', 'data-number-before': '(', 'data-number-after': ')' })
    expect(textOf(root)).not.toContain('\uFDD0')
    expect(textOf(root).replace(/\s+/g, ' ').trim()).toBe('first second Numbered heading')
  })

  it('numbers a list whose levels are a named list style’s (w:numStyleLink) as that style’s levels say', async () => {
    // As Word saves a list made with a list style ("Legal"): the style's own list holds the levels
    // (w:styleLink), and the list the paragraphs use only names the style.
    const numbering =
      '<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="Legal"/><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1)"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>' +
      '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Legal"/></w:abstractNum>' +
      '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
    const styles = '<w:style w:type="numbering" w:styleId="Legal"><w:name w:val="Legal"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
    const docx = numberedDocx(numbering, styles, [
      ['Removal proceedings', 1, 0],
      ['notice to appear;', 1, 1],
      ['hearing.', 1, 1],
      ['Appeals', 1, 0]
    ])
    const { body } = await extractDocumentArticle(docx, 'legal.docx', 'docx')
    expect(body.split('\n\n')).toEqual(['III) Removal proceedings', '    (a) notice to appear;', '    (b) hearing.', 'IV) Appeals'])
  })

  it('numbers lists of different definitions next to each other each from its own start, and lists of one definition on together', async () => {
    const numbering =
      '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="Article %1:"/></w:lvl></w:abstractNum>' +
      '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' +
      '<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' +
      '<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>' +
      '<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num><w:num w:numId="6"><w:abstractNumId w:val="4"/></w:num>'
    const docx = numberedDocx(numbering, '', [
      ['Legal-style item', 2, 0],
      ['Roman item one', 3, 0],
      ['Roman item two', 3, 0],
      // Another list of the same definition: Word counts on.
      ['Roman item three', 4, 0],
      ['Decimal item one', 5, 0],
      ['Decimal item two', 5, 0],
      ['Other decimal item one', 6, 0]
    ])
    const { body } = await extractDocumentArticle(docx, 'lists.docx', 'docx')
    expect(body.split('\n\n')).toEqual([
      'Article D: Legal-style item',
      'I. Roman item one',
      'II. Roman item two',
      'III. Roman item three',
      '1. Decimal item one',
      '2. Decimal item two',
      '1. Other decimal item one'
    ])
  })
})
