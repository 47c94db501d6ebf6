import { descendants, type HtmlElement } from '../article/html-tree'

/**
 * mammoth numbers every ordered list 1, 2, 3: it reads from numbering.xml only whether a level is a
 * bullet, so a nested list Word shows as a., b. (or i., ii.) came out 1., 2. Its model of a
 * numbering level keeps one more thing, the paragraph style a level is tied to (w:pStyle); a level
 * tied to none is given a made-up one that names its format, each paragraph numbered at such a level
 * is opened with a mark naming it, and the mark is taken out of mammoth's HTML again, setting its
 * list's `type` as HTML does. A level already tied to a style (Word's "List Number 2") keeps mammoth's
 * reading: that style is how its paragraphs find their level.
 */

/** Word's number formats (w:numFmt) that HTML's `type` can show, and that `type`. */
const FORMATS: ReadonlyMap<string, string> = new Map([
  ['lowerLetter', 'a'],
  ['upperLetter', 'A'],
  ['lowerRoman', 'i'],
  ['upperRoman', 'I']
])
const STYLE_PREFIX = 'casefile-number-format-'
// A noncharacter: never text a document interchanges, so a mark cannot be mistaken for its words.
const MARK = '\uFDD0'
const MARKED = new RegExp(`${MARK}([aAiI])`, 'g')
const LEVEL_OPEN = '<w:lvl'
const LEVEL_CLOSE = '</w:lvl>'
/** A level's opening tag (not w:lvlText, w:lvlJc…), not self-closing; its attributes are short. */
const LEVEL_TAG = /^<w:lvl(?![\w:.-])[^>]*(?<!\/)>/
const MAX_TAG = 512
const NUMBER_FORMAT = /<w:numFmt\b[^>]*\bw:val="([A-Za-z]+)"/

/**
 * numbering.xml with each numbering level that is tied to no style tied to one naming its format.
 * One pass: a level is read from its opening tag to its end tag, and an opening without an end before
 * the next opening is left as it is (a file cannot make this read it more than once).
 */
export function tieLevelsToFormats(numberingXml: string): string {
  let out = ''
  let copied = 0
  let close = -1
  let next = levelAt(numberingXml, 0)
  while (next !== null) {
    const { open, tag } = next
    next = levelAt(numberingXml, open + tag.length)
    if (close < open) close = numberingXml.indexOf(LEVEL_CLOSE, open)
    if (close < 0) break
    if (next !== null && next.open < close) continue
    const inner = numberingXml.slice(open + tag.length, close)
    const format = NUMBER_FORMAT.exec(inner)?.[1]
    if (format === undefined || !FORMATS.has(format) || inner.includes('<w:pStyle')) continue
    out += numberingXml.slice(copied, open + tag.length) + `<w:pStyle w:val="${STYLE_PREFIX}${format}"/>`
    copied = open + tag.length
  }
  return out + numberingXml.slice(copied)
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
 * above opened with its format's mark. Elements are copied, never changed in place.
 */
export function markNumberFormats(element: unknown): unknown {
  if (typeof element !== 'object' || element === null) return element
  const word = element as WordElement
  const children = Array.isArray(word.children) ? word.children.map(markNumberFormats) : word.children
  const style = word.type === 'paragraph' ? word.numbering?.paragraphStyleId : undefined
  const type = typeof style === 'string' && style.startsWith(STYLE_PREFIX) ? FORMATS.get(style.slice(STYLE_PREFIX.length)) : undefined
  if (type !== undefined && word.numbering?.isOrdered === true && Array.isArray(children)) return { ...word, children: [{ type: 'text', value: `${MARK}${type}` }, ...children] }
  return children === word.children ? element : { ...word, children }
}

/** Takes the marks out of mammoth's HTML, giving the ordered list of each item they open its `type`. */
export function applyNumberFormats(root: HtmlElement): void {
  for (const element of descendants(root)) {
    element.children = element.children.map((child) => {
      if (typeof child !== 'string' || !child.includes(MARK)) return child
      return child.replace(MARKED, (_mark: string, type: string) => {
        const list = listOf(element)
        if (list !== null && list.attrs.type === undefined) list.attrs.type = type
        return ''
      }).replaceAll(MARK, '')
    })
  }
}

/** The ordered list whose item holds `element`, if any. */
function listOf(element: HtmlElement): HtmlElement | null {
  for (let up: HtmlElement | null = element; up !== null; up = up.parent) {
    if (up.tag === 'li') return up.parent?.tag === 'ol' ? up.parent : null
  }
  return null
}
