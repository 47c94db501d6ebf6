import { describe, expect, it } from 'vitest'
import type { Citation, NoteSummary } from '../../../src/shared/model'
import { bodyRangeBetween, layoutBody, locatePassage, pointsForRange, trimRange } from '../../../src/renderer/src/articles/citation-offsets'
import { exportedMessage } from '../../../src/renderer/src/notes/export-formats'
import { matchParagraphs } from '../../../src/renderer/src/articles/match-paragraphs'
import { noteBlocks, type NoteRenderContext } from '../../../src/renderer/src/notes/note-markdown'
import { foldForMatch, noteMatches, sortNotes, tagCounts, visibleNotes } from '../../../src/renderer/src/notes/note-list-order'
import {
  citationToken,
  insertAt,
  noteReferences,
  numberSources
} from '../../../src/renderer/src/notes/note-references'
import { paragraphs } from '../../../src/renderer/src/articles/paragraphs'
import { cleanTag, tagSuggestions, withTag } from '../../../src/renderer/src/notes/tag-edit'
import seed from '../../../resources/sample/00_colorlines_record_deportations_despite_review_2012-06-07.txt?raw'

const S = '\uE000'
const E = '\uE001'

/** The paragraphs exactly as the reader shows them (matchParagraphs over the body, as ArticleView does). */
function shown(body: string): string[] {
  return matchParagraphs(body).paragraphs.map((segments) => segments.map((segment) => segment.text).join(''))
}

function citation(id: number, kind: Citation['kind'], sourceId: number, quote: string | null = null): Citation {
  return { id, noteId: 1, kind, sourceId, quote, startOffset: null, endOffset: null, pages: null, createdAt: '2026-01-01T00:00:00Z' }
}

function summary(id: number, title: string, fields: Partial<NoteSummary> = {}): NoteSummary {
  return { id, title, createdAt: `2026-01-0${id}T10:00:00Z`, updatedAt: `2026-02-0${id}T10:00:00Z`, excerpt: '', tags: [], ...fields }
}

describe('selection → body offsets', () => {
  const body = 'Title line\n\nFirst paragraph, with words.\n\n\n  Second one: 288,361 cases.  \nStill second.\n'

  it('maps a selection inside one paragraph to the offsets of the same words in the body', () => {
    const layout = layoutBody(body, shown(body))
    expect(layout).not.toBeNull()
    const text = shown(body)[2] as string
    const from = text.indexOf('288,361')
    const range = bodyRangeBetween(layout!, { paragraph: 2, offset: from }, { paragraph: 2, offset: from + '288,361 cases'.length })
    expect(range).not.toBeNull()
    expect(body.slice(range!.start, range!.end)).toBe('288,361 cases')
  })

  it('accepts the two ends in either order and trims the blank lines a paragraph-crossing selection takes in', () => {
    const layout = layoutBody(body, shown(body))!
    const forward = bodyRangeBetween(layout, { paragraph: 1, offset: 17 }, { paragraph: 2, offset: 8 })
    const backward = bodyRangeBetween(layout, { paragraph: 2, offset: 8 }, { paragraph: 1, offset: 17 })
    expect(forward).toEqual(backward)
    expect(body.slice(forward!.start, forward!.end)).toBe('with words.\n\n\n  Second')
    // From the very end of one paragraph to the start of the next: only whitespace, nothing to quote.
    expect(bodyRangeBetween(layout, { paragraph: 1, offset: 28 }, { paragraph: 2, offset: 0 })).toBeNull()
  })

  it('counts Windows line endings in the body although the reader shows \\n', () => {
    const crlf = 'One.\r\n\r\nTwo lines\r\nhere: 4,403 closed.\r\n'
    const layout = layoutBody(crlf, shown(crlf))!
    expect(layout.toBody).not.toBeNull()
    const text = shown(crlf)[1] as string
    expect(text).toBe('Two lines\nhere: 4,403 closed.')
    const from = text.indexOf('lines')
    const range = bodyRangeBetween(layout, { paragraph: 1, offset: from }, { paragraph: 1, offset: text.indexOf('closed') })
    expect(crlf.slice(range!.start, range!.end)).toBe('lines\r\nhere: 4,403')
    // And back: the same words are found on screen from their body offsets.
    expect(pointsForRange(layout, range!)).toEqual({ from: { paragraph: 1, offset: from }, to: { paragraph: 1, offset: text.indexOf('closed') - 1 } })
  })

  it('maps a body marked with search matches (the markers are not shown) like the plain body', () => {
    const plain = 'Alpha beta.\n\nGamma delta epsilon.'
    const marked = `Alpha ${S}beta${E}.\n\n${S}Gamma${E} delta epsilon.`
    const layout = layoutBody(plain, shown(marked))!
    const range = bodyRangeBetween(layout, { paragraph: 1, offset: 0 }, { paragraph: 1, offset: 11 })
    expect(plain.slice(range!.start, range!.end)).toBe('Gamma delta')
  })

  it('refuses to lay out paragraphs that are not in the body, in order', () => {
    expect(layoutBody('a\n\nb', ['b', 'a'])).toBeNull()
    expect(layoutBody('a\n\nb', ['a', 'c'])).toBeNull()
    expect(layoutBody('a', shown('a'))).not.toBeNull()
  })

  it('finds the seed article’s sentence exactly where the archive will check it', () => {
    const words = 'immigration prosecutors had examined 288,361 cases'
    const texts = shown(seed)
    const paragraph = texts.findIndex((text) => text.includes(words))
    const offset = (texts[paragraph] as string).indexOf(words)
    const layout = layoutBody(seed, texts)!
    const range = bodyRangeBetween(layout, { paragraph, offset }, { paragraph, offset: offset + words.length })!
    expect(seed.slice(range.start, range.end)).toBe(words)
    expect(range.start).toBe(seed.indexOf(words))
    expect(paragraphs(seed)).toEqual(texts)
  })
})

describe('body offsets → the passage on screen', () => {
  const body = 'Para one.\n\nPara two has the quote.\n\nPara three.'
  const layout = layoutBody(body, shown(body))!

  it('turns a range into paragraph points, moving ends that fall in blank lines into the text', () => {
    const start = body.indexOf('two')
    expect(pointsForRange(layout, { start, end: start + 3 })).toEqual({ from: { paragraph: 1, offset: 5 }, to: { paragraph: 1, offset: 8 } })
    const spanning = pointsForRange(layout, { start: body.indexOf('one.') + 4, end: body.indexOf('three') })
    expect(spanning).toEqual({ from: { paragraph: 1, offset: 0 }, to: { paragraph: 2, offset: 5 } })
    expect(pointsForRange(layout, { start: 9, end: 11 })).toBeNull()
  })

  it('finds a quote at its offsets, moved, or not at all', () => {
    const start = body.indexOf('the quote')
    expect(locatePassage(body, { start, end: start + 9, quote: 'the quote' })).toEqual({ start, end: start + 9 })
    expect(locatePassage(`Inserted. ${body}`, { start, end: start + 9, quote: 'the quote' })).toEqual({ start: start + 10, end: start + 19 })
    expect(locatePassage(body, { start, end: start + 9, quote: 'not there' })).toBeNull()
    expect(locatePassage(body, { start: 5, end: 500, quote: null })).toBeNull()
  })

  it('trims whitespace off both ends of a range', () => {
    expect(trimRange('  ab  ', { start: 0, end: 6 })).toEqual({ start: 2, end: 4 })
    expect(trimRange('   ', { start: 0, end: 3 })).toBeNull()
  })
})

describe('note references', () => {
  const text = 'See [[cite:7]] and [[chart:3]], again [[cite:9]] and [[cite:8]] [[cite:404]] [[chart:99]] [[cite:7]]'

  it('reads every [[cite:ID]] and [[chart:ID]] token in order, with where it is', () => {
    const references = noteReferences(text)
    expect(references.map((reference) => `${reference.kind}:${reference.id}`)).toEqual([
      'cite:7', 'chart:3', 'cite:9', 'cite:8', 'cite:404', 'chart:99', 'cite:7'
    ])
    expect(text.slice(references[1]!.index, references[1]!.index + references[1]!.length)).toBe('[[chart:3]]')
    expect(noteReferences('[[cite:x]] [cite:1] [[cite:1234567890123456]]')).toEqual([])
  })

  it('numbers sources as the exports do: one number per source, in order of first mention', () => {
    // 7 and 9 cite the same article; 8 cites chart 3, which is also embedded.
    const numbers = numberSources(text, [citation(7, 'article', 1), citation(9, 'article', 1), citation(8, 'chart', 3)], (id) => id === 3)
    expect(numbers.sources.map((source) => [source.number, source.kind, source.sourceId])).toEqual([
      [1, 'article', 1],
      [2, 'chart', 3]
    ])
    expect(numbers.byCitation.get(7)).toBe(1)
    expect(numbers.byCitation.get(9)).toBe(1)
    expect(numbers.byCitation.get(8)).toBe(2)
    expect(numbers.byChart.get(3)).toBe(2)
    expect(numbers.byCitation.has(404)).toBe(false)
    expect(numbers.byChart.has(99)).toBe(false)
  })

  it('inserts an inline reference with a space before it, and a chart as a paragraph of its own', () => {
    const inline = insertAt('Closed cases', 6, 6, citationToken(4), false)
    expect(inline.text).toBe('Closed [[cite:4]] cases')
    expect(insertAt('Closed cases', 12, 12, citationToken(4), false).text).toBe('Closed cases [[cite:4]]')
    const block = insertAt('Before.\nAfter.', 8, 8, '[[chart:2]]', true)
    expect(block.text).toBe('Before.\n\n[[chart:2]]\n\nAfter.')
    expect(block.text.slice(block.from, block.from + block.inserted.length)).toBe(block.inserted)
    expect(block.caret).toBe(block.text.indexOf('After.'))
    const atEnd = insertAt('Text', 4, 4, '[[chart:2]]', true)
    expect(atEnd.text).toBe('Text\n\n[[chart:2]]\n')
    // A selection is replaced.
    expect(insertAt('a XXX b', 2, 5, '[[cite:1]]', false).text).toBe('a [[cite:1]] b')
  })
})

describe('note markdown for the preview', () => {
  function context(text: string, citations: Citation[], charts: Record<number, string>): NoteRenderContext {
    const numbers = numberSources(text, citations, (id) => id in charts)
    const pages = new Map(citations.map((one) => [one.id, one.pages]))
    return { ready: true, numbers, describeSource: (number) => `source ${number}`, chartName: (id) => charts[id] ?? null, citationPages: (id) => pages.get(id) ?? null }
  }

  it('names the page of a PDF a quote is on, or the pages across a break, beside its number (review U24-3)', () => {
    const text = 'One [[cite:1]] two [[cite:2]] three [[cite:3]]'
    const citations = [
      { ...citation(1, 'article', 4), pages: { first: 2, last: 2, ocrConfidence: null } },
      { ...citation(2, 'article', 4), pages: { first: 1, last: 2, ocrConfidence: 93 } },
      citation(3, 'dataset', 5)
    ]
    const html = noteBlocks(text, context(text, citations, {})).map((block) => (block.kind === 'html' ? block.html : '')).join('')
    expect(html).toContain('aria-label="Source 1, p. 2: source 1" title="Source 1, p. 2: source 1">1</button><span class="ref-pages">, p. 2</span></sup>')
    expect(html).toContain('>1</button><span class="ref-pages">, pp. 1–2</span></sup>')
    expect(html).toContain('aria-label="Source 2: source 2" title="Source 2: source 2">2</button></sup>')
  })

  it('says beside its number that a quote’s page was read by OCR with low confidence (review U24-18)', () => {
    const text = 'Faint [[cite:4]]'
    const citations = [{ ...citation(4, 'article', 4), pages: { first: 3, last: 3, ocrConfidence: 41 } }]
    const html = noteBlocks(text, context(text, citations, {})).map((block) => (block.kind === 'html' ? block.html : '')).join('')
    expect(html).toContain('aria-label="Source 1, p. 3, read by OCR at 41% confidence: source 1"')
    expect(html).toContain('<span class="ref-pages">, p. 3, read by OCR at 41% confidence</span>')
  })

  it('shows a note’s own HTML as text and drops dangerous links and images', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(2)">',
      '[click](javascript:alert(3)) <javascript:alert(4)>',
      '<iframe src="https://evil.example/"></iframe>',
      '<svg><script>alert(5)</script></svg>',
      '<div style="width: expression(alert(6))">x</div>',
      '![tracker](https://evil.example/pixel.png)',
      '[fine](https://example.org/)'
    ].join('\n\n')
    const html = noteBlocks(hostile, context(hostile, [], {}))
      .map((block) => (block.kind === 'html' ? block.html : ''))
      .join('')
    expect(html).not.toMatch(/<(script|img|iframe|svg|div)\b/i)
    expect(html).not.toMatch(/href="javascript/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('[image: tracker]')
    expect(html).toContain('<a href="https://example.org/">fine</a>')
  })

  it('renders citations as numbered buttons, a lone chart as a chart block, and an inline chart as a reference', () => {
    const text = 'Closed [[cite:5]] and [[cite:6]].\n\n[[chart:2]]\n\nSee [[chart:2]] inline, [[chart:8]] missing.\n\n[[chart:2]]'
    const blocks = noteBlocks(text, context(text, [citation(5, 'article', 1)], { 2: 'Review <progress>' }))
    expect(blocks.map((block) => block.kind)).toEqual(['html', 'chart', 'html', 'chart'])
    const first = blocks[0]
    expect(first?.kind === 'html' && first.html).toContain('data-cite="5"')
    expect(first?.kind === 'html' && first.html).toContain('>1</button>')
    expect(first?.kind === 'html' && first.html).toContain('class="ref missing"')
    const inline = blocks[2]
    expect(inline?.kind === 'html' && inline.html).toContain('Chart: Review &lt;progress&gt;')
    expect(inline?.kind === 'html' && inline.html).toContain('[Chart 8 is not in the archive]')
    // Two drawings of one chart get keys of their own, stable while the text around them changes.
    expect(blocks.filter((block) => block.kind === 'chart').map((block) => block.key)).toEqual(['chart-2-0', 'chart-2-1'])
    expect(blocks[1]).toMatchObject({ kind: 'chart', chartId: 2, number: 2 })
  })

  it('calls nothing missing while the sources are still loading', () => {
    const text = 'Closed [[cite:5]].\n\n[[chart:2]]'
    const loading = { ...context(text, [], {}), ready: false }
    const blocks = noteBlocks(text, loading)
    expect(blocks.map((block) => block.kind)).toEqual(['html', 'chart'])
    const first = blocks[0]
    expect(first?.kind === 'html' && first.html).toContain('class="ref pending"')
    expect(first?.kind === 'html' && first.html).not.toContain('missing')
  })

  it('does not read a token inside code as a reference', () => {
    const text = '`[[cite:5]]`'
    const [block] = noteBlocks(text, context(text, [citation(5, 'article', 1)], {}))
    expect(block?.kind === 'html' && block.html).toBe('<p><code>[[cite:5]]</code></p>\n')
  })
})

describe('notes list: sort and filter', () => {
  const notes = [
    summary(1, 'Zürich memo', { tags: ['ICE', 'memo'], updatedAt: '2026-02-09T10:00:00Z' }),
    summary(2, 'note 10', { excerpt: 'closed 4,403 cases' }),
    summary(3, '', { tags: ['ice'] }),
    summary(4, 'Note 9', { createdAt: '2026-03-01T00:00:00Z' })
  ]

  it('sorts by last edit, by creation, or by title (numbers in order, untitled last)', () => {
    expect(sortNotes(notes, 'updated').map((note) => note.id)).toEqual([1, 4, 3, 2])
    expect(sortNotes(notes, 'created').map((note) => note.id)).toEqual([4, 3, 2, 1])
    expect(sortNotes(notes, 'title').map((note) => note.id)).toEqual([4, 2, 1, 3])
  })

  it('matches every typed word in the title, text or tags, ignoring case and accents', () => {
    expect(foldForMatch('ZÜRICH')).toBe('zurich')
    expect(noteMatches(notes[0]!, { text: 'zurich MEMO', tag: null })).toBe(true)
    expect(noteMatches(notes[1]!, { text: '4,403', tag: null })).toBe(true)
    expect(noteMatches(notes[1]!, { text: 'note absent', tag: null })).toBe(false)
    expect(visibleNotes(notes, { text: '', tag: 'Ice' }, 'updated').map((note) => note.id)).toEqual([1, 3])
    expect(visibleNotes(notes, { text: 'memo', tag: 'ice' }, 'updated').map((note) => note.id)).toEqual([1])
  })

  it('counts tags across notes without regard to case, most used first', () => {
    expect(tagCounts(notes)).toEqual([
      { tag: 'ICE', count: 2 },
      { tag: 'memo', count: 1 }
    ])
  })
})

describe('tag editing', () => {
  const known = [
    { tag: 'review', count: 1 },
    { tag: 'Prosecutorial discretion', count: 4 },
    { tag: 'ICE', count: 7 },
    { tag: 'deportation review', count: 2 }
  ]

  it('suggests tags not on the note yet: those starting with the typed text first, then those containing it', () => {
    expect(tagSuggestions(known, [], 'rev', 5)).toEqual(['review', 'deportation review'])
    expect(tagSuggestions(known, ['ice'], '', 5)).toEqual(['Prosecutorial discretion', 'deportation review', 'review'])
    expect(tagSuggestions(known, [], 'pro', 1)).toEqual(['Prosecutorial discretion'])
  })

  it('tidies a typed tag and adds it only once, whatever its case', () => {
    expect(cleanTag('  two   words ')).toBe('two words')
    expect(withTag(['ICE'], 'ice')).toEqual(['ICE'])
    expect(withTag(['ICE'], ' memo ')).toEqual(['ICE', 'memo'])
    expect(withTag(['ICE'], '   ')).toEqual(['ICE'])
  })
})

describe('export wording', () => {
  it('says what was saved', () => {
    expect(exportedMessage(1, 'pdf')).toBe('Saved the note as PDF.')
    expect(exportedMessage(3, 'markdown')).toBe('Saved 3 notes as Markdown.')
  })
})
