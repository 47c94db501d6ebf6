import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import Database from 'better-sqlite3'
import type { ChartSpec } from '../../../../../src/shared/chart-spec'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../../src/shared/model'
import { aggregateChart } from '../../../../../src/main/core/charts/aggregate-chart'
import { bucketExpression, bucketRange, nextBucket } from '../../../../../src/main/core/charts/bucket-expression'
import { cellKeyExpression, compareCellValues, parseCellKey } from '../../../../../src/main/core/charts/chart-cell-key'
import { chartPass, type ChartPass } from '../../../../../src/main/core/charts/chart-pass'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { getDataset } from '../../../../../src/main/core/datasets/dataset-queries'
import { setColumnType } from '../../../../../src/main/core/datasets/set-column-type'
import { tempArchive } from '../../../../helpers/temp-archive'

let db: Database.Database
let cleanup: () => void
let datasetId: number
let dir: string
let archivePath: string

// Columns: 0 filed_on (date), 1 court, 2 outcome, 3 days (integer), 4 bond (real)
const CSV = `filed_on,court,outcome,days,bond
2011-09-30,Denver,removal,10,100.5
2011-10-01,Denver,closed,20,200
2011-10-15,Miami,removal,30,
2012-01-31,Miami,removal,40,50.25
2012-03-01,Denver,removal,50,10
2012-09-30,Houston,closed,60,
2012-10-01,Houston,removal,70,1
,Denver,removal,80,5
`

beforeAll(async () => {
  const made = await tempArchive(false)
  db = made.archive.db
  cleanup = made.cleanup
  dir = made.dir
  archivePath = made.path
  const path = join(made.dir, 'cases.csv')
  writeFileSync(path, CSV)
  datasetId = (await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!
})
afterAll(() => cleanup())

function spec(overrides: Partial<ChartSpec>): ChartSpec {
  return { datasetId, type: 'bar', title: 'Cases', x: { column: 0, bucket: 'fiscal-year' }, y: { aggregate: 'count', column: null }, groupBy: null, share: null, filters: [], ...overrides }
}

const values = (data: ReturnType<typeof aggregateChart>) => data.series.map((series) => [series.name, series.values])

describe('aggregateChart', () => {
  it('counts rows by US federal fiscal year: 30 September ends one, 1 October starts the next', () => {
    const data = aggregateChart(db, spec({}))
    expect(data.labels).toEqual(['FY2011', 'FY2012', 'FY2013'])
    expect(values(data)).toEqual([['Rows (count)', [1, 5, 1]]])
    expect(data).toMatchObject({ xKind: 'date', xLabel: 'filed_on (fiscal year)', yLabel: 'Rows (count)', rows: 7, caption: 'Source: cases.' })
  })

  it('fills the months, quarters and weeks that have no rows', () => {
    const months = aggregateChart(db, spec({ x: { column: 0, bucket: 'month' } }))
    expect(months.labels).toHaveLength(14)
    expect(months.labels.slice(0, 5)).toEqual(['2011-09', '2011-10', '2011-11', '2011-12', '2012-01'])
    expect(months.series[0]!.values).toEqual([1, 2, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1])
    const quarters = aggregateChart(db, spec({ x: { column: 0, bucket: 'quarter' } }))
    expect([quarters.labels, quarters.series[0]!.values]).toEqual([['2011-Q3', '2011-Q4', '2012-Q1', '2012-Q2', '2012-Q3', '2012-Q4'], [1, 2, 2, 0, 1, 1]])
    const weeks = aggregateChart(db, spec({ x: { column: 0, bucket: 'week' } }))
    // 30 Sep 2011 was a Friday and 1 Oct a Saturday: both in the week of Monday 26 September.
    expect([weeks.labels[0], weeks.series[0]!.values[0], weeks.labels[1]]).toEqual(['2011-09-26', 2, '2011-10-03'])
    const years = aggregateChart(db, spec({ x: { column: 0, bucket: 'year' } }))
    expect([years.labels, years.series[0]!.values]).toEqual([['2011', '2012'], [3, 4]])
  })

  it('sums, averages and takes extremes of a numeric column, ignoring empty cells', () => {
    expect(aggregateChart(db, spec({ y: { aggregate: 'sum', column: 3 } })).series[0]).toEqual({ name: 'Days (total)', values: [10, 200, 70] })
    expect(aggregateChart(db, spec({ y: { aggregate: 'sum', column: 3 }, x: { column: 0, bucket: 'month' } })).series[0]!.values.slice(0, 4)).toEqual([10, 50, null, null])
    expect(aggregateChart(db, spec({ y: { aggregate: 'avg', column: 4 } })).series[0]!.values).toEqual([100.5, 86.75, 1])
    expect(aggregateChart(db, spec({ y: { aggregate: 'min', column: 4 } })).series[0]!.values).toEqual([100.5, 10, 1])
    expect(aggregateChart(db, spec({ y: { aggregate: 'max', column: 3 }, x: { column: 0, bucket: 'month' } })).series[0]!.values.slice(0, 4)).toEqual([10, 30, null, null])
  })

  it('shows the share one bar is of another, with both figures, when the chart asks for it', () => {
    const byCourt = { x: { column: 1, bucket: null }, y: { aggregate: 'sum', column: 3 } } as const
    expect(aggregateChart(db, spec(byCourt)).share).toBe(null)
    const data = aggregateChart(db, spec({ ...byCourt, share: { part: 'Miami', whole: 'Denver' } }))
    // Miami 30 + 40 = 70 days; Denver 10 + 20 + 50 + 80 = 160.
    expect(data.share).toEqual({ part: { label: 'Miami', value: 70 }, whole: { label: 'Denver', value: 160 }, percent: 43.75, text: 'Miami: 43.75% of Denver (70 of 160)' })
    expect(() => aggregateChart(db, spec({ ...byCourt, share: { part: 'Boston', whole: 'Denver' } }))).toThrow(
      '“Boston” is not a value on the x axis (court), so its share of “Denver” cannot be shown; choose two values the chart shows.'
    )
    expect(() => aggregateChart(db, spec({ ...byCourt, groupBy: { column: 2, top: 2 }, share: { part: 'Miami', whole: 'Denver' } }))).toThrow(
      'A share compares two bars of one series; remove the series to show it.'
    )
  })

  it('names the y axis after the measured column, with the aggregate in words', () => {
    const yLabel = (aggregate: ChartSpec['y']['aggregate'], column: number | null) => aggregateChart(db, spec({ y: { aggregate, column } })).yLabel
    expect(yLabel('count', null)).toBe('Rows (count)')
    expect(yLabel('sum', 3)).toBe('Days (total)')
    expect(yLabel('avg', 4)).toBe('Bond (average)')
    expect(yLabel('min', 4)).toBe('Bond (smallest value reported)')
    expect(yLabel('max', 3)).toBe('Days (largest value reported)')
  })

  it('makes one series per group, the largest first, the rest as Other', () => {
    const data = aggregateChart(db, spec({ groupBy: { column: 1, top: 1 } }))
    expect(values(data)).toEqual([
      ['Denver', [1, 2, 0]],
      ['Other', [0, 3, 1]]
    ])
    expect(values(aggregateChart(db, spec({ groupBy: { column: 1, top: 5 } }))).map(([name]) => name)).toEqual(['Denver', 'Houston', 'Miami'])
  })

  it('adds the sums folded into Other exactly, rounding once as each group’s own sum is', async () => {
    const path = join(dir, 'folded.csv')
    writeFileSync(path, 'year,office,amount\n2012,Top,1\n2012,Top,1\n2012,Top,1\n2012,A,0.1\n2012,B,0.2\n2012,C,0.3\n')
    const foldedId = (await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!
    const data = aggregateChart(db, spec({ datasetId: foldedId, x: { column: 0, bucket: null }, y: { aggregate: 'sum', column: 2 }, groupBy: { column: 1, top: 1 } }))
    // Added one by one, 0.1 + 0.2 + 0.3 is 0.6000000000000001; SQLite's sum() of the three rows is 0.6.
    expect(db.prepare(`SELECT sum(c2) FROM ds_${foldedId} WHERE c1 <> 'Top'`).pluck().get()).toBe(0.6)
    expect(values(data)).toEqual([
      ['Top', [3]],
      ['Other', [0.6]]
    ])
  })

  it('reads any column as categories, undated rows included', () => {
    const data = aggregateChart(db, spec({ x: { column: 1, bucket: null } }))
    expect([data.xKind, data.labels, data.series[0]!.values]).toEqual(['category', ['Denver', 'Houston', 'Miami'], [4, 2, 2]])
    expect(aggregateChart(db, spec({ x: { column: 3, bucket: null } })).labels.slice(0, 3)).toEqual(['10', '20', '30'])
  })

  it('applies filters as bound conditions', () => {
    const removals = aggregateChart(db, spec({ filters: [{ column: 2, op: 'equals', value: 'removal', min: null, max: null }] }))
    expect(removals.series[0]!.values).toEqual([1, 3, 1])
    const window = aggregateChart(db, spec({ filters: [{ column: 0, op: 'between', value: null, min: '2012-01-01', max: '2012-09-30' }] }))
    expect([window.labels, window.series[0]!.values]).toEqual([['FY2012'], [3]])
    const big = aggregateChart(db, spec({ x: { column: 1, bucket: null }, filters: [{ column: 3, op: 'between', value: null, min: '45', max: null }] }))
    expect([big.labels, big.series[0]!.values]).toEqual([['Denver', 'Houston'], [2, 2]])
    const hostile = aggregateChart(db, spec({ filters: [{ column: 1, op: 'contains', value: "'); DROP TABLE datasets; --", min: null, max: null }] }))
    expect(hostile.labels).toEqual([])
    const empty = aggregateChart(db, spec({ filters: [{ column: 4, op: 'empty', value: null, min: null, max: null }] }))
    expect([empty.labels, empty.series[0]!.values]).toEqual([['FY2012'], [2]])
  })

  it('refuses charts the data cannot make, naming the column and the fix', () => {
    expect(() => aggregateChart(db, spec({ x: { column: 1, bucket: 'month' } }))).toThrow('“court” holds text values, not dates, so it cannot be grouped by month; choose a date column or show it as categories.')
    expect(() => aggregateChart(db, spec({ y: { aggregate: 'sum', column: 1 } }))).toThrow('“court” holds text values; a sum needs a column of numbers.')
    expect(() => aggregateChart(db, spec({ y: { aggregate: 'avg', column: null } }))).toThrow('An average needs a numeric column for the y axis.')
    expect(() => aggregateChart(db, spec({ x: { column: 9, bucket: null } }))).toThrow('The chart’s x axis is column 10, but the dataset has 5 columns.')
    expect(() => aggregateChart(db, spec({ datasetId: 999 }))).toThrow('Dataset 999 was not found in this archive.')
  })

  it('orders categories as SQLite does and keeps quotes, commas and look-alike values apart', async () => {
    const path = join(dir, 'odd-values.csv')
    writeFileSync(path, 'n,who\n100,it\'s\n9,"a,b"\n10,NULL\n9,\uFFFD\n100,\u{1F600}\n9,it\'s\n,"a,b"\n')
    const oddId = (await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!
    const odd = (overrides: Partial<ChartSpec>) => aggregateChart(db, spec({ datasetId: oddId, x: { column: 0, bucket: null }, ...overrides }))
    // Numbers by value (9 < 10 < 100, not as text); the empty n is left off the axis.
    expect([odd({}).labels, odd({}).series[0]!.values, odd({}).rows]).toEqual([['9', '10', '100'], [3, 1, 2], 6])
    // Text by code point: U+FFFD sorts before U+1F600 although its UTF-16 unit is larger.
    const who = odd({ x: { column: 1, bucket: null } })
    expect([who.labels, who.series[0]!.values]).toEqual([['NULL', 'a,b', "it's", '\uFFFD', '\u{1F600}'], [1, 2, 2, 1, 1]])
    const bySeries = odd({ groupBy: { column: 1, top: 2 } })
    expect(values(bySeries)).toEqual([
      ["it's", [1, 0, 1]],
      ['NULL', [0, 1, 0]],
      ['Other', [2, 0, 1]]
    ])
  })

  it('keeps what a chart found in the archive, and a change of a column\'s type makes it count again', async () => {
    const path = join(dir, 'codes.csv')
    writeFileSync(path, 'code\n7\n7.0\nnone known\n')
    const codesId = (await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!
    const chart = spec({ datasetId: codesId, x: { column: 0, bucket: null } })
    expect(aggregateChart(db, chart).series[0]!.values).toEqual([1, 1, 1])
    const kept = db.prepare('SELECT count(*) FROM chart_cache WHERE dataset_id = ?').pluck()
    expect(kept.get(codesId)).toBe(1)
    // Kept: the second drawing reads the stored cells, not the rows.
    db.prepare('UPDATE chart_cache SET cells = ? WHERE dataset_id = ?').run(JSON.stringify([{ k: "'kept'", n: 7, y: 7, ny: 7 }]), codesId)
    expect(aggregateChart(db, chart).labels).toEqual(['kept'])
    // 7 and 7.0 become the one number 7: the chart counts the rewritten rows, not what it kept.
    expect(getDataset(db, codesId)!.columns[0]!.type).toBe('text')
    setColumnType(db, codesId, 0, 'real')
    const retyped = aggregateChart(db, chart)
    expect([retyped.labels.length, retyped.series[0]!.values]).toEqual([2, [2, 1]])
  })

  it('draws a chart at once while another process holds the write lock, and keeps its answer once the lock is free', () => {
    const chart = spec({ x: { column: 0, bucket: 'quarter' }, groupBy: { column: 2, top: 1 } })
    const writer = new Database(archivePath)
    writer.exec('BEGIN IMMEDIATE')
    const kept = db.prepare('SELECT count(*) FROM chart_cache WHERE dataset_id = ?').pluck()
    const before = kept.get(datasetId) as number
    try {
      const started = performance.now()
      expect(aggregateChart(db, chart).rows).toBe(7)
      // The archive waits up to 5 s for a lock; keeping a chart's answer never does.
      expect(performance.now() - started).toBeLessThan(2_000)
      expect(kept.get(datasetId)).toBe(before)
    } finally {
      writer.exec('ROLLBACK')
      writer.close()
    }
    expect(aggregateChart(db, chart).rows).toBe(7)
    expect(kept.get(datasetId)).toBe(before + 1)
    // Over a read-only connection (a damaged archive, read-only media) a new chart is counted and not kept.
    const reader = new Database(archivePath, { readonly: true })
    try {
      expect(aggregateChart(reader, spec({ x: { column: 0, bucket: 'year' }, groupBy: { column: 2, top: 1 } })).rows).toBe(7)
      // A sum too: no index is wanted, so nothing needs writing. Days by year: 2011 10+20+30, 2012 40+50+60+70.
      expect(aggregateChart(reader, spec({ x: { column: 0, bucket: 'year' }, y: { aggregate: 'sum', column: 3 } })).series[0]!.values).toEqual([60, 220])
    } finally {
      reader.close()
    }
    expect(kept.get(datasetId)).toBe(before + 1)
  })

  it('builds no index for a count, a sum or any other measure: each is one pass over the rows', () => {
    const chartIndexes = () => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND name LIKE ?").pluck().all(`ds_${datasetId}`, '%chart%')
    const before = chartIndexes()
    const counted = aggregateChart(db, spec({ x: { column: 0, bucket: 'month' }, groupBy: { column: 1, top: 3 } }))
    expect(counted.rows).toBe(7)
    for (const aggregate of ['sum', 'avg', 'min', 'max'] as const) aggregateChart(db, spec({ x: { column: 0, bucket: 'year' }, y: { aggregate, column: 3 } }))
    expect(chartIndexes()).toEqual(before)
  })

  it('counts cells as a GROUP BY of quote() finds them: integers past 2^53 apart, text 5 apart from 5, NULLs, quotes', () => {
    const memory = new Database(':memory:')
    memory.exec('CREATE TABLE t (a ANY, b ANY) STRICT')
    const insert = memory.prepare('INSERT INTO t (a, b) VALUES (?, ?)')
    const values = [9007199254740993n, 9007199254740992n, 5n, '5', 2.5, null, "it's", 'a,b', '', -0.125, 1e300]
    values.forEach((a, at) => values.forEach((b, bt) => { for (let i = 0; i <= (at + bt) % 3; i++) insert.run(a, b) }))
    const countCells = (pass: Omit<ChartPass, 'y'>) => chartPass(memory, { ...pass, y: null })
    const parsed = (rows: { k: string; n: number }[] | null, series: boolean) => rows!.map((row) => ({ ...parseCellKey(row.k, series), n: row.n })).sort((p, q) => compareCellValues(p.x, q.x) || compareCellValues(p.g, q.g) || p.n - q.n)
    const grouped = (key: string) => memory.prepare(`SELECT ${key} AS k, count(*) AS n FROM t GROUP BY 1`).all() as { k: string; n: number }[]
    expect(parsed(countCells({ table: 't', x: 'a', series: 'b', conditions: [], params: [], maxCells: 1000 }), true)).toEqual(parsed(grouped(cellKeyExpression('a', 'b')), true))
    expect(parsed(countCells({ table: 't', x: 'a', series: null, conditions: [], params: [], maxCells: 1000 }), false)).toEqual(parsed(grouped(cellKeyExpression('a', null)), false))
    expect(countCells({ table: 't', x: 'a', series: 'b', conditions: [], params: [], maxCells: 1000 })).toHaveLength(values.length ** 2)
    memory.close()
  })

  it('counts cells under filters, and answers null (the chart is refused) past the most a chart can show', () => {
    const memory = new Database(':memory:')
    memory.exec('CREATE TABLE t (a INTEGER, b TEXT)')
    const insert = memory.prepare('INSERT INTO t (a, b) VALUES (?, ?)')
    for (let i = 0; i < 500; i++) insert.run(i, i % 2 === 0 ? 'even' : 'odd')
    const countCells = (pass: Omit<ChartPass, 'y'>) => chartPass(memory, { ...pass, y: null })
    expect(countCells({ table: 't', x: 'b', series: null, conditions: ['a < ?'], params: [10], maxCells: 100 })!.sort((x, y) => x.k.localeCompare(y.k))).toEqual([
      { k: "'even'", n: 5, y: 5, ny: 5 },
      { k: "'odd'", n: 5, y: 5, ny: 5 }
    ])
    expect(countCells({ table: 't', x: 'a', series: null, conditions: [], params: [], maxCells: 100 })).toBeNull()
    expect(countCells({ table: 't', x: 'a', series: null, conditions: [], params: [], maxCells: 500 })).toHaveLength(500)
    expect(countCells({ table: 't', x: 'a % 7', series: 'b', conditions: [], params: [], maxCells: 100 })).toHaveLength(14)
    expect(countCells({ table: 't', x: 'a', series: null, conditions: ['a < 0'], params: [], maxCells: 100 })).toEqual([])
    memory.close()
  })
})

describe('date buckets', () => {
  it('steps to the next period across year ends', () => {
    expect(nextBucket('2011-12', 'month')).toBe('2012-01')
    expect(nextBucket('2011-Q4', 'quarter')).toBe('2012-Q1')
    expect(nextBucket('FY2012', 'fiscal-year')).toBe('FY2013')
    expect(nextBucket('2012-02-28', 'day')).toBe('2012-02-29')
    expect(nextBucket('2011-12-26', 'week')).toBe('2012-01-02')
    expect(bucketRange('2011', '2014', 'year')).toEqual(['2011', '2012', '2013', '2014'])
  })
})

describe('a date axis over odd days and long spans', () => {
  async function datasetOf(csv: string): Promise<{ db: Database.Database; id: number }> {
    const made = await tempArchive(false)
    onTestFinished(made.cleanup)
    const path = join(made.dir, 'days.csv')
    writeFileSync(path, csv)
    const outcome = await importOneFile(made.archive.db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
    return { db: made.archive.db, id: outcome.id! }
  }

  it('keeps Excel’s 1900-02-29 (a date column holds it as written) as a day of its own between the 28th and 1 March', async () => {
    const { db: days, id } = await datasetOf('day\n1899-12-31\n1900-02-28\n1900-02-29\n1900-02-29\n1900-03-01\n')
    const data = aggregateChart(days, { ...spec({ x: { column: 0, bucket: 'day' } }), datasetId: id })
    expect(data.rows).toBe(5)
    expect(data.series[0]!.values.reduce((sum, value) => sum! + value!, 0)).toBe(5)
    const at = data.labels.indexOf('1900-02-29')
    expect(data.labels.slice(at - 1, at + 2)).toEqual(['1900-02-28', '1900-02-29', '1900-03-01'])
    expect(data.series[0]!.values.slice(at - 1, at + 2)).toEqual([1, 2, 1])
  })

  it('counts every row when the days span more buckets than are filled in (1850 to 2012 by day)', async () => {
    const { db: days, id } = await datasetOf('day\n1850-06-01\n1900-01-01\n2012-05-29\n')
    const data = aggregateChart(days, { ...spec({ x: { column: 0, bucket: 'day' } }), datasetId: id })
    expect(data.series[0]!.values.reduce((sum, value) => sum! + value!, 0)).toBe(3)
    expect(data.labels.at(-1)).toBe('2012-05-29')
  })
})
