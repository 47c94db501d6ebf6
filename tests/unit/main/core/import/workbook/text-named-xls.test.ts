// An ".xls" that is no Excel file but text, as agencies' "Export to Excel" buttons write them: CSV
// (written here by SheetJS), tab-separated "Unicode text", or an HTML table as a web application
// writes it. Imported into a real archive, their cells keep what is written.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../../helpers/first-rows'
import { importTestArchive } from '../../../../../helpers/import-test-archive'
import { refusedImport } from '../../../../../helpers/refused-import'

const REMOVALS = [
  ['Country', 'Removals'],
  ['Mexico', '007'],
  ['Guatemala', 'D'],
  ['Honduras', '22027']
]

// The removals stay as written: 007 and D make the column text, as in the same bytes named .csv.
const TEXT_COLUMNS = [
  ['Country', 'text'],
  ['Removals', 'text']
]

function written(rows: (string | null)[][], bookType: 'csv'): Buffer {
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Export')
  return XLSX.write(book, { type: 'buffer', bookType }) as Buffer
}

async function importXls(name: string, bytes: Uint8Array) {
  const archive = await importTestArchive()
  const outcome = await archive.run(archive.write(name, bytes), {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null })
  const dataset = getDataset(archive.db, outcome.id!)!
  return {
    outcome,
    name: dataset.name,
    columns: dataset.columns.map((column) => [column.label, column.type]),
    rows: firstRows(archive.db, dataset.id, 100).rows.map((row) => row.values),
    sources: dataset.sources
  }
}

describe('an .xls that is text', () => {
  it('reads CSV named .xls as the CSV it is: 007 stays 007', async () => {
    const bytes = written(REMOVALS, 'csv')
    expect(bytes.toString('utf8')).toContain('Mexico,007')
    const read = await importXls('removals.xls', bytes)
    expect(read.name).toBe('removals')
    expect(read.columns).toEqual(TEXT_COLUMNS)
    expect(read.rows).toEqual(REMOVALS.slice(1))
    expect(read.outcome.sheets).toBeNull()
    expect(read.outcome.warnings).toEqual(['removals.xls is not an Excel workbook but delimited text; it was read as a CSV file.'])
  })

  it('still reads an .xlsx or a BIFF workbook named .xls as the workbook it is', async () => {
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(REMOVALS), 'Export')
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const read = await importXls(`removals-${bookType}.xls`, XLSX.write(book, { type: 'buffer', bookType }) as Buffer)
      expect(read.name).toBe(`removals-${bookType} › Export`)
      expect(read.rows).toEqual(REMOVALS.slice(1))
      expect(read.outcome.warnings).toEqual([])
    }
  })

  it('reads tab-separated UTF-16 text named .xls (Excel’s "Unicode text") the same way', async () => {
    const text = `${REMOVALS.map((row) => row.join('\t')).join('\r\n')}\r\n`
    const read = await importXls('unicode.xls', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    expect(read.rows).toEqual(REMOVALS.slice(1))
  })

  it('reads an HTML table named .xls with its cells as written, its title kept for provenance', async () => {
    // As a web application's export writes it (no SheetJS type hints in the cells).
    const cells = (tag: string, row: string[]) => `<tr>${row.map((cell) => `<${tag}>${cell}</${tag}>`).join('')}</tr>`
    const html = [
      '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv="Content-Type" content="application/vnd.ms-excel; charset=utf-8"></head><body>',
      '<table border="1">',
      '<tr><td colspan="2"><b>Table 1. Removals by country of nationality</b></td></tr>',
      cells('th', REMOVALS[0]!),
      ...REMOVALS.slice(1).map((row) => cells('td', row)),
      cells('td', ['Honduras', '1,204']),
      '<tr><td colspan="2">Source: ICE Enforcement and Removal Operations, fiscal year 2012.</td></tr>',
      '</table></body></html>'
    ].join('\r\n')
    const read = await importXls('removals-html.xls', Buffer.from(html, 'utf8'))
    expect(read.name).toBe('removals-html › Sheet1')
    expect(read.columns).toEqual(TEXT_COLUMNS)
    expect(read.rows).toEqual([...REMOVALS.slice(1), ['Honduras', '1,204']])
    // 007 makes the column one of codes: 1,204 beside it stays as written too.
    const note =
      'removals-html.xls is a web page (HTML tables) saved under an Excel name, not an Excel workbook: its cells were read as the page shows them, and numbers written with thousands separators or as percents were read as numbers.'
    expect(read.outcome.warnings).toEqual([note])
    expect(read.sources.map((source) => [source.title, source.notes])).toEqual([
      ['Table 1. Removals by country of nationality', `Source: ICE Enforcement and Removal Operations, fiscal year 2012.\n${note}`]
    ])
  })

  it('keeps what the page says under its table as the table’s footnotes (black-box review B25-14)', async () => {
    const html = [
      '<html><head><title>FOIA log</title><style>td { color: black }</style></head><body><h2>FOIA requests received, FY2012</h2>',
      '<table><tr><th>Request</th><th>Received</th></tr><tr><td>2012-FOIA-0001</td><td>06/17/2011</td></tr><tr><td>2012-FOIA-0002</td><td>07/02/2012*</td></tr></table>',
      '<p>* Requests received after 06/30/2012 appear in the FY2013 log.</p><p>Source:  ICE FOIA Office.</p><script>var x = "not text"</script>',
      '</body></html>'
    ].join('\n')
    const read = await importXls('foia-log.xls', Buffer.from(html, 'utf8'))
    expect(read.rows).toHaveLength(2)
    expect(read.sources[0]!.notes).toContain('* Requests received after 06/30/2012 appear in the FY2013 log. Source: ICE FOIA Office.')
    expect(read.sources[0]!.notes).not.toContain('not text')
  })

  it('reads a LibreOffice workbook saved as a web page and named .xls: its tables by their headings, numbers as numbers, and says what the file is', async () => {
    // pages-html.xls: make-fixtures.py beside it, then `soffice --headless --convert-to html`, renamed.
    const bytes = readFileSync(resolve(import.meta.dirname, '../../../../../fixtures/import/workbook/libreoffice/pages-html.xls'))
    expect(bytes.toString('utf8')).toContain('<h1>Sheet 1: <em>Removals</em></h1>')
    const archive = await importTestArchive()
    const outcome = await archive.run(archive.write('pages-html.xls', bytes), {}, () => undefined)
    const note =
      'pages-html.xls is a web page (HTML tables) saved under an Excel name, not an Excel workbook: its cells were read as the page shows them, and numbers written with thousands separators or as percents were read as numbers.'
    expect(outcome).toMatchObject({ status: 'imported', error: null, warnings: [note] })
    expect(outcome.sheets!.map((sheet) => [sheet.name, sheet.status, sheet.rows])).toEqual([
      ['Removals', 'imported', 3],
      ['Returns', 'imported', 2]
    ])
    const removals = getDataset(archive.db, outcome.sheets![0]!.id!)!
    expect(removals.name).toBe('pages-html › Removals')
    expect(removals.columns.map((column) => [column.label, column.type])).toEqual([
      ['Year', 'integer'],
      ['Removals', 'integer'],
      ['Share', 'real'],
      ['Code', 'text']
    ])
    // 382,265 is the number; D stays the marker it is; a column of codes keeps 00123 and 1,234 as written.
    expect(firstRows(archive.db, removals.id, 10).rows.map((row) => row.values)).toEqual([
      [2012, 418397, 0.456, '00123'],
      [2013, 438421, 0.123, '07001'],
      [2014, 'D', 0.5, '1,234']
    ])
    expect(removals.sources.map((source) => source.notes)).toEqual([
      ['Source: DHS, Office of Immigration Statistics.', note, 'Shown in the sheet as percents, stored as fractions (0.5 for 50%): “Share”.'].join('\n')
    ])
    const returns = getDataset(archive.db, outcome.sheets![1]!.id!)!
    expect(firstRows(archive.db, returns.id, 10).rows.map((row) => row.values)).toEqual([
      [2012, 230386],
      [2013, 178371]
    ])
  })

  it('decodes an HTML table named .xls written in Windows-1252 as such, and says so, rather than putting U+FFFD in its letters', async () => {
    // As old ASP "Export to Excel" pages write them; before, "café" was stored as "caf\uFFFD" without a word (review R23-10).
    const page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><table><tr><th>Office</th><th>Cases</th></tr><tr><td>Subtotal café</td><td>12</td></tr><tr><td>San José</td><td>7</td></tr></table></body></html>'
    const read = await importXls('export1252.xls', Buffer.from(page, 'latin1'))
    expect(read.rows.map((row) => row[0])).toEqual(['Subtotal café', 'San José'])
    expect(read.outcome.warnings.join(' ')).toContain('export1252.xls is not UTF-8; it was read as Windows-1252 (Latin-1).')
    // The same page in UTF-8 reads the same letters, with nothing to say about them.
    const utf8 = await importXls('export.xls', Buffer.from(page, 'utf8'))
    expect(utf8.rows.map((row) => row[0])).toEqual(['Subtotal café', 'San José'])
    expect(utf8.outcome.warnings.join(' ')).not.toContain('Windows-1252')
  })

  it('leaves out a sheet an Excel 2003 XML (SpreadsheetML) file hides, as for an .xlsx, and reads it when picked', async () => {
    // As Excel 2003 writes a hidden sheet (LibreOffice's own export of this format writes no visibility).
    const sheet = (name: string, rows: string[][], options: string) =>
      `<Worksheet ss:Name="${name}"><Table>${rows.map((row) => `<Row>${row.map((cell) => `<Cell><Data ss:Type="${/^\d+$/.test(cell) ? 'Number' : 'String'}">${cell}</Data></Cell>`).join('')}</Row>`).join('')}</Table><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">${options}</WorksheetOptions></Worksheet>`
    const xml = [
      '<?xml version="1.0"?>',
      '<?mso-application progid="Excel.Sheet"?>',
      '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
      sheet('Removals', [['Year', 'Removals'], ['2012', '418397']], '<Selected/>'),
      sheet('Lookup', [['Code', 'Office'], ['ATL', 'Atlanta']], '<Visible>SheetHidden</Visible>'),
      '</Workbook>'
    ].join('\n')
    const archive = await importTestArchive()
    const path = archive.write('removals-2003.xls', xml)
    const outcome = await archive.run(path, {}, () => undefined)
    expect(outcome).toMatchObject({
      status: 'imported',
      error: null,
      warnings: ['removals-2003.xls: sheet “Lookup” is hidden in the workbook and was left out; pick it by name to import it.']
    })
    expect(outcome.sheets!.map((read) => [read.name, read.status, read.rows])).toEqual([
      ['Removals', 'imported', 1],
      ['Lookup', 'hidden', 0]
    ])
    const picked = await archive.run(path, { sheets: ['Lookup'], force: true }, () => undefined)
    expect(picked.sheets!.map((read) => [read.name, read.status, read.rows])).toEqual([
      ['Removals', 'not picked', 0],
      ['Lookup', 'imported', 1]
    ])
  })

  it('refuses text read whole as a workbook past 64 MB, before reading it, in one line saying what to do', async () => {
    // SheetJS holds such a file as objects about eight times its size: hundreds of megabytes would exhaust memory.
    const head = '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table>'
    const big = (start: string) => Buffer.concat([Buffer.from(start), Buffer.alloc((70 << 20) - start.length, 0x20)])
    expect(await refusedImport('big.xml', big(head))).toBe(
      'big.xml is too large to read: it is a spreadsheet written as text (Excel 2003 XML or the like), which Casefile reads whole, up to 64 MB, and it is 70 MB; nothing was imported. Open it in Excel or LibreOffice, save it as .xlsx and import that.'
    )
    expect(await refusedImport('page.xls', big('<html><body><table><tr><td>Year</td></tr></table>'))).toMatch(/^page\.xls is too large to read: it is a web page \(an HTML table\), not an Excel workbook, which Casefile reads whole, up to 64 MB,/)
  }, 60_000)

  it('imports an Excel 2003 XML spreadsheet named .xml, as Excel and LibreOffice save it, told by its content', async () => {
    const rows = '<Row><Cell><Data ss:Type="String">Year</Data></Cell><Cell><Data ss:Type="String">Removals</Data></Cell></Row><Row><Cell><Data ss:Type="Number">2012</Data></Cell><Cell><Data ss:Type="Number">418397</Data></Cell></Row>'
    const workbook = `<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Removals"><Table>${rows}</Table></Worksheet></Workbook>`
    // With the processing instruction that opens it in Excel (as both write it), and without it
    // (the namespace alone), behind a UTF-8 byte-order mark.
    for (const [name, bytes] of [
      ['removals-2003.xml', Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>${workbook}`)],
      ['no-progid.xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<?xml version="1.0"?>\n${workbook}`)])]
    ] as const) {
      const read = await importXls(name, bytes)
      expect([read.outcome.kind, read.columns, read.rows]).toEqual([
        'dataset',
        [
          ['Year', 'integer'],
          ['Removals', 'integer']
        ],
        [[2012, 418397]]
      ])
    }
  })

  it('refuses other .xml in one line that says which .xml it reads and what to do', async () => {
    const feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>'
    expect(await refusedImport('feed.xml', Buffer.from(feed))).toBe(
      "Casefile can't import feed.xml: of .xml files it reads only Excel 2003 XML spreadsheets (SpreadsheetML), and this is not one; nothing was imported. If it holds a table, open it in Excel or LibreOffice, save it as .xlsx or CSV and import that."
    )
  })
})
