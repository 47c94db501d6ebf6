import type { ColumnType } from '@shared/model'
import { columnName } from './dataset-table-name'

/**
 * SQL for what the search index holds of a column's cell. A text column: its text. A column of
 * numbers or dates: only a cell kept as written because it is none, a disclosure marker such as
 * (b)(6), D or Withheld; a researcher's first question of a FOIA release is which rows were
 * withheld, and the numbers and dates themselves would only fill the index with digits.
 */
export function searchedCell(column: { position: number; type: ColumnType }): string {
  const name = columnName(column.position)
  switch (column.type) {
    case 'text':
      return name
    case 'integer':
    case 'real':
      return `CASE WHEN typeof(${name}) = 'text' THEN ${name} END`
    case 'date':
    case 'datetime':
      // Dates are stored as ISO text: a marker is text that is no date.
      return `CASE WHEN ${name} NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN ${name} END`
  }
}
