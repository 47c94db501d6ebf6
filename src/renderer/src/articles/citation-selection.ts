// The DOM half of quoting: turns a selection in the article reader into paragraph points (and so,
// through citation-offsets.ts, into body offsets), and a body range back into a DOM Range to mark.
// Paragraphs are the reader body's <p data-paragraph> children, in reading order.

import type { ParagraphPoint } from './citation-offsets'

export function readerParagraphs(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(':scope > [data-paragraph]'))
}

/**
 * A selection boundary as a paragraph point. Boundaries between paragraphs (a triple-click ends at
 * the start of the next one) move into the paragraph on the inside of the selection: `edge` says
 * which side that is. Null when the boundary is outside the container.
 */
export function boundaryPoint(container: HTMLElement, node: Node, offset: number, edge: 'start' | 'end'): ParagraphPoint | null {
  if (!container.contains(node)) return null
  const paragraphs = readerParagraphs(container)
  for (let index = 0; index < paragraphs.length; index++) {
    const paragraph = paragraphs[index] as HTMLElement
    const whole = document.createRange()
    whole.selectNodeContents(paragraph)
    const where = whole.comparePoint(node, offset)
    if (where === 0) {
      const before = document.createRange()
      before.setStart(paragraph, 0)
      before.setEnd(node, offset)
      return { paragraph: index, offset: before.toString().length }
    }
    if (where < 0) {
      // The boundary lies before this paragraph, after the previous one.
      if (edge === 'start') return { paragraph: index, offset: 0 }
      const previous = paragraphs[index - 1]
      return previous === undefined ? null : { paragraph: index - 1, offset: previous.textContent.length }
    }
  }
  const last = paragraphs.at(-1)
  return edge === 'end' && last !== undefined ? { paragraph: paragraphs.length - 1, offset: last.textContent.length } : null
}

export type SelectionInReader =
  | { kind: 'none' }
  | { kind: 'outside' }
  | { kind: 'inside'; from: ParagraphPoint; to: ParagraphPoint; range: Range }

/** Where the document's selection is relative to the reader's body. */
export function selectionInReader(container: HTMLElement, selection: Selection | null): SelectionInReader {
  if (selection === null || selection.rangeCount === 0 || selection.isCollapsed) return { kind: 'none' }
  const range = selection.getRangeAt(0)
  const touches = range.intersectsNode(container)
  if (!touches) return { kind: 'none' }
  const from = boundaryPoint(container, range.startContainer, range.startOffset, 'start')
  const to = boundaryPoint(container, range.endContainer, range.endOffset, 'end')
  if (from === null || to === null) return { kind: 'outside' }
  return { kind: 'inside', from, to, range }
}

function textPosition(paragraph: HTMLElement, offset: number): { node: Node; offset: number } {
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT)
  let seen = 0
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0
    if (offset <= seen + length) return { node, offset: offset - seen }
    seen += length
  }
  return { node: paragraph, offset: paragraph.childNodes.length }
}

/** A DOM Range over the text between two paragraph points; null when a paragraph is not rendered. */
export function domRangeFor(container: HTMLElement, from: ParagraphPoint, to: ParagraphPoint): Range | null {
  const paragraphs = readerParagraphs(container)
  const first = paragraphs[from.paragraph]
  const last = paragraphs[to.paragraph]
  if (first === undefined || last === undefined) return null
  const start = textPosition(first, from.offset)
  const end = textPosition(last, to.offset)
  const range = document.createRange()
  range.setStart(start.node, start.offset)
  range.setEnd(end.node, end.offset)
  return range
}
