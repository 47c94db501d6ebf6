import { descendants, type HtmlElement } from '../article/html-tree'
import { NUMBER_AFTER, NUMBER_BEFORE } from '../article/render-html-text'
import { attribute } from '../workbook/xml-text'

/**
 * mammoth numbers every ordered list 1., 2., 3.: it reads from numbering.xml only whether a level is
 * a bullet, so a nested list Word shows as a., b. (or i., ii.), one that starts at 5 (w:start), or
 * one shown "a)" or "(1)" (w:lvlText) came out 1., 2. Its model of a numbering level keeps one more
 * thing, the paragraph style a level is tied to (w:pStyle); a level tied to none is given a made-up
 * one that describes its numbering, each paragraph numbered at such a level is opened with a mark
 * carrying the description, and the mark is taken out of mammoth's HTML again, setting its list's
 * `type` and `start` as HTML does (and what goes around the number: NUMBER_BEFORE, NUMBER_AFTER).
 * A level already tied to a style (Word's "List Number 2") keeps mammoth's reading: that style is
 * how its paragraphs find their level. A list whose levels are another's (w:numStyleLink) is found
 * by mammoth through its numbering style, and its levels are the linked list's, described here.
 */

/** Word's number formats (w:numFmt) that HTML's `type` can show, and that `type`. */
export const WORD_NUMBER_FORMATS: ReadonlyMap<string, string> = new Map([
  ['decimal', '1'],
  ['lowerLetter', 'a'],
  ['upperLetter', 'A'],
  ['lowerRoman', 'i'],
  ['upperRoman', 'I']
])
const STYLE_PREFIX = 'casefile-number-format-'
// A noncharacter: never text a document interchanges, so a mark cannot be mistaken for its words.
const MARK = '\uFDD0'
/**
 * A level's numbering as the made-up style and the mark carry it: its `type`, its start, the
 * UTF-8 of what goes before and after the number in hexadecimal ("a1x28x29" is "(a)", from a), and
 * the list definition (w:abstractNumId) whose counters it numbers with, after "n".
 */
const DESCRIPTION = /^([1aAiI])(\d{1,9})x((?:[0-9a-f]{2}){0,32})x((?:[0-9a-f]{2}){0,32})(?:n(-?\d{1,10}))?$/
/** A mark in the text: the description between two MARKs (the text after it may start with letters a to f). */
const MARKED = new RegExp(`${MARK}([1aAiI])(\\d{1,9})x((?:[0-9a-f]{2}){0,32})x((?:[0-9a-f]{2}){0,32})(?:n(-?\\d{1,10}))?${MARK}`, 'g')
/** Which list definition's counters an ordered list (an `ol` of the HTML) numbers with. */
const COUNTERS = 'data-casefile-counters'
const ABSTRACT_NUM = /<w:abstractNum\b(?:[^>"']|"[^"]*"|'[^']*')*>/g
/** The most UTF-8 bytes shown on either side of a number that are kept ("Article " before it): more is not a number's mark. */
const MAX_AROUND = 32
const LEVEL_OPEN = '<w:lvl'
const LEVEL_CLOSE = '</w:lvl>'
/** A level's opening tag (not w:lvlText, w:lvlJc…), not self-closing; its attributes are short. */
const LEVEL_TAG = /^<w:lvl(?![\w:.-])[^>]*(?<!\/)>/
const MAX_TAG = 512
const NUMBER_FORMAT = /<w:numFmt\b[^>]*\bw:val="([A-Za-z]+)"/
const START = /<w:start\b[^>]*>/
const LEVEL_TEXT = /<w:lvlText\b[^>]*>/

/**
 * numbering.xml with each numbering level that is tied to no style, and is not numbered 1., 2., 3.,
 * tied to one that describes its numbering (see DESCRIPTION).
 * One pass: a level is read from its opening tag to its end tag, and an opening without an end before
 * the next opening is left as it is (a file cannot make this read it more than once).
 */
export function tieLevelsToFormats(numberingXml: string): string {
  let out = ''
  let copied = 0
  let close = -1
  let next = levelAt(numberingXml, 0)
  // Where each list definition opens, and its id: a level numbers with the counters of the definition it is in.
  const definitions = [...numberingXml.matchAll(ABSTRACT_NUM)].map((match) => ({ at: match.index, id: attribute(match[0], 'w:abstractNumId') }))
  while (next !== null) {
    const { open, tag } = next
    next = levelAt(numberingXml, open + tag.length)
    if (close < open) close = numberingXml.indexOf(LEVEL_CLOSE, open)
    if (close < 0) break
    if (next !== null && next.open < close) continue
    const inner = numberingXml.slice(open + tag.length, close)
    const definition = definitions.findLast((opening) => opening.at < open)?.id ?? null
    const description = inner.includes('<w:pStyle') ? null : levelDescription(tag, inner, definition !== null && /^-?\d{1,10}$/.test(definition) ? definition : null)
    if (description === null) continue
    out += numberingXml.slice(copied, open + tag.length) + `<w:pStyle w:val="${STYLE_PREFIX}${description}"/>`
    copied = open + tag.length
  }
  return out + numberingXml.slice(copied)
}

/**
 * How a level (its opening `tag` and what it holds) numbers its paragraphs, as DESCRIPTION writes it;
 * null for a format HTML cannot show, and for Word's default (1., 2., 3.) outside a list definition,
 * which mammoth already shows. A level of a definition (`counters`) names it, even at Word's default:
 * mammoth runs the items of lists next to each other into one list, and Word counts each on its own.
 * What goes around the number is read from the level's text ("(%2)" at the second level) when it
 * holds this level's number alone; one that shows the numbers of the levels above ("%1.%2.") keeps
 * the ".".
 */
function levelDescription(tag: string, inner: string, counters: string | null): string | null {
  const type = WORD_NUMBER_FORMATS.get(NUMBER_FORMAT.exec(inner)?.[1] ?? '')
  if (type === undefined) return null
  const written = Number(attribute(START.exec(inner)?.[0] ?? '', 'w:val') ?? '1')
  const start = Number.isSafeInteger(written) && written >= 0 && written <= 999_999_999 ? written : 1
  const text = attribute(LEVEL_TEXT.exec(inner)?.[0] ?? '', 'w:val')
  const placeholder = `%${Number(attribute(tag, 'w:ilvl') ?? '0') + 1}`
  let before = ''
  let after = '.'
  const at = text?.indexOf(placeholder) ?? -1
  if (text !== null && at >= 0 && !/%\d/.test(text.slice(0, at) + text.slice(at + placeholder.length))) {
    const [shownBefore, shownAfter] = [text.slice(0, at), text.slice(at + placeholder.length)]
    if (Buffer.byteLength(shownBefore) <= MAX_AROUND && Buffer.byteLength(shownAfter) <= MAX_AROUND) [before, after] = [shownBefore, shownAfter]
  }
  if (type === '1' && start === 1 && before === '' && after === '.' && counters === null) return null
  return `${type}${start}x${hex(before)}x${hex(after)}${counters === null ? '' : `n${counters}`}`
}

function hex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex')
}

function fromHex(digits: string): string {
  return Buffer.from(digits, 'hex').toString('utf8')
}

/** The next level's opening tag from `from` on (not w:lvlText, w:lvlJc…, nor a self-closing one), or null. */
function levelAt(xml: string, from: number): { open: number; tag: string } | null {
  for (let open = xml.indexOf(LEVEL_OPEN, from); open >= 0; open = xml.indexOf(LEVEL_OPEN, open + LEVEL_OPEN.length)) {
    const tag = LEVEL_TAG.exec(xml.slice(open, open + MAX_TAG))
    if (tag !== null) return { open, tag: tag[0] }
  }
  return null
}

/** An element of mammoth's document model, as far as it is read here. */
interface WordElement {
  type?: unknown
  children?: unknown
  numbering?: { paragraphStyleId?: unknown; isOrdered?: unknown } | null
}

/**
 * mammoth's document (its transformDocument option) with each paragraph numbered at a level tied
 * above opened with the mark of its numbering. Elements are copied, never changed in place.
 */
export function markNumberFormats(element: unknown): unknown {
  if (typeof element !== 'object' || element === null) return element
  const word = element as WordElement
  const children = Array.isArray(word.children) ? word.children.map(markNumberFormats) : word.children
  const style = word.type === 'paragraph' ? word.numbering?.paragraphStyleId : undefined
  const description = typeof style === 'string' && style.startsWith(STYLE_PREFIX) ? style.slice(STYLE_PREFIX.length) : ''
  if (DESCRIPTION.test(description) && word.numbering?.isOrdered === true && Array.isArray(children)) return { ...word, children: [{ type: 'text', value: `${MARK}${description}${MARK}` }, ...children] }
  return children === word.children ? element : { ...word, children }
}

/**
 * Takes the marks out of mammoth's HTML, giving the ordered list of each item they open its numbering.
 * An item of another list definition than the items before it in the same HTML list (two lists next
 * to each other, which mammoth runs into one) opens a list of its own, counted from its own start.
 */
export function applyNumberFormats(root: HtmlElement): void {
  for (const element of [...descendants(root)]) {
    element.children = element.children.map((child) => {
      if (typeof child !== 'string' || !child.includes(MARK)) return child
      return child
        .replace(MARKED, (_mark: string, type: string, start: string, before: string, after: string, counters: string | undefined) => {
          let list = listOf(element)
          if (list !== null && list.attrs.type !== undefined && counters !== undefined && list.attrs[COUNTERS] !== counters) list = splitListAt(list, element)
          if (list !== null && list.attrs.type === undefined) {
            Object.assign(list.attrs, { type, start: String(Number(start)), [NUMBER_BEFORE]: fromHex(before), [NUMBER_AFTER]: fromHex(after) })
            if (counters !== undefined) list.attrs[COUNTERS] = counters
          }
          return ''
        })
        .replaceAll(MARK, '')
    })
  }
}

/**
 * A new ordered list, right after `list`, holding the item that holds `element` and the items after
 * it; null when the item is the list's first (its numbering is the list's already).
 */
function splitListAt(list: HtmlElement, element: HtmlElement): HtmlElement | null {
  let item: HtmlElement | null = element
  while (item !== null && item.parent !== list) item = item.parent
  const at = item === null ? -1 : list.children.indexOf(item)
  if (at <= 0 || list.parent === null) return null
  const parent = list.parent
  const rest: HtmlElement = { tag: 'ol', attrs: {}, children: list.children.splice(at), parent }
  for (const child of rest.children) if (typeof child !== 'string') child.parent = rest
  parent.children.splice(parent.children.indexOf(list) + 1, 0, rest)
  return rest
}

/** The ordered list whose item holds `element`, if any. */
function listOf(element: HtmlElement): HtmlElement | null {
  for (let up: HtmlElement | null = element; up !== null; up = up.parent) {
    if (up.tag === 'li') return up.parent?.tag === 'ol' ? up.parent : null
  }
  return null
}
