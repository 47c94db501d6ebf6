import { afterAll, describe, expect, it } from 'vitest'
import { getArticle, listArticles } from '../../../../../src/main/core/articles/article-queries'
import { getDataset, listDatasets } from '../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../helpers/first-rows'
import { queryDatasetRows } from '../../../../../src/main/core/datasets/query-dataset-rows'
import { aggregateChart } from '../../../../../src/main/core/charts/aggregate-chart'
import { listCharts } from '../../../../../src/main/core/charts/chart-queries'
import { tempArchive } from '../../../../helpers/temp-archive'

const made = await tempArchive(true)
const { db } = made.archive
afterAll(() => made.cleanup())

describe('the sample archive', () => {
  it('opens on the seed article with its facts', () => {
    const seed = listArticles(db).find((article) => article.publisher === 'Colorlines')!
    expect(seed).toMatchObject({
      title: 'Record Number of Deportations Continue Despite U.S. Review of Backlog',
      byline: 'Jorge Rivas',
      publishedAt: '2012-06-07',
      url: 'https://colorlines.com/article/record-number-deportations-continue-despite-us-review-backlog/',
      sourceFile: '00_colorlines_record_deportations_despite_review_2012-06-07.txt'
    })
    const full = getArticle(db, seed.id)!
    expect(full.body).toContain('As of May 29, immigration prosecutors had examined 288,361 cases')
    expect(full.body).toContain('4,403 deportation cases have been closed')
    expect(full.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('holds government documents with their agencies', () => {
    const publishers = listArticles(db).map((article) => article.publisher)
    expect(publishers.filter((p) => p === 'U.S. Immigration and Customs Enforcement').length).toBeGreaterThanOrEqual(2)
    expect(publishers).toContain('U.S. Department of Homeland Security')
  })

  it('holds the review figures with typed columns and their sources', () => {
    const summary = listDatasets(db).find((d) => d.name.startsWith('Prosecutorial-discretion review: official figures'))!
    const dataset = getDataset(db, summary.id)!
    const types = Object.fromEntries(dataset.columns.map((c) => [c.label, c.type]))
    expect(types).toMatchObject({ as_of_date: 'date', measure: 'text', value: 'real', source_id: 'text' })
    const colorlines = dataset.sources.find((s) => s.key === 'COLORLINES_20120607')!
    expect(colorlines.url).toBe('https://colorlines.com/article/record-number-deportations-continue-despite-us-review-backlog/')
    const rows = firstRows(db, summary.id, 1000).rows.map((r) => r.values)
    const measure = dataset.columns.findIndex((c) => c.label === 'measure')
    const value = dataset.columns.findIndex((c) => c.label === 'value')
    const date = dataset.columns.findIndex((c) => c.label === 'as_of_date')
    const may29 = rows.filter((r) => r[date] === '2012-05-29')
    expect(may29.find((r) => r[measure] === 'cases_reviewed')?.[value]).toBe(288361)
    expect(may29.find((r) => r[measure] === 'cases_closed')?.[value]).toBe(4403)
  })

  it('holds ICE removals by fiscal year, FY2005–FY2018', () => {
    const summary = listDatasets(db).find((d) => d.name.startsWith('ICE removals by fiscal year'))!
    const dataset = getDataset(db, summary.id)!
    expect(dataset.columns[0]).toMatchObject({ label: 'fiscal_year', type: 'integer' })
    expect(dataset.sources.length).toBeGreaterThan(5)
    const page = firstRows(db, summary.id, 2)
    expect(page.total).toBe(summary.rowCount)
    expect(page.rows[0]).toEqual({ rowid: 1, values: [2005, 'ice_removals_and_returns', 195066, 'exact', 'TRAC_234', 'no', expect.stringContaining('TRAC')] })
    const next = queryDatasetRows(db, { datasetId: summary.id, sort: null, filters: [], after: { value: null, rowid: 2 }, limit: 1, offset: 0, count: true })
    expect(next.rows[0]!.rowid).toBe(3)
  })

  it('names every source of every sample dataset: one key each, with its publisher, title and date', () => {
    for (const summary of listDatasets(db)) {
      for (const source of getDataset(db, summary.id)!.sources) {
        expect(source.key, summary.name).not.toContain(';')
        expect(source.publisher, `${summary.name}: ${source.key}`).toBeTruthy()
        expect(source.title, `${summary.name}: ${source.key}`).not.toBe(source.key)
      }
    }
    const timeline = listDatasets(db).find((d) => d.name.includes('timeline'))!
    expect(getDataset(db, timeline.id)!.sources.map((source) => source.key)).toEqual([
      'MORTON_MEMO_20110617',
      'NAPOLITANO_LETTER_20110818',
      'FAIR_20120119',
      'LAT_20120330',
      'SCPR_20120403',
      'AIC_IMPACT_20120730'
    ])
  })

  it('comes with the review dashboard: three charts whose figures match the seed article and the official data', () => {
    const charts = listCharts(db)
    expect(charts.map((chart) => chart.name)).toEqual([
      'ICE removals by fiscal year, FY2005–FY2018',
      'Review: cases reviewed and cases closed, by report date',
      'Review: closure rate on 29 May 2012'
    ])
    const [removals, review, closure] = charts.map((chart) => aggregateChart(db, chart.spec))
    // The closure rate the seed article calls "fewer than 2 percent": 4,403 of 288,361.
    expect(closure!.labels).toEqual(['cases_closed', 'cases_reviewed'])
    const [closed, reviewed] = closure!.series[0]!.values as number[]
    expect([closed, reviewed]).toEqual([4403, 288361])
    expect(((closed! / reviewed!) * 100).toFixed(2)).toBe('1.53')
    // The chart shows that rate itself, worked out from its two bars, not only in a title typed by hand.
    expect(closure!.share).toEqual({
      part: { label: 'cases_closed', value: 4403 },
      whole: { label: 'cases_reviewed', value: 288361 },
      percent: expect.closeTo(1.5269, 4),
      text: 'cases_closed: 1.53% of cases_reviewed (4,403 of 288,361)'
    })
    const may29 = review!.labels.indexOf('2012-05-29')
    expect(Object.fromEntries(review!.series.map((series) => [series.name, series.values[may29]]))).toEqual({ cases_reviewed: 288361, cases_closed: 4403 })
    const fy = (year: string, measure: string) => removals!.series.find((series) => series.name === measure)!.values[removals!.labels.indexOf(year)]
    expect([fy('2005', 'ice_removals_and_returns'), fy('2012', 'ice_removals_total'), fy('2012', 'ice_removals_convicted_criminal')]).toEqual([195066, 409849, 225390])
    expect(removals!.labels[0]).toBe('2005')
    expect(removals!.labels.at(-1)).toBe('2018')
    for (const data of [removals, review, closure]) expect(data!.caption).toMatch(/^Source: .+, compiled from .+\.$/)
  })
})
