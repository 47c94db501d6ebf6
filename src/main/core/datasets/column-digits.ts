// Whether a column's numbers are amounts, shown grouped (195,066), or labels written in digits —
// ids, codes, case numbers, years — shown plain (1185, 2012), where "1,185" would misquote them.
import type { Database } from 'better-sqlite3'
import type { DatasetColumn, DigitGrouping } from '@shared/model'
import { columnName, datasetTableName } from './dataset-table-name'
import { HEADER_JOINER } from '../import/workbook/find-sheet-table'

/** What the archive stores: a choice from the column menu, or none yet (NULL, read as this). */
export const DIGITS_UNCHOSEN = 'unchosen'
export const DIGIT_CHOICES = [DIGITS_UNCHOSEN, 'grouped', 'plain'] as const

// A header that ends in a word for a label (case_id, court code, A-Number, Case No.), or in one
// written camelCase (caseNo, courtId), or that holds a word for a year (fiscal_year, FY).
const LABEL_WORD_AT_END = /(^|[^a-z])(id|code|no|nr|num|number|zip)\.?$/i
const LABEL_CAMEL_AT_END = /[a-z](Id|ID|Code|No|Nr|Num|Number|Year|Fy|FY)$/
const YEAR_WORD = /(^|[^a-z])(year|yr|fy)([^a-z]|$)/i

/** Years a table of enforcement figures holds; four digits either way. */
const FIRST_YEAR = 1900
const LAST_YEAR = 2100

function namedLikeLabel(label: string): boolean {
  // A header joined from a sheet's rows names its column by its last part: the counts under
  // "Fiscal year › 2009" are counts, and a year column under "Period › Fiscal year" is years.
  const trimmed = label.split(HEADER_JOINER).at(-1)!.trim()
  return LABEL_WORD_AT_END.test(trimmed) || LABEL_CAMEL_AT_END.test(trimmed) || YEAR_WORD.test(trimmed)
}

/**
 * For a column nobody chose for: plain when its name says label, or when it is a column of whole
 * numbers that are all years. The values are read only when the name does not decide; both EXISTS
 * stop at the first row that settles them, so a column of counts costs one row.
 */
export function decideDigits(db: Database, datasetId: number, column: Pick<DatasetColumn, 'position' | 'label' | 'type'>): DigitGrouping {
  if (namedLikeLabel(column.label)) return 'plain'
  if (column.type !== 'integer') return 'grouped'
  const table = datasetTableName(datasetId)
  const cell = columnName(column.position)
  const years = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM ${table} WHERE typeof(${cell}) = 'integer')
          AND NOT EXISTS (SELECT 1 FROM ${table} WHERE typeof(${cell}) = 'integer' AND ${cell} NOT BETWEEN ? AND ?)`
    )
    .pluck()
    .get(FIRST_YEAR, LAST_YEAR)
  return years === 1 ? 'plain' : 'grouped'
}
