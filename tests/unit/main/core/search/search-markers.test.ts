// Disclosure markers kept as written in columns of numbers or dates ((b)(6), D, Withheld) are found
// by search, as the text of a text column is: "which rows were withheld under (b)(6)?" is the first
// question a researcher asks of a FOIA release (black-box review B25-2). The numbers and dates
// themselves stay out of the index.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS, SNIPPET_MARK_END, SNIPPET_MARK_START } from '../../../../../src/shared/model'
import { searchRequest } from '../../../../../src/shared/search-request'
import type { Archive } from '../../../../../src/main/core/archive'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { setColumnType, reindexAfterTypeChange } from '../../../../../src/main/core/datasets/set-column-type'
import { checkArchive } from '../../../../../src/main/core/maintenance/check-archive'
import { searchArchive } from '../../../../../src/main/core/search/search-archive'
import { tempArchive } from '../../../../helpers/temp-archive'

const M = SNIPPET_MARK_START
const E = SNIPPET_MARK_END
let archive: Archive
let cleanup: () => void
let ports = 0

beforeAll(async () => {
  const made = await tempArchive(false)
  archive = made.archive
  cleanup = made.cleanup
  const csv = join(made.dir, 'inadmissibles.csv')
  const rows = ['Port of entry,Inadmissible,Paroled,Decided', 'San Ysidro,1200,D,2013-01-04', 'Otay Mesa,(b)(6),40,2013-02-11', 'Calexico,830,Withheld,(b)(7)(C)', 'Andrade,75,12,2013-03-01']
  writeFileSync(csv, `${rows.join('\n')}\n`)
  const outcome = await importOneFile(archive.db, { path: csv, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
  ports = outcome.id!
})
afterAll(() => cleanup())

const rowsFound = (query: string, exact = false) =>
  searchArchive(archive.db, searchRequest(query, { kinds: ['data'], exact }))
    .hits.filter((hit) => hit.kind === 'data' && hit.id === ports)
    .map((hit) => (hit.kind === 'data' ? [hit.row, hit.snippet] : []))

describe('search over markers in columns of numbers and dates', () => {
  it('finds the rows whose numbers or dates were withheld, by the marker, and shows it in the snippet', () => {
    const columns = archive.db.prepare('SELECT label, type FROM dataset_columns WHERE dataset_id = ? ORDER BY position').all(ports)
    expect(columns).toEqual([
      { label: 'Port of entry', type: 'text' },
      { label: 'Inadmissible', type: 'integer' },
      { label: 'Paroled', type: 'integer' },
      { label: 'Decided', type: 'date' }
    ])
    expect(rowsFound('"(b)(6)"')).toEqual([[2, `Inadmissible: (${M}b${E})(${M}6${E}) · Port of entry: Otay Mesa`]])
    expect(rowsFound('withheld').map(([row]) => row)).toEqual([3])
    expect(rowsFound('"(b)(7)(C)"', true).map(([row]) => row)).toEqual([3])
    expect(rowsFound('D', true).map(([row]) => row)).toEqual([1])
  })

  it('leaves the numbers and dates themselves out of the index', () => {
    expect(rowsFound('1200')).toEqual([])
    expect(rowsFound('2013')).toEqual([])
  })

  it('keeps the index in step for check, and after a column of markers becomes text and back', () => {
    expect(checkArchive(archive, false).ok).toBe(true)
    setColumnType(archive.db, ports, 1, 'text')
    reindexAfterTypeChange(archive.db, ports)
    expect(rowsFound('1200').map(([row]) => row)).toEqual([1])
    setColumnType(archive.db, ports, 1, 'integer')
    reindexAfterTypeChange(archive.db, ports)
    expect(rowsFound('1200')).toEqual([])
    expect(rowsFound('"(b)(6)"').map(([row]) => row)).toEqual([2])
    expect(checkArchive(archive, false).ok).toBe(true)
  })
})
