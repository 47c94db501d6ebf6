// Cells are kept as written: no text becomes an empty cell unless the person chose it (and is told
// how many), and no number loses its spelling, while numeric columns still sort, filter, aggregate
// and chart as numbers.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { ChartSpec, RowFilter } from '../../../../../src/shared/chart-spec'
import type { ImportOptions } from '../../../../../src/shared/model'
import { aggregateChart } from '../../../../../src/main/core/charts/aggregate-chart'
import { getDataset } from '../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../helpers/first-rows'
import { columnStats, queryDatasetRows } from '../../../../../src/main/core/datasets/query-dataset-rows'
import { setColumnType } from '../../../../../src/main/core/datasets/set-column-type'
import { importTestArchive } from '../../../../helpers/import-test-archive'

async function setup() {
  const made = await importTestArchive()
  const { db } = made
  const run = (path: string, options: Partial<ImportOptions> = {}) => made.run(path, options, () => undefined)
  const values = (id: number) => firstRows(db, id, 1000).rows.map((row) => row.values)
  const types = (id: number) => getDataset(db, id)!.columns.map((column) => column.type)
  return { db, write: made.write, run, values, types }
}

// FOIA logs mark withheld figures with the exemption that withholds them; "N/A" is not "0" or "blank".
const TABLE = [
  ['case', 'removals', 'note'],
  ['1', '12', 'N/A'],
  ['2', 'b6', '(b)(6)'],
  ['3', '(b)(6)', 'b7(C)'],
  ['4', '7', ''],
  ['5', 'N/A', 'b6']
]

describe('cells kept as written', () => {
  it('imports a plain TSV and its CSV twin to the same cells: N/A, b6, (b)(6) and b7(C) stay text', async () => {
    const { write, run, values, types } = await setup()
    const tsv = await run(write('removals.tsv', `${TABLE.map((row) => row.join('\t')).join('\n')}\n`))
    const csv = await run(write('removals.csv', `${TABLE.map((row) => row.join(',')).join('\n')}\n`))
    expect([tsv.status, csv.status]).toEqual(['imported', 'imported'])
    const expected = [
      [1, 12, 'N/A'],
      [2, 'b6', '(b)(6)'],
      [3, '(b)(6)', 'b7(C)'],
      [4, 7, null],
      [5, 'N/A', 'b6']
    ]
    expect(values(tsv.id!)).toEqual(expected)
    expect(values(csv.id!)).toEqual(expected)
    // The markers do not make the removals column text: it stays a column of numbers.
    expect(types(tsv.id!)).toEqual(['integer', 'integer', 'text'])
    expect(types(csv.id!)).toEqual(['integer', 'integer', 'text'])
    expect(tsv.emptiedCells).toEqual([])
  })

  it('makes only the chosen null tokens empty, quoted or not, and counts them per column', async () => {
    const { write, run, values, types } = await setup()
    const text = `${TABLE.map((row) => row.join(',')).join('\n')}\n6,"N/A","N/A!"\n`
    const outcome = await run(write('chosen.csv', text), { nullTokens: ['N/A', 'b6'] })
    expect(outcome.status).toBe('imported')
    expect(values(outcome.id!)).toEqual([
      [1, 12, null],
      [2, null, '(b)(6)'],
      [3, '(b)(6)', 'b7(C)'],
      [4, 7, null],
      [5, null, null],
      [6, null, 'N/A!']
    ])
    expect(types(outcome.id!)).toEqual(['integer', 'integer', 'text'])
    expect(outcome.emptiedCells).toEqual([
      { column: 'removals', token: 'N/A', cells: 2 },
      { column: 'removals', token: 'b6', cells: 1 },
      { column: 'note', token: 'N/A', cells: 1 },
      { column: 'note', token: 'b6', cells: 1 }
    ])
  })

  it('keeps a column of numbers with markers numeric: it sorts, filters, aggregates and charts its numbers, and its stats count the markers', async () => {
    const { db, write, run } = await setup()
    const lines = ['office,removals', 'Denver,12', 'Denver,b6', 'Miami,30', 'Miami,(b)(6)', 'Miami,N/A', 'Houston,5', 'Houston,']
    const outcome = await run(write('offices.csv', `${lines.join('\n')}\n`))
    const id = outcome.id!
    expect(getDataset(db, id)!.columns[1]!.type).toBe('integer')

    const sorted = queryDatasetRows(db, { datasetId: id, sort: { column: 1, direction: 'asc' }, filters: [], after: null, limit: 100, offset: 0, count: true })
    expect(sorted.rows.map((row) => row.values[1])).toEqual([null, 5, 12, 30, '(b)(6)', 'N/A', 'b6'])

    const atLeast: RowFilter = { column: 1, op: 'between', value: null, min: '6', max: null }
    const filtered = queryDatasetRows(db, { datasetId: id, sort: null, filters: [atLeast], after: null, limit: 100, offset: 0, count: true })
    expect(filtered.rows.map((row) => row.values[1])).toEqual([12, 30])

    const stats = columnStats(db, id, 1, [])
    expect(stats).toMatchObject({ min: 5, max: 30, empty: 1, markers: 3 })

    const chart = (aggregate: ChartSpec['y']['aggregate']): ChartSpec => ({
      datasetId: id,
      type: 'bar',
      title: 'Removals',
      x: { column: 0, bucket: null },
      y: { aggregate, column: 1 },
      groupBy: null,
      share: null,
      filters: []
    })
    expect(aggregateChart(db, chart('sum')).series[0]!.values).toEqual([12, 5, 30])
    expect(aggregateChart(db, chart('avg')).series[0]!.values).toEqual([12, 5, 30])
    expect(aggregateChart(db, chart('max')).series[0]!.values).toEqual([12, 5, 30])
    expect(aggregateChart(db, chart('min')).series[0]!.values).toEqual([12, 5, 30])
    // Filters on a chart read the numbers the same way.
    const over = aggregateChart(db, { ...chart('sum'), filters: [atLeast] })
    expect([over.labels, over.series[0]!.values]).toEqual([['Denver', 'Miami'], [12, 30]])
  })

  it('keeps a column of dates with markers a column of dates: it charts by month, filters and counts its dates, and its stats count the markers (review R23-32)', async () => {
    const { db, write, run, values } = await setup()
    const lines = ['case,filed', 'c1,2012-01-15', 'c2,(b)(6)', 'c3,2012-01-20', 'c4,2012-03-02', 'c5,-', 'c6,Unknown', 'c7,']
    const csv = await run(write('filed.csv', `${lines.join('\n')}\n`))
    // The same in an .xlsx: date cells and the markers typed beside them.
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('Filed')
    sheet.addRow(['case', 'filed'])
    for (const line of lines.slice(1)) {
      const [name, filed] = line.split(',') as [string, string]
      const row = sheet.addRow([name, /^\d{4}-/.test(filed) ? new Date(`${filed}T00:00:00Z`) : filed === '' ? null : filed])
      row.getCell(2).numFmt = 'yyyy-mm-dd'
    }
    const xlsx = await run(write('filed.xlsx', new Uint8Array(await book.xlsx.writeBuffer())))
    for (const id of [csv.id!, xlsx.sheets?.[0]?.id ?? xlsx.id!]) {
      expect(getDataset(db, id)!.columns[1]!.type).toBe('date')
      expect(values(id).map((row) => row[1])).toEqual(['2012-01-15', '(b)(6)', '2012-01-20', '2012-03-02', '-', 'Unknown', null])

      const byMonth: ChartSpec = { datasetId: id, type: 'bar', title: 'Filed', x: { column: 1, bucket: 'month' }, y: { aggregate: 'count', column: null }, groupBy: null, share: null, filters: [] }
      const chart = aggregateChart(db, byMonth)
      // The markers have no month: left out, as an empty date is.
      expect([chart.labels, chart.series[0]!.values, chart.rows]).toEqual([['2012-01', '2012-02', '2012-03'], [2, 0, 1], 3])
      for (const bucket of ['day', 'week', 'quarter', 'year', 'fiscal-year'] as const) expect(aggregateChart(db, { ...byMonth, x: { column: 1, bucket } }).rows, bucket).toBe(3)

      const since: RowFilter = { column: 1, op: 'between', value: null, min: '2012-01-16', max: null }
      const filtered = queryDatasetRows(db, { datasetId: id, sort: null, filters: [since], after: null, limit: 100, offset: 0, count: true })
      expect(filtered.rows.map((row) => row.values[1])).toEqual(['2012-01-20', '2012-03-02'])

      expect(columnStats(db, id, 1, [])).toMatchObject({ min: '2012-01-15', max: '2012-03-02', empty: 1, markers: 3 })
    }
  })

  it('shows every number as it was spelled, while it sorts and sums as the number it is', async () => {
    const { db, write, run, values } = await setup()
    const spelled = ['8.0', '1.50', '+3', '2', '1e3', '8896394.4441846665', '-0', '0.0000001', '.5', '1e20']
    const outcome = await run(write('spelled.csv', `id,amount\n${spelled.map((value, i) => `${i + 1},${value}`).join('\n')}\n`))
    const id = outcome.id!
    expect(getDataset(db, id)!.columns[1]!.type).toBe('real')
    expect(values(id).map((row) => row[1])).toEqual(['8.0', '1.50', '+3', 2, '1e3', '8896394.4441846665', '-0', '0.0000001', '.5', '1e20'])
    // Stored as numbers: SQL sorts and sums them as such.
    expect(db.prepare(`SELECT typeof(c1) AS t, count(*) AS n FROM ds_${id} GROUP BY 1`).all()).toEqual([
      { t: 'integer', n: 5 },
      { t: 'real', n: 5 }
    ])
    const sorted = queryDatasetRows(db, { datasetId: id, sort: { column: 1, direction: 'desc' }, filters: [], after: null, limit: 3, offset: 0, count: true })
    expect(sorted.rows.map((row) => row.values[1])).toEqual(['1e20', '8896394.4441846665', '1e3'])
    // The next page starts after the number, not after its spelling.
    const next = queryDatasetRows(db, { datasetId: id, sort: { column: 1, direction: 'desc' }, filters: [], after: sorted.next, limit: 3, offset: 0, count: true })
    expect(next.rows.map((row) => row.values[1])).toEqual(['8.0', '+3', 2])
    const equalsEight: RowFilter = { column: 1, op: 'equals', value: '8', min: null, max: null }
    expect(queryDatasetRows(db, { datasetId: id, sort: null, filters: [equalsEight], after: null, limit: 10, offset: 0, count: true }).rows.map((row) => row.values[1])).toEqual(['8.0'])
  })

  it('gives the spelling back when a column of numbers is read as text, and keeps it when read as numbers again', async () => {
    const { db, write, run, values } = await setup()
    const outcome = await run(write('retyped.csv', 'v\n8.0\n1.50\n7\n'))
    const id = outcome.id!
    setColumnType(db, id, 0, 'text')
    expect(db.prepare(`SELECT c0 AS v, typeof(c0) AS t FROM ds_${id} ORDER BY rowid`).all()).toEqual([
      { v: '8.0', t: 'text' },
      { v: '1.50', t: 'text' },
      { v: '7', t: 'text' }
    ])
    setColumnType(db, id, 0, 'real')
    expect(db.prepare(`SELECT typeof(c0) AS t FROM ds_${id} ORDER BY rowid`).pluck().all()).toEqual(['integer', 'real', 'integer'])
    expect(values(id).map((row) => row[0])).toEqual(['8.0', '1.50', 7])
  })

  it('shows numbers as they were spelled in chart labels, series names, a column’s lowest and highest and its listed values', async () => {
    const { db, write, run } = await setup()
    // 8 is written "8.0" twice and "8" once: no one spelling, so it is shown as the number.
    const lines = ['office,amount,rate', 'Denver,1.50,8.0', 'Miami,1.50,8.0', 'Denver,1e3,2', 'Miami,2,8']
    const id = (await run(write('figures.csv', `${lines.join('\n')}\n`))).id!
    expect(getDataset(db, id)!.columns.map((column) => column.type)).toEqual(['text', 'real', 'real'])

    const amount = columnStats(db, id, 1, [])
    expect(amount).toMatchObject({ min: 1.5, max: 1000, spellings: { '1.5': '1.50', '1000': '1e3' } })
    expect(amount.facets).toEqual([
      { value: 1.5, count: 2 },
      { value: 2, count: 1 },
      { value: 1000, count: 1 }
    ])
    expect(columnStats(db, id, 2, []).spellings).toEqual({})

    const chart: ChartSpec = { datasetId: id, type: 'bar', title: 'Amounts', x: { column: 1, bucket: null }, y: { aggregate: 'count', column: null }, groupBy: null, share: null, filters: [] }
    const byAmount = aggregateChart(db, chart)
    expect([byAmount.labels, byAmount.series[0]!.values]).toEqual([['1.50', '2', '1e3'], [2, 1, 1]])
    expect(aggregateChart(db, { ...chart, x: { column: 2, bucket: null } }).labels).toEqual(['2', '8'])
    const series = aggregateChart(db, { ...chart, x: { column: 0, bucket: null }, groupBy: { column: 1, top: 10 } })
    expect(series.series.map((one) => one.name)).toEqual(['1.50', '1e3', '2'])

    // The spellings a drawing needs are kept with the chart's answers, and found anew once the rows change.
    expect(db.prepare("SELECT count(*) FROM chart_cache WHERE query LIKE '%_spellings%'").pluck().get()).toBeGreaterThan(0)
    expect(aggregateChart(db, chart).labels).toEqual(['1.50', '2', '1e3'])
    db.prepare(`UPDATE ds_${id} SET c1 = 1.5 WHERE rowid = 4`).run()
    db.prepare('UPDATE datasets SET data_version = data_version + 1 WHERE id = ?').run(id)
    // Now 1.5 is also held by a cell without a spelling: shown as the number.
    expect(aggregateChart(db, chart).labels).toEqual(['1.5', '1e3'])
  })
})
