import { SNIPPET_MARK_END } from '@shared/model'
import { isBylineElement } from './html-element-roles'
import { textOf, type HtmlElement, type HtmlNode } from './html-tree'
import { removeReservedCharacters } from './remove-reserved-characters'

/** Elements whose text stands as a paragraph of its own. */
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'address', 'hr',
  'center', 'details', 'summary', 'body', 'html'
])
/**
 * How the text in the tree is spaced: `collapse` as a browser shows HTML (runs of whitespace read
 * as one space); `as-written` when the reader of the source format has already applied its own
 * rule (OpenDocument keeps the spaces and tabs it writes as elements), so only line ends are trimmed.
 */
export type TextSpacing = 'collapse' | 'as-written'

/** A paragraph as read, and the level of the heading it is (1…6), or null for any other paragraph. */
export interface RenderedParagraph {
  text: string
  heading: number | null
}

const HEADING = /^h([1-6])$/

/** A byline longer than this is a biography or a wrapper, not a byline, and stays in the text. */
const MAX_BYLINE = 200

// Work items for the iterative walk: a node to enter, or the end of an element.
type Step = { node: HtmlNode } | { leave: HtmlElement }

/**
 * The plain text of an article element: one paragraph per block (p, headings, list items, quotes,
 * table rows…) with whitespace collapsed, <br> kept as a line break, <pre> kept line for line,
 * list items marked ("•", or numbered as the list's `type`, `start`, NUMBER_BEFORE and NUMBER_AFTER and the item's `value` say)
 * and set in by their level, table cells separated by " | ". Dropped elements and bylines are left out.
 * A paragraph read from inside h1…h6 says so, with the level of the innermost.
 */
export function renderHtmlText(root: HtmlElement, dropped: (element: HtmlElement) => boolean, spacing: TextSpacing): RenderedParagraph[] {
  const paragraphs: RenderedParagraph[] = []
  let pieces: string[] = []
  let prefix = ''
  let preDepth = 0
  const listCounters: number[] = []
  const headings: number[] = []
  const flush = (): void => {
    const text = preDepth > 0 ? pieces.join('').replace(/^\n+|\s+$/g, '') : joinLines(pieces, spacing)
    if (text !== '') paragraphs.push({ text: prefix + text, heading: headings.at(-1) ?? null })
    pieces = []
    prefix = ''
  }

  const steps: Step[] = [{ node: root }]
  while (steps.length > 0) {
    const step = steps.pop()!
    if ('leave' in step) {
      const element = step.leave
      if (BLOCKS.has(element.tag)) flush()
      if (element.tag === 'pre') preDepth--
      if (element.tag === 'ul' || element.tag === 'ol') listCounters.pop()
      if (HEADING.test(element.tag)) headings.pop()
      continue
    }
    const node = step.node
    if (typeof node === 'string') {
      pieces.push(removeReservedCharacters(node))
      continue
    }
    if (node !== root && (dropped(node) || (isBylineElement(node) && textOf(node).length <= MAX_BYLINE))) continue
    if (BLOCKS.has(node.tag)) flush()
    const heading = HEADING.exec(node.tag)
    if (heading !== null) headings.push(Number(heading[1]))
    switch (node.tag) {
      case 'br':
        pieces.push(preDepth > 0 ? '\n' : LINE_BREAK)
        break
      case 'pre':
        preDepth++
        break
      case 'ul':
        listCounters.push(0)
        break
      case 'ol':
        listCounters.push(Number(node.attrs.start ?? '1') - 1 || 0)
        break
      case 'li': {
        const list = listCounters.length - 1
        const owner = findList(node)
        // An item in a list inside a list is set in, a level at a time, up to a word processor's deepest.
        const level = Math.min(Math.max(0, list), MAX_LEVEL)
        const indent = LEVEL_INDENT.repeat(level)
        if (list >= 0 && owner?.tag === 'ol') {
          const value = Number(node.attrs.value)
          listCounters[list] = Number.isSafeInteger(value) && node.attrs.value !== '' ? value : listCounters[list]! + 1
          prefix = `${indent}${owner.attrs[NUMBER_BEFORE] ?? ''}${listNumber(listCounters[list]!, owner.attrs.type ?? '1')}${owner.attrs[NUMBER_AFTER] ?? '.'} `
        } else prefix = `${indent}${BULLETS[level % BULLETS.length]} `
        break
      }
      case 'td':
      case 'th':
        if (node.parent?.children.find((child) => typeof child !== 'string') !== node) pieces.push(' | ')
        break
    }
    steps.push({ leave: node })
    for (let i = node.children.length - 1; i >= 0; i--) steps.push({ node: node.children[i]! })
  }
  flush()
  return paragraphs
}

const LEVEL_INDENT = '    '
/** Word and LibreOffice nest lists ten levels deep; a page that nests more is not set in further. */
const MAX_LEVEL = 9
/** The bullet of each level of nested lists, as word processors set them by default. */
const BULLETS = ['•', '◦', '▪']

/**
 * An ordered list's attributes (set by the .docx and .odt readers) holding what a word processor shows
 * before and after each item's number ("(" and ")" for "(1)"); without them a number is followed by ".".
 */
export const NUMBER_BEFORE = 'data-number-before'
export const NUMBER_AFTER = 'data-number-after'

/** An item's number in an ordered list's numbering (HTML's `type`): 1, a, A, i or I. */
export function listNumber(n: number, type: string): string {
  if (n < 1 || n > 3999 || !['a', 'A', 'i', 'I'].includes(type)) return String(n)
  if (type === 'a' || type === 'A') {
    let letters = ''
    for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(97 + ((rest - 1) % 26)) + letters
    return type === 'A' ? letters.toUpperCase() : letters
  }
  let roman = ''
  let rest = n
  for (const [value, numeral] of ROMAN) {
    for (; rest >= value; rest -= value) roman += numeral
  }
  return type === 'I' ? roman.toUpperCase() : roman
}

const ROMAN: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']]

// Stands for <br> until whitespace has been collapsed. Page text cannot contain it: reserved
// characters are removed from every text node first.
const LINE_BREAK = SNIPPET_MARK_END

function joinLines(pieces: string[], spacing: TextSpacing): string {
  return pieces
    .join('')
    .split(LINE_BREAK)
    .map((line) => (spacing === 'collapse' ? line.replace(/\s+/g, ' ').trim() : line.trimEnd()))
    .filter((line) => line !== '')
    .join('\n')
}

function findList(item: HtmlElement): HtmlElement | null {
  for (let up = item.parent; up !== null; up = up.parent) if (up.tag === 'ul' || up.tag === 'ol') return up
  return null
}
