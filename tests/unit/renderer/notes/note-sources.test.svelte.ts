import { describe, expect, it } from 'vitest'
import type { ChartData } from '../../../../src/shared/chart-spec'
import type { ArticleSummary, Citation, DatasetSummary, SavedChart } from '../../../../src/shared/model'
import { NoteSources } from '../../../../src/renderer/src/notes/note-sources.svelte'
import { deferred, installFakeBridge, Refusal } from '../fake-bridge'
import { sampleChart, sampleChartData, sampleCitation } from '../samples'

const article: ArticleSummary = { id: 1, title: 'Record Number of Deportations', byline: null, publisher: 'Colorlines', publishedAt: '2012-06-07', url: null, sourceFile: null, wordCount: 900 }
const dataset: DatasetSummary = { id: 2, name: 'ICE removals', description: null, rowCount: 14, columnCount: 2, sourceFile: null, importedAt: '2026-01-05T10:00:00.000Z', sheet: null }
const chart: SavedChart = sampleChart(7, 'Removals by year')
const data: ChartData = sampleChartData(chart.spec)

function archive(citations: Citation[]): ReturnType<typeof installFakeBridge> {
  return installFakeBridge({
    listCitations: () => citations,
    listCharts: () => [chart],
    listArticles: () => [article],
    listDatasets: () => [dataset],
    chartData: () => data
  })
}

describe('NoteSources', () => {
  it('is loading until the four lists are in, then names and describes each source', async () => {
    const bridge = archive([sampleCitation(40, { noteId: 3, kind: 'article', sourceId: 1 })])
    const sources = new NoteSources(3)
    expect(sources.loading).toBe(true)
    await sources.load()
    expect(sources.loading).toBe(false)
    expect(sources.problem).toBeNull()
    expect(bridge.argsOf('listCitations')).toEqual([{ noteId: 3 }])
    expect(sources.citation(40)?.sourceId).toBe(1)
    expect(sources.title({ kind: 'article', sourceId: 1 })).toBe('Record Number of Deportations')
    expect(sources.detail({ kind: 'article', sourceId: 1 })).toBe('Article · Colorlines · 7 June 2012')
    expect(sources.title({ kind: 'chart', sourceId: 7 })).toBe('Removals by year')
    expect(sources.detail({ kind: 'chart', sourceId: 7 })).toBe('Chart of ICE removals')
    expect(sources.detail({ kind: 'dataset', sourceId: 2 })).toBe('Dataset')
  })

  it('says plainly when a cited source is no longer in the archive', async () => {
    archive([])
    const sources = new NoteSources(3)
    await sources.load()
    expect(sources.title({ kind: 'article', sourceId: 99 })).toBe('Article 99 (not in the archive)')
    expect(sources.title({ kind: 'dataset', sourceId: 98 })).toBe('Dataset 98 (not in the archive)')
    expect(sources.title({ kind: 'chart', sourceId: 97 })).toBe('Chart 97 (not in the archive)')
    expect(sources.detail({ kind: 'chart', sourceId: 97 })).toBe('Chart')
    expect(sources.detail({ kind: 'article', sourceId: 99 })).toBe('Article')
  })

  it('knows a citation just made without listing them again, once even if it is added twice', async () => {
    const bridge = archive([])
    const sources = new NoteSources(3)
    await sources.load()
    const made = sampleCitation(41, { noteId: 3, kind: 'dataset', sourceId: 2 })
    sources.added(made)
    sources.added(made)
    expect(sources.citations.map((citation) => citation.id)).toEqual([41])
    expect(bridge.argsOf('listCitations')).toHaveLength(1)
  })

  it('reports why the sources could not be loaded', async () => {
    installFakeBridge({
      listCitations: () => {
        throw new Refusal('busy', 'The archive is busy.')
      },
      listCharts: () => [],
      listArticles: () => [],
      listDatasets: () => []
    })
    const sources = new NoteSources(3)
    await sources.load()
    expect(sources.loading).toBe(false)
    expect(sources.problem?.message).toBe('The archive is busy.')
  })

  it('asks for a chart’s numbers once for every drawing of it, again after a reload, and again after a failure', async () => {
    const bridge = archive([])
    const sources = new NoteSources(3)
    await sources.load()
    const [first, second] = await Promise.all([sources.chartData(chart), sources.chartData(chart)])
    expect(first).toBe(second)
    expect(bridge.argsOf('chartData')).toHaveLength(1)
    await sources.load()
    await sources.chartData(chart)
    expect(bridge.argsOf('chartData')).toHaveLength(2)

    const failing = deferred<ChartData>()
    bridge.handle({ chartData: () => failing.promise })
    await sources.load()
    const refused = sources.chartData(chart)
    failing.reject(new Refusal('busy', 'The archive is busy.'))
    await expect(refused).rejects.toThrow('The archive is busy.')
    bridge.handle({ chartData: () => data })
    expect(await sources.chartData(chart)).toEqual(data)
    expect(bridge.argsOf('chartData')).toHaveLength(4)
  })
})
