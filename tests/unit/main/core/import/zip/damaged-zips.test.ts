// Office files whose zip is damaged, cut short or not a zip at all, made from real bytes. Each is
// refused in one line that names the file, says what is wrong in plain words and what to do, without
// the zip library's own words ("End of central directory record signature not found", "0x0").
import { describe, expect, it } from 'vitest'
import { handWrittenXlsxEntries, sheetXml } from '../../../../../helpers/hand-written-workbooks'
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
    // A PDF is read as one (format-by-content.test.ts): this one is damaged, and the refusal says how it was read.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
    expect(await refusalOf('report.xlsx', pdf)).toBe(
      'report.xlsx is a PDF document, not an Excel workbook (.xlsx); it was read as a PDF. report.xlsx could not be read as a PDF: its structure is damaged.'
    )
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)])
    expect(await refusalOf('chart.xlsx', png)).toBe('chart.xlsx is a PNG picture, not an Excel workbook (.xlsx); nothing was imported. Find the file itself (or a PDF of it) and import that.')
    // An .xls may be text (CSV or an HTML table, as "Export to Excel" buttons write): a PDF or a picture is neither.
    expect(await refusalOf('report.xls', pdf)).toBe(
      'report.xls is a PDF document, not an Excel 97–2003 workbook (.xls); it was read as a PDF. report.xls could not be read as a PDF: its structure is damaged.'
    )
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

  // One of a kind Casefile reads is read as what it is, whatever its name (format-by-content.test.ts).
  it('says which kind of Office file a package named as another kind really is, when Casefile does not read that kind', async () => {
    const pptx = zipBytes([{ name: 'ppt/presentation.xml', data: '<p:presentation/>' }])
    const xlsb = zipBytes([{ name: 'xl/workbook.bin', data: 'binary' }])
    expect(await refusalOf('slides.xlsx', pptx)).toBe('slides.xlsx is a PowerPoint presentation (.pptx), not an Excel workbook (.xlsx); nothing was imported. Casefile does not read presentations; save it as PDF and import that.')
    expect(await refusalOf('binary.xlsx', xlsb)).toBe('binary.xlsx is an Excel binary workbook (.xlsb), not an Excel workbook (.xlsx); nothing was imported. Open it in Excel, save it as .xlsx and import that.')
  })
})
