// Word and OpenDocument texts imported into a real archive (review B25-17, B25-18): tracked
// deletions kept findable after the body and said in a warning, a table nested in a cell read
// inside its cell, an .odt heading's written number spaced from its text.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ImportOutcome } from '../../../../../../src/shared/model'
import { wordPackage, writeOdt } from '../../../../../helpers/office-documents'
import { importIntoNewArchive, refusedImport } from '../../../../../helpers/refused-import'
import { tempFolders } from '../../../../../helpers/temp-archive'
import { zipBytes } from '../../../../../helpers/write-zip'

const folder = tempFolders('document-review')

interface Imported {
  outcome: ImportOutcome
  title: string
  body: string
  headings: string[]
  found: (words: string) => number
}

/** Imports `bytes` as the file `name` into a new archive and reads back the article it made. */
async function importDocument(name: string, bytes: Uint8Array): Promise<Imported> {
  const { outcome, db } = await importIntoNewArchive(name, bytes)
  const article = db.prepare('SELECT id, title, body FROM articles').get() as { id: number; title: string; body: string } | undefined
  if (article === undefined) throw new Error(`nothing imported: ${JSON.stringify(outcome)}`)
  const headings = (db.prepare('SELECT start_offset AS start, end_offset AS end FROM article_headings WHERE article_id = ? ORDER BY start_offset').all(article.id) as { start: number; end: number }[]).map(({ start, end }) => article.body.slice(start, end))
  const found = (words: string): number => (db.prepare('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').pluck().get(words) as number)
  return { outcome, title: article.title, body: article.body, headings, found }
}

const wordRun = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`
const wordDeleted = (text: string): string => `<w:del w:id="1" w:author="Reviewer" w:date="2012-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">${text}</w:delText></w:r></w:del>`
const wordInserted = (text: string): string => `<w:ins w:id="2" w:author="Reviewer" w:date="2012-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:ins>`
const wordCell = (inner: string): string => `<w:tc>${inner}</w:tc>`
const wordP = (text: string): string => `<w:p>${wordRun(text)}</w:p>`
const wordRow = (...cells: string[]): string => `<w:tr>${cells.map(wordCell).join('')}</w:tr>`

const odtDeletion = (id: string, text: string): string =>
  `<text:changed-region text:id="${id}"><text:deletion><office:change-info><dc:creator>Reviewer</dc:creator><dc:date>2012-01-01T00:00:00</dc:date></office:change-info><text:p>${text}</text:p></text:deletion></text:changed-region>`
const odtInsertion = (id: string): string =>
  `<text:changed-region text:id="${id}"><text:insertion><office:change-info><dc:creator>Reviewer</dc:creator><dc:date>2012-01-01T00:00:00</dc:date></office:change-info></text:insertion></text:changed-region>`
const odtCell = (inner: string): string => `<table:table-cell>${inner}</table:table-cell>`
const odtRow = (...cells: string[]): string => `<table:table-row>${cells.map(odtCell).join('')}</table:table-row>`

function odtBytes(dir: string, name: string, body: string, styles?: string): Buffer {
  return readFileSync(writeOdt(join(dir, name), body, '<dc:title>Closures memo</dc:title>', '', styles))
}

describe('tracked changes in a Word or OpenDocument text (review B25-17)', () => {
  it('reads a .docx with its changes accepted, lists each deleted passage after the body with the words around it, and says so', async () => {
    const body = [
      wordP('Closures memo'),
      `<w:p>${wordRun('The total was ')}${wordDeleted('1,500')}${wordInserted('2,700')}${wordRun(' closures in the western district this year.')}</w:p>`,
      // A paragraph deleted whole, its mark too: as Word accepts it, what is left joins the next paragraph.
      `<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="Reviewer" w:date="2012-01-01T00:00:00Z"/></w:rPr></w:pPr>${wordDeleted('Counsel advised withholding the figures.')}</w:p>`,
      wordP('Figures from the agency.')
    ].join('')
    const imported = await importDocument('memo.docx', wordPackage(body, '', ''))
    expect(imported.outcome).toMatchObject({ status: 'imported', kind: 'article' })
    expect(imported.body.split('\n\n')).toEqual([
      'Closures memo',
      'The total was 2,700 closures in the western district this year.',
      'Figures from the agency.',
      'Tracked deletions',
      'The total was [deleted: 1,500] 2,700 closures in the western district…',
      '[deleted: Counsel advised withholding the figures.] Figures from the agency.'
    ])
    expect(imported.headings).toEqual(['Tracked deletions'])
    expect(imported.outcome.warnings).toEqual([
      'memo.docx: it has tracked changes (2 deletions, 1 insertion); its text is read as it reads with the changes accepted; the deleted text is kept after the body, under “Tracked deletions”, each passage with the words around it.'
    ])
    // The deleted words are found by search.
    expect(imported.found('"1,500"')).toBe(1)
    expect(imported.found('withholding')).toBe(1)
  })

  it('reads an .odt the same way: changes accepted, deletions listed after the body, a warning with the counts', async () => {
    const body =
      `<text:tracked-changes>${odtDeletion('ct1', '1,500')}${odtInsertion('ct2')}</text:tracked-changes>` +
      '<text:p>The total was <text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>2,700<text:change-end text:change-id="ct2"/> closures.</text:p>' +
      '<text:p>Figures from the agency.</text:p>'
    const imported = await importDocument('memo.odt', odtBytes(folder(), 'memo.odt', body))
    expect(imported.body.split('\n\n')).toEqual(['The total was 2,700 closures.', 'Figures from the agency.', 'Tracked deletions', 'The total was [deleted: 1,500] 2,700 closures.'])
    expect(imported.headings).toEqual(['Tracked deletions'])
    expect(imported.outcome.warnings).toEqual([
      'memo.odt: it has tracked changes (1 deletion, 1 insertion); its text is read as it reads with the changes accepted; the deleted text is kept after the body, under “Tracked deletions”, each passage with the words around it.'
    ])
    expect(imported.found('"1,500"')).toBe(1)
  })

  it('says nothing of changes in a document without any', async () => {
    const imported = await importDocument('plain.docx', wordPackage(wordP('The total was 2,700 closures.'), '', ''))
    expect(imported.outcome.warnings).toEqual([])
    expect(imported.body).toBe('The total was 2,700 closures.')
  })
})

describe('a table inside a table cell (review B25-17)', () => {
  it('keeps the outer .docx row on one line, the inner table’s cells joined with "; " and its rows with " / " in their cell', async () => {
    const inner = `<w:tbl>${wordRow(wordP('inner A'), wordP('inner B'))}${wordRow(wordP('inner C'), wordP('inner D'))}</w:tbl><w:p/>`
    const table = `<w:tbl>${wordRow(wordP('Office'), wordP('FY2011'), wordP('FY2012'))}${wordRow(wordP('Houston'), wordP('1,234'), wordP('D'))}${wordRow(wordP('Dallas'), inner, wordP('-'))}</w:tbl>`
    const imported = await importDocument('table.docx', wordPackage(wordP('Offices') + table, '', ''))
    expect(imported.body.split('\n\n')).toEqual(['Offices', 'Office | FY2011 | FY2012', 'Houston | 1,234 | D', 'Dallas | inner A; inner B / inner C; inner D | -'])
  })

  it('reads an .odt’s nested table the same way', async () => {
    const inner = `<table:table>${odtRow('<text:p>inner A</text:p>', '<text:p>inner B</text:p>')}</table:table>`
    const body = `<text:p>Offices</text:p><table:table>${odtRow('<text:p>Office</text:p>', '<text:p>FY2011</text:p>', '<text:p>FY2012</text:p>')}${odtRow('<text:p>Dallas</text:p>', inner, '<text:p>-</text:p>')}</table:table>`
    const imported = await importDocument('table.odt', odtBytes(folder(), 'table.odt', body))
    expect(imported.body.split('\n\n')).toEqual(['Offices', 'Office | FY2011 | FY2012', 'Dallas | inner A; inner B | -'])
  })
})

describe('an .odt heading with its number written in it (review B25-18)', () => {
  it('puts a space between the written number and the heading’s text', async () => {
    const body = '<text:h text:outline-level="1" text:is-list-header="false"><text:number>1.</text:number>Background</text:h><text:p>Field offices closed some cases.</text:p><text:h text:outline-level="2"><text:number>1.1</text:number>Offices</text:h>'
    const imported = await importDocument('report.odt', odtBytes(folder(), 'report.odt', body))
    expect(imported.headings).toEqual(['1. Background', '1.1 Offices'])
  })
})

/** A 1×1 grey PNG: the picture a scanned page would be, smaller. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==', 'base64')

describe('a document whose only content is a picture of a page (review B25-18)', () => {
  it('refuses a .docx that holds only a scanned page, saying so and that a PDF of it is read by OCR', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    const picture = '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="5000000" cy="6500000"/><wp:docPr id="1" name="Picture 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" name="scan.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdI"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
    const bytes = zipBytes([
      { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
      { name: 'word/document.xml', data: `<?xml version="1.0"?><w:document ${W}><w:body>${picture}<w:sectPr/></w:body></w:document>` },
      { name: 'word/_rels/document.xml.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdI" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>' },
      { name: 'word/media/image1.png', data: PNG }
    ])
    expect(await refusedImport('scan_in_word.docx', bytes)).toBe(
      'scan_in_word.docx has no text to import: it holds only pictures (a scanned page, say), and Casefile does not read the text in pictures inside a Word document; nothing was imported. Save or print it as PDF and import that: the pages of a PDF that are pictures are read by OCR.'
    )
    // A document with no text and no picture is refused as before.
    expect(await refusedImport('empty.docx', wordPackage('<w:p/>', '', ''))).toBe('empty.docx has no text to import.')
  })

  it('refuses an .odt that holds only a picture the same way', async () => {
    const dir = folder()
    const body = '<text:p><draw:frame><draw:image xlink:href="Pictures/scan.png"/></draw:frame></text:p>'
    const withPicture = readFileSync(writeOdt(join(dir, 'scan.odt'), body, '', '', undefined, [{ name: 'Pictures/scan.png', data: PNG }]))
    expect(await refusedImport('scan.odt', withPicture)).toBe(
      'scan.odt has no text to import: it holds only pictures (a scanned page, say), and Casefile does not read the text in pictures inside an OpenDocument text; nothing was imported. Save or print it as PDF and import that: the pages of a PDF that are pictures are read by OCR.'
    )
  })
})

describe('a .docx with parts Word reads in when it opens it (w:altChunk, review B25-18)', () => {
  it('reads an HTML chunk’s text where it stands, its headings as headings; a chunk of another kind is still named as not read', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    const chunk = (id: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="${target}"/>`
    const document = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`
    const pkg = (body: string, relationships: string, parts: { name: string; data: string }[]) =>
      zipBytes([
        { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
        { name: 'word/document.xml', data: document(body) },
        { name: 'word/_rels/document.xml.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships}</Relationships>` },
        ...parts
      ])
    const html = '<html><head><title>Inspection findings</title><script>document.write("not text")</script></head><body><h1>Inspection findings</h1><p>The facility failed <b>eleven</b> standards.</p></body></html>'
    const imported = await importDocument(
      'altchunk.docx',
      pkg(`${wordP('Cover paragraph.')}<w:altChunk r:id="rIdA"/>${wordP('Closing paragraph.')}`, chunk('rIdA', 'chunk.htm'), [{ name: 'word/chunk.htm', data: html }])
    )
    expect(imported.body.split('\n\n')).toEqual(['Cover paragraph.', 'Inspection findings', 'The facility failed eleven standards.', 'Closing paragraph.'])
    expect(imported.headings).toEqual(['Inspection findings'])
    expect(imported.outcome.warnings).toEqual([])
    expect(imported.found('eleven')).toBe(1)

    const rtf = await importDocument('rtfchunk.docx', pkg(`${wordP('Cover paragraph.')}<w:altChunk r:id="rIdR"/>`, chunk('rIdR', 'chunk.rtf'), [{ name: 'word/chunk.rtf', data: '{\\rtf1 Not read.}' }]))
    expect(rtf.body).toBe('Cover paragraph.')
    expect(rtf.outcome.warnings).toEqual(['rtfchunk.docx: parts of the document Casefile does not read were left out (w:altChunk).'])
  })
})
