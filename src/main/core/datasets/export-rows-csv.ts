import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs'
import type { Database } from 'better-sqlite3'
import { publishFile } from '../fs/publish-file'
import { temporaryBeside } from '../fs/write-file-atomic'
import type { CellValue } from '@shared/model'
import { csvField, startsLikeFormula } from '@shared/csv-field'
import type { CsvFormulas, RowQuery } from '@shared/row-query'
import { getDatasetColumns } from './dataset-queries'
import { buildSortIndex, queryDatasetRows } from './query-dataset-rows'

const PAGE = 1000
const FLUSH_AT = 1 << 20

/** A single write(2) may write less than asked (a full disk, a signal): keep going until all is written. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8')
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset)
}

/**
 * A line of CSV fields, each text that starts like a formula counted (one test a cell) and, when
 * asked, given a leading `'`, which Excel and LibreOffice read as "this is text" and do not show.
 */
function exportLine(values: readonly CellValue[], formulas: CsvFormulas, counted: { formulaCells: number }): string {
  return values
    .map((value) => {
      if (typeof value !== 'string' || !startsLikeFormula(value)) return csvField(value)
      counted.formulaCells++
      return csvField(formulas === 'as-text' ? `'${value}` : value)
    })
    .join(',')
}

/**
 * Writes the rows a sort and filters select, with the column labels as the header, to `path`:
 * streamed page by page (memory stays flat for millions of rows) into a temporary file that is
 * synced and put in place (see publishFile), so a failure never leaves half a file under the chosen
 * name. Every cell is written as it was imported: text as it was, numbers in their own spelling;
 * only with `formulas` 'as-text' do text cells that start like a formula get a leading `'`. Either
 * way those cells are counted, so the person can be told a spreadsheet program may run them.
 * An existing file is replaced only with `overwrite` (else FileExistsError).
 */
export function exportRowsCsv(
  db: Database,
  query: Omit<RowQuery, 'after' | 'offset' | 'limit' | 'count'>,
  path: string,
  overwrite: boolean,
  formulas: CsvFormulas
): { rows: number; formulaCells: number } {
  const labels = getDatasetColumns(db, query.datasetId).map((column) => column.label)
  // Every page of a sorted export without the column's index would pass over the whole table (a
  // million rows: a thousand passes); with it, each page walks on from the last. Best effort: where
  // it cannot be built now (read-only, the lock taken) the export is only slower.
  if (query.sort !== null) buildSortIndex(db, query.datasetId, query.sort.column)
  const temporary = temporaryBeside(path, 'partial')
  const fd = openSync(temporary, 'w', 0o644)
  let rows = 0
  const counted = { formulaCells: 0 }
  try {
    let buffer = `${exportLine(labels, formulas, counted)}\r\n`
    let after: RowQuery['after'] = null
    for (;;) {
      const page = queryDatasetRows(db, { ...query, after, offset: 0, limit: PAGE, count: false })
      for (const row of page.rows) buffer += `${exportLine(row.values, formulas, counted)}\r\n`
      rows += page.rows.length
      if (buffer.length >= FLUSH_AT) {
        writeAll(fd, buffer)
        buffer = ''
      }
      if (page.next === null) break
      after = page.next
    }
    writeAll(fd, buffer)
    fsyncSync(fd)
    closeSync(fd)
    publishFile(temporary, path, overwrite)
  } catch (error) {
    try {
      closeSync(fd)
    } catch {
      // already closed
    }
    rmSync(temporary, { force: true })
    throw error
  }
  return { rows, formulaCells: counted.formulaCells }
}
