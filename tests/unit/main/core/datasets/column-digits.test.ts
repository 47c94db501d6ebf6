import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../src/main/core/datasets/dataset-queries'
import { setColumnDigits } from '../../../../../src/main/core/datasets/set-column-digits'
import { importTestArchive } from '../../../../helpers/import-test-archive'

async function dataset(csv: string) {
  const { db, write, run } = await importTestArchive()
  const id = (await run(write('data.csv', csv), {}, () => undefined)).id!
  return { db, id }
}

const digits = (db: Parameters<typeof getDataset>[0], id: number) => Object.fromEntries(getDataset(db, id)!.columns.map((column) => [column.label, column.digits]))

describe('how a column’s digits are shown', () => {
  it('groups counts, and leaves ids, codes, numbers and years plain, by name and by values', async () => {
    const { db, id } = await dataset(
      'case_id,caseNo,court code,A-Number,fiscal_year,reported,removals,share,notes\n1185,2301,1234,5001,2011,1999,195066,1.5,a\n1186,2302,1235,5002,2012,2012,229797,2.5,b\n'
    )
    expect(digits(db, id)).toEqual({
      case_id: 'plain',
      caseNo: 'plain',
      'court code': 'plain',
      'A-Number': 'plain',
      fiscal_year: 'plain',
      // Named like nothing in particular, but every value is a year between 1900 and 2100.
      reported: 'plain',
      removals: 'grouped',
      share: 'grouped',
      notes: 'grouped'
    })
  })

  it('reads a header joined from a sheet’s rows by its last part: counts under a year are grouped (review U24-16)', async () => {
    const { db, id } = await dataset('Fiscal year › 2009,Fiscal year › 2010,Period › Fiscal year\n395165,387242,2011\n12,40,2012\n')
    expect(digits(db, id)).toEqual({ 'Fiscal year › 2009': 'grouped', 'Fiscal year › 2010': 'grouped', 'Period › Fiscal year': 'plain' })
  })

  it('groups a column of numbers only some of whose values look like years', async () => {
    const { db, id } = await dataset('cases\n1999\n2012\n250000\n')
    expect(digits(db, id)).toEqual({ cases: 'grouped' })
  })

  it('keeps a choice made from the column menu, in the archive, over what the name and values say', async () => {
    const { db, id } = await dataset('case_id,removals\n1185,195066\n')
    expect(setColumnDigits(db, id, 0, 'grouped')).toMatchObject({ position: 0, label: 'case_id', digits: 'grouped' })
    expect(setColumnDigits(db, id, 1, 'plain')).toMatchObject({ position: 1, digits: 'plain' })
    expect(digits(db, id)).toEqual({ case_id: 'grouped', removals: 'plain' })
    expect(db.prepare('SELECT digits FROM dataset_columns WHERE dataset_id = ? ORDER BY position').pluck().all(id)).toEqual(['grouped', 'plain'])
  })

  it('names a dataset or column that does not exist', async () => {
    const { db, id } = await dataset('a\n1\n')
    expect(() => setColumnDigits(db, id, 5, 'plain')).toThrow(`Dataset ${id} has no column 6.`)
    expect(() => setColumnDigits(db, 424242, 0, 'plain')).toThrow('Dataset 424242 was not found in this archive.')
  })
})
