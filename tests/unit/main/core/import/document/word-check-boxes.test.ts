import { describe, expect, it } from 'vitest'
import { extractDocumentArticle } from '../../../../../../src/main/core/import/document/extract-document-article'
import { zipBytes } from '../../../../../helpers/write-zip'

const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'

function docx(body: string): Buffer {
  return zipBytes([
    { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
    { name: 'word/document.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${body}</w:body></w:document>` }
  ])
}

const run = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`
/** A check-box content control as Word 2010 and later writes one, its glyph in MS Gothic. */
function checkBox(checked: string, states: string, content: string): string {
  return `<w:sdt><w:sdtPr><w:id w:val="-1"/><w14:checkbox><w14:checked w14:val="${checked}"/>${states}</w14:checkbox></w:sdtPr><w:sdtEndPr/><w:sdtContent>${content}</w:sdtContent></w:sdt>`
}
const GOTHIC = '<w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr>'
const WORD_STATES = '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'

describe('check boxes in a Word document', () => {
  it('shows each check box as the glyph of its state, so a box left empty does not read as a statement', async () => {
    const body = [
      `<w:p>${checkBox('1', WORD_STATES, `<w:r>${GOTHIC}<w:sym w:font="MS Gothic" w:char="2612"/></w:r>`)}${run(' Fee waiver granted')}</w:p>`,
      `<w:p>${checkBox('0', WORD_STATES, `<w:r>${GOTHIC}<w:t>☐</w:t></w:r>`)}${run(' Expedited processing granted')}</w:p>`,
      // The control's state decides, not the glyph its content was last saved with; no states declared: ☒ and ☐.
      `<w:p>${checkBox('true', '', `<w:r><w:t>☐</w:t></w:r>`)}${run(' Records withheld in part')}</w:p>`,
      // Declared states in a symbol font: Wingdings' ballot box with check and empty box.
      `<w:p>${checkBox('0', '<w14:checkedState w14:val="F0FE" w14:font="Wingdings"/><w14:uncheckedState w14:val="F0A8" w14:font="Wingdings"/>', `<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>`)}${run(' Records released in full')}</w:p>`,
      // A legacy check-box form field (FORMCHECKBOX), checked.
      `<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:sizeAuto/><w:default w:val="0"/><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>${run(' Appeal filed')}</w:p>`
    ].join('')
    const article = await extractDocumentArticle(docx(body), 'request.docx', 'docx')
    expect(article.body.split('\n\n')).toEqual([
      '☒ Fee waiver granted',
      '☐ Expedited processing granted',
      '☒ Records withheld in part',
      '🞎 Records released in full',
      '☒ Appeal filed'
    ])
    expect(article.warnings).toEqual([])
  })
})
