// A word in more rows than are worth ranking (a court code, "N"): the rows' part stops counting at
// ROWS_RANKED_AT_MOST, lists the first matching rows in table order, and says so: the total reads
// "more than" and a note explains it. Below the cap, nothing changes.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../../src/shared/model'
import { searchRequest } from '../../../../../src/shared/search-request'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { searchArchive } from '../../../../../src/main/core/search/search-archive'
import { ROWS_RANKED_AT_MOST } from '../../../../../src/main/core/search/search-data-rows'
import { tempArchive } from '../../../../helpers/temp-archive'

let db: Database
let cleanup: () => void
const MANY = ROWS_RANKED_AT_MOST + 5_000

async function importCsv(dir: string, name: string, lines: string[]): Promise<void> {
  const path = join(dir, name)
  writeFileSync(path, `${lines.join('\n')}\n`)
  await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
}

beforeAll(async () => {
  const made = await tempArchive(false)
  db = made.archive.db
  cleanup = made.cleanup
  await importCsv(made.dir, 'docket.csv', ['court,outcome', ...Array.from({ length: MANY }, (_, i) => `${i % 1000 === 0 ? 'Omaha' : 'Denver'},hearing held ${i}`)])
  await importCsv(made.dir, 'calendar.csv', ['court,outcome', ...Array.from({ length: 12 }, (_, i) => `Tucson,hearing set ${i}`)])
}, 60_000)

afterAll(() => cleanup())

describe('a word in more rows than are ranked', () => {
  it('lists the first matching rows in table order, counts each dataset up to the cap, and says the total is a lower bound', () => {
    const result = searchArchive(db, searchRequest('hearing kind:data'))
    expect(result.moreThanTotal).toBe(true)
    expect(result.notes.join(' ')).toMatch(/^More than 50,000 rows match, too many to rank or count at once/)
    expect(result.total).toBe(ROWS_RANKED_AT_MOST + 12)
    expect(result.hits.map((hit) => [hit.source, hit.row])).toEqual(result.hits.map((_, index) => ['docket', index + 1]))
    expect(result.hits[0]!.snippet).toContain('hearing')
    // The small dataset later in the index is still in the facets, with its exact count.
    expect(result.facets.sources).toEqual(
      expect.arrayContaining([
        { kind: 'data', name: 'docket', count: ROWS_RANKED_AT_MOST },
        { kind: 'data', name: 'calendar', count: 12 }
      ])
    )
    // Picking that dataset lists its rows.
    const picked = searchArchive(db, { ...searchRequest('hearing kind:data'), source: 'calendar' })
    expect(picked.hits.map((hit) => hit.row)).toEqual(Array.from({ length: Math.min(12, picked.hits.length) }, (_, index) => index + 1))
    expect(picked.hits.every((hit) => hit.source === 'calendar')).toBe(true)
  })

  it('ranks and counts exactly as before when fewer rows match', () => {
    const result = searchArchive(db, searchRequest('Omaha kind:data'))
    expect(result.moreThanTotal).toBe(false)
    expect(result.total).toBe(Math.ceil(MANY / 1000))
    expect(result.notes.join(' ')).not.toMatch(/too many to rank/)
    expect(result.hits.every((hit) => hit.rank < 0)).toBe(true)
  })
})
