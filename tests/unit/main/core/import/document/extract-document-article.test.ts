import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractDocumentArticle, type DocumentFormat } from '../../../../../../src/main/core/import/document/extract-document-article'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'
import { wordParagraph, wordTable, writeDocx, writeOdt, writeStyledDocx } from '../../../../../helpers/office-documents'
import { tempFolders } from '../../../../../helpers/temp-archive'
import { zipBytes } from '../../../../../helpers/write-zip'

const folder = tempFolders('documents')

async function refusal(path: string, format: DocumentFormat): Promise<string> {
  const error: unknown = await extractDocumentArticle(readFileSync(path), path.split('/').at(-1)!, format).then(
    () => null,
    (thrown: unknown) => thrown
  )
  expect(error).toBeInstanceOf(ImportInputError)
  return (error as ImportInputError).message
}

const MEMO_BODY = [
  wordParagraph('Review of pending cases', 'Heading1', false),
  wordParagraph('A review of more than 411,000 pending cases had examined 288,361 by May 29, 2012.', null, false),
  wordParagraph('What the review found', 'Heading2', false),
  wordParagraph('4,403 cases closed', null, true),
  wordParagraph('3,998 offers declined', null, true),
  wordTable([
    ['As of', 'Reviewed', 'Closed'],
    ['2012-04-16', '219,554', '2,700'],
    ['2012-05-29', '288,361', '4,403']
  ]),
  wordParagraph('Figures from the agency.', null, false)
].join('')

describe('extractDocumentArticle', () => {
  it('reads a .docx: properties, headings and list items as paragraphs, a table row per line', async () => {
    const path = writeDocx(join(folder(), 'memo.docx'), MEMO_BODY, { title: 'Backlog review memo', creator: 'Office of the Principal Legal Advisor', created: '2012-06-07T09:30:00Z' })
    expect(await extractDocumentArticle(readFileSync(path), 'memo.docx', 'docx')).toEqual({
      title: 'Backlog review memo',
      byline: 'Office of the Principal Legal Advisor',
      publisher: null,
      publishedAt: '2012-06-07',
      url: null,
      body: [
        'Review of pending cases',
        'A review of more than 411,000 pending cases had examined 288,361 by May 29, 2012.',
        'What the review found',
        '• 4,403 cases closed',
        '• 3,998 offers declined',
        'As of | Reviewed | Closed',
        '2012-04-16 | 219,554 | 2,700',
        '2012-05-29 | 288,361 | 4,403',
        'Figures from the agency.'
      ].join('\n\n'),
      // 'Review of pending cases' (Heading1) and 'What the review found' (Heading2).
      headings: [
        { start: 0, end: 23, level: 1 },
        { start: 108, end: 129, level: 2 }
      ],
      warnings: []
    })
  })

  it('leaves out a template’s title and a computer account as author, so the memo’s heading titles it (review U24-24)', async () => {
    const placeholders: [string, string][] = [['DHS Memorandum Template', 'Administrator'], ['Normal.dotm', 'Microsoft Office User'], ['memo template', 'user']]
    for (const [title, creator] of placeholders) {
      const path = writeDocx(join(folder(), 'template.docx'), MEMO_BODY, { title, creator, created: null })
      expect(await extractDocumentArticle(readFileSync(path), 'template.docx', 'docx'), title).toMatchObject({ title: 'Review of pending cases', byline: null })
    }
    // A title or an office that merely mentions such words is kept.
    const kept = writeDocx(join(folder(), 'kept.docx'), MEMO_BODY, { title: 'Templates of removal orders, reviewed', creator: 'Office of the Administrator', created: null })
    expect(await extractDocumentArticle(readFileSync(kept), 'kept.docx', 'docx')).toMatchObject({ title: 'Templates of removal orders, reviewed', byline: 'Office of the Administrator' })
  })

  it('reads as headings the paragraphs Word outlines: an agency’s own heading styles and levels set on a paragraph (review U24-13)', async () => {
    const styles = [
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>',
      '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>',
      // Based on a heading, under a name of the agency's own.
      '<w:style w:type="paragraph" w:customStyle="1" w:styleId="OfficeTitle"><w:name w:val="Office Section"/><w:basedOn w:val="Heading1"/></w:style>',
      // Given an outline level of its own.
      '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Sub"><w:name w:val="Field Office Sub-heading"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>',
      // Body text (level 9) based on a heading is not one.
      '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Quiet"><w:name w:val="Quiet"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>'
    ].join('')
    const own = (text: string, level: number) => `<w:p><w:pPr><w:outlineLvl w:val="${level}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`
    const body = [
      wordParagraph('1. Background', 'OfficeTitle', false),
      wordParagraph('The agency reviewed 411,000 cases.', null, false),
      wordParagraph('1.1 Scope', 'Sub', false),
      wordParagraph('Not a heading', 'Quiet', false),
      own('2. Findings', 0),
      own('2.1 Closures', 1),
      own('Body text', 9),
      wordParagraph('3. Next steps', 'Heading1', false)
    ].join('')
    const path = writeStyledDocx(join(folder(), 'agency.docx'), body, { title: null, creator: null, created: null }, styles)
    const article = await extractDocumentArticle(readFileSync(path), 'agency.docx', 'docx')
    // Before, only "3. Next steps" was a heading, and it gave the memo its title.
    expect(article.title).toBe('1. Background')
    expect(article.headings.map(({ start, end, level }) => [article.body.slice(start, end), level])).toEqual([
      ['1. Background', 1],
      ['1.1 Scope', 2],
      ['2. Findings', 1],
      ['2.1 Closures', 2],
      ['3. Next steps', 1]
    ])
    expect(article.body).toContain('Not a heading\n\n2. Findings')
  })

  it('keeps every value of a table with merged cells under its own column, in .docx and .odt alike (review U24-22)', async () => {
    // Facility type merged down over two header rows, "Average daily population" across two columns,
    // "Contract facilities" down over two rows, a note across the whole table.
    const cell = (text: string, properties: string) => `<w:tc><w:tcPr>${properties}</w:tcPr><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`
    const word = `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>${[
      [cell('Facility type', '<w:vMerge w:val="restart"/>'), cell('Average daily population', '<w:gridSpan w:val="2"/>')],
      [cell('', '<w:vMerge/>'), cell('FY 2011', ''), cell('FY 2012', '')],
      [cell('Processing centers', ''), cell('3,130', ''), cell('3,245', '')],
      [cell('Contract facilities', '<w:vMerge w:val="restart"/>'), cell('7,400', ''), cell('7,610', '')],
      [cell('', '<w:vMerge/>'), cell('(b)(7)(E)', ''), cell('D', '')],
      [cell('Note: family centers are left out.', '<w:gridSpan w:val="3"/>')]
    ]
      .map((row) => `<w:tr>${row.join('')}</w:tr>`)
      .join('')}</w:tbl>`
    const odfCell = (text: string, spans: string) => `<table:table-cell ${spans}><text:p>${text}</text:p></table:table-cell>`
    const covered = (count: number) => (count === 1 ? '<table:covered-table-cell/>' : `<table:covered-table-cell table:number-columns-repeated="${count}"/>`)
    const odf = `<table:table>${[
      [odfCell('Facility type', 'table:number-rows-spanned="2"'), odfCell('Average daily population', 'table:number-columns-spanned="2"'), covered(1)],
      [covered(1), odfCell('FY 2011', ''), odfCell('FY 2012', '')],
      [odfCell('Processing centers', ''), odfCell('3,130', ''), odfCell('3,245', '')],
      [odfCell('Contract facilities', 'table:number-rows-spanned="2"'), odfCell('7,400', ''), odfCell('7,610', '')],
      [covered(1), odfCell('(b)(7)(E)', ''), odfCell('D', '')],
      [odfCell('Note: family centers are left out.', 'table:number-columns-spanned="3"'), covered(2)]
    ]
      .map((row) => `<table:table-row>${row.join('')}</table:table-row>`)
      .join('')}</table:table>`
    const docx = writeDocx(join(folder(), 'detention.docx'), word, { title: 'Detention', creator: null, created: null })
    const odt = writeOdt(join(folder(), 'detention.odt'), odf, '<dc:title>Detention</dc:title>', '')
    const rows = async (path: string, format: DocumentFormat) => (await extractDocumentArticle(readFileSync(path), path.split('/').at(-1)!, format)).body.split('\n\n').map((line) => line.trim())
    // Before: "FY 2011 | FY 2012" under "Facility type", and "(b)(7)(E) | D" as if the marker were a facility type.
    const expected = ['Facility type | Average daily population', '| FY 2011 | FY 2012', 'Processing centers | 3,130 | 3,245', 'Contract facilities | 7,400 | 7,610', '| (b)(7)(E) | D', 'Note: family centers are left out.']
    expect(await rows(docx, 'docx')).toEqual(expected)
    expect(await rows(odt, 'odt')).toEqual(expected)
  })

  it('takes the first heading as the title when the properties have none, and keeps it in the text', async () => {
    const path = writeDocx(join(folder(), 'untitled.docx'), MEMO_BODY, { title: 'Document1', creator: null, created: null })
    const article = await extractDocumentArticle(readFileSync(path), 'untitled.docx', 'docx')
    expect(article.title).toBe('Review of pending cases')
    expect(article.body.startsWith('Review of pending cases\n\nA review of more than 411,000')).toBe(true)
    expect([article.byline, article.publishedAt]).toEqual([null, null])
  })

  it('keeps the first paragraph in the text when it gives the title (no title property), in .docx and .odt alike', async () => {
    const opening = 'Memorandum without document properties.'
    const rest = 'Removals rose in fiscal year 2012.'
    const docx = writeDocx(join(folder(), 'plain.docx'), wordParagraph(opening, null, false) + wordParagraph(rest, null, false), { title: null, creator: null, created: null })
    const odt = writeOdt(join(folder(), 'plain.odt'), `<text:p>${opening}</text:p><text:p>${rest}</text:p>`, '', '')
    for (const [path, format] of [[docx, 'docx'], [odt, 'odt']] as const) {
      const article = await extractDocumentArticle(readFileSync(path), path.split('/').at(-1)!, format)
      expect([article.title, article.body]).toEqual([opening, `${opening}\n\n${rest}`])
    }
    // A title from the properties that the text opens with is shown once, as the title.
    const titled = writeDocx(join(folder(), 'titled.docx'), wordParagraph(opening, null, false) + wordParagraph(rest, null, false), { title: opening, creator: null, created: null })
    expect((await extractDocumentArticle(readFileSync(titled), 'titled.docx', 'docx')).body).toBe(rest)
  })

  it('reads an .odt: outline levels, lists, tables, spaces and line breaks; deleted text left out, comments after the body', async () => {
    const body = [
      '<text:h text:outline-level="1">Removals in fiscal year 2012</text:h>',
      '<text:p>ICE removed <text:span>409,849</text:span> people;<text:s text:c="2"/>225,390 had<text:line-break/>criminal convictions.<office:annotation><text:p>check this</text:p></office:annotation></text:p>',
      '<text:tracked-changes><text:changed-region><text:deletion><text:p>deleted words</text:p></text:deletion></text:changed-region></text:tracked-changes>',
      '<text:list><text:list-item><text:p>interior removals</text:p></text:list-item><text:list-item><text:p>border removals</text:p></text:list-item></text:list>',
      '<table:table><table:table-row><table:table-cell><text:p>FY</text:p></table:table-cell><table:table-cell><text:p>Removals</text:p></table:table-cell></table:table-row>',
      '<table:table-row><table:table-cell><text:p>2012</text:p></table:table-cell><table:table-cell><text:p>409,849</text:p></table:table-cell></table:table-row></table:table>'
    ].join('')
    const path = writeOdt(join(folder(), 'removals.odt'), body, '<dc:title>ICE removals, FY2012</dc:title><meta:initial-creator>ICE ERO</meta:initial-creator><meta:creation-date>2012-12-21T10:00:00</meta:creation-date>', '')
    expect(await extractDocumentArticle(readFileSync(path), 'removals.odt', 'odt')).toEqual({
      title: 'ICE removals, FY2012',
      byline: 'ICE ERO',
      publisher: null,
      publishedAt: '2012-12-21',
      url: null,
      body: [
        'Removals in fiscal year 2012',
        'ICE removed 409,849 people;  225,390 had\ncriminal convictions.',
        '• interior removals',
        '• border removals',
        'FY | Removals',
        '2012 | 409,849',
        'Comment: check this'
      ].join('\n\n'),
      headings: [{ start: 0, end: 'Removals in fiscal year 2012'.length, level: 1 }],
      warnings: []
    })
  })

  it('keeps what LibreOffice shows of an .odt: runs of spaces, tabs, repeated cells, and notes (a superscript mark in place, text after the body)', async () => {
    const note = (citation: string, paragraphs: string[]) =>
      `<text:note text:note-class="footnote"><text:note-citation>${citation}</text:note-citation><text:note-body>${paragraphs.map((text) => `<text:p>${text}</text:p>`).join('')}</text:note-body></text:note>`
    const cell = (text: string, repeated: number) => `<table:table-cell${repeated > 1 ? ` table:number-columns-repeated="${repeated}"` : ''}><text:p>${text}</text:p></table:table-cell>`
    const body = [
      `<text:p>A-number<text:s text:c="3"/>200-123-456<text:tab/>Detained<text:line-break/>since 2012${note('1', ['Per the I-213.'])}.</text:p>`,
      '<text:p>\n   Custody was\n   <text:soft-page-break/>reviewed <text:span>twice</text:span>  in   2013.<text:s/></text:p><text:p>Bond<text:s text:c="-2"/>set</text:p>',
      `<table:table><table:table-row>${cell('Office', 1)}${cell('Q1', 1)}${cell('Q2', 1)}</table:table-row>`,
      `<table:table-row>${cell('Newark', 1)}${cell('D', 2)}</table:table-row><table:table-row table:number-rows-repeated="2">${cell('(b)(6)', 1)}${cell('0', 2)}</table:table-row></table:table>`,
      `<text:p>Released on bond${note('*', ['Bond of $5,000.', 'Paid by family.'])} &amp; &#x41;&#65;.</text:p>`
    ].join('')
    const path = writeOdt(join(folder(), 'custody.odt'), body, '<dc:title>Custody record</dc:title>', '')
    expect((await extractDocumentArticle(readFileSync(path), 'custody.odt', 'odt')).body).toBe(
      [
        'A-number   200-123-456\tDetained\nsince 2012¹.',
        'Custody was reviewed twice in 2013.',
        'Bond set',
        'Office | Q1 | Q2',
        'Newark | D | D',
        '(b)(6) | 0 | 0',
        '(b)(6) | 0 | 0',
        'Released on bond[*] & AA.',
        '¹ Per the I-213.',
        '[*] Bond of $5,000.',
        'Paid by family.'
      ].join('\n\n')
    )
  })

  it('numbers an .odt list as its list style says, and goes on from a list that it continues', async () => {
    const ns =
      'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"'
    const automatic = '<office:automatic-styles><text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="i"/><text:list-level-style-number text:level="2" style:num-format="A" text:start-value="3"/></text:list-style><text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="-"/></text:list-style></office:automatic-styles>'
    const item = (text: string, inner: string) => `<text:list-item><text:p>${text}</text:p>${inner}</text:list-item>`
    const body = [
      `<text:list xml:id="a" text:style-name="L1">${item('scope', `<text:list>${item('adults', '')}${item('children', '')}</text:list>`)}${item('method', '')}</text:list>`,
      '<text:p>An interruption.</text:p>',
      `<text:list text:style-name="L1" text:continue-numbering="true">${item('findings', '')}</text:list>`,
      `<text:list text:style-name="L1"><text:list-header><text:p>Unnumbered heading</text:p></text:list-header>${item('again', '')}</text:list>`,
      `<text:list text:continue-list="a" text:style-name="L1">${item('annex', '')}<text:list-item text:start-value="9"><text:p>ninth</text:p></text:list-item></text:list>`,
      `<text:list text:style-name="L2">${item('a bullet', '')}</text:list>`,
      '<text:p>Mail <text:a xlink:href="mailto:foia@ice.dhs.gov">foia@ice.dhs.gov</text:a> or see <text:a xlink:href="#Annex">the annex</text:a> and <text:a xlink:href="https://www.ice.gov/foia">the FOIA page</text:a>.</text:p>'
    ].join('')
    const path = join(folder(), 'lists.odt')
    writeFileSync(path, zipBytes([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'content.xml', data: `<?xml version="1.0"?><office:document-content ${ns}>${automatic}<office:body><office:text>${body}</office:text></office:body></office:document-content>` }
    ]))
    expect((await extractDocumentArticle(readFileSync(path), 'lists.odt', 'odt')).body.split('\n\n')).toEqual([
      'i. scope',
      '    C. adults',
      '    D. children',
      'ii. method',
      'An interruption.',
      'iii. findings',
      'Unnumbered heading',
      'i. again',
      'iv. annex',
      'ix. ninth',
      '• a bullet',
      'Mail foia@ice.dhs.gov or see the annex and the FOIA page <https://www.ice.gov/foia>.'
    ])
  })

  it('reads an .odt frame’s text box after its paragraph, and not a picture’s or an object’s own text or its description', async () => {
    const body = [
      '<text:p><draw:frame draw:name="Letterhead"><draw:text-box><text:p>U.S. Department of Homeland Security</text:p></draw:text-box></draw:frame>Memorandum.</text:p>',
      '<text:p><draw:frame draw:name="Seal"><draw:image xlink:href="Pictures/seal.png"><text:p>picture words</text:p></draw:image><svg:title>title words</svg:title><svg:desc>description words</svg:desc></draw:frame>',
      '<draw:frame draw:name="Chart"><draw:object xlink:href="./Object 1"><text:p>object words</text:p></draw:object></draw:frame>Removals rose.</text:p>'
    ].join('')
    const path = writeOdt(join(folder(), 'frames.odt'), body, '', '')
    // The box follows the paragraph it is anchored in, as in a .docx: a letterhead does not become the title.
    const article = await extractDocumentArticle(readFileSync(path), 'frames.odt', 'odt')
    expect([article.title, article.body]).toEqual(['Memorandum.', 'Memorandum.\n\nU.S. Department of Homeland Security\n\nRemovals rose.'])
  })

  it('copies a repeated .odt cell at most 1,024 times, and says how many copies were left out', async () => {
    const body = '<table:table><table:table-row><table:table-cell table:number-columns-repeated="2000"><text:p>D</text:p></table:table-cell></table:table-row></table:table>'
    const article = await extractDocumentArticle(readFileSync(writeOdt(join(folder(), 'wide.odt'), body, '', '')), 'wide.odt', 'odt')
    expect(article.body.split(' | ')).toHaveLength(1025)
    expect(article.warnings).toEqual(['wide.odt: a table repeats cells or rows more often than Casefile copies them; 975 repeated cells or rows were left out.'])
  })

  it('refuses an .odt whose text is made of entities LibreOffice never writes (a DOCTYPE), without expanding them', async () => {
    const dir = folder()
    const entities = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    const lol = join(dir, 'lol.odt')
    writeFileSync(lol, zipBytes([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'content.xml', data: `<?xml version="1.0"?>${entities}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>&b;</text:p></office:text></office:body></office:document-content>` }
    ]))
    expect(await refusal(lol, 'odt')).toBe('lol.odt is damaged or not a real OpenDocument text (its text cannot be read); nothing was imported. Open it in LibreOffice, save it as .odt again and import that.')
  })

  it('keeps a .docx’s field results, leaves out the notes’ back-links, and says in plain words what it could not read', async () => {
    const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`
    const complex = (instruction: string, result: string) =>
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${instruction}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`
    const equation = '<m:oMathPara><m:oMath><m:r><m:t>x=1</m:t></m:r></m:oMath></m:oMathPara>'
    const body = [
      `<w:p>${run('Dated ')}<w:fldSimple w:instr=" DATE \\@ &quot;d MMMM yyyy&quot; ">${run('7 June 2012')}</w:fldSimple>${run('.')}</w:p>`,
      `<w:p>${run('See page ')}${complex(' PAGEREF _Ref1 \\h ', '3')}${run(' and ')}<w:fldSimple w:instr=" REF _Ref2 ">${run('Table 2')}</w:fldSimple>${run('.')}</w:p>`,
      `<w:p>${run('Filed at ')}<w:fldSimple w:instr=\' HYPERLINK "https://www.ice.gov/" \'>${run('ICE.gov')}</w:fldSimple>${run(' today.')}</w:p>`,
      `<w:p><w:pPr><w:pStyle w:val="MemoBody"/></w:pPr>${run('Removals rose')}<w:r><w:endnoteReference w:id="2"/></w:r>${run('.')}</w:p>`,
      `<w:p>${equation}</w:p><w:p>${equation}</w:p>`
    ].join('')
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    const path = join(folder(), 'fields.docx')
    writeFileSync(path, zipBytes([
      { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
      { name: 'word/_rels/document.xml.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdE" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>' },
      { name: 'word/document.xml', data: `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>` },
      { name: 'word/endnotes.xml', data: `<?xml version="1.0"?><w:endnotes ${W}><w:endnote w:id="2"><w:p>${run('Per ERO’s annual report.')}</w:p></w:endnote></w:endnotes>` }
    ]))
    const article = await extractDocumentArticle(readFileSync(path), 'fields.docx', 'docx')
    expect([article.title, article.body]).toEqual([
      'Dated 7 June 2012.',
      ['Dated 7 June 2012.', 'See page 3 and Table 2.', 'Filed at ICE.gov today.', 'Removals rose[i].', '[i] Per ERO’s annual report.'].join('\n\n')
    ])
    expect(article.warnings).toEqual(['fields.docx: equations were left out (Casefile reads the text of a Word document, not its equations).'])
  })

  it('reads the headers and footers Word shows as it shows them: field results not instructions, no hidden or deleted text, a text box once', async () => {
    const run = (text: string, properties: string) => `<w:r><w:rPr>${properties}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    const page = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    const textBox = (text: string) => `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p>${run(text, '')}</w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>${run(text, '')}</w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
    const part = (tag: string, paragraphs: string) => `<?xml version="1.0"?><w:${tag} ${W}>${paragraphs}</w:${tag}>`
    const path = join(folder(), 'stamped.docx')
    writeFileSync(path, zipBytes([
      { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
      // Shown: every page's header and footer and, as the section has a title page, the first page's; not the even pages' (the settings do not say so) nor a part no section names.
      { name: 'word/document.xml', data: part('document', `<w:body>${wordParagraph('Removals rose.', null, false)}<w:sectPr><w:headerReference w:type="default" r:id="rH2"/><w:headerReference w:type="first" r:id="rH10"/><w:footerReference w:type="default" r:id="rF1"/><w:footerReference w:type="even" r:id="rF3"/><w:titlePg/></w:sectPr></w:body>`) },
      { name: 'word/_rels/document.xml.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${[['rH2', 'header2.xml'], ['rH10', 'header10.xml'], ['rF1', '/word/footer1.xml'], ['rF3', 'footer3.xml']].map(([id, target]) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${target!.includes('header') ? 'header' : 'footer'}" Target="${target}"/>`).join('')}</Relationships>` },
      { name: 'word/settings.xml', data: part('settings', '<w:evenAndOddHeaders w:val="false"/>') },
      { name: 'word/header5.xml', data: part('hdr', `<w:p>${run('Unused header', '')}</w:p>`) },
      { name: 'word/header2.xml', data: part('hdr', `<w:p><w:pPr><w:tabs><w:tab w:val="center" w:pos="4680"/></w:tabs></w:pPr>${run('Case 12-345', '')}<w:r><w:tab/></w:r>${run('Page ', '')}${page}${run(' draft', '<w:vanish/>')}</w:p>`) },
      { name: 'word/header10.xml', data: part('hdr', `<w:p>${textBox('U.S. Department of Homeland Security')}${run('Letterhead', '')}</w:p>`) },
      { name: 'word/footer1.xml', data: part('ftr', `<w:p>${run('Bates ', '')}<w:del><w:r><w:delText>ICE-2012-000041</w:delText></w:r></w:del>${run('ICE-2012-000042', '')}</w:p><w:p/>`) },
      { name: 'word/footer3.xml', data: part('ftr', `<w:p>${run('Even pages footer', '')}</w:p>`) },
      { name: 'word/comments.xml', data: part('comments', `<w:comment w:id="0" w:author=" "><w:p>${run('No author given.', '')}</w:p></w:comment><w:comment w:id="1" w:author="A. \uE000Reviewer"><w:p>${run('First line.', '')}</w:p><w:p>${run('Second line.', '')}</w:p></w:comment>`) }
    ]))
    const article = await extractDocumentArticle(readFileSync(path), 'stamped.docx', 'docx')
    expect(article.body.split('\n\n')).toEqual([
      'Removals rose.',
      'Header: Case 12-345\tPage 3',
      'Header: U.S. Department of Homeland Security\nLetterhead',
      'Footer: Bates ICE-2012-000042',
      'Comment: No author given.',
      'Comment by A. Reviewer: First line.\nSecond line.',
      // The footer's deleted number is not in its text, but listed after the body (review B25-17).
      'Tracked deletions',
      'Footer: Bates [deleted: ICE-2012-000041] ICE-2012-000042'
    ])
    expect(article.warnings).toEqual([
      'stamped.docx: it has tracked changes (1 deletion, 0 insertions); its text is read as it reads with the changes accepted; the deleted text is kept after the body, under “Tracked deletions”, each passage with the words around it.',
      'stamped.docx: 1 passage of hidden text was left out (text the document hides when it is shown or printed).'
    ])
  })

  it('reads an .odt’s headers and footers from the page styles in use, without hidden text, once each', async () => {
    const ns =
      'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    const master = (name: string, next: string, regions: string) => `<style:master-page style:name="${name}" style:next-style-name="${next}">${regions}</style:master-page>`
    // The first paragraph starts the First page style, which Standard follows; nothing uses Envelope.
    const styles = `<?xml version="1.0"?><office:document-styles ${ns}><office:styles><style:style style:name="Opening" style:family="paragraph" style:master-page-name="First"/></office:styles><office:automatic-styles><style:style style:name="MT1" style:family="text"><style:text-properties text:display="none"/></style:style></office:automatic-styles><office:master-styles>${[
      master('Standard', 'Standard', '<style:header><text:p>FOR OFFICIAL USE ONLY<text:span text:style-name="MT1"> draft</text:span></text:p></style:header><style:header-left style:display="false"><text:p>unused left header</text:p></style:header-left><style:footer><text:p>Bates <text:span>ICE-2012-000042</text:span></text:p><text:p>Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>'),
      master('Envelope', 'Envelope', '<style:header><text:p>Envelope header</text:p></style:header>'),
      master('First', 'Standard', '<style:header><text:p>FOR OFFICIAL USE ONLY</text:p></style:header><loext:footer-first><text:p>First page only</text:p></loext:footer-first>')
    ].join('')}</office:master-styles></office:document-styles>`
    const path = join(folder(), 'stamped.odt')
    writeFileSync(path, zipBytes([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'content.xml', data: `<?xml version="1.0"?><office:document-content ${ns}><office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Opening"/></office:automatic-styles><office:body><office:text><text:p text:style-name="P1">Removals rose<office:annotation><dc:creator>A. Reviewer</dc:creator><dc:date>2012-01-18T10:00:00</dc:date><text:p>Source?</text:p></office:annotation>.</text:p></office:text></office:body></office:document-content>` },
      { name: 'styles.xml', data: styles }
    ]))
    const article = await extractDocumentArticle(readFileSync(path), 'stamped.odt', 'odt')
    expect(article.body.split('\n\n')).toEqual([
      'Removals rose.',
      'Header: FOR OFFICIAL USE ONLY',
      'Footer: Bates ICE-2012-000042\nPage 1',
      'Footer: First page only',
      'Comment by A. Reviewer: Source?'
    ])
    expect(article.warnings).toEqual(['stamped.odt: 1 passage of hidden text was left out (text the document hides when it is shown or printed).'])
  })

  it('leaves out the text a .docx hides (w:vanish, w:specVanish, hidden styles) and says how many passages', async () => {
    const run = (text: string, properties: string) => `<w:r><w:rPr>${properties}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    const body = [
      `<w:p><!-- <w:r><w:rPr><w:vanish/></w:rPr> -->${run('Visible sentence. ', '')}${run('hiddenredactedword should not show', '<w:vanish/>')}${run(' and more', '<w:b/><w:vanish w:val="true"/>')}${run('End of visible sentence.', '')}</w:p>`,
      `<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>${run('Shown though its mark is hidden, ', '<w:vanish w:val="0"/>')}${run('specword ', '<w:specVanish/>')}${run('stylehiddenword ', '<w:rStyle w:val="Secret"/>')}${run('was reformatted.', '<w:rPrChange w:id="1" w:author="a" w:date="2012-01-01T00:00:00Z"><w:rPr><w:vanish/></w:rPr></w:rPrChange>')}</w:p>`,
      `<w:p><w:pPr><w:pStyle w:val="DraftNote"/></w:pPr>${run('draftnoteword in a hidden paragraph style', '')}</w:p>`,
      `<w:p>${run('Removals rose.', '')}</w:p>`
    ].join('')
    const styles = `<w:styles ${W}><w:style w:type="character" w:styleId="Hidden"><w:rPr><w:vanish/></w:rPr></w:style><w:style w:type="character" w:styleId="Secret"><w:basedOn w:val="Hidden"/></w:style><w:style w:type="paragraph" w:styleId="DraftNote"><w:rPr><w:vanish/></w:rPr></w:style></w:styles>`
    const path = join(folder(), 'hidden.docx')
    writeFileSync(path, zipBytes([
      { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
      { name: 'word/_rels/document.xml.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>' },
      { name: 'word/document.xml', data: `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>` },
      { name: 'word/styles.xml', data: `<?xml version="1.0"?>${styles}` }
    ]))
    const article = await extractDocumentArticle(readFileSync(path), 'hidden.docx', 'docx')
    expect(article.body).toBe(['Visible sentence. End of visible sentence.', 'Shown though its mark is hidden, was reformatted.', 'Removals rose.'].join('\n\n'))
    expect(article.warnings).toEqual(['hidden.docx: 3 passages of hidden text were left out (text the document hides when it is shown or printed).'])
    const allHidden = writeDocx(join(folder(), 'all-hidden.docx'), '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>Only hidden words.</w:t></w:r></w:p>', { title: null, creator: null, created: null })
    expect(await refusal(allHidden, 'docx')).toBe('all-hidden.docx has no text to import: all of its text is hidden (1 passage of hidden text), and Casefile imports only the text a reader is shown; nothing was imported.')
  })

  it('leaves out the text an .odt hides (hidden styles, sections, paragraphs and text fields) and says how many passages', async () => {
    const ns =
      'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    const automatic = '<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Draft"/><style:style style:name="T2" style:family="text"><style:text-properties text:display="true"/></style:style></office:automatic-styles>'
    const body = [
      '<text:p>Visible sentence. <text:span text:style-name="T1">hiddenredactedword should not show</text:span>End of <text:span text:style-name="T2">visible</text:span> sentence.</text:p>',
      '<text:p text:style-name="P1">draftnoteword in a hidden paragraph style</text:p>',
      '<text:section text:name="S1" text:display="none"><text:p>sectionword</text:p></text:section>',
      '<text:p>hiddenparagraphword<text:hidden-paragraph text:condition="ooow:1" text:is-hidden="true"/></text:p>',
      '<text:p>Removals <text:hidden-text text:condition="ooow:1" text:string-value="fieldword" text:is-hidden="true">fieldword</text:hidden-text>rose<text:hidden-text text:condition="ooow:0" text:string-value=" sharply" text:is-hidden="false"> sharply</text:hidden-text>.</text:p>'
    ].join('')
    const path = join(folder(), 'hidden.odt')
    writeFileSync(path, zipBytes([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'content.xml', data: `<?xml version="1.0"?><office:document-content ${ns}>${automatic}<office:body><office:text>${body}</office:text></office:body></office:document-content>` },
      { name: 'styles.xml', data: `<?xml version="1.0"?><office:document-styles ${ns}><office:styles><style:style style:name="Draft" style:family="paragraph"><style:text-properties text:display="none"/></style:style></office:styles><office:automatic-styles><style:style style:name="T2" style:family="text"><style:text-properties text:display="none"/></style:style></office:automatic-styles></office:document-styles>` }
    ]))
    const article = await extractDocumentArticle(readFileSync(path), 'hidden.odt', 'odt')
    expect(article.body).toBe(['Visible sentence. End of visible sentence.', 'Removals rose sharply.'].join('\n\n'))
    expect(article.warnings).toEqual(['hidden.odt: 5 passages of hidden text were left out (text the document hides when it is shown or printed).'])
  })

  it('dates a .docx as an .odt: the created date, else the last-modified date (dcterms:modified, as meta.xml’s dc:date)', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    const docx = (name: string, dates: string) => {
      const path = join(folder(), name)
      writeFileSync(path, zipBytes([
        { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
        { name: 'word/document.xml', data: `<?xml version="1.0"?><w:document ${W}><w:body>${wordParagraph('Review of pending cases.', null, false)}</w:body></w:document>` },
        { name: 'docProps/core.xml', data: `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${dates}</cp:coreProperties>` }
      ]))
      return extractDocumentArticle(readFileSync(path), name, 'docx')
    }
    const modified = '<dcterms:modified xsi:type="dcterms:W3CDTF">2012-01-19T10:00:00Z</dcterms:modified>'
    expect((await docx('modified.docx', modified)).publishedAt).toBe('2012-01-19')
    expect((await docx('both.docx', `${modified}<dcterms:created xsi:type="dcterms:W3CDTF">2011-06-17T09:00:00Z</dcterms:created>`)).publishedAt).toBe('2011-06-17')
    const odt = writeOdt(join(folder(), 'modified.odt'), '<text:p>Review of pending cases.</text:p>', '<dc:date>2012-01-19T10:00:00</dc:date>', '')
    expect((await extractDocumentArticle(readFileSync(odt), 'modified.odt', 'odt')).publishedAt).toBe('2012-01-19')
  })

  it('refuses a password-protected .docx (an encrypted package) and .odt (encrypted parts) in one line', async () => {
    const dir = folder()
    // What Office writes for a file saved with a password: a compound file holding EncryptionInfo and EncryptedPackage.
    const compound = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('EncryptionInfo\0EncryptedPackage', 'utf16le'), Buffer.alloc(1024)])
    writeFileSync(join(dir, 'locked.docx'), compound)
    expect(await refusal(join(dir, 'locked.docx'), 'docx')).toBe('locked.docx is password-protected; open it, save a copy without a password and import that.')
    const odt = writeOdt(join(dir, 'locked.odt'), '<text:p>x</text:p>', '', '<manifest:encryption-data manifest:checksum-type="SHA1"/>')
    expect(await refusal(odt, 'odt')).toBe('locked.odt is password-protected; open it, save a copy without a password and import that.')
  })

  it('reads a Word document named .odt, and an OpenDocument text named .docx, as what each is', async () => {
    const dir = folder()
    const docx = writeDocx(join(dir, 'memo.odt'), MEMO_BODY, { title: null, creator: null, created: null })
    const odt = writeOdt(join(dir, 'memo.docx'), '<text:h text:outline-level="1">Review of pending cases</text:h><text:p>Only 4,403 cases were closed.</text:p>', '', '')
    expect((await extractDocumentArticle(readFileSync(docx), 'memo.odt', 'odt')).body).toContain('A review of more than 411,000 pending cases had examined 288,361 by May 29, 2012.')
    expect((await extractDocumentArticle(readFileSync(odt), 'memo.docx', 'docx')).body).toBe('Review of pending cases\n\nOnly 4,403 cases were closed.')
  })

  it('refuses corrupt and mislabelled files in one line that says which', async () => {
    const dir = folder()
    writeFileSync(join(dir, 'notes.docx'), 'just some text saved with the wrong name\n')
    expect(await refusal(join(dir, 'notes.docx'), 'docx')).toBe('notes.docx is plain text, not a Word document (.docx); nothing was imported. Rename it to .txt and import that.')
    const whole = zipBytes([{ name: 'word/document.xml', data: '<w:document/>' }])
    writeFileSync(join(dir, 'cut.docx'), whole.subarray(0, whole.length - 30))
    expect(await refusal(join(dir, 'cut.docx'), 'docx')).toBe(
      'cut.docx is not a complete Word document (.docx): its zip directory is missing, as when a download or copy stops early; nothing was imported. Open it in Word or LibreOffice and save it again, or download or copy it again.'
    )
    writeFileSync(join(dir, 'sheet.docx'), zipBytes([{ name: 'xl/workbook.xml', data: '<workbook/>' }]))
    expect(await refusal(join(dir, 'sheet.docx'), 'docx')).toBe('sheet.docx is an Excel workbook (.xlsx), not a Word document (.docx); nothing was imported. Rename it to .xlsx and import that.')
    writeFileSync(join(dir, 'bodiless.docx'), zipBytes([{ name: 'docProps/core.xml', data: '<cp:coreProperties/>' }]))
    expect(await refusal(join(dir, 'bodiless.docx'), 'docx')).toBe('bodiless.docx is not a Word document (.docx): it has no document body (word/document.xml); nothing was imported.')
    writeFileSync(join(dir, 'old.docx'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]))
    expect(await refusal(join(dir, 'old.docx'), 'docx')).toBe('old.docx is in an older binary format, not a Word document (.docx); open it and save it as a Word document (.docx), then import that.')
    const empty = writeDocx(join(dir, 'empty.docx'), '', { title: null, creator: null, created: null })
    expect(await refusal(empty, 'docx')).toBe('empty.docx has no text to import.')
  })

  it('refuses a .docx whose body Word would not write, without the reader’s own words', async () => {
    const dir = folder()
    const entities = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    const lol = join(dir, 'lol.docx')
    writeFileSync(lol, zipBytes([
      { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
      { name: 'word/document.xml', data: `<?xml version="1.0"?>${entities}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${wordParagraph('&b;', null, false)}</w:body></w:document>` }
    ]))
    expect(await refusal(lol, 'docx')).toBe('lol.docx is damaged or not a real Word document (its text cannot be read); nothing was imported. Open it in Word, save it as .docx again and import that.')
  })

  it('takes the title of a .docx without one in its properties from a first paragraph in Word’s Title style, which stays in the text', async () => {
    const styles = ['<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>', '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'].join('')
    const body = [wordParagraph('Detention Standards Review', 'Title', false), wordParagraph('Background', 'Heading1', false), wordParagraph('The agency reviewed its standards.', null, false)].join('')
    const untitled = writeStyledDocx(join(folder(), 'untitled.docx'), body, { title: null, creator: null, created: null }, styles)
    const article = await extractDocumentArticle(readFileSync(untitled), 'untitled.docx', 'docx')
    expect([article.title, article.body.split('\n\n')]).toEqual(['Detention Standards Review', ['Detention Standards Review', 'Background', 'The agency reviewed its standards.']])
    // The properties' title comes first; a Title paragraph that is not the first paragraph names nothing.
    const titled = writeStyledDocx(join(folder(), 'titled.docx'), body, { title: 'Standards memo', creator: null, created: null }, styles)
    expect((await extractDocumentArticle(readFileSync(titled), 'titled.docx', 'docx')).title).toBe('Standards memo')
    const later = writeStyledDocx(join(folder(), 'later.docx'), [wordParagraph('Background', 'Heading1', false), wordParagraph('Detention Standards Review', 'Title', false)].join(''), { title: null, creator: null, created: null }, styles)
    expect((await extractDocumentArticle(readFileSync(later), 'later.docx', 'docx')).title).toBe('Background')
  })
})
