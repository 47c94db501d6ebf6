import { describe, expect, it } from 'vitest'
import { chartSpecValidator, type ChartData, type ChartSpec } from '../../../src/shared/chart-spec'
import type { DatasetColumn } from '../../../src/shared/model'
import {
  chartFileName,
  DEFAULT_TOP,
  defaultChartSpec,
  draftProblem,
  sameSpec,
  withAggregate,
  withSeries,
  withTop,
  withX
} from '../../../src/renderer/src/charts/chart-draft'
import { chartDataCsv } from '../../../src/renderer/src/charts/chart-export'
import { csvField } from '../../../src/shared/csv-field'

const long: DatasetColumn[] = [
  { position: 0, name: 'c0', label: 'as_of_date', type: 'date', digits: 'grouped' },
  { position: 1, name: 'c1', label: 'measure', type: 'text', digits: 'grouped' },
  { position: 2, name: 'c2', label: 'value', type: 'integer', digits: 'grouped' }
]

const byYear: DatasetColumn[] = [
  { position: 0, name: 'c0', label: 'fiscal_year', type: 'integer', digits: 'plain' },
  { position: 1, name: 'c1', label: 'measure', type: 'text', digits: 'grouped' },
  { position: 2, name: 'c2', label: 'value', type: 'integer', digits: 'grouped' }
]

const textOnly: DatasetColumn[] = [
  { position: 0, name: 'c0', label: 'event', type: 'text', digits: 'grouped' },
  { position: 1, name: 'c1', label: 'geography', type: 'text', digits: 'grouped' }
]

const measure = { column: 1, op: 'equals' as const, value: 'cases_reviewed', min: null, max: null }

describe('a first draft from a dataset', () => {
  it('puts dates along the bottom by month and sums the figures, keeping the explorer’s filters', () => {
    const spec = defaultChartSpec({ id: 3, name: 'Review figures', columns: long }, [measure])
    expect(spec).toEqual({
      datasetId: 3,
      type: 'line',
      title: 'Review figures',
      x: { column: 0, bucket: 'month' },
      y: { aggregate: 'sum', column: 2 },
      groupBy: null,
      share: null,
      filters: [measure]
    })
    expect(chartSpecValidator.check(spec, 'spec')).toBeNull()
  })

  it('without dates, draws bars of the first other column and never sums a year', () => {
    const spec = defaultChartSpec({ id: 1, name: 'ICE removals', columns: byYear }, [])
    expect(spec.type).toBe('bar')
    expect(spec.x).toEqual({ column: 0, bucket: null })
    expect(spec.y).toEqual({ aggregate: 'sum', column: 2 })
  })

  it('counts rows when nothing holds numbers', () => {
    const spec = defaultChartSpec({ id: 2, name: 'Timeline', columns: textOnly }, [])
    expect(spec.y).toEqual({ aggregate: 'count', column: null })
    expect(draftProblem(spec, textOnly)).toBeNull()
  })
})

describe('each choice keeps the spec drawable', () => {
  const base = defaultChartSpec({ id: 3, name: 'Review figures', columns: long }, [])

  it('drops the date bucket for a category column and brings it back for a date', () => {
    const categories = withX(base, long[1]!)
    expect(categories.x).toEqual({ column: 1, bucket: null })
    expect(withX(categories, long[0]!).x).toEqual({ column: 0, bucket: 'month' })
    expect(withX({ ...base, x: { column: 0, bucket: 'fiscal-year' } }, long[0]!).x.bucket).toBe('fiscal-year')
  })

  it('finds a column of numbers for an aggregate and drops it for a count', () => {
    const counted = withAggregate(base, 'count', long)
    expect(counted.y).toEqual({ aggregate: 'count', column: null })
    expect(withAggregate(counted, 'max', long).y).toEqual({ aggregate: 'max', column: 2 })
    expect(withAggregate({ ...base, y: { aggregate: 'sum', column: 2 } }, 'avg', long).y).toEqual({ aggregate: 'avg', column: 2 })
  })

  it('adds a series with a default top, keeps the top when the column changes, and bounds it', () => {
    const series = withSeries(base, 1)
    expect(series.groupBy).toEqual({ column: 1, top: DEFAULT_TOP })
    expect(withSeries(withTop(series, 2), 0).groupBy).toEqual({ column: 0, top: 2 })
    expect(withTop(series, 500).groupBy?.top).toBe(50)
    expect(withTop(series, 0).groupBy?.top).toBe(1)
    expect(withTop(series, Number.NaN)).toBe(series)
    expect(withSeries(series, null).groupBy).toBeNull()
  })

  it('lets go of a share when the x axis or a series makes its two bars meaningless, and keeps it otherwise', () => {
    const shared: ChartSpec = { ...withX(base, long[1]!), share: { part: 'cases_closed', whole: 'cases_reviewed' } }
    expect(withAggregate(shared, 'max', long).share).toEqual({ part: 'cases_closed', whole: 'cases_reviewed' })
    expect(withX(shared, long[0]!).share).toBeNull()
    expect(withSeries(shared, 0).share).toBeNull()
    expect(withSeries(shared, null).share).toEqual({ part: 'cases_closed', whole: 'cases_reviewed' })
  })

  it('says what is missing before asking the archive', () => {
    expect(draftProblem({ ...base, x: { column: 9, bucket: null } }, long)).toMatch(/horizontal axis/)
    expect(draftProblem({ ...base, y: { aggregate: 'sum', column: null } }, long)).toMatch(/column of numbers/)
    expect(draftProblem({ ...base, y: { aggregate: 'avg', column: null } }, textOnly)).toMatch(/no column of numbers to take the average/)
    expect(draftProblem(base, long)).toBeNull()
  })

  it('tells an edited spec from the saved one', () => {
    const copy: ChartSpec = JSON.parse(JSON.stringify(base)) as ChartSpec
    expect(sameSpec(base, copy)).toBe(true)
    expect(sameSpec(base, { ...copy, title: 'Other' })).toBe(false)
  })
})

describe('exports', () => {
  const data: Pick<ChartData, 'xLabel' | 'labels' | 'series'> = {
    xLabel: 'as_of_date (month)',
    labels: ['2012-04', '2012-05'],
    series: [
      { name: 'cases_reviewed', values: [232000, 288361] },
      { name: 'closed, "admin"', values: [null, 4403.5] }
    ]
  }

  it('writes one line per x label and one column per series, with RFC 4180 quoting and gaps left empty', () => {
    expect(chartDataCsv(data)).toBe('as_of_date (month),cases_reviewed,"closed, ""admin"""\r\n2012-04,232000,\r\n2012-05,288361,4403.5\r\n')
    expect(csvField(' padded')).toBe('" padded"')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField(null)).toBe('')
  })

  it('writes a label or series name that starts like a formula as text for spreadsheets, and numbers as numbers', () => {
    const data = { xLabel: '=x', labels: ['=HYPERLINK("http://x")', '-', '+1 call', 'Mexico'], series: [{ name: '@total', values: [-5, 1.5e-7, null, -0.25] }] }
    expect(chartDataCsv(data)).toBe(`'=x,'@total\r\n"'=HYPERLINK(""http://x"")",-5\r\n-,1.5e-7\r\n'+1 call,\r\nMexico,-0.25\r\n`)
  })

  it('names files after the chart without characters a file system refuses', () => {
    expect(chartFileName('ICE removals by fiscal year, FY2005–FY2018', 'png')).toBe('ICE removals by fiscal year, FY2005–FY2018.png')
    expect(chartFileName('a/b: c*?', 'csv')).toBe('a b c.csv')
    expect(chartFileName('  ...  ', 'csv')).toBe('chart.csv')
    expect(chartFileName('x'.repeat(500), 'png')).toHaveLength(124)
  })
})
