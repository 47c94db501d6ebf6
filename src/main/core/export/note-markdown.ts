import markdownIt, { type MarkdownIt } from 'markdown-it'
import type { EmbeddedChart } from './export-charts'
import type { ExportSources } from './export-sources'
import { pagesText } from '@shared/citation-text'

export interface NoteRenderEnv {
  sources: ExportSources
  charts: ReadonlyMap<number, EmbeddedChart>
}

const ALLOWED_LINK = /^(https?:|mailto:|#)/i

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
}

/** Reads [[kind:ID]] in a note's text as one token of type `name` carrying the id. */
function referenceRule(md: MarkdownIt, name: string, kind: 'cite' | 'chart'): void {
  const pattern = new RegExp(`^\\[\\[${kind}:(\\d{1,15})\\]\\]`)
  md.inline.ruler.before('link', name, (state, silent) => {
    const match = pattern.exec(state.src.slice(state.pos, state.pos + 30))
    if (!match) return false
    if (!silent) state.push(name, '', 0).meta = { id: Number(match[1]) }
    state.pos += match[0].length
    return true
  })
}

/**
 * The Markdown reader for notes, for exports. Raw HTML in a note is shown as text (html: false);
 * links are kept only for http(s), mailto and in-document anchors; images are not fetched (an
 * export must not make a request) and appear as their description. [[cite:ID]] becomes a numbered
 * reference to the Sources list.
 */
export function noteMarkdown(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: false, typographer: false })
  md.validateLink = (url) => ALLOWED_LINK.test(url.trim())
  referenceRule(md, 'casefile_cite', 'cite')
  md.renderer.rules.casefile_cite = (tokens, index, _options, env) => {
    const id = (tokens[index]!.meta as { id: number }).id
    const sources = (env as NoteRenderEnv | undefined)?.sources
    const number = sources?.numberOf.get(id)
    const pages = sources?.pagesOf.get(id)
    return number === undefined
      ? '<sup class="citation missing" title="This citation no longer exists">?</sup>'
      : `<sup class="citation"><a href="#source-${number}">${number}</a>${pages === undefined ? '' : `, ${pagesText(pages)}`}</sup>`
  }
  referenceRule(md, 'casefile_chart', 'chart')
  md.renderer.rules.casefile_chart = (tokens, index, _options, env) => {
    const id = (tokens[index]!.meta as { id: number }).id
    const render = env as NoteRenderEnv | undefined
    const chart = render?.charts.get(id)
    const number = render?.sources.chartNumberOf.get(id)
    const cite = number === undefined ? '' : ` <sup class="citation"><a href="#source-${number}">${number}</a></sup>`
    if (!chart || chart.data === null) {
      return `<span class="chart-missing">[Chart ${escapeHtml(chart?.name ?? String(id))} cannot be drawn: ${escapeHtml(chart?.problem ?? 'it does not exist')}]</span>`
    }
    return `<span class="chart"><span class="chart-box"><canvas id="chart-canvas-${id}" role="img" aria-label="${escapeHtml(chart.data.spec.title || chart.name)}"></canvas></span><span class="chart-caption">Chart: ${escapeHtml(chart.name)}${cite}</span></span>`
  }
  md.renderer.rules.image = (tokens, index) => `<span class="image-omitted">[image: ${escapeHtml(tokens[index]!.content || 'no description')}]</span>`
  return md
}
