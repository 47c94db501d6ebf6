// A sheet of notes beside the tables ("Notes": a title and a sentence), common in government
// workbooks, is not a dataset of its own: its text goes in where the figures of the workbook's
// datasets come from, and the result says so (review U24-6: it became a 1-row dataset).
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { getDataset, listDatasets } from '../../../../../../src/main/core/datasets/dataset-queries'
import { searchArchive } from '../../../../../../src/main/core/search/search-archive'
import { searchRequest } from '../../../../../../src/shared/search-request'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

type Cell = string | number
async function book(sheets: Record<string, Cell[][]>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name)
    for (const row of rows) sheet.addRow(row)
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

const TABLE: Cell[][] = [
  ['Table 39. Aliens Removed by Region'],
  ['Region', 'Removals'],
  ['Africa', 1583],
  ['Asia', 7013],
  ['Europe', 1464]
]
const NOTES: Cell[][] = [['Notes'], ['Data are preliminary and subject to change.']]

describe('a sheet of notes beside the tables', () => {
  it('is not made a dataset; its text goes in the provenance of the datasets of the import, and the result says so', async () => {
    const archive = await importTestArchive()
    const outcome = await archive.run(archive.write('yearbook.xlsx', await book({ 'Table 39': TABLE, Notes: NOTES, 'Table 40': TABLE })), {}, () => undefined)
    expect(outcome).toMatchObject({ status: 'imported', error: null })
    expect(outcome.sheets!.map((sheet) => [sheet.name, sheet.status])).toEqual([
      ['Table 39', 'imported'],
      ['Notes', 'empty'],
      ['Table 40', 'imported']
    ])
    expect(listDatasets(archive.db).map((dataset) => dataset.name)).toEqual(['yearbook › Table 39', 'yearbook › Table 40'])
    for (const sheet of [outcome.sheets![0]!, outcome.sheets![2]!]) {
      expect(getDataset(archive.db, sheet.id!)!.sources.at(-1)).toMatchObject({ title: 'Notes sheet “Notes”', notes: 'Notes\nData are preliminary and subject to change.' })
    }
    expect(outcome.warnings).toContain('yearbook.xlsx: sheet “Notes” holds notes and no table; its text is kept in where the figures of the 2 datasets come from.')
    // Found by its words, as the datasets it describes.
    expect(searchArchive(archive.db, searchRequest('"subject to change"')).hits.map((hit) => hit.kind)).toEqual(['dataset', 'dataset'])
  })

  it('still makes a dataset of one column of values under a label, and refuses a workbook of notes alone', async () => {
    const archive = await importTestArchive()
    const list = await archive.run(archive.write('countries.xlsx', await book({ Countries: [['Country'], ['Mexico'], ['Guatemala'], ['Honduras']], Notes: NOTES })), {}, () => undefined)
    expect(list.sheets!.map((sheet) => [sheet.name, sheet.status, sheet.rows])).toEqual([
      ['Countries', 'imported', 3],
      ['Notes', 'empty', 0]
    ])
    const notesOnly = await archive.run(archive.write('notes.xlsx', await book({ Notes: NOTES })), {}, () => undefined)
    expect(notesOnly).toMatchObject({ status: 'failed' })
    expect(notesOnly.error).toContain('none of its sheets holds a table')
  })
})
