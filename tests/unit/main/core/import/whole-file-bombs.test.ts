// Files read whole by a library (.docx by mammoth) and .odt parts read whole, and .ods streamed:
// their zip is checked before the library gets it, so a zip bomb or a part that inflates past what
// its zip declares is refused in one line, quickly, with bounded memory.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractDocumentArticle } from '../../../../../src/main/core/import/document/extract-document-article'
import { writeOdt } from '../../../../helpers/office-documents'
import { writeHandWrittenOds } from '../../../../helpers/hand-written-workbooks'
import { importTestArchive } from '../../../../helpers/import-test-archive'
import { refusedImport } from '../../../../helpers/refused-import'
import { tempFolders } from '../../../../helpers/temp-archive'
import { withDeclared, zipBytes } from '../../../../helpers/write-zip'

const folder = tempFolders('whole-file-bombs')

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
/** A .docx whose document.xml is one paragraph of `spaces` spaces (it deflates about a thousand to one). */
function wordBomb(spaces: number): Buffer {
  return zipBytes([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
    { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
    { name: 'word/document.xml', data: `<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>a${' '.repeat(spaces)}</w:t></w:r></w:p></w:body></w:document>` }
  ])
}

const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
const DRAWING =
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
/** 24 MB of white: a bitmap as a scanner or Paint saves one, which deflates about a thousand to one. */
const WHITE_BITMAP = Buffer.concat([Buffer.from('BM'), Buffer.alloc(24 << 20, 0xff)])

/**
 * A memo as Word saves one with a picture in its text (`word/media/image1.bmp`, the white bitmap) and,
 * as some exports do, a part nothing names (`word/media/video.bin`, 300 MB of zeros).
 */
function memoWithMedia(): Buffer {
  const picture = `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="Seal"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="seal.bmp"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId9"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
  return zipBytes([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bmp" ContentType="image/bmp"/><Default Extension="bin" ContentType="application/octet-stream"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
    { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
    { name: 'word/_rels/document.xml.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.bmp"/></Relationships>' },
    { name: 'word/document.xml', data: `<?xml version="1.0"?><w:document ${W} ${R} ${DRAWING}><w:body>${picture}<w:p><w:r><w:t>Memo body with a large embedded video.</w:t></w:r></w:p></w:body></w:document>` },
    { name: 'word/media/image1.bmp', data: WHITE_BITMAP },
    { name: 'word/media/video.bin', data: Buffer.alloc(300 << 20) }
  ])
}

describe('parts a reader does not read are neither inflated nor judged', () => {
  it('imports the text of a .docx whose pictures and other media inflate a thousand times over', async () => {
    const article = await extractDocumentArticle(memoWithMedia(), 'memo.docx', 'docx')
    expect([article.title, article.body, article.warnings]).toEqual(['Memo body with a large embedded video.', 'Memo body with a large embedded video.', []])
  })

  it('imports the text of an .odt whose picture inflates a thousand times over', async () => {
    const ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"'
    const odt = zipBytes([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'META-INF/manifest.xml', data: '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="Pictures/seal.bmp" manifest:media-type="image/bmp"/></manifest:manifest>' },
      { name: 'content.xml', data: `<?xml version="1.0"?><office:document-content ${ns}><office:body><office:text><text:p><draw:frame draw:name="Seal"><draw:image xlink:href="Pictures/seal.bmp"/></draw:frame>Memo with a seal.</text:p></office:text></office:body></office:document-content>` },
      { name: 'Pictures/seal.bmp', data: WHITE_BITMAP }
    ])
    const article = await extractDocumentArticle(odt, 'seal.odt', 'odt')
    expect([article.title, article.body]).toEqual(['Memo with a seal.', 'Memo with a seal.'])
  })
})

describe('whole-file readers get only a checked zip', () => {
  it('refuses a .docx whose XML inflates past what mammoth can hold, before mammoth reads it', async () => {
    expect(await refusedImport('bomb.docx', wordBomb(17 << 20))).toBe(
      'bomb.docx is too large to read: its XML inflates to 17 MB, and Casefile reads up to 16 MB of it in this format; nothing was imported. Split it into smaller documents and import those.'
    )
  })

  it('refuses a .docx whose part inflates past the size its zip declares (a lie that would let a bomb through)', async () => {
    const lying = withDeclared(wordBomb(2 << 20), 'word/document.xml', { crc32: null, size: 4000 })
    expect(await refusedImport('lying.docx', lying)).toBe('lying.docx is damaged (its part word/document.xml inflates past the 4,000 bytes its zip declares); nothing was imported. Re-download or re-save it.')
    const damaged = withDeclared(wordBomb(1000), 'word/document.xml', { crc32: 7, size: null })
    expect(await refusedImport('crc.docx', damaged)).toBe('crc.docx is damaged (its part word/document.xml fails its checksum); nothing was imported. Re-download or re-save it.')
  })

  it('refuses an .ods whose content.xml claims to inflate a hundred thousand times over, or past what its zip declares', async () => {
    const ods = readFileSync(writeHandWrittenOds(join(folder(), 'big.ods'), '<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row></table:table>', ''))
    // Streamed, an .ods has no cap on its size (a 200,000-row one is 150 MB of XML): only a bomb's ratio is refused.
    expect(await refusedImport('big.ods', withDeclared(ods, 'content.xml', { crc32: null, size: 200 << 20 }))).toBe(
      'big.ods looks built to exhaust memory: its part content.xml would inflate to 200 MB from 1 KB, far more than real files do (or it is damaged); nothing was imported.'
    )
    expect(await refusedImport('lying.ods', withDeclared(ods, 'content.xml', { crc32: null, size: 100 }))).toBe(
      'lying.ods is damaged (its part content.xml inflates past the 100 bytes its zip declares); nothing was imported. Re-download or re-save it.'
    )
  })

  it('imports an .ods of rows repeated word for word, which deflates 290 times and is no bomb', async () => {
    // LibreOffice writes such rows one by one when their styles differ, so a real file of 100,000
    // rows deflated 244 times; the same bytes as a run of spaces would deflate about 1,030 times.
    const cell = (text: string) => `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell>`
    const rows = `<table:table-row>${cell('Mexico')}</table:table-row>`.repeat(150_000)
    const path = writeHandWrittenOds(join(folder(), 'repeated.ods'), `<table:table table:name="S"><table:table-row>${cell('Country')}</table:table-row>${rows}</table:table>`, '')
    const made = await importTestArchive()
    const outcome = await made.run(path, {}, () => undefined)
    expect(outcome).toMatchObject({ status: 'imported', rows: 150_000, error: null })
  }, 60_000)

  it('refuses an .odt whose text is larger than it reads whole', async () => {
    const odt = readFileSync(writeOdt(join(folder(), 'big.odt'), '<text:p>Memo</text:p>', '', ''))
    expect(await refusedImport('big.odt', withDeclared(odt, 'content.xml', { crc32: null, size: 100 << 20 }))).toBe(
      'big.odt is too large to read: its part content.xml inflates to 100 MB, and Casefile reads such a part whole up to 64 MB; nothing was imported. Split it into smaller files and import those.'
    )
  })
})

/** An .ods row of `cells` (written as they are) repeated `times` over. */
function repeatedRow(times: number, cells: string): string {
  return `<table:table-row table:number-rows-repeated="${times}">${cells}</table:table-row>`
}
const HEADER = '<table:table-row><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Count</text:p></table:table-cell></table:table-row>'
const SAME = '<table:table-cell office:value-type="string"><text:p>same</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'

describe('an .ods whose repeats would fill the disk', () => {
  it('refuses a row of values repeated five million times, naming the sheet and the row, before it is spread', async () => {
    const ods = readFileSync(writeHandWrittenOds(join(folder(), 'rep.ods'), `<table:table table:name="S">${HEADER}${repeatedRow(5_000_000, SAME)}</table:table>`, ''))
    expect(ods.length).toBeLessThan(2048)
    expect(await refusedImport('rep.ods', ods)).toBe(
      'rep.ods looks built to fill the disk: with sheet “S”’s row 2 repeated 5,000,000 times, its sheets would hold more than 1,048,576 cells from 1 KB of XML, far more than real spreadsheets do; nothing was imported. If its rows are meant to repeat, open it in LibreOffice, save each sheet as CSV and import those.'
    )
  })

  it('counts the cells of every sheet against the file, so many small sheets cannot add up to a disk', async () => {
    // Each sheet alone is 400,000 cells (a value across 100 columns, 4,000 rows); three are past a million.
    const wide = '<table:table-cell table:number-columns-repeated="100" office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell>'
    const sheets = ['A', 'B', 'C'].map((name) => `<table:table table:name="${name}">${repeatedRow(4_000, wide)}</table:table>`).join('')
    const ods = readFileSync(writeHandWrittenOds(join(folder(), 'sheets.ods'), sheets, ''))
    expect(await refusedImport('sheets.ods', ods)).toBe(
      'sheets.ods looks built to fill the disk: with sheet “C”’s row 1 repeated 4,000 times, its sheets would hold more than 1,048,576 cells from 2 KB of XML, far more than real spreadsheets do; nothing was imported. If its rows are meant to repeat, open it in LibreOffice, save each sheet as CSV and import those.'
    )
  })
})
