import type { RowFilter } from '@shared/chart-spec'
import type { DatasetColumn } from '@shared/model'
import { InvalidRequest } from '../invalid-request'
import { columnName } from './dataset-table-name'

export type Bound = string | number | bigint | null

export function datasetColumn(columns: readonly DatasetColumn[], position: number, role: string): DatasetColumn {
  const column = columns.find((candidate) => candidate.position === position)
  if (!column) throw new InvalidRequest(`The ${role} is column ${position + 1}, but the dataset has ${columns.length} columns.`)
  return column
}

export function isNumericColumn(column: DatasetColumn): boolean {
  return column.type === 'integer' || column.type === 'real'
}

/**
 * SQL for a column's value where it is a number, NULL where it is not: a column of numbers may
 * hold markers such as b6 or N/A as text (see isValueMarker), and SQLite would count them in an
 * average, take one as the maximum (text sorts after every number) and let one pass `>= 5`.
 */
export function numberIn(column: string): string {
  return `CASE WHEN typeof(${column}) IN ('integer', 'real') THEN ${column} END`
}

export function isDateColumn(column: DatasetColumn): boolean {
  return column.type === 'date' || column.type === 'datetime'
}

/**
 * SQL for a column's value where it is a date (YYYY-MM-DD, with a time or not), NULL where it is
 * not: a column of dates may hold markers such as (b)(6) or Unknown as text, which would make a
 * month of their first characters, pass `>= 2012-01-01` ("Unknown") or be taken as the latest.
 */
export function dateIn(column: string): string {
  return `CASE WHEN ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN ${column} END`
}

function condition(filter: RowFilter, column: DatasetColumn, params: Bound[]): string {
  const name = columnName(column.position)
  const asValue = (value: string): Bound => (isNumericColumn(column) && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value)
  switch (filter.op) {
    case 'equals':
      params.push(asValue(filter.value ?? ''))
      return `${name} = ?`
    case 'contains':
      params.push(filter.value ?? '')
      return `instr(lower(CAST(${name} AS TEXT)), lower(?)) > 0`
    case 'empty':
      return `${name} IS NULL`
    case 'not-empty':
      return `${name} IS NOT NULL`
    case 'between': {
      const parts: string[] = []
      // Between two numbers, only numbers, and between two dates only dates: a marker (text) would pass any lower bound.
      const compared = (bound: Bound) => (typeof bound === 'number' ? numberIn(name) : isDateColumn(column) ? dateIn(name) : name)
      if (filter.min !== null && filter.min !== '') {
        const bound = asValue(filter.min)
        params.push(bound)
        parts.push(`${compared(bound)} >= ?`)
      }
      if (filter.max !== null && filter.max !== '') {
        // A date's upper bound takes the whole day: 2012-05-29 keeps 2012-05-29T23:00.
        const bound = column.type === 'datetime' && filter.max.length === 10 ? `${filter.max}~` : asValue(filter.max)
        params.push(bound)
        parts.push(`${compared(bound)} <= ?`)
      }
      return parts.length > 0 ? parts.join(' AND ') : '1'
    }
  }
}

/**
 * SQL conditions (and their bound values, in order) for row filters. Filters on different columns
 * must all hold; several "equals" on one column mean any of them (measure = removals OR measure =
 * convicted removals, as a tidy "long" table needs). Column names are generated, values bound.
 */
export function rowFilterConditions(columns: readonly DatasetColumn[], filters: readonly RowFilter[]): { sql: string[]; params: Bound[] } {
  const sql: string[] = []
  const params: Bound[] = []
  const equalsByColumn = new Map<number, { sql: string[]; params: Bound[] }>()
  for (const filter of filters) {
    const own: Bound[] = []
    const text = condition(filter, datasetColumn(columns, filter.column, 'filter'), own)
    if (filter.op !== 'equals') {
      sql.push(text)
      params.push(...own)
    } else {
      const entry = equalsByColumn.get(filter.column) ?? { sql: [], params: [] }
      entry.sql.push(text)
      entry.params.push(...own)
      equalsByColumn.set(filter.column, entry)
    }
  }
  for (const entry of equalsByColumn.values()) {
    sql.push(entry.sql.length === 1 ? entry.sql[0]! : `(${entry.sql.join(' OR ')})`)
    params.push(...entry.params)
  }
  return { sql, params }
}
