import type { Database } from 'better-sqlite3'
import type { ExportFormat, Note, NotesExport } from '@shared/model'
import { CITATION_TOKEN, pagesText } from '@shared/citation-text'
import { getNote } from '../notes/note-queries'
import type { ChartDrawer } from '../charts/aggregate-chart'
import { CHART_TOKEN, chartScripts, embeddedCharts, type EmbeddedChart } from './export-charts'
import { collectSources, sourceLine, type ExportSources } from './export-sources'
import { escapeMarkdown } from './escape-markdown'
import { EXPORT_STYLE } from './export-style'
import { noteMarkdown } from './note-markdown'
import { InvalidRequest } from '../invalid-request'

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
}

function notesOf(db: Database, ids: readonly number[]): Note[] {
  if (ids.length === 0) throw new InvalidRequest('Choose at least one note to export.')
  return ids.map((id) => {
    const note = getNote(db, id)
    if (!note) throw new InvalidRequest(`Note ${id} was not found in this archive.`)
    return note
  })
}

const titleOf = (note: Note) => note.title.trim() || 'Untitled note'

/**
 * What a dossier's contents can say about pages. A PDF is printed twice: first with a mark at the
 * top of each chapter and of the Sources (`mark`: a word no note can know in advance), so the page
 * each begins on can be read from the print; then without marks, each contents entry with that page
 * (`pages`, by the part's key).
 */
export interface ContentsPages {
  mark: string | null
  pages: ReadonlyMap<string, number> | null
}

/** For HTML, Markdown and a single note: contents (if any) without page numbers. */
export const NO_PAGES: ContentsPages = { mark: null, pages: null }

/** The text printed at the top of the part called `key` ("note-12", "sources"). */
export const pageMark = (mark: string, key: string) => `${mark}-${key}`

const SOURCES_KEY = 'sources'
const noteKey = (note: Note) => `note-${note.id}`
const day = (iso: string) => iso.slice(0, 10)

/**
 * One note, or several as a dossier (title page, contents, one chapter per note), as a standalone
 * HTML document that loads nothing and runs nothing: its Content-Security-Policy allows only its
 * own inline style and data: images. Every export ends with the Sources list.
 */
function toHtml(notes: Note[], title: string, sources: ExportSources, charts: ReadonlyMap<number, EmbeddedChart>, exportedAt: string, contents: ContentsPages): string {
  const md = noteMarkdown()
  const dossier = notes.length > 1
  const parts: string[] = []
  // The page number goes first: floated right, it then stays on the entry's first line.
  const pageOf = (key: string) => {
    const page = contents.pages?.get(key)
    return page === undefined ? '' : `<span class="page">${page}</span>`
  }
  const mark = (key: string) => (contents.mark === null ? '' : `<p class="page-mark">${escapeHtml(pageMark(contents.mark, key))}</p>`)
  if (dossier) {
    parts.push(
      `<section class="title-page"><h1>${escapeHtml(title)}</h1><p>${notes.length} notes · ${sources.sources.length} sources</p><p>Exported from Casefile on ${day(exportedAt)}</p></section>`,
      `<nav class="contents"><h2>Contents</h2><ol>${notes.map((note) => `<li>${pageOf(noteKey(note))}<a href="#note-${note.id}">${escapeHtml(titleOf(note))}</a></li>`).join('')}${sources.sources.length > 0 ? `<li class="sources-entry">${pageOf(SOURCES_KEY)}<a href="#sources">Sources</a></li>` : ''}</ol></nav>`
    )
  }
  for (const note of notes) {
    parts.push(
      `<section class="chapter" id="note-${note.id}">${mark(noteKey(note))}<h1>${escapeHtml(titleOf(note))}</h1><p class="dates">Written ${day(note.createdAt)}${day(note.updatedAt) !== day(note.createdAt) ? `, revised ${day(note.updatedAt)}` : ''}</p>${md.render(note.body, { sources, charts })}</section>`
    )
  }
  if (sources.sources.length > 0) {
    parts.push(
      `<section class="sources" id="sources">${mark(SOURCES_KEY)}<h2>Sources</h2><ol>${sources.sources
        .map((source) => `<li id="source-${source.number}" value="${source.number}">${escapeHtml(sourceLine(source))}</li>`)
        .join('')}</ol></section>`
    )
  }
  const scripts = chartScripts(charts)
  const scriptPolicy = scripts.hashes.length > 0 ? `; script-src ${scripts.hashes.join(' ')}` : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:${scriptPolicy}">
<title>${escapeHtml(title)}</title>
<style>${EXPORT_STYLE}</style>
</head>
<body class="${dossier ? 'dossier' : 'single'}">
${parts.join('\n')}
${scripts.html}
</body>
</html>
`
}

/** Markdown with citations as footnotes ([^N]) and the Sources list at the end. */
/** An embedded chart in Markdown: its title, its numbers as a table, and its source. */
function chartTable(chart: EmbeddedChart | undefined, id: number, number: number | undefined): string {
  if (!chart || chart.data === null) return `*\\[Chart ${escapeMarkdown(chart?.name ?? String(id))} cannot be drawn: ${escapeMarkdown(chart?.problem ?? 'it does not exist')}\\]*`
  const { data } = chart
  const rows = data.labels.slice(0, MARKDOWN_CHART_ROWS).map((label, index) => `| ${escapeMarkdown(label)} | ${data.series.map((series) => series.values[index] ?? '').join(' | ')} |`)
  const more = data.labels.length > MARKDOWN_CHART_ROWS ? `\n\n*(${data.labels.length - MARKDOWN_CHART_ROWS} more rows in the app)*` : ''
  return [
    `**${escapeMarkdown(chart.name)}**${number === undefined ? '' : `[^${number}]`}`,
    '',
    `| ${escapeMarkdown(data.xLabel)} | ${data.series.map((series) => escapeMarkdown(series.name)).join(' | ')} |`,
    `|---|${data.series.map(() => '---:').join('|')}|`,
    ...rows
  ].join('\n') + more
}

const MARKDOWN_CHART_ROWS = 60

function toMarkdown(notes: Note[], title: string, sources: ExportSources, charts: ReadonlyMap<number, EmbeddedChart>): string {
  const parts: string[] = []
  const dossier = notes.length > 1
  if (dossier) parts.push(`# ${title}`, notes.map((note, index) => `${index + 1}. ${titleOf(note)}`).join('\n'))
  for (const note of notes) {
    const body = note.body
      .replace(CITATION_TOKEN, (_, id: string) => {
        const number = sources.numberOf.get(Number(id))
        const pages = sources.pagesOf.get(Number(id))
        return number === undefined ? '' : `[^${number}]${pages === undefined ? '' : ` (${pagesText(pages)})`}`
      })
      .replace(CHART_TOKEN, (_, id: string) => `\n\n${chartTable(charts.get(Number(id)), Number(id), sources.chartNumberOf.get(Number(id)))}\n\n`)
    parts.push(`${dossier ? '##' : '#'} ${titleOf(note)}`, body.trim())
  }
  if (sources.sources.length > 0) {
    parts.push(`${dossier ? '##' : '#'} Sources`, sources.sources.map((source) => `[^${source.number}]: ${escapeMarkdown(sourceLine(source))}`).join('\n'))
  }
  return `${parts.join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`
}

/** Exports notes (in the order given) as HTML or Markdown; a dossier when there is more than one. `draw` draws the charts they embed. */
export function exportNotes(db: Database, ids: readonly number[], format: ExportFormat, title: string | null, draw: ChartDrawer): Promise<NotesExport> {
  return exportNotesPaged(db, ids, format, title, NO_PAGES, draw)
}

/** exportNotes, with what the contents say about pages (for a dossier printed to PDF). */
export async function exportNotesPaged(db: Database, ids: readonly number[], format: ExportFormat, title: string | null, contents: ContentsPages, draw: ChartDrawer): Promise<NotesExport> {
  const notes = notesOf(db, ids)
  const bodies = notes.map((note) => note.body)
  const sources = collectSources(db, bodies)
  const charts = await embeddedCharts(db, bodies, draw)
  const documentTitle = title?.trim() || (notes.length === 1 ? titleOf(notes[0]!) : `Dossier: ${notes.length} notes`)
  const text = format === 'html' ? toHtml(notes, documentTitle, sources, charts, new Date().toISOString(), contents) : toMarkdown(notes, documentTitle, sources, charts)
  return { title: documentTitle, text, notes: notes.length, sources: sources.sources.length }
}
