// An article body with its matches marked (SNIPPET_MARK_START … SNIPPET_MARK_END) split into
// paragraphs exactly as lib/paragraphs.ts splits plain text, every marked run numbered so the reader
// can step from match to match. A match that spans a paragraph break keeps its number in both parts.

import { SNIPPET_MARK_END, SNIPPET_MARK_START } from '@shared/model'

export interface MatchSegment {
  readonly text: string
  /** The match's number (0-based, in reading order), or null for text between matches. */
  readonly match: number | null
}

export interface MatchParagraphs {
  paragraphs: MatchSegment[][]
  /** How many matches there are (numbers 0 … count-1). */
  count: number
}

const MARKERS = new RegExp(`([${SNIPPET_MARK_START}${SNIPPET_MARK_END}])`, 'u')
const BREAK = /\n[ \t]*\n/

function push(paragraph: MatchSegment[], text: string, match: number | null): void {
  if (text === '') return
  const last = paragraph.at(-1)
  if (last !== undefined && last.match === match) paragraph[paragraph.length - 1] = { text: last.text + text, match }
  else paragraph.push({ text, match })
}

/** Trims as paragraphs() does: leading newlines and trailing whitespace go; blank paragraphs are dropped. */
function tidy(paragraph: MatchSegment[]): MatchSegment[] | null {
  const segments = [...paragraph]
  while (segments.length > 0) {
    const first = segments[0] as MatchSegment
    const text = first.text.replace(/^\n+/, '')
    if (text !== '') {
      segments[0] = { text, match: first.match }
      break
    }
    segments.shift()
  }
  while (segments.length > 0) {
    const last = segments[segments.length - 1] as MatchSegment
    const text = last.text.replace(/\s+$/, '')
    if (text !== '') {
      segments[segments.length - 1] = { text, match: last.match }
      break
    }
    segments.pop()
  }
  return segments.some((segment) => segment.text.trim() !== '') ? segments : null
}

export function matchParagraphs(body: string): MatchParagraphs {
  const paragraphs: MatchSegment[][] = []
  let current: MatchSegment[] = []
  let count = 0
  let open: number | null = null
  const close = (): void => {
    const tidied = tidy(current)
    if (tidied !== null) paragraphs.push(tidied)
    current = []
  }
  for (const piece of body.replace(/\r\n?/g, '\n').split(MARKERS)) {
    if (piece === SNIPPET_MARK_START) {
      // Repeated start markers do not nest: the run already open continues.
      if (open === null) open = count++
      continue
    }
    if (piece === SNIPPET_MARK_END) {
      open = null
      continue
    }
    const parts = piece.split(BREAK)
    parts.forEach((part, index) => {
      if (index > 0) close()
      push(current, part, open)
    })
  }
  close()
  // An opened run whose text was all trimmed away still counted; renumber so every number is shown.
  const shown = [...new Set(paragraphs.flatMap((paragraph) => paragraph.map((segment) => segment.match)))].filter(
    (match): match is number => match !== null
  )
  if (shown.length === count) return { paragraphs, count }
  const renumber = new Map(shown.map((match, index) => [match, index]))
  return {
    paragraphs: paragraphs.map((paragraph) =>
      paragraph.map((segment) => (segment.match === null ? segment : { text: segment.text, match: renumber.get(segment.match) ?? null }))
    ),
    count: shown.length
  }
}
