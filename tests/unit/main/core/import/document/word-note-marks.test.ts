import { describe, expect, it } from 'vitest'
import { extractDocumentArticle } from '../../../../../../src/main/core/import/document/extract-document-article'
import { zipBytes } from '../../../../../helpers/write-zip'

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
const run = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`
const relationship = (id: string, type: string, target: string): string => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`

/** A .docx with footnotes and endnotes as Word saves them: the body, the notes' paragraphs, and settings.xml's contents when given. */
function notesDocx(body: string, footnotes: string, endnotes: string, settings: string | null): Buffer {
  return zipBytes([
    { name: '_rels/.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship('rId1', 'officeDocument', 'word/document.xml')}</Relationships>` },
    { name: 'word/_rels/document.xml.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship('rId3', 'footnotes', 'footnotes.xml')}${relationship('rId4', 'endnotes', 'endnotes.xml')}${settings === null ? '' : relationship('rId6', 'settings', 'settings.xml')}</Relationships>` },
    { name: 'word/document.xml', data: `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>` },
    { name: 'word/footnotes.xml', data: `<?xml version="1.0"?><w:footnotes ${W}>${footnotes}</w:footnotes>` },
    { name: 'word/endnotes.xml', data: `<?xml version="1.0"?><w:endnotes ${W}>${endnotes}</w:endnotes>` },
    ...(settings === null ? [] : [{ name: 'word/settings.xml', data: `<?xml version="1.0"?><w:settings ${W}>${settings}</w:settings>` }])
  ])
}

const note = (kind: string, id: number, text: string): string => `<w:${kind} w:id="${id}"><w:p><w:r><w:${kind}Ref/></w:r>${run(` ${text}`)}</w:p></w:${kind}>`

describe('note marks in a Word document', () => {
  it('marks footnotes and endnotes as Word numbers them: each kind on its own, endnotes in lower Roman, a custom mark alone', async () => {
    const body =
      `<w:p>${run('Removals rose sharply')}<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>${run(' in fiscal year 2012 and fell')}` +
      `<w:r><w:footnoteReference w:id="2"/></w:r>${run(' afterwards, per the report')}<w:r><w:endnoteReference w:id="1"/></w:r>${run(' and the audit')}<w:r><w:endnoteReference w:id="2"/></w:r>${run('.')}</w:p>`
    const footnotes = `<w:footnote w:id="1"><w:p>${run('* Preliminary figure; subject to revision.')}</w:p></w:footnote>${note('footnote', 2, 'First paragraph of the note.')}`
    const endnotes = `${note('endnote', 1, 'OIG-12-001.')}${note('endnote', 2, 'GAO-13-66.')}`
    const article = await extractDocumentArticle(notesDocx(body, footnotes, endnotes, null), 'notes.docx', 'docx')
    expect(article.body.split('\n\n')).toEqual([
      'Removals rose sharply* in fiscal year 2012 and fell¹ afterwards, per the report[i] and the audit[ii].',
      '* Preliminary figure; subject to revision.',
      '¹ First paragraph of the note.',
      '[i] OIG-12-001.',
      '[ii] GAO-13-66.'
    ])
  })

  it('numbers notes in the formats and from the starts the last section, or else the settings, give', async () => {
    const body =
      `<w:p>${run('Detained')}<w:r><w:endnoteReference w:id="4"/></w:r>${run(' and removed')}<w:r><w:footnoteReference w:id="3"/></w:r>${run(' and released')}<w:r><w:footnoteReference w:id="5"/></w:r>${run('.')}</w:p>` +
      '<w:sectPr><w:footnotePr><w:numFmt w:val="chicago"/></w:footnotePr></w:sectPr>'
    const footnotes = `${note('footnote', 3, 'ERO.')}${note('footnote', 5, 'OPLA.')}`
    const endnotes = note('endnote', 4, 'USCIS.')
    const settings = '<w:footnotePr><w:numFmt w:val="upperLetter"/></w:footnotePr><w:endnotePr><w:numFmt w:val="decimal"/><w:numStart w:val="7"/></w:endnotePr>'
    const article = await extractDocumentArticle(notesDocx(body, footnotes, endnotes, settings), 'formats.docx', 'docx')
    expect(article.body.split('\n\n')).toEqual(['Detained⁷ and removed[*] and released[†].', '[*] ERO.', '[†] OPLA.', '⁷ USCIS.'])
  })
})
