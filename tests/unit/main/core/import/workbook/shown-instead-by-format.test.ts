// A number format may show a word in place of a number ("Withheld", "neg" for negatives, "<10"
// under 10) or nothing at all (;;;, the empty zero section of 0;-0;;@): FOIA releases withhold
// cells so. A word is what the sheet shows, so it is kept as that word (a marker, as if typed);
// a hidden value is in the file, as a hidden column's is, so it is imported; both are said
// (review R23-30). The same workbook, as .xlsx (exceljs), .xls and .ods (LibreOffice), reads alike.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { cellFormatOf, shownInstead } from '../../../../../../src/main/core/import/workbook/number-format'
import { firstRows } from '../../../../../helpers/first-rows'
import { importTestArchive } from '../../../../../helpers/import-test-archive'
import { zipBytes } from '../../../../../helpers/write-zip'

const FIXTURES = resolve(import.meta.dirname, '../../../../../fixtures/import/workbook/libreoffice')

async function importBook(fileName: string) {
  const archive = await importTestArchive()
  const outcome = await archive.run(archive.write(fileName, readFileSync(resolve(FIXTURES, fileName))), {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null })
  const dataset = getDataset(archive.db, outcome.sheets![0]!.id!)!
  return {
    warnings: outcome.warnings,
    columns: dataset.columns.map((column) => [column.label, column.type]),
    rows: firstRows(archive.db, dataset.id, 100).rows.map((row) => row.values),
    notes: dataset.sources.map((source) => source.notes)
  }
}

describe('values a number format hides or shows as a word', () => {
  // withheld.xlsx: make-withheld.cjs in the fixtures folder; .xls and .ods: LibreOffice's conversions of it.
  it.each(['withheld.xlsx', 'withheld.xls', 'withheld.ods'])('keeps the words the sheet shows and imports the values it hides, and says both (%s)', async (fileName) => {
    const read = await importBook(fileName)
    expect(read.columns).toEqual([
      ['Office', 'text'],
      ['Secret', 'integer'],
      ['Note', 'text'],
      ['Zeros', 'integer'],
      ['Count', 'text'],
      // "neg" is no marker (see isValueMarker): the column is text, as the same table typed in a CSV would be.
      ['Change', 'text'],
      ['Small', 'integer']
    ])
    expect(read.rows).toEqual([
      ['Atlanta', 12345, 'SSN 123-45-6789', 0, 'Withheld', 'neg', '<10'],
      ['Boston', 2, 'x', 3, 'Withheld', '5', 42],
      ['Chicago', 4, 'y', 0, 'Withheld', '0', 10]
    ])
    // The zeros the sheet writes as blank ("Zeros", 0;-0;;@) are zeros: a zero section withholds nothing.
    const hidden = '6 cells the sheet’s number formats hide (it shows them blank) were imported with the values the file holds: “Secret” 3, “Note” 3.'
    const words = '5 numbers the sheet’s number formats show as words were kept as those words, not as the numbers the file holds under them: “Count” 3 (“Withheld”), “Change” 1 (“neg”), “Small” 1 (“<10”).'
    expect(read.warnings).toEqual([`${fileName}, sheet “Releases”: ${hidden}`, `${fileName}, sheet “Releases”: ${words}`])
    expect(read.notes).toEqual([`${hidden}\n${words}`])
  })

  it('finds the section of a format that shows a value, conditions and quoted semicolons included', () => {
    const instead = (code: string, value: number) => shownInstead(cellFormatOf(200, code), value)
    expect(instead(';;;', 5)).toBe('')
    expect(instead(';;;', -5)).toBe('')
    expect(instead('0;-0;;@', 0)).toBeNull()
    expect(instead('0;-0;;@', -0.5)).toBeNull()
    expect(instead(';;;', 0)).toBeNull()
    expect(instead('0;-0;;@', 3)).toBeNull()
    expect(instead('"Withheld"', 7)).toBe('Withheld')
    expect(instead('"Withheld"', -7)).toBe('Withheld')
    expect(instead('0;"neg"', -5)).toBe('neg')
    expect(instead('0;"neg"', 0)).toBeNull()
    expect(instead('[<10]"<10";0', 3)).toBe('<10')
    expect(instead('[<10]"<10";0', 10)).toBeNull()
    expect(instead('#,##0;(#,##0);_("-"_)', 0)).toBeNull()
    expect(instead('_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', 0)).toBeNull()
    expect(instead('[<10]"<10";[>1000]">1000";0', 5000)).toBe('>1000')
    expect(instead('[<10]"<10";[>1000]">1000";"-"', 50)).toBe('-')
    expect(instead('#,##0;"a;b"', -1)).toBe('a;b')
    expect(instead('[Red]"n/a"', 1)).toBe('n/a')
    expect(instead('#,##0', 0)).toBeNull()
    expect(instead('yyyy-mm-dd', 41000)).toBeNull()
    // A format with no literal-only section is the format it was: a date stays a date.
    expect(cellFormatOf(200, 'yyyy-mm-dd;;')).toMatchObject({ otherwise: { date: 'date' } })
  })

  it('reads an .ods style’s word wherever content.xml is cut into chunks as it streams', async () => {
    const ns =
      'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"'
    const head = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ns} office:version="1.2"><office:automatic-styles>`
    const style = '<number:number-style style:name="W"><number:text>Withheld</number:text></number:number-style>'
    const rest =
      '<style:style style:name="ceW" style:family="table-cell" style:data-style-name="W"/></office:automatic-styles><office:body><office:spreadsheet><table:table table:name="S">' +
      '<table:table-row><table:table-cell office:value-type="string"><text:p>Office</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Count</text:p></table:table-cell></table:table-row>' +
      '<table:table-row><table:table-cell office:value-type="string"><text:p>Atlanta</text:p></table:table-cell><table:table-cell table:style-name="ceW" office:value-type="float" office:value="7"><text:p>Withheld</text:p></table:table-cell></table:table-row>' +
      '</table:table></office:spreadsheet></office:body></office:document-content>'
    // The word's text lands on each side of the stream's 256 KiB chunks (the zip reader's), and across the cut.
    const at = head.length + style.indexOf('Withheld')
    for (let shift = -12; shift <= 12; shift += 3) {
      const filler = `<!--${'x'.repeat(262_144 - at + shift - 7)}-->`
      const content = head.replace('<office:automatic-styles>', `${filler}<office:automatic-styles>`) + style + rest
      const archive = await importTestArchive()
      const bytes = zipBytes([
        { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
        { name: 'content.xml', data: content }
      ])
      const outcome = await archive.run(archive.write('cut.ods', bytes), {}, () => undefined)
      expect(firstRows(archive.db, outcome.sheets![0]!.id!, 10).rows.map((row) => row.values), `shift ${shift}`).toEqual([['Atlanta', 'Withheld']])
    }
  })
})
