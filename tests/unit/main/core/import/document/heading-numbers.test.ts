import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractDocumentArticle, type DocumentArticle } from '../../../../../../src/main/core/import/document/extract-document-article'
import { wordHeadingNumbering as numbering, wordHeadingStyles as headingStyles, wordLevel as level, wordNumberedParagraph as paragraph, wordPackage as docx, writeOdt } from '../../../../../helpers/office-documents'
import { tempFolders } from '../../../../../helpers/temp-archive'

const folder = tempFolders('heading-numbers')

const listItem = (text: string, ilvl = 0) => paragraph(text, 'ListParagraph', `<w:ilvl w:val="${ilvl}"/><w:numId w:val="2"/>`)

const REPORT = [
  paragraph('Background', 'Heading1'),
  paragraph('The office reviewed 411,000 pending cases.', null),
  paragraph('Findings', 'Heading1'),
  paragraph('Scope', 'Heading2'),
  paragraph('Method', 'Heading2'),
  listItem('cases closed;'),
  listItem('of which by stipulation;', 1),
  listItem('offers declined.'),
  paragraph('Sampling', 'Heading3'),
  // A heading that turns its style's numbering off (w:numId 0) is shown unnumbered and not counted.
  paragraph('Note on sources', 'Heading2', '<w:numId w:val="0"/>'),
  paragraph('Limits', 'Heading2'),
  paragraph('Next steps', 'Heading1'),
  paragraph('Costs', 'Heading2')
].join('')

/** Each heading's text in the body, and its level. */
function headings(article: DocumentArticle): [string, number][] {
  return article.headings.map(({ start, end, level }) => [article.body.slice(start, end), level])
}

describe('heading numbers', () => {
  it('numbers a .docx’s headings as Word shows them when their styles are tied to a multilevel list, and leaves look-alikes unnumbered (review U24-20)', async () => {
    const article = await extractDocumentArticle(docx(REPORT, headingStyles(true), numbering(true)), 'report.docx', 'docx')
    // Before, every heading came without its number: "Background", "Scope", "Method".
    expect(headings(article)).toEqual([
      ['1 Background', 1],
      ['2 Findings', 1],
      ['2.1 Scope', 2],
      ['2.2 Method', 2],
      ['2.2.1 Sampling', 3],
      ['Note on sources', 2],
      ['2.3 Limits', 2],
      ['3 Next steps', 1],
      ['3.1 Costs', 2]
    ])
    // The list between the headings is numbered as before, on its own.
    expect(article.body).toContain('2.2 Method\n\n1. cases closed;\n\n    a. of which by stipulation;\n\n2. offers declined.\n\n2.2.1 Sampling')
    // The title is the heading's text, without the number the outline gives it.
    expect(article.title).toBe('Background')

    // The same document with the list's levels not tied to the heading styles, and the styles not
    // numbered: Word shows its headings unnumbered, and so does Casefile.
    const plain = await extractDocumentArticle(docx(REPORT, headingStyles(false), numbering(false)), 'plain.docx', 'docx')
    expect(headings(plain).map(([text]) => text)).toEqual(['Background', 'Findings', 'Scope', 'Method', 'Sampling', 'Note on sources', 'Limits', 'Next steps', 'Costs'])
    expect(plain.body).toContain('Method\n\n1. cases closed;\n\n    a. of which by stipulation;\n\n2. offers declined.\n\nSampling')
    expect(plain.title).toBe('Background')
  })

  it('numbers a .docx heading numbered on the paragraph itself (w:numPr): formats, what goes around the number, a start override, a restart after the level above', async () => {
    const numbered = [
      '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>',
      level(0, 'upperRoman', 'Article %1', '<w:suff w:val="space"/>'),
      level(1, 'lowerLetter', '(%2)'),
      // Legal numbering: the levels above shown as decimals.
      level(2, 'lowerRoman', '%1.%2.%3', '<w:isLgl/>'),
      '</w:abstractNum>',
      '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="2"/></w:lvlOverride></w:num>'
    ].join('')
    const at = (ilvl: number) => `<w:ilvl w:val="${ilvl}"/><w:numId w:val="3"/>`
    const body = [
      paragraph('Removal proceedings', 'Heading1', at(0)),
      paragraph('Notice to appear', 'Heading2', at(1)),
      paragraph('Service', 'Heading3', at(2)),
      paragraph('Hearing', 'Heading2', at(1)),
      paragraph('An immigration judge hears the case.', null),
      paragraph('Appeals', 'Heading1', at(0)),
      paragraph('Board review', 'Heading2', at(1)),
      // A heading Word hides (its text and its mark) is hidden with its number.
      '<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr>' + at(1) + '</w:numPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:rPr><w:vanish/></w:rPr><w:t>Withdrawn section</w:t></w:r></w:p>',
      paragraph('End of the memo.', null)
    ].join('')
    const article = await extractDocumentArticle(docx(body, headingStyles(false), numbered), 'articles.docx', 'docx')
    expect(headings(article)).toEqual([
      ['Article II Removal proceedings', 1],
      ['(a) Notice to appear', 2],
      ['2.1.1 Service', 3],
      ['(b) Hearing', 2],
      ['Article III Appeals', 1],
      ['(a) Board review', 2]
    ])
    expect(article.body.endsWith('(a) Board review\n\nEnd of the memo.')).toBe(true)
    expect(article.title).toBe('Removal proceedings')

    // Exhibits numbered through the whole memo (w:lvlRestart 0: a new part does not restart them).
    const running = `<w:abstractNum w:abstractNumId="0">${level(0, 'upperLetter', 'Part %1')}${level(1, 'decimal', 'Exhibit %2', '<w:lvlRestart w:val="0"/>')}</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>`
    const parts = [paragraph('Detention', 'Heading1', at(0)), paragraph('Bed space', 'Heading2', at(1)), paragraph('Removals', 'Heading1', at(0)), paragraph('Flights', 'Heading2', at(1))].join('')
    const exhibits = await extractDocumentArticle(docx(parts, headingStyles(false), running), 'exhibits.docx', 'docx')
    expect(headings(exhibits).map(([text]) => text)).toEqual(['Part A Detention', 'Exhibit 1 Bed space', 'Part B Removals', 'Exhibit 2 Flights'])

    // A heading by its style id alone (Heading1 under a name of the agency's own, no outline level), as mammoth reads it.
    const renamed = '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="Agency Section"/></w:style>'
    const agency = await extractDocumentArticle(docx(paragraph('Detention', 'Heading1', at(0)), renamed, running), 'agency.docx', 'docx')
    expect(headings(agency).map(([text]) => text)).toEqual(['Part A Detention'])
  })

  it('numbers an .odt’s headings by its outline (chapter) numbering, and leaves them unnumbered when the outline is not numbered (review U24-20)', async () => {
    const outline = (numbered: boolean) =>
      `<text:outline-style style:name="Outline">${[
        ['1', '1', '', ''],
        ['2', '1', '', ''],
        ['3', 'i', '(', ')']
      ]
        .map(
          ([level, format, prefix, suffix]) =>
            `<text:outline-level-style text:level="${level}" style:num-format="${numbered ? format : ''}"${numbered && prefix !== '' ? ` style:num-prefix="${prefix}"` : ''}${numbered && suffix !== '' ? ` style:num-suffix="${suffix}"` : ''}${level === '2' && numbered ? ' text:display-levels="2"' : ''}><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab"/></style:list-level-properties></text:outline-level-style>`
        )
        .join('')}</text:outline-style>` +
      '<text:list-style style:name="Numbering_20_123"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/></text:list-style>'
    const heading = (text: string, level: number, extra = '') => `<text:h text:style-name="Heading_20_${level}" text:outline-level="${level}"${extra}>${text}</text:h>`
    // LibreOffice's table of contents: its entries are paragraphs, with the headings' numbers as text.
    const tocEntry = (n: number, text: string, page: number) => `<text:p text:style-name="Contents_20_1"><text:a xlink:type="simple" xlink:href="#__RefHeading___Toc${n}_1" text:style-name="Index_20_Link" text:visited-style-name="Index_20_Link">${text}<text:tab/>${page}</text:a></text:p>`
    const contents =
      '<text:table-of-content text:style-name="Sect1" text:protected="true" text:name="Table of Contents1"><text:table-of-content-source text:outline-level="10"><text:index-title-template text:style-name="Contents_20_Heading">Table of Contents</text:index-title-template></text:table-of-content-source>' +
      `<text:index-body><text:index-title text:style-name="Sect1" text:name="Table of Contents1_Head"><text:p text:style-name="Contents_20_Heading">Table of Contents</text:p></text:index-title>${tocEntry(1, '1 Background', 1)}${tocEntry(2, '2 Findings', 1)}${tocEntry(3, '2.1 Scope', 2)}</text:index-body></text:table-of-content>`
    const body = [
      contents,
      heading('Background', 1),
      '<text:p text:style-name="Text_20_body">The office reviewed 411,000 pending cases.</text:p>',
      heading('Findings', 1),
      heading('Scope', 2),
      // LibreOffice writes the number it shows (text:number); it is shown once.
      heading('<text:number>2.2</text:number>Method', 2),
      '<text:list text:style-name="Numbering_20_123"><text:list-item><text:p>cases closed;</text:p></text:list-item><text:list-item><text:p>offers declined.</text:p></text:list-item></text:list>',
      heading('Sampling', 3),
      heading('Annex', 1, ' text:is-list-header="true"'),
      heading('Next steps', 1, ' text:restart-numbering="true" text:start-value="5"'),
      heading('Costs', 2)
    ].join('')
    const numbered = await extractDocumentArticle(readFileSync(writeOdt(join(folder(), 'report.odt'), body, '', '', outline(true))), 'report.odt', 'odt')
    // Before: "Background", "Scope", "2.2Method".
    expect(headings(numbered)).toEqual([
      ['1 Background', 1],
      ['2 Findings', 1],
      ['2.1 Scope', 2],
      ['2.2 Method', 2],
      ['(i) Sampling', 3],
      ['Annex', 1],
      ['5 Next steps', 1],
      ['5.1 Costs', 2]
    ])
    expect(numbered.body.split('\n\n').slice(0, 5)).toEqual(['Table of Contents', '1 Background\t1', '2 Findings\t1', '2.1 Scope\t2', '1 Background'])
    expect(numbered.body).toContain('2.2 Method\n\n1. cases closed;\n\n2. offers declined.\n\n(i) Sampling')
    expect(numbered.title).toBe('Background')

    const plain = await extractDocumentArticle(readFileSync(writeOdt(join(folder(), 'plain.odt'), body.replace('<text:number>2.2</text:number>', '').replace(contents, ''), '', '', outline(false))), 'plain.odt', 'odt')
    expect(headings(plain).map(([text]) => text)).toEqual(['Background', 'Findings', 'Scope', 'Method', 'Sampling', 'Annex', 'Next steps', 'Costs'])
    expect(plain.body).toContain('Method\n\n1. cases closed;\n\n2. offers declined.\n\nSampling')
  })

  it('keeps a .docx’s table of contents as plain lines: its entries are not headings, and the numbered headings are counted once', async () => {
    // As Word writes a table of contents: a content control (w:sdt) of the "Table of Contents" gallery,
    // a "TOC Heading" (based on Heading 1, body-text outline level, its numbering turned off) and one
    // paragraph per entry in the TOC styles, in a TOC field whose result holds the entries' numbers as text.
    const styles =
      headingStyles(true) +
      '<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr><w:outlineLvl w:val="9"/></w:pPr></w:style>' +
      [1, 2].map((n) => `<w:style w:type="paragraph" w:styleId="TOC${n}"><w:name w:val="toc ${n}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:autoRedefine/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/><w:ind w:left="${(n - 1) * 220}"/></w:pPr></w:style>`).join('')
    const field = (type: string) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`
    const entry = (style: string, number: string, text: string, page: string, bookmark: string, opens: boolean) =>
      `<w:p><w:pPr><w:pStyle w:val="${style}"/><w:tabs><w:tab w:val="left" w:pos="440"/><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs><w:rPr><w:noProof/></w:rPr></w:pPr>${opens ? `${field('begin')}<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>${field('separate')}` : ''}<w:hyperlink w:anchor="${bookmark}" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/><w:noProof/></w:rPr><w:t>${number}</w:t></w:r><w:r><w:rPr><w:noProof/></w:rPr><w:tab/></w:r><w:r><w:rPr><w:rStyle w:val="Hyperlink"/><w:noProof/></w:rPr><w:t>${text}</w:t></w:r><w:r><w:rPr><w:noProof/><w:webHidden/></w:rPr><w:tab/></w:r>${field('begin')}<w:r><w:instrText xml:space="preserve"> PAGEREF ${bookmark} \\h </w:instrText></w:r>${field('separate')}<w:r><w:t>${page}</w:t></w:r>${field('end')}</w:hyperlink></w:p>`
    const contents =
      '<w:sdt><w:sdtPr><w:id w:val="-1"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>' +
      paragraph('Contents', 'TOCHeading') +
      entry('TOC1', '1', 'Background', '1', '_Toc1', true) +
      entry('TOC1', '2', 'Findings', '2', '_Toc2', false) +
      entry('TOC2', '2.1', 'Scope', '2', '_Toc3', false) +
      `<w:p>${field('end')}</w:p></w:sdtContent></w:sdt>`
    const body = [contents, paragraph('Background', 'Heading1'), paragraph('The office reviewed 411,000 pending cases.', null), paragraph('Findings', 'Heading1'), paragraph('Scope', 'Heading2')].join('')
    const article = await extractDocumentArticle(docx(body, styles, numbering(true)), 'contents.docx', 'docx')
    expect(headings(article)).toEqual([
      ['1 Background', 1],
      ['2 Findings', 1],
      ['2.1 Scope', 2]
    ])
    expect(article.body.split('\n\n').slice(0, 4)).toEqual(['Contents', '1 Background 1', '2 Findings 2', '2.1 Scope 2'])
    expect(article.title).toBe('Background')
  })
})
