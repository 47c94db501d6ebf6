// Where a passage of an article sits in its body. The reader shows the body as paragraphs (line
// endings made \n, blank lines dropped, ends trimmed, search matches wrapped in <mark>), while a
// citation stores UTF-16 offsets into the body exactly as the archive keeps it. This module maps
// between the two without depending on how the paragraphs were cut: it only needs each paragraph's
// text, in order, and finds it in the body.

/** A position on screen: a paragraph (0-based, in reading order) and an offset inside its text. */
export interface ParagraphPoint {
  paragraph: number
  offset: number
}

/** A passage as body offsets: [start, end), start < end. */
export interface BodyRange {
  start: number
  end: number
}

export interface BodyLayout {
  /** The body as stored. */
  readonly body: string
  /** Where each paragraph starts and how long it is, in the body with line endings made \n. */
  readonly paragraphs: readonly { start: number; length: number }[]
  /** Offset in the \n-only text → offset in the body; null when the body has no \r (the same numbers). */
  readonly toBody: Int32Array | null
}

/**
 * Lays the displayed paragraphs over the body. Returns null when a paragraph cannot be found in
 * order (the display and the body disagree), so no caller ever quotes the wrong words.
 */
export function layoutBody(body: string, paragraphTexts: readonly string[]): BodyLayout | null {
  let text = body
  let toBody: Int32Array | null = null
  if (body.includes('\r')) {
    toBody = new Int32Array(body.length + 1)
    let built = ''
    let out = 0
    for (let index = 0; index < body.length; index++) {
      const char = body[index] as string
      if (char === '\r' && body[index + 1] === '\n') continue // the \n that follows stands for both
      toBody[out++] = index
      built += char === '\r' ? '\n' : char
    }
    toBody[out] = body.length
    text = built
    toBody = toBody.slice(0, out + 1)
  }
  const paragraphs: { start: number; length: number }[] = []
  let cursor = 0
  for (const paragraph of paragraphTexts) {
    const start = text.indexOf(paragraph, cursor)
    if (paragraph === '' || start < 0) return null
    paragraphs.push({ start, length: paragraph.length })
    cursor = start + paragraph.length
  }
  return { body, paragraphs, toBody }
}

function bodyOffset(layout: BodyLayout, normalized: number): number {
  return layout.toBody === null ? normalized : (layout.toBody[normalized] ?? layout.body.length)
}

function normalizedOffset(layout: BodyLayout, offset: number): number {
  const map = layout.toBody
  if (map === null) return offset
  // The first \n-only position whose body offset is at or after `offset` (the map only grows).
  let low = 0
  let high = map.length - 1
  while (low < high) {
    const middle = (low + high) >> 1
    if ((map[middle] as number) < offset) low = middle + 1
    else high = middle
  }
  return low
}

/** Shrinks a range so it neither starts nor ends with whitespace; null when nothing but whitespace is left. */
export function trimRange(body: string, range: BodyRange): BodyRange | null {
  let { start, end } = range
  while (start < end && /\s/.test(body[start] as string)) start++
  while (end > start && /\s/.test(body[end - 1] as string)) end--
  return end > start ? { start, end } : null
}

/**
 * The body offsets between two points on screen (in either order), trimmed of whitespace at both
 * ends; null when the points name no paragraph or only whitespace lies between them.
 */
export function bodyRangeBetween(layout: BodyLayout, a: ParagraphPoint, b: ParagraphPoint): BodyRange | null {
  const toNormalized = (point: ParagraphPoint): number | null => {
    const paragraph = layout.paragraphs[point.paragraph]
    if (paragraph === undefined) return null
    return paragraph.start + Math.max(0, Math.min(point.offset, paragraph.length))
  }
  const first = toNormalized(a)
  const second = toNormalized(b)
  if (first === null || second === null) return null
  const start = bodyOffset(layout, Math.min(first, second))
  const end = bodyOffset(layout, Math.max(first, second))
  return trimRange(layout.body, { start, end })
}

/**
 * Where body offsets show on screen. An offset between paragraphs (in a blank line) moves to the
 * start of the next paragraph for `start`, or to the end of the previous one for `end`. Null when
 * the range covers no displayed text at all.
 */
export function pointsForRange(layout: BodyLayout, range: BodyRange): { from: ParagraphPoint; to: ParagraphPoint } | null {
  const start = normalizedOffset(layout, range.start)
  const end = normalizedOffset(layout, range.end)
  let from: ParagraphPoint | null = null
  let to: ParagraphPoint | null = null
  for (let index = 0; index < layout.paragraphs.length; index++) {
    const paragraph = layout.paragraphs[index] as { start: number; length: number }
    const paragraphEnd = paragraph.start + paragraph.length
    if (start >= paragraphEnd || end <= paragraph.start) continue
    from ??= { paragraph: index, offset: Math.max(0, start - paragraph.start) }
    to = { paragraph: index, offset: Math.min(paragraph.length, end - paragraph.start) }
  }
  return from === null || to === null ? null : { from, to }
}

/**
 * Finds a quoted passage in the body: at its stored offsets when the text there is still the
 * quote, otherwise at the occurrence of the quote nearest to them (the article was imported again,
 * say). Null when the quote is no longer in the body.
 */
export function locatePassage(body: string, passage: { start: number; end: number; quote: string | null }): BodyRange | null {
  const { start, end, quote } = passage
  const valid = start >= 0 && end > start && end <= body.length
  if (quote === null || quote === '') return valid ? { start, end } : null
  if (valid && body.slice(start, end) === quote) return { start, end }
  let best: number | null = null
  for (let at = body.indexOf(quote); at >= 0; at = body.indexOf(quote, at + 1)) {
    if (best === null || Math.abs(at - start) < Math.abs(best - start)) best = at
  }
  return best === null ? null : { start: best, end: best + quote.length }
}
