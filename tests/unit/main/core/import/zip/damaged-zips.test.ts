// Office files whose zip is damaged, cut short or not a zip at all, made from real bytes. Each is
// refused in one line that names the file, says what is wrong in plain words and what to do, without
// the zip library's own words ("End of central directory record signature not found", "0x0").
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { handWrittenXlsxEntries, sheetXml, writeHandWrittenOds } from '../../../../../helpers/hand-written-workbooks'
import { wordParagraph, writeDocx, writeOdt } from '../../../../../helpers/office-documents'
import { refusedImport } from '../../../../../helpers/refused-import'
import { zipBytes } from '../../../../../helpers/write-zip'

/** Words of the zip library (yauzl) and of zip's own format, which a refusal must not quote. */
const LIBRARY_WORDS = /signature|central dir|\bEOF\b|zip64|0x[0-9a-f]|comment length|relative offset|multi-disk|yauzl|file header|Expected:|Found:/i

const SHEET = sheetXml(
  Array.from({ length: 200 }, (_, i) => `<x:row r="${i + 1}"><x:c r="A${i + 1}" t="inlineStr"><x:is><x:t>Office ${i}</x:t></x:is></x:c><x:c r="B${i + 1}"><x:v>${i * 7}</x:v></x:c></x:row>`).join('')
)

/** A good two-sheet .xlsx, as bytes to damage. */
function goodXlsx(): Buffer {
  return zipBytes(
    handWrittenXlsxEntries(
      [
        { name: 'A', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml: SHEET },
        { name: 'B', part: 'xl/worksheets/sheet2.xml', type: 'worksheet', xml: SHEET }
      ],
      { sharedStrings: null, styles: null, workbookPr: '', extra: [] }
    )
  )
}

/** Where the end-of-central-directory record starts, and the directory it points to. */
function directoryOf(bytes: Buffer): { end: number; start: number; size: number } {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  return { end, start: bytes.readUInt32LE(end + 16), size: bytes.readUInt32LE(end + 12) }
}

async function refusalOf(name: string, bytes: Buffer): Promise<string> {
  const message = await refusedImport(name, bytes)
  expect(message.startsWith(`${name} `), message).toBe(true)
  expect(message, message).not.toMatch(LIBRARY_WORDS)
  return message
}

const SAVE_AGAIN_XLSX = 'Open it in Excel or LibreOffice and save it again, or download or copy it again.'

describe('damaged and mislabelled zip packages', () => {
  it('refuses a workbook cut short (no zip directory at its end)', async () => {
    const good = goodXlsx()
    expect(await refusalOf('cut.xlsx', good.subarray(0, Math.floor(good.length / 2)))).toBe(
      `cut.xlsx is not a complete Excel workbook (.xlsx): its zip directory is missing, as when a download or copy stops early; nothing was imported. ${SAVE_AGAIN_XLSX}`
    )
  })

  it('refuses a workbook whose zip directory is zeroed, has bytes after its end, or claims zip64 parts it lacks', async () => {
    const good = goodXlsx()
    const { end, start, size } = directoryOf(good)
    const zeroed = Buffer.from(good)
    zeroed.fill(0, start, start + size)
    const trailing = Buffer.concat([good, Buffer.from('<html>the rest of a web page</html>')])
    const zip64 = Buffer.from(good)
    zip64.writeUInt32LE(0xffffffff, end + 16)
    const multiDisk = Buffer.from(good)
    multiDisk.writeUInt16LE(1, end + 4)
    for (const [name, bytes] of [['zeroed.xlsx', zeroed], ['trailing.xlsx', trailing], ['offsets.xlsx', zip64], ['disks.xlsx', multiDisk]] as const) {
      expect(await refusalOf(name, bytes)).toBe(`${name} is not a complete Excel workbook (.xlsx): its zip directory is damaged; nothing was imported. ${SAVE_AGAIN_XLSX}`)
    }
  })

  it('refuses a workbook whose directory points a sheet at bytes that are not its part', async () => {
    const good = goodXlsx()
    const { start } = directoryOf(good)
    // The directory's record of the first sheet (the fifth part): its local header offset moved into the middle of another part.
    let record = start
    for (let i = 0; i < 4; i++) record += 46 + good.readUInt16LE(record + 28)
    const moved = Buffer.from(good)
    moved.writeUInt32LE(good.readUInt32LE(record + 42) + 7, record + 42)
    expect(await refusalOf('moved.xlsx', moved)).toBe(
      'moved.xlsx is damaged (sheet “A” cannot be found where its zip says it is); nothing was imported. Re-download or re-save it.'
    )
  })

  it('says what a file named .xlsx, .xls or .docx really is when its first bytes tell', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
    expect(await refusalOf('report.xlsx', pdf)).toBe('report.xlsx is a PDF document, not an Excel workbook (.xlsx); nothing was imported. Rename it to .pdf and import that.')
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)])
    expect(await refusalOf('chart.xlsx', png)).toBe('chart.xlsx is a PNG picture, not an Excel workbook (.xlsx); nothing was imported. Find the file itself (or a PDF of it) and import that.')
    expect(await refusalOf('memo.docx', Buffer.from('<!DOCTYPE html><html><body>memo</body></html>'))).toBe(
      'memo.docx is a web page (HTML), not a Word document (.docx); nothing was imported. Rename it to .html and import that.'
    )
    // An .xls may be text (CSV or an HTML table, as "Export to Excel" buttons write): a PDF or a picture is neither.
    expect(await refusalOf('report.xls', pdf)).toBe('report.xls is a PDF document, not an Excel 97–2003 workbook (.xls); nothing was imported. Rename it to .pdf and import that.')
    expect(await refusalOf('chart.xls', png)).toBe('chart.xls is a PNG picture, not an Excel 97–2003 workbook (.xls); nothing was imported. Find the file itself (or a PDF of it) and import that.')
    expect(await refusalOf('empty.docx', Buffer.alloc(0))).toMatch(/^empty\.docx is empty \(0 bytes\)/)
    expect(await refusalOf('empty.xlsx', Buffer.alloc(0))).toMatch(/^empty\.xlsx is empty \(0 bytes\)/)
  })

  it('names the program to save it again with, for a Word and an OpenDocument file', async () => {
    const docx = zipBytes([{ name: 'word/document.xml', data: '<w:document/>' }])
    expect(await refusalOf('cut.docx', docx.subarray(0, docx.length - 30))).toBe(
      'cut.docx is not a complete Word document (.docx): its zip directory is missing, as when a download or copy stops early; nothing was imported. Open it in Word or LibreOffice and save it again, or download or copy it again.'
    )
    const ods = zipBytes([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' }])
    expect(await refusalOf('cut.ods', ods.subarray(0, ods.length - 10))).toBe(
      'cut.ods is not a complete OpenDocument spreadsheet (.ods): its zip directory is missing, as when a download or copy stops early; nothing was imported. Open it in LibreOffice and save it again, or download or copy it again.'
    )
  })

  it('says which kind of Office file a package named as another kind really is (one read the same way is read: see ods-streaming, extract-document-article)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casefile-kinds-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const docx = readFileSync(writeDocx(join(dir, 'memo.docx'), wordParagraph('Memorandum', null, false), { title: null, creator: null, created: null }))
    const odt = readFileSync(writeOdt(join(dir, 'memo.odt'), '<text:p>Memorandum</text:p>', '', ''))
    const ods = readFileSync(writeHandWrittenOds(join(dir, 'table.ods'), '<table:table table:name="A"><table:table-row><table:table-cell office:value-type="string"><text:p>Office</text:p></table:table-cell></table:table-row></table:table>', ''))
    const xlsx = goodXlsx()
    const pptx = zipBytes([{ name: 'ppt/presentation.xml', data: '<p:presentation/>' }])
    const xlsb = zipBytes([{ name: 'xl/workbook.bin', data: 'binary' }])
    expect(await refusalOf('docx_as.xlsx', docx)).toBe('docx_as.xlsx is a Word document (.docx), not an Excel workbook (.xlsx); nothing was imported. Rename it to .docx and import that.')
    expect(await refusalOf('sheet_as.docx', xlsx)).toBe('sheet_as.docx is an Excel workbook (.xlsx), not a Word document (.docx); nothing was imported. Rename it to .xlsx and import that.')
    expect(await refusalOf('text_as.ods', odt)).toBe('text_as.ods is an OpenDocument text (.odt), not an OpenDocument spreadsheet (.ods); nothing was imported. Rename it to .odt and import that.')
    expect(await refusalOf('sheet_as.odt', ods)).toBe('sheet_as.odt is an OpenDocument spreadsheet (.ods), not an OpenDocument text (.odt); nothing was imported. Rename it to .ods and import that.')
    expect(await refusalOf('slides.xlsx', pptx)).toBe('slides.xlsx is a PowerPoint presentation (.pptx), not an Excel workbook (.xlsx); nothing was imported. Casefile does not read presentations; save it as PDF and import that.')
    expect(await refusalOf('binary.xlsx', xlsb)).toBe('binary.xlsx is an Excel binary workbook (.xlsb), not an Excel workbook (.xlsx); nothing was imported. Open it in Excel, save it as .xlsx and import that.')
  })
})
