// Row filters as the data explorer and the chart builder edit them: read back as removable chips,
// toggled from a column's value list, and built from a column's filter form with its input checked
// here, before anything is sent. Filters on different columns all hold; several "equals" on one
// column mean any of them, so one chip shows them together.

import type { RowFilter } from '@shared/chart-spec'
import type { CellValue, ColumnType, DatasetColumn } from '@shared/model'
import { formatFigure, isNumericColumn, type ShownColumn } from '../lib/format-cell'

export type FilterColumn = Pick<DatasetColumn, 'position' | 'label' | 'type'>

export interface FilterChip {
  /** Stable while the filters it stands for stay: a key for {#each}. */
  key: string
  column: number
  label: string
  /** Positions in the filter list this chip stands for; removing the chip removes all of them. */
  indexes: number[]
}

/** What a column's filter form can ask for. */
export type FilterFormOp = 'contains' | 'equals' | 'empty' | 'not-empty' | 'between'

export interface FilterForm {
  op: FilterFormOp
  value: string
  min: string
  max: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function columnLabel(columns: readonly FilterColumn[], position: number): string {
  return columns.find((column) => column.position === position)?.label ?? `Column ${position + 1}`
}

function quoted(text: string): string {
  return `“${text}”`
}

function rangeText(filter: RowFilter): string {
  const min = filter.min ?? ''
  const max = filter.max ?? ''
  if (min !== '' && max !== '') return min === max ? `= ${min}` : `${min} – ${max}`
  if (min !== '') return `≥ ${min}`
  if (max !== '') return `≤ ${max}`
  return 'any value'
}

/** One filter in words, without its column: “contains “pilot””, “is empty”, “2012-01-01 – 2012-05-29”. */
export function describeFilter(filter: RowFilter): string {
  switch (filter.op) {
    case 'equals':
      return `is ${quoted(filter.value ?? '')}`
    case 'contains':
      return `contains ${quoted(filter.value ?? '')}`
    case 'empty':
      return 'is empty'
    case 'not-empty':
      return 'is not empty'
    case 'between':
      return rangeText(filter)
  }
}

/** The filters as chips, in the order they were added; the equals filters of a column share one chip. */
export function filterChips(filters: readonly RowFilter[], columns: readonly FilterColumn[]): FilterChip[] {
  const chips: FilterChip[] = []
  const equalsChip = new Map<number, { chip: FilterChip; values: string[] }>()
  filters.forEach((filter, index) => {
    const label = columnLabel(columns, filter.column)
    if (filter.op === 'equals') {
      const existing = equalsChip.get(filter.column)
      if (existing !== undefined) {
        existing.values.push(filter.value ?? '')
        existing.chip.indexes.push(index)
        return
      }
      const chip: FilterChip = { key: `equals:${filter.column}`, column: filter.column, label: '', indexes: [index] }
      equalsChip.set(filter.column, { chip, values: [filter.value ?? ''] })
      chips.push(chip)
      return
    }
    chips.push({ key: `${filter.op}:${filter.column}:${filter.value ?? ''}:${filter.min ?? ''}:${filter.max ?? ''}`, column: filter.column, label: `${label} ${describeFilter(filter)}`, indexes: [index] })
  })
  for (const { chip, values } of equalsChip.values()) {
    const label = columnLabel(columns, chip.column)
    chip.label = `${label} is ${values.map(quoted).join(' or ')}`
  }
  return chips
}

export function withoutChip(filters: readonly RowFilter[], chip: FilterChip): RowFilter[] {
  return filters.filter((_, index) => !chip.indexes.includes(index))
}

/** The filters that do not mention `column`: what its value counts are taken under, so more values can be picked. */
export function filtersOnOtherColumns(filters: readonly RowFilter[], column: number): RowFilter[] {
  return filters.filter((filter) => filter.column !== column)
}

/** The text an equals filter matches `value` by (numbers as plain digits, as they are stored). */
export function filterText(value: Exclude<CellValue, null>): string {
  return typeof value === 'number' ? String(value) : value
}

/** Whether a value in a column's value list is picked: an equals filter for it, or "is empty" for no value. */
export function isPicked(filters: readonly RowFilter[], column: number, value: CellValue): boolean {
  if (value === null) return filters.some((filter) => filter.column === column && filter.op === 'empty')
  const text = filterText(value)
  return filters.some((filter) => filter.column === column && filter.op === 'equals' && filter.value === text)
}

function equalsFilter(column: number, value: string): RowFilter {
  return { column, op: 'equals', value, min: null, max: null }
}

/**
 * Picks or unpicks one value of a column (its value list). Picking no value ("is empty") and picking
 * values cannot hold together, so each replaces the other.
 */
export function togglePicked(filters: readonly RowFilter[], column: number, value: CellValue): RowFilter[] {
  if (value === null) {
    if (isPicked(filters, column, null)) return filters.filter((filter) => !(filter.column === column && filter.op === 'empty'))
    return [...filters.filter((filter) => !(filter.column === column && (filter.op === 'equals' || filter.op === 'not-empty'))), { column, op: 'empty', value: null, min: null, max: null }]
  }
  const text = filterText(value)
  if (isPicked(filters, column, value)) return filters.filter((filter) => !(filter.column === column && filter.op === 'equals' && filter.value === text))
  return [...filters.filter((filter) => !(filter.column === column && filter.op === 'empty')), equalsFilter(column, text)]
}

/** Keeps only rows whose `column` is exactly `value` (the context menu's "Only this value"). */
export function onlyValue(filters: readonly RowFilter[], column: number, value: CellValue): RowFilter[] {
  const others = filters.filter((filter) => !(filter.column === column && (filter.op === 'equals' || filter.op === 'empty' || filter.op === 'not-empty')))
  if (value === null) return [...others, { column, op: 'empty', value: null, min: null, max: null }]
  return [...others, equalsFilter(column, filterText(value))]
}

/** The ways a column can be filtered, by its type, in the order its form offers them. */
export function filterOps(type: ColumnType): FilterFormOp[] {
  if (type === 'text') return ['contains', 'equals', 'empty', 'not-empty']
  return ['between', 'equals', 'empty', 'not-empty']
}

export const FILTER_OP_LABELS: Record<FilterFormOp, string> = {
  contains: 'Contains',
  equals: 'Is exactly',
  empty: 'Is empty',
  'not-empty': 'Is not empty',
  between: 'Is between'
}

export function emptyForm(type: ColumnType): FilterForm {
  return { op: filterOps(type)[0]!, value: '', min: '', max: '' }
}

function isDateColumn(type: ColumnType): boolean {
  return type === 'date' || type === 'datetime'
}

function rangeProblem(column: FilterColumn, text: string, which: 'From' | 'To'): string | null {
  if (text === '') return null
  if (isNumericColumn(column.type) && !Number.isFinite(Number(text))) return `${which} must be a number (${quoted(text)} is not).`
  if (isDateColumn(column.type) && !DATE.test(text)) return `${which} must be a date written YYYY-MM-DD (${quoted(text)} is not).`
  return null
}

/**
 * The filter a column's form describes, or the reason it cannot be applied yet. Numbers and dates are
 * checked here so the person hears about a typo at once instead of seeing no rows.
 */
export function filterFromForm(column: FilterColumn, form: FilterForm): { filter: RowFilter } | { problem: string } {
  const base = { column: column.position, value: null, min: null, max: null }
  switch (form.op) {
    case 'empty':
    case 'not-empty':
      return { filter: { ...base, op: form.op } }
    case 'contains':
    case 'equals': {
      const value = form.value.trim()
      if (value === '') return { problem: form.op === 'contains' ? 'Type the text to look for.' : 'Type the value to match.' }
      if (form.op === 'equals' && isNumericColumn(column.type) && !Number.isFinite(Number(value))) return { problem: `${quoted(value)} is not a number.` }
      return { filter: { ...base, op: form.op, value } }
    }
    case 'between': {
      const min = form.min.trim()
      const max = form.max.trim()
      if (min === '' && max === '') return { problem: 'Give a lower bound, an upper bound or both.' }
      const problem = rangeProblem(column, min, 'From') ?? rangeProblem(column, max, 'To')
      if (problem !== null) return { problem }
      const ordered = isNumericColumn(column.type) ? Number(min) <= Number(max) : min <= max
      if (min !== '' && max !== '' && !ordered) return { problem: `From (${min}) is after To (${max}).` }
      return { filter: { ...base, op: 'between', min: min === '' ? null : min, max: max === '' ? null : max } }
    }
  }
}

/** A value as a value list shows it: numbers grouped as in the table or as they were spelled, no value as “(empty)”. */
export function facetLabel(value: CellValue, column: ShownColumn, spellings: Readonly<Record<string, string>>): string {
  return formatFigure(value, column, spellings) ?? '(empty)'
}
