import { describe, expect, it } from 'vitest'
import type { RowFilter } from '../../../src/shared/chart-spec'
import type { DatasetColumn } from '../../../src/shared/model'
import { sortLabels, typeChangeSummary } from '../../../src/renderer/src/datasets/column-types'
import {
  describeFilter,
  filterChips,
  filterFromForm,
  filterOps,
  filtersOnOtherColumns,
  isPicked,
  onlyValue,
  togglePicked,
  withoutChip
} from '../../../src/renderer/src/datasets/dataset-filters'
import { ariaSort, nextSort } from '../../../src/renderer/src/datasets/dataset-sort'
import { cellCopyText, columnWidths, isMisfit, MAX_COLUMN_CH, MIN_COLUMN_CH, movedCell, rowCopyText, visibleRows, bodyHeight, MAX_BODY_HEIGHT, offsetAt, scrollFor } from '../../../src/renderer/src/datasets/dataset-table-layout'

const columns: DatasetColumn[] = [
  { position: 0, name: 'c0', label: 'as_of_date', type: 'date', digits: 'grouped' },
  { position: 1, name: 'c1', label: 'measure', type: 'text', digits: 'grouped' },
  { position: 2, name: 'c2', label: 'value', type: 'integer', digits: 'grouped' },
  { position: 3, name: 'c3', label: 'notes', type: 'text', digits: 'grouped' }
]

function equals(column: number, value: string): RowFilter {
  return { column, op: 'equals', value, min: null, max: null }
}

describe('sorting by a header', () => {
  it('goes ascending, descending, then back to the stored order; another column starts ascending', () => {
    const asc = nextSort(null, 2)
    expect(asc).toEqual({ column: 2, direction: 'asc' })
    const desc = nextSort(asc, 2)
    expect(desc).toEqual({ column: 2, direction: 'desc' })
    expect(nextSort(desc, 2)).toBeNull()
    expect(nextSort(desc, 1)).toEqual({ column: 1, direction: 'asc' })
  })

  it('tells assistive technology which header sorts, and which way', () => {
    expect(ariaSort({ column: 2, direction: 'desc' }, 2)).toBe('descending')
    expect(ariaSort({ column: 2, direction: 'asc' }, 2)).toBe('ascending')
    expect(ariaSort({ column: 2, direction: 'asc' }, 1)).toBe('none')
    expect(ariaSort(null, 1)).toBe('none')
  })

  it('names each direction in the column’s own terms', () => {
    expect(sortLabels('integer')).toEqual({ asc: 'Smallest first', desc: 'Largest first' })
    expect(sortLabels('date').desc).toBe('Newest first')
    expect(sortLabels('text').asc).toBe('A to Z')
  })
})

describe('filter chips', () => {
  it('shows the picked values of one column together, as “any of”', () => {
    const filters = [equals(1, 'cases_reviewed'), { column: 3, op: 'contains', value: 'pilot', min: null, max: null } as RowFilter, equals(1, 'cases_closed')]
    const chips = filterChips(filters, columns)
    expect(chips.map((chip) => chip.label)).toEqual(['measure is “cases_reviewed” or “cases_closed”', 'notes contains “pilot”'])
    expect(chips[0]!.indexes).toEqual([0, 2])
    expect(withoutChip(filters, chips[0]!)).toEqual([filters[1]])
    expect(withoutChip(filters, chips[1]!)).toEqual([filters[0], filters[2]])
  })

  it('describes ranges, open ends and emptiness in words', () => {
    expect(describeFilter({ column: 0, op: 'between', value: null, min: '2012-01-01', max: '2012-05-29' })).toBe('2012-01-01 – 2012-05-29')
    expect(describeFilter({ column: 0, op: 'between', value: null, min: '2012-05-29', max: '2012-05-29' })).toBe('= 2012-05-29')
    expect(describeFilter({ column: 2, op: 'between', value: null, min: '100', max: null })).toBe('≥ 100')
    expect(describeFilter({ column: 2, op: 'between', value: null, min: null, max: '5' })).toBe('≤ 5')
    expect(describeFilter({ column: 2, op: 'empty', value: null, min: null, max: null })).toBe('is empty')
    expect(describeFilter({ column: 2, op: 'not-empty', value: null, min: null, max: null })).toBe('is not empty')
  })

  it('names a column it does not know by its number rather than failing', () => {
    expect(filterChips([equals(9, 'x')], columns)[0]!.label).toBe('Column 10 is “x”')
  })
})

describe('picking values from a column’s list', () => {
  it('toggles a value on and off, numbers matched as stored digits', () => {
    let filters = togglePicked([], 2, 288361)
    expect(filters).toEqual([equals(2, '288361')])
    expect(isPicked(filters, 2, 288361)).toBe(true)
    filters = togglePicked(filters, 2, 4403)
    expect(filters).toHaveLength(2)
    filters = togglePicked(filters, 2, 288361)
    expect(filters).toEqual([equals(2, '4403')])
  })

  it('makes “no value” and picked values replace each other, and leaves other columns alone', () => {
    const other = equals(1, 'cases_closed')
    let filters = togglePicked([other, equals(2, '5')], 2, null)
    expect(filters).toEqual([other, { column: 2, op: 'empty', value: null, min: null, max: null }])
    expect(isPicked(filters, 2, null)).toBe(true)
    filters = togglePicked(filters, 2, 7)
    expect(filters).toEqual([other, equals(2, '7')])
  })

  it('keeps only one value from a cell’s menu, whatever was picked on that column before', () => {
    expect(onlyValue([equals(1, 'a'), equals(1, 'b'), equals(2, '1')], 1, 'c')).toEqual([equals(2, '1'), equals(1, 'c')])
    expect(onlyValue([], 1, null)).toEqual([{ column: 1, op: 'empty', value: null, min: null, max: null }])
  })

  it('counts a column’s values under the filters on the other columns only', () => {
    expect(filtersOnOtherColumns([equals(1, 'a'), equals(2, '3')], 1)).toEqual([equals(2, '3')])
  })
})

describe('the filter form', () => {
  const date = columns[0]!
  const text = columns[1]!
  const number = columns[2]!

  it('offers conditions that fit the column', () => {
    expect(filterOps('text')).toEqual(['contains', 'equals', 'empty', 'not-empty'])
    expect(filterOps('integer')[0]).toBe('between')
    expect(filterOps('date')[0]).toBe('between')
  })

  it('builds text, empty and range filters', () => {
    expect(filterFromForm(text, { op: 'contains', value: '  pilot ', min: '', max: '' })).toEqual({ filter: { column: 1, op: 'contains', value: 'pilot', min: null, max: null } })
    expect(filterFromForm(text, { op: 'empty', value: 'ignored', min: '', max: '' })).toEqual({ filter: { column: 1, op: 'empty', value: null, min: null, max: null } })
    expect(filterFromForm(number, { op: 'between', value: '', min: '1000', max: '' })).toEqual({ filter: { column: 2, op: 'between', value: null, min: '1000', max: null } })
    expect(filterFromForm(date, { op: 'between', value: '', min: '2012-01-01', max: '2012-05-29' })).toEqual({
      filter: { column: 0, op: 'between', value: null, min: '2012-01-01', max: '2012-05-29' }
    })
  })

  it('says what is wrong instead of quietly showing no rows', () => {
    const problem = (result: ReturnType<typeof filterFromForm>) => ('problem' in result ? result.problem : null)
    expect(problem(filterFromForm(text, { op: 'contains', value: ' ', min: '', max: '' }))).toBe('Type the text to look for.')
    expect(problem(filterFromForm(number, { op: 'between', value: '', min: '', max: '' }))).toMatch(/lower bound/)
    expect(problem(filterFromForm(number, { op: 'between', value: '', min: 'ten', max: '' }))).toBe('From must be a number (“ten” is not).')
    expect(problem(filterFromForm(number, { op: 'equals', value: '1,000', min: '', max: '' }))).toBe('“1,000” is not a number.')
    expect(problem(filterFromForm(date, { op: 'between', value: '', min: '29/05/2012', max: '' }))).toMatch(/YYYY-MM-DD/)
    expect(problem(filterFromForm(number, { op: 'between', value: '', min: '50', max: '9' }))).toBe('From (50) is after To (9).')
    expect(problem(filterFromForm(date, { op: 'between', value: '', min: '2012-06-01', max: '2012-05-01' }))).toMatch(/is after/)
  })
})

describe('the table’s geometry', () => {
  it('draws only the rows in view and a few either side, with the space of the others around them', () => {
    const at = (scrolled: number, count: number) => visibleRows(scrolled, offsetAt(scrolled, 290, count, 29), 290, count, 29, 5)
    expect(at(0, 100_000)).toEqual({ start: 0, end: 16, above: 0, below: 29 * (100_000 - 16) })
    expect(at(29 * 50_000, 100_000)).toEqual({ start: 49_995, end: 50_016, above: 29 * 49_995, below: 29 * (100_000 - 50_016) })
    expect(at(29 * 99_990, 100_000)).toMatchObject({ start: 99_985, end: 100_000, below: 0 })
    // The header still in view: the body has not scrolled yet.
    expect(at(-40, 10)).toEqual({ start: 0, end: 10, above: 0, below: 0 })
    expect(at(0, 0)).toEqual({ start: 0, end: 0, above: 0, below: 0 })
    // Scrolled past the end (the rows were just replaced by fewer): the last rows, nothing below.
    const past = at(29 * 5000, 100)
    expect(past.start).toBeLessThanOrEqual(past.end)
    expect(past.end).toBe(100)
  })

  it('draws a table taller than a browser allows at the cap, every row still reachable and in its place', () => {
    const count = 10_000_000
    const view = 600
    const body = bodyHeight(count, 29)
    expect(body).toBe(MAX_BODY_HEIGHT)
    // The top and the bottom of the scroll bar are the first and the last rows.
    expect(offsetAt(0, view, count, 29)).toBe(0)
    expect(offsetAt(body - view, view, count, 29)).toBeCloseTo(count * 29 - view, 3)
    const last = visibleRows(body - view, offsetAt(body - view, view, count, 29), view, count, 29, 5)
    expect(last.end).toBe(count)
    expect(last.above + (last.end - last.start) * 29 + last.below).toBeCloseTo(body, 3)
    // Row 6,000,000 brought into view lands at the top of the view, drawn inside the body.
    const scrolled = scrollFor(6_000_000 * 29, view, count, 29)
    const range = visibleRows(scrolled, offsetAt(scrolled, view, count, 29), view, count, 29, 5)
    expect(range.start).toBeLessThanOrEqual(6_000_000)
    expect(range.end).toBeGreaterThan(6_000_000 + view / 29)
    expect(range.above + (6_000_000 - range.start) * 29).toBeCloseTo(scrolled, 3)
    expect(range.above).toBeGreaterThanOrEqual(0)
    expect(range.above + (range.end - range.start) * 29).toBeLessThanOrEqual(body)
    // Near the top, rows that would sit above the body are not drawn.
    const near = visibleRows(30, offsetAt(30, view, count, 29), view, count, 29, 5)
    expect(near.above).toBeGreaterThanOrEqual(0)
  })

  it('sizes columns from their label and the widest value shown, within limits', () => {
    const widths = columnWidths(columns, [
      { values: ['2012-05-29', 'cases_reviewed', 288361, 'x'.repeat(300)] },
      { values: [null, null, null, null] }
    ])
    expect(widths[0]).toBe(Math.max('as_of_date'.length + 4, '2012-05-29'.length + 2))
    expect(widths[1]).toBe('cases_reviewed'.length + 2)
    expect(widths[2]).toBe(MIN_COLUMN_CH + 2) // "value" + 4 = 9 beats "288,361" + 2 = 9
    expect(widths[3]).toBe(MAX_COLUMN_CH)
    expect(columnWidths([{ label: 'n', type: 'integer', digits: 'grouped' }], [])).toEqual([MIN_COLUMN_CH])
  })

  it('marks values that do not read as their column’s type, as the archive counts them', () => {
    expect(isMisfit('n/a', 'integer')).toBe(true)
    expect(isMisfit(2.5, 'integer')).toBe(true)
    expect(isMisfit(3, 'integer')).toBe(false)
    // A number kept as it was spelled is still a number; a marker such as b6 is not.
    expect(isMisfit('3', 'real')).toBe(false)
    expect(isMisfit('8.0', 'integer')).toBe(false)
    expect(isMisfit('+3', 'integer')).toBe(false)
    expect(isMisfit('1e3', 'real')).toBe(false)
    expect(isMisfit('1.50', 'integer')).toBe(true)
    expect(isMisfit('b6', 'integer')).toBe(true)
    expect(isMisfit('(b)(6)', 'real')).toBe(true)
    expect(isMisfit('Infinity', 'real')).toBe(true)
    expect(isMisfit(null, 'integer')).toBe(false)
    expect(isMisfit('2012-05-29', 'date')).toBe(false)
    expect(isMisfit('late 2011', 'date')).toBe(true)
    expect(isMisfit('2012-05-29T10:00', 'datetime')).toBe(false)
    expect(isMisfit(42, 'text')).toBe(false)
  })

  it('copies stored values exactly, and rows as tab-separated lines', () => {
    expect(cellCopyText(288361)).toBe('288361')
    expect(cellCopyText(null)).toBe('')
    expect(rowCopyText(['2012-05-29', 'two\tparts\nhere', null, 4403])).toBe('2012-05-29\ttwo parts here\t\t4403')
  })

  it('moves the selected cell with the keys a spreadsheet uses, never out of the table', () => {
    const size = { rows: 100, columns: 4, page: 10 }
    expect(movedCell('ArrowDown', { row: 0, column: 0 }, size, false)).toEqual({ row: 1, column: 0 })
    expect(movedCell('ArrowUp', { row: 0, column: 0 }, size, false)).toEqual({ row: 0, column: 0 })
    expect(movedCell('ArrowRight', { row: 5, column: 3 }, size, false)).toEqual({ row: 5, column: 3 })
    expect(movedCell('PageDown', { row: 95, column: 1 }, size, false)).toEqual({ row: 99, column: 1 })
    expect(movedCell('Home', { row: 50, column: 2 }, size, false)).toEqual({ row: 50, column: 0 })
    expect(movedCell('End', { row: 50, column: 0 }, size, true)).toEqual({ row: 99, column: 3 })
    expect(movedCell('Tab', { row: 0, column: 0 }, size, false)).toBeNull()
  })

  it('sums up a type change: values kept, counted and marked', () => {
    expect(typeChangeSummary('integer', 0)).toBe('Every value now reads as a whole number.')
    expect(typeChangeSummary('integer', 1)).toBe('1 value does not read as a whole number; it is kept exactly as it was and marked in the table.')
    expect(typeChangeSummary('date', 1234)).toBe('1,234 values do not read as a date; they are kept exactly as they were and marked in the table.')
  })
})
