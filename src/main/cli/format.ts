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
  const flat = printable(snippet.replace(/\s+/g, ' ').trim())
  return flat.replace(MARKED, isTty ? '\u001b[7m$1\u001b[27m' : '[$1]').replace(STRAY, '')
}

// C0 and C1 controls (newline, ESC…), and the invisible marks that reorder or hide text on screen.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' }

/**
 * Text that came from outside (file names, titles, messages that quote them) as a terminal must show
 * it: control characters written as escapes (\n, \e, \u202e), never acted on, so a name cannot break
 * a line, move the cursor or recolour the screen.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => NAMED[ch] ?? `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`)
}
