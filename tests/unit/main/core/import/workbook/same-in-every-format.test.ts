// One workbook, saved by LibreOffice 7.4 as .xlsx, .xls and .ods (shown.fods in the fixtures folder,
// made by its make-fixtures.py), imported into real archives: each column must read the same from
// the three, whatever each format's writer does with the cell (a midnight written without its
// time, a number spelled 1.5E-007 or 1.5e-7, a footnote mark set in superscript).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Database } from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../../helpers/first-rows'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

const FORMATS = ['xlsx', 'xls', 'ods'] as const

async function importShown(format: (typeof FORMATS)[number]) {
  const archive = await importTestArchive()
  const bytes = readFileSync(resolve(import.meta.dirname, '../../../../../fixtures/import/workbook/libreoffice', `shown.${format}`))
  const outcome = await archive.run(archive.write(`shown.${format}`, bytes), {}, () => undefined)
  expect(outcome).toMatchObject({ status: 'imported', error: null })
  expect(outcome.sheets!.map((sheet) => sheet.name)).toEqual(['Bookings', 'Times'])
  return { outcome, ...readDataset(archive.db, outcome.sheets![0]!.id!), times: readDataset(archive.db, outcome.sheets![1]!.id!) }
}

function readDataset(db: Database, id: number) {
  const dataset = getDataset(db, id)!
  const rows = firstRows(db, dataset.id, 100).rows.map((row) => row.values)
  return {
    labels: dataset.columns.map((column) => column.label),
    types: dataset.columns.map((column) => column.type),
    column: (label: string) => rows.map((row) => row[dataset.columns.findIndex((column) => column.label === label)]),
    sources: dataset.sources
  }
}

describe('one LibreOffice workbook read alike from .xlsx, .xls and .ods', () => {
  it.each(FORMATS)('keeps the midnight of a date-time column shown with its time (.%s)', async (format) => {
    const read = await importShown(format)
    expect(read.column('Booked at')).toEqual(['2012-06-02T00:00:00', '2012-05-29T14:30:00', '2012-06-01T08:05:00', '2012-06-02T00:00:00'])
    expect(read.types[read.labels.indexOf('Booked at')]).toBe('datetime')
    // On a sheet of its own the column's one style is written as the column's default (.ods).
    expect(read.times.column('Booked at')).toEqual(['2012-05-29T14:30:00', '2012-06-02T00:00:00'])
  })

  it.each(FORMATS)('spells the numbers of a column of text alike, to the 15 digits a sheet shows (.%s)', async (format) => {
    const read = await importShown(format)
    // LibreOffice writes 1.5E-007 and 12345678901234600 in .xlsx; .xls holds the doubles themselves
    // (12345678901234568, and 0.30000000000000004 for =0.1+0.2); .ods writes 1.5E-07 and 0.3.
    expect(read.types[read.labels.indexOf('Value')]).toBe('text')
    expect(read.column('Value')).toEqual(['1.5e-7', '12345678901234600', '0.3', 'n/a'])
  })

  // SheetJS gives an .xls's rich text as plain text, without its runs: there "Removals1" stays glued.
  it.each(['xlsx', 'ods'] as const)('takes a superscript footnote mark off its header label and links the label to the footnote (.%s)', async (format) => {
    const read = await importShown(format)
    expect(read.labels).toEqual(['Office', 'Removals', 'Booked at', 'Value', 'Returns'])
    expect(read.sources.map((source) => [source.title, source.notes])).toEqual([
      [
        'Table 7. Removals and bookings, FY2012',
        ['1 Includes removals under expedited removal.', '“Removals” is marked ¹ in the sheet\'s header: 1 Includes removals under expedited removal.'].join('\n')
      ]
    ])
  })
})
