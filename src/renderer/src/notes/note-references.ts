// A note's references to its sources, as its Markdown carries them: [[cite:ID]] names a citation
// (an article passage, a dataset or a chart), [[chart:ID]] embeds a saved chart. Numbered the way
// the exports number them (src/main/core/export/export-sources.ts), so the preview's [3] is the
// PDF's [3]: one number per source, in the order of first mention.

import { citationToken } from '@shared/citation-text'
import type { Citation, CitationKind } from '@shared/model'

export { citationToken }

export type ReferenceKind = 'cite' | 'chart'

export interface NoteReference {
  kind: ReferenceKind
  id: number
  /** Where the token starts in the text, and how long it is. */
  index: number
  length: number
}

const REFERENCE_TOKEN = /\[\[(cite|chart):(\d{1,15})\]\]/g

export function chartToken(id: number): string {
  return `[[chart:${id}]]`
}

/** Every reference token in the text, in order. */
export function noteReferences(text: string): NoteReference[] {
  return Array.from(text.matchAll(REFERENCE_TOKEN), (match) => ({
    kind: match[1] as ReferenceKind,
    id: Number(match[2]),
    index: match.index,
    length: match[0].length
  }))
}

export interface NumberedSource {
  number: number
  kind: CitationKind
  /** The article's, dataset's or chart's id. */
  sourceId: number
  /** The first citation that named it (null for a chart that is only embedded). */
  citation: Citation | null
}

export interface SourceNumbers {
  sources: NumberedSource[]
  /** Citation id → its source's number. */
  byCitation: ReadonlyMap<number, number>
  /** Embedded chart id → its source's number. */
  byChart: ReadonlyMap<number, number>
}

/**
 * Numbers the sources a text refers to. A citation that does not exist (any more) and a chart that
 * `chartExists` denies get no number, as in the exports.
 */
export function numberSources(text: string, citations: readonly Citation[], chartExists: (id: number) => boolean): SourceNumbers {
  const citationById = new Map(citations.map((citation) => [citation.id, citation]))
  const sources: NumberedSource[] = []
  const bySource = new Map<string, number>()
  const byCitation = new Map<number, number>()
  const byChart = new Map<number, number>()
  const numberFor = (kind: CitationKind, sourceId: number, citation: Citation | null): number => {
    const key = `${kind}:${sourceId}`
    let number = bySource.get(key)
    if (number === undefined) {
      number = sources.length + 1
      sources.push({ number, kind, sourceId, citation })
      bySource.set(key, number)
    }
    return number
  }
  for (const reference of noteReferences(text)) {
    if (reference.kind === 'chart') {
      if (!byChart.has(reference.id) && chartExists(reference.id)) byChart.set(reference.id, numberFor('chart', reference.id, null))
      continue
    }
    const citation = citationById.get(reference.id)
    if (citation !== undefined && !byCitation.has(citation.id)) byCitation.set(citation.id, numberFor(citation.kind, citation.sourceId, citation))
  }
  return { sources, byCitation, byChart }
}

export interface Insertion {
  /** The whole text afterwards. */
  text: string
  /** What replaced [from, to) of the text before: the words and any spacing around them. */
  from: number
  to: number
  inserted: string
  /** Where the caret goes after the inserted words. */
  caret: number
}

/**
 * Puts `words` in place of the selection [start, end). A block (an embedded chart) gets a paragraph
 * of its own; an inline reference gets a space before it unless it follows a space or a bracket.
 */
export function insertAt(text: string, start: number, end: number, words: string, block: boolean): Insertion {
  const from = Math.max(0, Math.min(start, end, text.length))
  const to = Math.min(text.length, Math.max(start, end))
  const before = text.slice(0, from)
  const after = text.slice(to)
  let lead = ''
  let tail = ''
  if (block) {
    if (before !== '' && !before.endsWith('\n\n')) lead = before.endsWith('\n') ? '\n' : '\n\n'
    if (!after.startsWith('\n\n')) tail = after.startsWith('\n') ? '\n' : '\n\n'
    if (after === '') tail = '\n'
  } else if (before !== '' && !/[\s([]$/.test(before)) {
    lead = ' '
  }
  const inserted = `${lead}${words}${tail}`
  return { text: before + inserted + after, from, to, inserted, caret: before.length + inserted.length }
}
