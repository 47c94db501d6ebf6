// An OpenDocument spreadsheet hides a sheet through its table style, as LibreOffice writes it:
// SheetJS writes the .ods here and its content.xml is given LibreOffice's hidden table style, since
// SheetJS's writer keeps no sheet visibility.
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../../helpers/first-rows'
import { importTestArchive } from '../../../../../helpers/import-test-archive'
import { zipBytes } from '../../../../../helpers/write-zip'

const HIDDEN_STYLE = '<style:style style:name="ta2" style:family="table" style:master-page-name="mp1"><style:table-properties table:display="false" style:writing-mode="lr-tb"/></style:style>'

function odsWithHiddenSheet(): Buffer {
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Country', 'Removals'], ['Mexico', 314904], ['Guatemala', 46866]]), 'Removals')
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Marker', 'Meaning'], ['D', 'withheld']]), 'Lookup')
  // SheetJS's zip reader (its CFB module, typed loosely) gives the parts back.
  const written = XLSX.CFB.read(XLSX.write(book, { type: 'buffer', bookType: 'ods' }) as Buffer, { type: 'buffer' }) as {
    FullPaths: string[]
    FileIndex: { type: number; content: Uint8Array }[]
  }
  const entries = written.FileIndex.map((entry, index) => ({ name: written.FullPaths[index]!.replace(/^Root Entry\//, ''), entry })).filter(
    ({ name, entry }) => entry.type === 2 && !name.includes('\u0001')
  )
  // The mimetype comes first, as the format asks.
  entries.sort((a, b) => (a.name === 'mimetype' ? -1 : b.name === 'mimetype' ? 1 : 0))
  return zipBytes(
    entries.map(({ name, entry }) => {
      let data = Buffer.from(entry.content)
      if (name === 'content.xml') {
        const xml = data.toString('utf8')
        expect(xml).toContain('table:name="Lookup" table:style-name="ta1"')
        data = Buffer.from(xml.replace('<office:automatic-styles>', `<office:automatic-styles>${HIDDEN_STYLE}`).replace('table:name="Lookup" table:style-name="ta1"', 'table:name="Lookup" table:style-name="ta2"'), 'utf8')
      }
      return { name, data }
    })
  )
}

describe('hidden sheets of an .ods', () => {
  it('leaves a sheet hidden by its table style out, and imports it when picked', async () => {
    const archive = await importTestArchive()
    const path = archive.write('removals.ods', odsWithHiddenSheet())
    const outcome = await archive.run(path, {}, () => undefined)
    // Said, so that a table on a hidden sheet is not missed without a word (review R23-20).
    expect(outcome).toMatchObject({ status: 'imported', error: null, warnings: ['removals.ods: sheet “Lookup” is hidden in the workbook and was left out; pick it by name to import it.'] })
    expect(outcome.sheets!.map((sheet) => [sheet.name, sheet.status, sheet.rows])).toEqual([
      ['Removals', 'imported', 2],
      ['Lookup', 'hidden', 0]
    ])
    const dataset = getDataset(archive.db, outcome.sheets![0]!.id!)!
    expect(dataset.columns.map((column) => [column.label, column.type])).toEqual([
      ['Country', 'text'],
      ['Removals', 'integer']
    ])
    expect(firstRows(archive.db, dataset.id, 10).rows.map((row) => row.values)).toEqual([
      ['Mexico', 314904],
      ['Guatemala', 46866]
    ])
    const picked = await archive.run(path, { sheets: ['Lookup'], force: true }, () => undefined)
    expect(picked.sheets!.map((sheet) => [sheet.name, sheet.status, sheet.rows])).toEqual([
      ['Removals', 'not picked', 0],
      ['Lookup', 'imported', 1]
    ])
  })
})
