import { descendants, textOf, type HtmlElement } from '../article/html-tree'
import { listNumber } from '../article/render-html-text'
import { WORD_NUMBER_FORMATS } from './word-list-formats'

/**
 * A heading's attribute (set by the .docx and .odt readers) holding the number its document's
 * outline numbering shows before its text, with what follows the number ("2.1 "): the number is
 * in the text, and the attribute says which part of it is the number.
 */
export const HEADING_NUMBER = 'data-heading-number'
// A noncharacter (as word-list-formats' mark): never text a document interchanges. It opens and
// closes the number written into a .docx heading, so that it can be found again in mammoth's HTML.
const MARK = '\uFDD1'
const MARKED = new RegExp(`${MARK}([^${MARK}]*)${MARK}`)

/** The number a .docx heading shows, with what follows it, marked to be found again by applyHeadingNumbers. */
export function markedHeadingNumber(number: string): string {
  return `${MARK}${number}${MARK}`
}

/** Takes the marks of markedHeadingNumber out of mammoth's HTML, keeping the number and telling its heading (HEADING_NUMBER). */
export function applyHeadingNumbers(root: HtmlElement): void {
  for (const element of descendants(root)) {
    element.children = element.children.map((child) => {
      if (typeof child !== 'string' || !child.includes(MARK)) return child
      const number = MARKED.exec(child)
      const heading = headingOf(element)
      if (number !== null && heading !== null && heading.attrs[HEADING_NUMBER] === undefined) heading.attrs[HEADING_NUMBER] = number[1]!
      return child.replaceAll(MARK, '')
    })
  }
}

/** A heading's text without the number its outline numbering gives it: what a title says. */
export function headingTextWithoutNumber(heading: HtmlElement): string {
  const text = textOf(heading)
  const number = (heading.attrs[HEADING_NUMBER] ?? '').replace(/\s+/g, ' ').trim()
  const rest = number !== '' && text.startsWith(number) ? text.slice(number.length).trim() : ''
  return rest === '' ? text : rest
}

/**
 * A number in a word processor's format: Word's w:numFmt names (decimal, lowerLetter, upperRoman…)
 * and OpenDocument's style:num-format (1, a, A, i, I) alike; a format without a number ("none", "")
 * shows none, and one not read here shows digits.
 */
export function formattedNumber(n: number, format: string): string {
  if (format === 'none' || format === '') return ''
  if (format === 'decimalZero') return n >= 0 && n < 10 ? `0${n}` : String(n)
  return listNumber(n, WORD_NUMBER_FORMATS.get(format) ?? format)
}

const HEADING = /^h[1-6]$/

function headingOf(element: HtmlElement): HtmlElement | null {
  for (let up: HtmlElement | null = element; up !== null; up = up.parent) if (HEADING.test(up.tag)) return up
  return null
}
