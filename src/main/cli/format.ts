import { SNIPPET_MARK_END, SNIPPET_MARK_START } from '@shared/model'

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

const MARKED = new RegExp(`${SNIPPET_MARK_START}([^${SNIPPET_MARK_END}]*)${SNIPPET_MARK_END}`, 'g')
const STRAY = new RegExp(`[${SNIPPET_MARK_START}${SNIPPET_MARK_END}]`, 'g')

/** For --json: the text escaped first, then the matches wrapped in <mark>. */
export function snippetAsHtml(snippet: string): string {
  return escapeHtml(snippet).replace(MARKED, '<mark>$1</mark>').replace(STRAY, '')
}

/** For a terminal: matches in reverse video, or in [brackets] when the output is not a terminal. */
export function snippetForTerminal(snippet: string, isTty: boolean): string {
  const flat = snippet.replace(/\s+/g, ' ').trim()
  return flat.replace(MARKED, isTty ? '\u001b[7m$1\u001b[27m' : '[$1]').replace(STRAY, '')
}
