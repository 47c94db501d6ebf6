// Workbooks whose zip or XML is damaged, cut short or built to exhaust memory: each is refused at
// once in one line that names the file and the part, nothing of it is saved, the archive stays sound.
import { randomBytes } from 'node:crypto'
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { columnLetters } from '../../../../../../src/main/core/import/workbook/cell-reference'
import { handWrittenXlsxEntries, sheetXml, type HandWrittenSheet } from '../../../../../helpers/hand-written-workbooks'
import { importTestArchive } from '../../../../../helpers/import-test-archive'
import { refusedImport } from '../../../../../helpers/refused-import'
import { tempFolders } from '../../../../../helpers/temp-archive'
import { withDeclared, zipBytes, zipEntryAt, type ZipEntry } from '../../../../../helpers/write-zip'
import { readSheets } from './read-sheets'

const folder = tempFolders('damaged-workbooks')

const SHEET = 'xl/worksheets/sheet1.xml'
const STRINGS = 'xl/sharedStrings.xml'
const SST = (strings: string) => `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</sst>`

function sheets(xml: string): HandWrittenSheet[] {
  return [{ name: 'Removals', part: SHEET, type: 'worksheet', xml }]
}

/** The entries of a one-sheet workbook whose sheet is `xml` (and shared strings, when given). */
function workbookEntries(xml: string, sharedStrings: string | null): ZipEntry[] {
  return handWrittenXlsxEntries(sheets(xml), { sharedStrings, styles: null, workbookPr: '', extra: [] })
}

function workbook(xml: string, sharedStrings: string | null): Buffer {
  return zipBytes(workbookEntries(xml, sharedStrings))
}

const inline = (ref: string, text: string) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`
const HEADER = `<x:row r="1">${inline('A1', 'Country')}${inline('B1', 'Removals')}</x:row>`
/** A sheet of `count` data rows under a header, as a writer lays it out. */
function tallSheet(count: number): string {
  const rows = Array.from({ length: count }, (_, i) => `<x:row r="${i + 2}">${inline(`A${i + 2}`, `Country ${(i * 7919) % 1000}`)}<x:c r="B${i + 2}"><x:v>${(i * 104_729) % 100_000}</x:v></x:c></x:row>`)
  return sheetXml(HEADER + rows.join(''))
}

const DAMAGED = (file: string, what: string) => `${file} is damaged (${what}); nothing was imported. Re-download or re-save it.`

describe('a workbook whose sheet XML is cut short', () => {
  const whole = tallSheet(40)
  const at = (marker: string, after: number) => whole.indexOf(marker, whole.indexOf('r="30"')) + after

  it('is refused, not read forever, when the XML ends inside a value or a text', async () => {
    // Each of these once kept the reader spinning at full CPU without end.
    for (const [name, cut] of [
      ['after-v-open.xlsx', at('<x:v>', 5)],
      ['mid-value.xlsx', at('<x:v>', 6)],
      ['mid-text.xlsx', at('<x:t>', 7)],
      ['mid-row.xlsx', at('<x:c r="B', 3)]
    ] as const) {
      expect(await refusedImport(name, workbook(whole.slice(0, cut), null))).toBe(DAMAGED(name, 'sheet “Removals” ends mid-way through its XML'))
    }
  })

  it('is refused when the XML ends after a tag, before the worksheet does', async () => {
    const commentLeftOpen = whole.replace('<x:row r="35">', '<!-- <x:row r="35">')
    for (const [name, xml] of [
      ['after-value.xlsx', whole.slice(0, at('</x:v>', 6))],
      ['after-row.xlsx', whole.slice(0, at('</x:row>', 8))],
      ['no-end.xlsx', whole.slice(0, whole.indexOf('</x:sheetData>'))],
      ['in-a-tag.xlsx', whole.slice(0, at('<x:c r="A', 9))],
      ['open-comment.xlsx', commentLeftOpen]
    ] as const) {
      expect(await refusedImport(name, workbook(xml, null))).toBe(DAMAGED(name, 'sheet “Removals” ends mid-way through its XML'))
    }
  })

  it('is refused when its shared strings are cut short, rather than said to hold no table', async () => {
    const xml = sheetXml(`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>2</x:v></x:c><x:c r="B2"><x:v>7</x:v></x:c></x:row>`)
    const strings = SST('<si><t>Country</t></si><si><t>Removals</t></si><si><t>Mexico</t></si>')
    for (const [name, cut] of [
      ['strings-mid-text.xlsx', strings.indexOf('Mexico') + 3],
      ['strings-no-end.xlsx', strings.indexOf('</sst>')]
    ] as const) {
      expect(await refusedImport(name, workbook(xml, strings.slice(0, cut)))).toBe(DAMAGED(name, 'its shared-strings part ends mid-way through its XML'))
    }
  })
})

describe('a workbook whose zip is damaged', () => {
  it('is refused when bytes of a sheet’s compressed data are overwritten (it once hung)', async () => {
    const bytes = workbook(tallSheet(20_000), null)
    const { dataStart, dataLength } = zipEntryAt(bytes, SHEET)
    bytes.fill('X', dataStart + Math.floor(dataLength / 2), dataStart + Math.floor(dataLength / 2) + 16)
    expect(await refusedImport('corrupt.xlsx', bytes)).toMatch(/^corrupt\.xlsx is damaged \(sheet “Removals” (fails its checksum|cannot be decompressed)\); nothing was imported\. Re-download or re-save it\.$/)
  })

  it('checks every part against its CRC-32 and its declared size', async () => {
    const bytes = workbook(tallSheet(50), null)
    const sheetSize = Buffer.byteLength(tallSheet(50))
    expect(await refusedImport('crc.xlsx', withDeclared(bytes, SHEET, { crc32: 12345, size: null }))).toBe(DAMAGED('crc.xlsx', 'sheet “Removals” fails its checksum'))
    expect(await refusedImport('short.xlsx', withDeclared(bytes, SHEET, { crc32: null, size: sheetSize + 10 }))).toBe(DAMAGED('short.xlsx', 'sheet “Removals” fails its checksum'))
    expect(await refusedImport('long.xlsx', withDeclared(bytes, SHEET, { crc32: null, size: 1000 }))).toBe(DAMAGED('long.xlsx', 'sheet “Removals” inflates past the 1,000 bytes its zip declares'))
    expect(await refusedImport('workbook-part.xlsx', withDeclared(bytes, 'xl/workbook.xml', { crc32: 1, size: null }))).toBe(DAMAGED('workbook-part.xlsx', 'its part xl/workbook.xml fails its checksum'))
  })

  it('refuses a part compressed in a way Office never writes, rather than calling it damaged', async () => {
    const bytes = workbook(tallSheet(5), null)
    const { central } = zipEntryAt(bytes, SHEET)
    bytes.writeUInt16LE(12, central + 10)
    bytes.writeUInt16LE(12, bytes.readUInt32LE(central + 42) + 8)
    expect(await refusedImport('bzip2.xlsx', bytes)).toBe(
      'bzip2.xlsx cannot be read: sheet “Removals” is compressed in a way Casefile does not read (zip method 12); nothing was imported. Open it in the program that made it, save it again and import that.'
    )
  })

  it('refuses two parts of the same name, which programs read differently', async () => {
    const entries = workbookEntries(tallSheet(5), null)
    const bytes = zipBytes([...entries, { name: SHEET, data: sheetXml(`<x:row r="1">${inline('A1', 'EVIL')}</x:row>`) }])
    expect(await refusedImport('dup.xlsx', bytes)).toBe(DAMAGED('dup.xlsx', `it holds two parts named ${SHEET}`))
  })
})

describe('a workbook whose cells make no sense', () => {
  it('refuses a cell that points past the shared strings, naming the sheet and the cell', async () => {
    const strings = SST('<si><t>Country</t></si>')
    const cells = (ref: string, index: string) => `<x:row r="${ref.slice(1)}"><x:c r="${ref}" t="s"><x:v>${index}</x:v></x:c></x:row>`
    expect(await refusedImport('sstidx.xlsx', workbook(sheetXml(cells('A1', '0') + cells('A2', '99')), strings))).toBe(
      DAMAGED('sstidx.xlsx', 'sheet “Removals” refers in cell A2 to shared string “99”, which it does not have (it has 1)')
    )
    expect(await refusedImport('negative.xlsx', workbook(sheetXml(cells('A1', '0') + cells('A3', '-1')), strings))).toBe(
      DAMAGED('negative.xlsx', 'sheet “Removals” refers in cell A3 to shared string “-1”, which it does not have (it has 1)')
    )
    expect(await refusedImport('fraction.xlsx', workbook(sheetXml(cells('A1', '0') + cells('A2', '0.5')), strings))).toBe(
      DAMAGED('fraction.xlsx', 'sheet “Removals” refers in cell A2 to shared string “0.5”, which it does not have (it has 1)')
    )
  })

  it('refuses rows out of order or numbered twice, where a spreadsheet program would have to guess', async () => {
    const row = (r: number, text: string) => `<x:row r="${r}">${inline(`A${r}`, text)}<x:c r="B${r}"><x:v>${r}</x:v></x:c></x:row>`
    const head = `<x:row r="1">${inline('A1', 'Country')}${inline('B1', 'Removals')}</x:row>`
    expect(await refusedImport('order.xlsx', workbook(sheetXml(head + row(3, 'Mexico') + row(2, 'Peru')), null))).toBe(DAMAGED('order.xlsx', 'sheet “Removals” has row 2 after row 3'))
    expect(await refusedImport('twice.xlsx', workbook(sheetXml(head + row(2, 'Mexico') + row(2, 'Peru')), null))).toBe(DAMAGED('twice.xlsx', 'sheet “Removals” has row 2 after row 2'))
  })
})

describe('a workbook built to exhaust memory', () => {
  /** `size` bytes that deflate about `ratio`:1 at most: mostly one letter, with random text mixed in. */
  function fill(size: number, random: number): string {
    return randomBytes(random).toString('base64') + 'A'.repeat(size - Math.ceil(random / 3) * 4)
  }

  it('refuses a sheet that would inflate a thousand times over, before inflating it', async () => {
    const xml = sheetXml(`<x:row r="1">${inline('A1', 'A'.repeat((24 << 20) - 1000))}</x:row>`)
    expect(await refusedImport('bomb.xlsx', workbook(xml, null))).toMatch(/^bomb\.xlsx looks built to exhaust memory: sheet “Removals” would inflate to 24 MB from 25 KB, far more than real files do \(or it is damaged\); nothing was imported\.$/)
    const strings = SST(`<si><t>${'A'.repeat((24 << 20) - 1000)}</t></si>`)
    expect(await refusedImport('sstbomb.xlsx', workbook(sheetXml(''), strings))).toMatch(/^sstbomb\.xlsx looks built to exhaust memory: its shared-strings part would inflate to 24 MB from 25 KB, /)
  })

  it('refuses a cell or a shared string of more than 16 MB of XML as soon as that much has come', async () => {
    // Random text keeps the part under the ratio a bomb is refused for outright.
    const xml = sheetXml(`${HEADER}<x:row r="2">${inline('A2', fill(20 << 20, 400_000))}</x:row>`)
    expect(await refusedImport('cell.xlsx', workbook(xml, null))).toBe(
      DAMAGED('cell.xlsx', 'sheet “Removals” has a cell in row 2 longer than 16 MB of XML, far past what a spreadsheet holds (it is damaged or built to exhaust memory)')
    )
    const strings = SST(`<si><t>Country</t></si><si><t>${fill(20 << 20, 400_000)}</t></si>`)
    expect(await refusedImport('string.xlsx', workbook(sheetXml(''), strings))).toBe(
      DAMAGED('string.xlsx', 'its shared-strings part has a shared string longer than 16 MB of XML, far past what a spreadsheet holds (it is damaged or built to exhaust memory)')
    )
  }, 60_000)
})

describe('a workbook rewritten in place while it is imported', () => {
  it('is refused as changed, not as damaged, when the rewrite makes its sheet fail', async () => {
    const made = await importTestArchive()
    const bytes = workbook(tallSheet(60_000), null)
    const { dataStart, dataLength } = zipEntryAt(bytes, SHEET)
    const file = made.write('rewritten.xlsx', bytes)
    let done = false
    const outcome = await made.run(file, {}, (progress) => {
      if (done || progress.phase !== 'reading') return
      done = true
      // Near the end of the sheet's compressed bytes, well after what has been read so far.
      const fd = openSync(file, 'r+')
      writeSync(fd, Buffer.alloc(16, 'X'), 0, 16, dataStart + dataLength - 4096)
      closeSync(fd)
    })
    expect(done).toBe(true)
    expect(outcome).toMatchObject({ status: 'failed', error: 'rewritten.xlsx changed while it was being imported; nothing was saved. Import it again once it is complete.' })
    expect(made.db.prepare('SELECT count(*) FROM datasets').pluck().get()).toBe(0)
  })
})

describe('a workbook with sheets too wide for a dataset', () => {
  const wideRow = (row: number, from: number, count: number) => `<x:row r="${row}">${Array.from({ length: count }, (_, i) => inline(`${columnLetters(from + i)}${row}`, `c${from + i}`)).join('')}</x:row>`
  /** 2,100 columns from its header. */
  const WIDE = sheetXml(wideRow(1, 0, 2100))
  /** A narrow header and rows, then a row that reaches 2,100 columns: its rows were written before the sheet turned out too wide. */
  const WIDENS_LATE = sheetXml(`${HEADER}${Array.from({ length: 50 }, (_, i) => `<x:row r="${i + 2}">${inline(`A${i + 2}`, 'Office')}<x:c r="B${i + 2}"><x:v>${i}</x:v></x:c></x:row>`).join('')}${wideRow(60, 0, 2100)}`)
  const book = (parts: [string, string][]) =>
    zipBytes(handWrittenXlsxEntries(parts.map(([name, xml], i) => ({ name, part: `xl/worksheets/sheet${i + 1}.xml`, type: 'worksheet', xml })), { sharedStrings: null, styles: null, workbookPr: '', extra: [] }))
  const leftOut = (sheet: string) =>
    `yearbook.xlsx, sheet “${sheet}” has 2,100 columns; Casefile reads up to 2,000 in one dataset, so it was left out and the other sheets were imported. Split it into narrower tables (keeping an id column in each) and import those.`

  it('imports the other sheets and leaves each wide one out, saying why and what to do', async () => {
    const archive = await importTestArchive()
    const path = archive.write('yearbook.xlsx', book([['Too wide', WIDE], ['Removals', tallSheet(3)], ['Widens late', WIDENS_LATE], ['Returns', tallSheet(2)]]))
    const outcome = await archive.run(path, {}, () => undefined)
    expect(outcome).toMatchObject({ status: 'imported', error: null, rows: 5, warnings: [leftOut('Too wide'), leftOut('Widens late')] })
    expect(outcome.sheets!.map(({ name, status, rows }) => [name, status, rows])).toEqual([
      ['Too wide', 'too wide', 0],
      ['Removals', 'imported', 3],
      ['Widens late', 'too wide', 0],
      ['Returns', 'imported', 2]
    ])
    // The wide sheets' rows and tables, written before they turned out too wide, are gone with them.
    const count = (sql: string) => archive.db.prepare(sql).pluck().get() as number
    expect(count('SELECT count(*) FROM datasets')).toBe(2)
    expect(count("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name GLOB 'ds_*'")).toBe(2)
    expect(archive.db.prepare('SELECT name, row_count FROM datasets ORDER BY id').all()).toEqual([
      { name: 'yearbook › Removals', row_count: 3 },
      { name: 'yearbook › Returns', row_count: 2 }
    ])
  })

  it('refuses the workbook in one line when no sheet can be imported, saving nothing', async () => {
    expect(await refusedImport('yearbook.xlsx', book([['Too wide', WIDE], ['Empty', sheetXml('')]]))).toBe(
      'yearbook.xlsx, sheet “Too wide” has 2,100 columns; Casefile reads up to 2,000 in one dataset. Split it into narrower tables (keeping an id column in each) and import those; nothing was imported.'
    )
    expect(await refusedImport('yearbook.xlsx', book([['Too wide', WIDE], ['Widens late', WIDENS_LATE]]))).toBe(
      'yearbook.xlsx: sheets “Too wide”, “Widens late” have more columns than the 2,000 Casefile reads in one dataset. Split them into narrower tables (keeping an id column in each) and import those; nothing was imported.'
    )
  })
})

describe('merged cells read as they stream', () => {
  it('finds a merged header over many chunks of merges, after the rows or before them', async () => {
    const header = `<x:row r="1">${inline('A1', 'Event')}${inline('B1', 'Fiscal year')}</x:row><x:row r="2">${inline('B2', '2012')}${inline('C2', '2013')}</x:row>`
    const body = Array.from({ length: 20_000 }, (_, i) => `<x:row r="${i + 3}">${inline(`A${i + 3}`, `Event ${i}`)}<x:c r="B${i + 3}"><x:v>${i}</x:v></x:c><x:c r="C${i + 3}"><x:v>${i + 1}</x:v></x:c></x:row>`).join('')
    const merges = `<x:mergeCells count="20002"><x:mergeCell ref="A1:A2"/>${Array.from({ length: 20_000 }, (_, i) => `<x:mergeCell ref="D${i + 3}:E${i + 3}"/>`).join('')}<x:mergeCell ref="B1:C1"/></x:mergeCells>`
    const root = '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    for (const xml of [`${root}<x:sheetData>${header}${body}</x:sheetData>${merges}</x:worksheet>`, `${root}${merges}<x:sheetData>${header}${body}</x:sheetData></x:worksheet>`]) {
      const path = join(folder(), 'merged.xlsx')
      writeFileSync(path, workbook(xml, null))
      const [read] = await readSheets(path, 'xlsx', null, true)
      expect(read!.labels).toEqual(['Event', 'Fiscal year › 2012', 'Fiscal year › 2013'])
      expect(read!.rows).toHaveLength(20_000)
    }
  })
})
