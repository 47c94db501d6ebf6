import { describe, expect, it } from 'vitest'
import { pdfTextRuns, type PdfContentItem } from '../../../../../../src/main/core/import/article/pdf-text-runs'

const text = (str: string, x: number, fontName = 'f2'): PdfContentItem => ({ str, transform: [10, 0, 0, 10, x, 700], width: 6, height: 10, fontName })
const span = (...inside: PdfContentItem[]): PdfContentItem[] => [{ type: 'beginMarkedContentProps', id: null, tag: 'Span' }, ...inside, { type: 'endMarkedContent' }]

describe('pdfTextRuns', () => {
  it('counts a character in a Span of its own that repeats the one before it in the same font, and keeps it as U+FFFD', () => {
    const { runs, unreadable } = pdfTextRuns([text('移', 0), ...span(text('移', 6)), ...span(text('移', 12)), text(' ', 18)])
    expect(runs.map((run) => run.text).join('')).toBe('移\uFFFD\uFFFD ')
    expect(unreadable).toBe(2)
  })

  it('leaves repeated letters outside Spans, a Span with another character, another font, and a tagged Span (with a structure id) alone', () => {
    const items: PdfContentItem[] = [
      text('o', 0),
      text('o', 6),
      ...span(text('f', 12)),
      ...span(text('f', 18, 'f3')),
      { type: 'beginMarkedContentProps', id: 'p1R_mc0', tag: 'Span' },
      text('f', 24, 'f3'),
      { type: 'endMarkedContent' },
      { type: 'beginMarkedContent', tag: 'Artifact' },
      text('f', 30, 'f3'),
      { type: 'endMarkedContent' }
    ]
    const { runs, unreadable } = pdfTextRuns(items)
    expect(runs.map((run) => run.text).join('')).toBe('ooffff')
    expect(unreadable).toBe(0)
  })
})
