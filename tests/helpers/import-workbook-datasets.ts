import { expect } from 'vitest'
import { getDataset } from '../../src/main/core/datasets/dataset-queries'
import { firstRows } from './first-rows'
import { importTestArchive } from './import-test-archive'

/**
 * Imports a workbook's bytes as `fileName` into a new archive (it must import), and gives its
 * outcome and a way to read any of its datasets: name, columns with their types, first 100 rows
 * and sources (title and notes).
 */
export async function importWorkbookDatasets(fileName: string, bytes: Uint8Array) {
  const archive = await importTestArchive()
  const outcome = await archive.run(archive.write(fileName, bytes), {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null })
  const dataset = (id: number) => {
    const found = getDataset(archive.db, id)!
    return {
      name: found.name,
      columns: found.columns.map((column) => [column.label, column.type]),
      rows: firstRows(archive.db, id, 100).rows.map((row) => row.values),
      sources: found.sources.map((source) => ({ title: source.title, notes: source.notes }))
    }
  }
  return { outcome, dataset }
}
