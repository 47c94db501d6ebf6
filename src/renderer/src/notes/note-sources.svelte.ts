// What a note's references point at: its citations, the saved charts it may embed, and the
// articles and datasets they come from, so the preview can number, name and open each source.
// Chart numbers are fetched once per chart and shared by every drawing of it.

import type { ChartData } from '@shared/chart-spec'
import type { ArticleSummary, Citation, DatasetSummary, SavedChart } from '@shared/model'
import { api, type ApiFailure } from '../lib/api'
import { Loadable } from '../lib/loadable.svelte'
import { formatCalendarDate } from '../lib/format-date'
import type { NumberedSource } from './note-references'

interface Sources {
  citations: Citation[]
  charts: SavedChart[]
  articles: ArticleSummary[]
  datasets: DatasetSummary[]
}

export class NoteSources {
  readonly #sources = new Loadable<Sources>()
  readonly #noteId: number
  #chartData = new Map<number, Promise<ChartData>>()

  constructor(noteId: number) {
    this.#noteId = noteId
  }

  readonly citations: Citation[] = $derived(this.#sources.value?.citations ?? [])
  readonly charts: SavedChart[] = $derived(this.#sources.value?.charts ?? [])
  readonly articles: ArticleSummary[] = $derived(this.#sources.value?.articles ?? [])
  readonly datasets: DatasetSummary[] = $derived(this.#sources.value?.datasets ?? [])

  /** Not loaded yet (asked for as soon as the note opens), or being loaded again. */
  get loading(): boolean {
    return this.#sources.status === 'idle' || this.#sources.status === 'loading'
  }

  /** Why the sources could not be loaded (the references cannot be numbered or opened then), or null. */
  get problem(): ApiFailure | null {
    return this.#sources.status === 'error' ? this.#sources.error : null
  }

  async load(): Promise<void> {
    const noteId = this.#noteId
    const landed = await this.#sources.load(async () => {
      const [citations, charts, articles, datasets] = await Promise.all([api.listCitations({ noteId }), api.listCharts(), api.listArticles(), api.listDatasets()])
      return { citations, charts, articles, datasets }
    })
    // Charts may have been edited meanwhile: their numbers are asked for again.
    if (landed && this.#sources.status === 'ready') this.#chartData.clear()
  }

  /** A citation just made for this note: known at once, without listing them all again. */
  added(citation: Citation): void {
    this.#sources.modify((sources) => ({ ...sources, citations: [...sources.citations.filter((known) => known.id !== citation.id), citation] }))
  }

  chart(id: number): SavedChart | null {
    return this.charts.find((chart) => chart.id === id) ?? null
  }

  citation(id: number): Citation | null {
    return this.citations.find((citation) => citation.id === id) ?? null
  }

  chartData(chart: SavedChart): Promise<ChartData> {
    let data = this.#chartData.get(chart.id)
    if (data === undefined) {
      data = api.chartData({ spec: chart.spec })
      // A failure is not remembered: the next drawing asks again.
      data.catch(() => this.#chartData.delete(chart.id))
      this.#chartData.set(chart.id, data)
    }
    return data
  }

  /** The source's title, for lists. */
  title(source: Pick<NumberedSource, 'kind' | 'sourceId'>): string {
    if (source.kind === 'article') return this.articles.find((article) => article.id === source.sourceId)?.title ?? `Article ${source.sourceId} (not in the archive)`
    if (source.kind === 'dataset') return this.datasets.find((dataset) => dataset.id === source.sourceId)?.name ?? `Dataset ${source.sourceId} (not in the archive)`
    return this.chart(source.sourceId)?.name ?? `Chart ${source.sourceId} (not in the archive)`
  }

  /** What kind of source it is and where it comes from: "Article · Colorlines · 7 June 2012". */
  detail(source: Pick<NumberedSource, 'kind' | 'sourceId'>): string {
    if (source.kind === 'article') {
      const article = this.articles.find((candidate) => candidate.id === source.sourceId)
      const date = article?.publishedAt == null ? null : formatCalendarDate(article.publishedAt)
      return ['Article', article?.publisher ?? null, date].filter((part) => part !== null && part !== '').join(' · ')
    }
    if (source.kind === 'dataset') return 'Dataset'
    const chart = this.chart(source.sourceId)
    const dataset = chart === null ? undefined : this.datasets.find((candidate) => candidate.id === chart.datasetId)
    return dataset === undefined ? 'Chart' : `Chart of ${dataset.name}`
  }
}
