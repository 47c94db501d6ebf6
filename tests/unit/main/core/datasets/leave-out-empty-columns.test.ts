// Leaving empty columns out of a dataset just written: the columns after them move down, with their
// number spellings ("1.50" kept as written), and the dataset reads back as if they had never been there.
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../src/main/core/datasets/dataset-queries'
import { leaveOutEmptyColumns } from '../../../../../src/main/core/datasets/leave-out-empty-columns'
import { firstRows } from '../../../../helpers/first-rows'
import { importTestArchive } from '../../../../helpers/import-test-archive'

describe('leaveOutEmptyColumns', () => {
  it('drops only the empty columns asked for, and moves the later columns and their spellings down', async () => {
    const archive = await importTestArchive()
    const outcome = await archive.run(archive.write('fees.csv', 'office,gap,fee,gap2,note\nAtlanta,,1.50,,x\nBoston,,2.25,,\n'), {}, () => undefined)
    expect(outcome).toMatchObject({ status: 'imported', error: null })
    const id = outcome.id!
    // Column 4 ("note") is not empty and stays, though asked for.
    const leftOut = archive.db.transaction(() => leaveOutEmptyColumns(archive.db, id, [3, 1, 4]))()
    expect(leftOut).toEqual([1, 3])
    const dataset = getDataset(archive.db, id)!
    expect(dataset.columns.map((column) => [column.position, column.name, column.label, column.type])).toEqual([
      [0, 'c0', 'office', 'text'],
      [1, 'c1', 'fee', 'real'],
      [2, 'c2', 'note', 'text']
    ])
    expect(firstRows(archive.db, id, 10).rows.map((row) => row.values)).toEqual([
      ['Atlanta', '1.50', 'x'],
      ['Boston', 2.25, null]
    ])
  })
})
