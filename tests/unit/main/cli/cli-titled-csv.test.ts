// The same government table as a workbook and as its CSV download (title over the header, footnotes
// under the data) gives the same dataset either way: header, rows, and the title and footnotes in
// the dataset's source, which "Where these figures come from" shows.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as XLSX from '@e965/xlsx'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { cli } from '../../../helpers/cli-in-process'
import { tempDir } from '../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

const TITLE = 'Table 39. Aliens removed by country of nationality: fiscal years 2011 to 2013'
const SOURCE = 'Source: U.S. Department of Homeland Security, ENFORCE Alien Removal Module (EARM), December 2013.'

/** The reviewer's t39 sheet, shorter: a title, a blank row, the header, rows with markers, a total, footnotes. */
function t39Sheet(): XLSX.WorkSheet {
  const rows: (string | number | null)[][] = [[TITLE], [], ['Country', 2011, 2012, 2013, 'Change (%)']]
  for (let r = 1; r <= 12; r++) rows.push([`Country ${r}`, 1000 + r, r % 7 === 0 ? 'D' : 2000 + r, r % 11 === 0 ? '-' : 3000 + r, r % 9 === 0 ? '(1.5)' : r / 8])
  rows.push(['Grand total', 999, 999, 999, null], [], ['D Data withheld to limit disclosure.'], ['- Represents zero.'], [SOURCE])
  return XLSX.utils.aoa_to_sheet(rows)
}

interface ResultLine {
  file: string
  status: string
  id: number
  rows: number
  warnings: string[]
}

describe('a table imported as a workbook and as its CSV download', () => {
  it('gives the same columns, rows and source; the CSV result names the lines set aside', async () => {
    const made = tempDir('cli-titled-csv')
    cleanups.push(made.cleanup)
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, t39Sheet(), 'Table 39')
    const xlsx = join(made.dir, 't39.xlsx')
    writeFileSync(xlsx, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer)
    const csv = join(made.dir, 't39.csv')
    writeFileSync(csv, XLSX.write(book, { type: 'buffer', bookType: 'csv' }) as Buffer)
    // As a spreadsheet program saves it: every line as wide as the table, the title's too.
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^\ufeff?Table 39\. .*,,,,$/)

    const archive = join(made.dir, 'a.casefile')
    const { code, out } = await cli(['--archive', archive, 'import', xlsx, csv, '--json'])
    expect(code).toBe(0)
    const [fromBook, fromCsv] = out.trim().split('\n').map((line) => JSON.parse(line) as ResultLine)
    expect([fromBook!.status, fromCsv!.status]).toEqual(['imported', 'imported'])
    expect(fromCsv!.rows).toBe(13)
    expect(fromCsv!.rows).toBe(fromBook!.rows)
    expect(fromCsv!.warnings).toEqual([
      "t39.csv: lines 1–2 above the header (line 3) and lines 18–20 under the table were kept in the dataset's source as the table's title and notes, not read as data."
    ])

    const db = new Database(archive, { readonly: true })
    try {
      const source = db.prepare('SELECT title, notes FROM dataset_sources WHERE dataset_id = ? ORDER BY id')
      expect(source.all(fromCsv!.id)).toEqual([{ title: TITLE, notes: ['D Data withheld to limit disclosure.', '- Represents zero.', SOURCE].join('\n') }])
      expect(source.all(fromCsv!.id)).toEqual(source.all(fromBook!.id))
      const columns = db.prepare('SELECT name, label, type FROM dataset_columns WHERE dataset_id = ? ORDER BY position')
      expect((columns.all(fromCsv!.id) as { label: string }[]).map((column) => column.label)).toEqual(['Country', '2011', '2012', '2013', 'Change (%)'])
      expect(columns.all(fromCsv!.id)).toEqual(columns.all(fromBook!.id))
    } finally {
      db.close()
    }
    // Row by row, the same cells but for the fractions, which the CSV holds rounded as the sheet shows them.
    const bookCsv = join(made.dir, 'book.csv')
    const csvCsv = join(made.dir, 'csv.csv')
    expect((await cli(['--archive', archive, 'export-dataset', String(fromBook!.id), '--csv', bookCsv])).code).toBe(0)
    expect((await cli(['--archive', archive, 'export-dataset', String(fromCsv!.id), '--csv', csvCsv])).code).toBe(0)
    const firstFour = (path: string): string[] => readFileSync(path, 'utf8').trim().split(/\r?\n/).map((line) => line.split(',').slice(0, 4).join(','))
    expect(firstFour(csvCsv)).toEqual(firstFour(bookCsv))
    expect(firstFour(csvCsv)).toHaveLength(14)
  }, 60_000)
})
