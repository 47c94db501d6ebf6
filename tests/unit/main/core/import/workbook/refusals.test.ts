import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'
import type { WorkbookFormat } from '../../../../../../src/main/core/import/workbook/read-workbook'
import { handWrittenXlsxEntries, sheetXml, writeHandWrittenOds, writeHandWrittenXlsx } from '../../../../../helpers/hand-written-workbooks'
import { tempFolders } from '../../../../../helpers/temp-archive'
import { writeZip, zipBytes } from '../../../../../helpers/write-zip'
import { readSheets } from './read-sheets'

const folder = tempFolders('workbook-refusals')

async function refusal(path: string, format: WorkbookFormat): Promise<string> {
  const error: unknown = await readSheets(path, format, null, true).then(
    () => null,
    (thrown: unknown) => thrown
  )
  expect(error).toBeInstanceOf(ImportInputError)
  return (error as ImportInputError).message
}

/** What Office writes for a file saved with a password: a compound file holding EncryptionInfo and EncryptedPackage. */
const ENCRYPTED = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('EncryptionInfo\0EncryptedPackage', 'utf16le'), Buffer.alloc(1024)])

describe('workbooks Casefile refuses, in one line that says why', () => {
  it('refuses password-protected workbooks of every kind', async () => {
    const dir = folder()
    for (const [name, format] of [['locked.xlsx', 'xlsx'], ['locked.xlsm', 'xlsx'], ['locked.xls', 'xls']] as const) {
      writeFileSync(join(dir, name), ENCRYPTED)
      expect(await refusal(join(dir, name), format)).toBe(`${name} is password-protected; open it, save a copy without a password and import that.`)
    }
    const ods = writeHandWrittenOds(join(dir, 'locked.ods'), '', '<manifest:encryption-data manifest:checksum-type="SHA1"/>')
    expect(await refusal(ods, 'ods')).toBe('locked.ods is password-protected; open it, save a copy without a password and import that.')
  })

  it('refuses corrupt and mislabelled files', async () => {
    const dir = folder()
    const whole = zipBytes([{ name: 'xl/workbook.xml', data: '<workbook/>' }])
    writeFileSync(join(dir, 'cut.xlsx'), whole.subarray(0, whole.length - 30))
    expect(await refusal(join(dir, 'cut.xlsx'), 'xlsx')).toBe(
      'cut.xlsx is not a complete Excel workbook (.xlsx): its zip directory is missing, as when a download or copy stops early; nothing was imported. Open it in Excel or LibreOffice and save it again, or download or copy it again.'
    )
    writeFileSync(join(dir, 'empty.xlsx'), '')
    expect(await refusal(join(dir, 'empty.xlsx'), 'xlsx')).toBe('empty.xlsx is empty (0 bytes); nothing was imported.')
    writeFileSync(join(dir, 'memo.xlsx'), 'a memo saved with the wrong name\n')
    expect(await refusal(join(dir, 'memo.xlsx'), 'xlsx')).toBe('memo.xlsx is plain text, not an Excel workbook (.xlsx); nothing was imported. Rename it to .txt and import that.')
    // A CSV export saved under a workbook's name (review R23-9: "it is not a zip package").
    writeFileSync(join(dir, 'export.xlsx'), 'Year,Removals\n2012,409849\n')
    expect(await refusal(join(dir, 'export.xlsx'), 'xlsx')).toBe('export.xlsx is delimited text (CSV), not an Excel workbook (.xlsx); nothing was imported. Rename it to .csv and import that.')
    writeFileSync(join(dir, 'export.ods'), 'Year\tRemovals\n2012\t409849\n')
    expect(await refusal(join(dir, 'export.ods'), 'ods')).toBe('export.ods is delimited text (CSV), not an OpenDocument spreadsheet (.ods); nothing was imported. Rename it to .csv and import that.')
    writeFileSync(join(dir, 'noise.xlsx'), Buffer.from([0x01, 0x02, 0x41, 0x42, 0x00, 0x7f, 0x10]))
    expect(await refusal(join(dir, 'noise.xlsx'), 'xlsx')).toBe(
      'noise.xlsx is not an Excel workbook (.xlsx) (it is not a zip package; it may be damaged or another kind of file); nothing was imported.'
    )
    writeFileSync(join(dir, 'letter.xlsx'), zipBytes([{ name: 'word/document.xml', data: '<w:document/>' }]))
    expect(await refusal(join(dir, 'letter.xlsx'), 'xlsx')).toBe('letter.xlsx is a Word document (.docx), not an Excel workbook (.xlsx); nothing was imported. Rename it to .docx and import that.')
    writeFileSync(join(dir, 'partless.xlsx'), zipBytes([{ name: 'docProps/core.xml', data: '<cp:coreProperties/>' }]))
    expect(await refusal(join(dir, 'partless.xlsx'), 'xlsx')).toBe('partless.xlsx is not an Excel workbook: it has no workbook part (xl/workbook.xml); nothing was imported.')
    writeFileSync(join(dir, 'garbled.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(3000, 7)]))
    // SheetJS's own words ("Cannot find Workbook stream") would not tell the user what to do.
    expect(await refusal(join(dir, 'garbled.xls'), 'xls')).toBe(
      'garbled.xls is damaged or not an Excel 97–2003 workbook (.xls); nothing was imported. Open it in a spreadsheet program, save it as .xlsx and import that.'
    )
    const sheet = sheetXml('<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>ok</x:t></x:is></x:c></x:row>')
    const bad = join(dir, 'latin1.xlsx')
    writeFileSync(bad, zipBytes([
      { name: '_rels/.rels', data: '<Relationships><Relationship Id="r" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
      { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat([Buffer.from(sheet.slice(0, 80)), Buffer.from([0xe9, 0x20]), Buffer.from(sheet.slice(80))]) }
    ]))
    expect(await refusal(bad, 'xlsx')).toBe('latin1.xlsx, sheet “S” cannot be read: its text is not valid UTF-8; nothing was imported.')
  })

  it('refuses a workbook that holds only macros, and never runs them', async () => {
    const macro = { name: 'Macro1', part: 'xl/macrosheets/sheet1.xml', type: 'xlMacrosheet', xml: sheetXml('') }
    const path = writeHandWrittenXlsx(join(folder(), 'macros.xlsm'), [macro], { sharedStrings: null, styles: null, workbookPr: '', extra: [{ name: 'xl/vbaProject.bin', data: Buffer.alloc(512) }] })
    expect(await refusal(path, 'xlsx')).toBe('macros.xlsm holds only macros, no worksheet with data; Casefile imports tables and never runs macros.')
  })

  it('reads the sheets of a workbook with macros beside them, and says nothing for a sheet with nothing in it', async () => {
    const sheets = [
      { name: 'Data', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml: sheetXml('<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Office</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Cases</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Miami</x:t></x:is></x:c><x:c r="B2"><x:v>3</x:v></x:c></x:row>') },
      { name: 'Empty', part: 'xl/worksheets/sheet2.xml', type: 'worksheet', xml: sheetXml('<x:row r="1"/>') }
    ]
    const path = writeHandWrittenXlsx(join(folder(), 'with-macros.xlsm'), sheets, { sharedStrings: null, styles: null, workbookPr: '', extra: [{ name: 'xl/vbaProject.bin', data: Buffer.alloc(512) }] })
    const read = await readSheets(path, 'xlsx', null, true)
    expect(read.map((sheet) => [sheet.name, sheet.rows, sheet.summary === null])).toEqual([
      ['Data', [['Miami', '3']], false],
      ['Empty', [], true]
    ])
  })
})
describe('a sheet part the workbook names but the package stores otherwise', () => {
  const row = (text: string) => sheetXml(`<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Region</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Cases</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c><x:c r="B2"><x:v>12</x:v></x:c></x:row>`)
  const workbook = (stored: (part: string) => string | null) =>
    handWrittenXlsxEntries(
      [
        { name: 'Summary', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml: row('All') },
        { name: 'Data', part: 'xl/worksheets/Data%20Sheet.xml', type: 'worksheet', xml: row('Central') }
      ],
      { sharedStrings: null, styles: null, workbookPr: '', extra: [] }
    ).flatMap((entry) => {
      const name = entry.name.startsWith('xl/worksheets/') ? stored(entry.name) : entry.name
      return name === null ? [] : [{ ...entry, name }]
    })

  it('is found when its name differs in case or is percent-encoded in the relationship', async () => {
    // The relationship says Data%20Sheet.xml; the zip holds "data sheet.xml", as a renaming program leaves it.
    const path = writeZip(join(folder(), 'renamed.xlsx'), workbook((part) => part.replace('Data%20Sheet', 'data sheet')))
    const read = await readSheets(path, 'xlsx', null, true)
    expect(read.map((sheet) => sheet.rows)).toEqual([[['All', '12']], [['Central', '12']]])
  })

  it('is refused as damage when it is missing, rather than read as an empty sheet (review R23-17)', async () => {
    const path = writeZip(join(folder(), 'missing.xlsx'), workbook((part) => (part.includes('Data') ? null : part)))
    expect(await refusal(path, 'xlsx')).toBe(
      'missing.xlsx is damaged (sheet “Data” is listed, but its part xl/worksheets/Data%20Sheet.xml is missing); nothing was imported. Re-download or re-save it.'
    )
  })
})
