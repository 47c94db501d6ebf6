// A footnote under a table keeps its text as written in the dataset's source: runs of spaces that
// set a note's entries apart stay ("- Represents zero.  X Not applicable."), while a cell's line
// breaks become spaces, a source note being one line. Same in .xlsx, .xls and .ods (SheetJS).
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

function book(bookType: XLSX.BookType): Uint8Array {
  const rows = [['Country', 'Removed'], ['Mexico', 1200], ['Guatemala', 300], ['Honduras', 250], [], ['- Represents zero.  X Not applicable.'], ['Source: DHS,\nEARM  2013.']]
  const workbook = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Table')
  return new Uint8Array(XLSX.write(workbook, { bookType, type: 'buffer' }) as Buffer)
}

describe('footnotes kept as written', () => {
  it.each([
    ['xlsx', 'xlsx'],
    ['xls', 'biff8'],
    ['ods', 'ods']
  ] as const)('keeps the runs of spaces of a footnote (.%s)', async (extension, bookType) => {
    const archive = await importTestArchive()
    const outcome = await archive.run(archive.write(`notes.${extension}`, book(bookType)), {}, () => undefined)
    expect(outcome).toMatchObject({ status: 'imported', error: null })
    const dataset = getDataset(archive.db, outcome.sheets![0]!.id!)!
    const notes = dataset.sources.map((source) => source.notes ?? '').join('\n')
    expect(notes).toContain('- Represents zero.  X Not applicable.')
    expect(notes).toContain('Source: DHS, EARM  2013.')
  })
})
