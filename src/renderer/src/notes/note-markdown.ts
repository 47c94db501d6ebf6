// A note's Markdown as the preview shows it, cut into top-level blocks. Text blocks become HTML
// strings (markdown-it with raw HTML off, so a note's own tags are shown as text; the string is
// still sanitized right before display, see markdown-sanitize.ts). A paragraph that holds nothing
// but [[chart:ID]] becomes a chart block, which the preview draws with a live component; keyed by
// chart and occurrence, a drawn chart survives typing elsewhere in the note.
//
// Like the exports, links keep only http(s), mailto and in-document targets, and images are never
// fetched: they show as their description.

import markdownIt, { type Env, type MarkdownIt, type Token } from 'markdown-it'
import type { SourceNumbers } from './note-references'
import { pagesText } from '@shared/citation-text'
import type { QuotedPages } from '@shared/model'

export interface NoteRenderContext {
  /** False while the note's citations and the saved charts are still being fetched: nothing is "missing" yet. */
  ready: boolean
  numbers: SourceNumbers
  /** A short description of source number N for its tooltip and accessible name ("Colorlines, 7 June 2012"). */
  describeSource: (number: number) => string
  /** A saved chart's name, or null when the archive has no such chart. */
  chartName: (id: number) => string | null
  /** The pages of its PDF a citation's passage lies on, or null (not a PDF, or not known yet). */
  citationPages: (id: number) => QuotedPages | null
}

export type NoteBlock =
  | { kind: 'html'; key: string; html: string }
  | {
      kind: 'chart'
      key: string
      chartId: number
      /** Its number in the note's sources, or null when the chart does not exist (or is not known yet). */
      number: number | null
    }

const CONTEXT = Symbol('casefile-note-context')
const ALLOWED_LINK = /^(https?:|mailto:|#)/i

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')
}

function contextOf(env: Env | undefined): NoteRenderContext | null {
  const context = env?.[CONTEXT]
  return typeof context === 'object' && context !== null ? (context as NoteRenderContext) : null
}

function referenceId(token: Token | undefined): number {
  const id = token?.meta?.id
  return typeof id === 'number' ? id : 0
}

/** Reads [[kind:ID]] as one inline token of type `name` carrying the id (the exports' rule). */
function referenceRule(md: MarkdownIt, name: string, kind: 'cite' | 'chart'): void {
  const pattern = new RegExp(`^\\[\\[${kind}:(\\d{1,15})\\]\\]`)
  md.inline.ruler.before('link', name, (state, silent) => {
    const match = pattern.exec(state.src.slice(state.pos, state.pos + 30))
    if (match === null) return false
    if (!silent) state.push(name, '', 0).meta = { id: Number(match[1]) }
    state.pos += match[0].length
    return true
  })
}

function citationHtml(number: number | undefined, id: number, context: NoteRenderContext | null): string {
  if (context !== null && !context.ready && number === undefined) return '<sup class="ref pending" aria-hidden="true">…</sup>'
  if (number === undefined || context === null) {
    return '<sup class="ref missing" title="This citation is not in the archive">?</sup>'
  }
  // The page a quote is on, as the exported note names it: "¹, p. 2".
  const pages = context.citationPages(id)
  const where = pages === null ? '' : pagesText(pages)
  const label = `Source ${number}${where === '' ? '' : `, ${where}`}: ${context.describeSource(number)}`
  return `<sup class="ref"><button type="button" class="ref-link" data-cite="${id}" aria-label="${escapeHtml(label)}" title="${escapeHtml(label)}">${number}</button>${where === '' ? '' : `<span class="ref-pages">, ${where}</span>`}</sup>`
}

function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: false, typographer: false })
  md.validateLink = (url) => ALLOWED_LINK.test(url.trim())
  referenceRule(md, 'casefile_cite', 'cite')
  md.renderer.rules.casefile_cite = (tokens, index, _options, env) => {
    const context = contextOf(env)
    const id = referenceId(tokens[index])
    return citationHtml(context?.numbers.byCitation.get(id), id, context)
  }
  referenceRule(md, 'casefile_chart', 'chart')
  // A chart named in the middle of a sentence: a reference that opens it, not a drawing.
  md.renderer.rules.casefile_chart = (tokens, index, _options, env) => {
    const context = contextOf(env)
    const id = referenceId(tokens[index])
    const name = context?.chartName(id) ?? null
    if (name === null && context !== null && !context.ready) return `<span class="chart-missing">[Chart ${id}]</span>`
    if (name === null) return `<span class="chart-missing">[Chart ${id} is not in the archive]</span>`
    return `<button type="button" class="chart-ref" data-chart="${id}">Chart: ${escapeHtml(name)}</button>`
  }
  md.renderer.rules.image = (tokens, index) =>
    `<span class="image-omitted">[image: ${escapeHtml(tokens[index]?.content || 'no description')}]</span>`
  return md
}

const md = createMarkdown()

/** The index just past the top-level block that starts at `start`. */
function blockEnd(tokens: readonly Token[], start: number): number {
  const first = tokens[start] as Token
  if (first.nesting !== 1) return start + 1
  let depth = 0
  for (let index = start; index < tokens.length; index++) {
    depth += (tokens[index] as Token).nesting
    if (depth === 0) return index + 1
  }
  return tokens.length
}

/** The chart a paragraph consists of, alone (whitespace aside); null for any other block. */
function soleChart(block: readonly Token[]): number | null {
  if (block.length !== 3 || block[0]?.type !== 'paragraph_open') return null
  const children = (block[1]?.children ?? []).filter(
    (child) => !(child.type === 'softbreak' || (child.type === 'text' && child.content.trim() === ''))
  )
  const only = children[0]
  return children.length === 1 && only?.type === 'casefile_chart' ? referenceId(only) : null
}

export function noteBlocks(text: string, context: NoteRenderContext): NoteBlock[] {
  const env: Env = { [CONTEXT]: context }
  const tokens = md.parse(text, env)
  const blocks: NoteBlock[] = []
  const seenCharts = new Map<number, number>()
  let pending: Token[] = []
  const flush = (): void => {
    if (pending.length === 0) return
    blocks.push({ kind: 'html', key: `html-${blocks.length}`, html: md.renderer.render(pending, md.options, env) })
    pending = []
  }
  for (let start = 0; start < tokens.length; ) {
    const end = blockEnd(tokens, start)
    const block = tokens.slice(start, end)
    const chartId = soleChart(block)
    if (chartId !== null && (context.chartName(chartId) !== null || !context.ready)) {
      flush()
      const occurrence = seenCharts.get(chartId) ?? 0
      seenCharts.set(chartId, occurrence + 1)
      blocks.push({ kind: 'chart', key: `chart-${chartId}-${occurrence}`, chartId, number: context.numbers.byChart.get(chartId) ?? null })
    } else {
      // Each top-level block on its own, so typing in one paragraph re-renders only that one.
      pending.push(...block)
      flush()
    }
    start = end
  }
  flush()
  return blocks
}
