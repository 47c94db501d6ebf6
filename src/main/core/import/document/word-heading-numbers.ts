// Word numbers headings through its lists: a heading style tied to a level of a multilevel list
// (the style's w:numPr, or the level's w:pStyle), or a list set on the heading paragraph itself,
// shows "1 Background", "2.1 Scope", "Article II". mammoth reads such a paragraph as a heading and
// drops its number (it numbers list items only), so the number is written into the heading's text
// here, counted as Word counts: every numbered paragraph of the list, heading or not, in order.
import { LevelCounters } from './level-counters'
import { formattedNumber, markedHeadingNumber } from './heading-number'
import { headingLevel, levelOf, readWordStyles, type WordStyle } from './word-outline-headings'
import { readWordNumbering, type WordLevel, type WordList } from './word-numbering'
import { TAG, VAL, valueOf } from './word-xml-tags'
import { switchedOn } from './drop-hidden-word-runs'

interface OpenParagraph {
  /** Where the number goes: after the paragraph's properties, or after its opening tag. */
  insertAt: number
  style: string | null
  outline: string | null
  numId: string | null
  ilvl: string | null
  /** In a choice Word writes for older readers (mc:Fallback), a copy of what is read elsewhere. */
  copy: boolean
  /** Its mark is hidden (w:vanish in the paragraph's run properties), and so is its number. */
  hidden: boolean
}

/** What a level's w:suff puts after its number: a tab (shown as a space in the article's text), a space, or nothing. */
const AFTER_NUMBER: Record<string, string> = { tab: ' ', space: ' ', nothing: '' }
const MAMMOTH_HEADING_ID = /^Heading[1-6]$/
/** Counting stops at this many levels of styles based on one another (a loop is not followed for ever). */
const MAX_BASED_ON = 32

/**
 * document.xml with the number Word shows before each heading numbered by a list (see above) written
 * into the heading's text as a run of its own, marked (markedHeadingNumber); other paragraphs as written.
 */
export function numberWordHeadings(documentXml: string, stylesXml: string, numberingXml: string): string {
  if (!numberingXml.includes('abstractNum')) return documentXml
  const styles = readWordStyles(stylesXml)
  const numbering = readWordNumbering(numberingXml, styles)
  const counters = new Map<string, LevelCounters>()
  /** The lists and levels whose start override has been applied (it restarts the level once). */
  const overridden = new Set<string>()
  const inserts: { at: number; text: string; hidden: boolean }[] = []
  const headingStyles = new Map<string, boolean>()
  const path: string[] = []
  const open: OpenParagraph[] = []

  const finish = (paragraph: OpenParagraph): void => {
    if (paragraph.copy) return
    const numbered = listOf(paragraph, styles, numbering)
    if (numbered === null) return
    const { list, ilvl, numId } = numbered
    const level = list.level(ilvl)
    if (level === undefined) return
    const counter = counters.get(list.counters) ?? new LevelCounters()
    counters.set(list.counters, counter)
    const key = `${numId}/${ilvl}`
    const override = overridden.has(key) ? null : list.startOverride(ilvl)
    if (override !== null) overridden.add(key)
    const value = counter.count(ilvl, level.start, override, (deeper) => keepsCounting(list.level(deeper), ilvl))
    if (!isHeading(paragraph, styles, headingStyles)) return
    const label = level.format === 'bullet' ? '' : levelText(level, ilvl, value, list, counter)
    if (label.trim() === '') return
    inserts.push({ at: paragraph.insertAt, text: label + (AFTER_NUMBER[level.suffix] ?? ' '), hidden: paragraph.hidden })
  }

  for (const match of documentXml.matchAll(TAG)) {
    const [whole, closing, name, attributes, selfClosing] = match
    if (name === undefined) continue
    if (closing === '/') {
      path.pop()
      if (name === 'pPr' && path.at(-1) === 'p' && open.length > 0) open.at(-1)!.insertAt = match.index + whole.length
      if (name === 'p' && open.length > 0) finish(open.pop()!)
      continue
    }
    const parent = path.at(-1)
    const paragraph = open.at(-1)
    if (name === 'p' && selfClosing !== '/') {
      open.push({ insertAt: match.index + whole.length, style: null, outline: null, numId: null, ilvl: null, copy: path.includes('Fallback'), hidden: false })
    } else if (paragraph !== undefined && parent === 'pPr' && path.at(-2) === 'p') {
      if (name === 'pStyle') paragraph.style = valueOf(attributes!, VAL)
      else if (name === 'outlineLvl') paragraph.outline = valueOf(attributes!, VAL)
    } else if (paragraph !== undefined && parent === 'numPr' && path.at(-2) === 'pPr' && path.at(-3) === 'p' && (name === 'numId' || name === 'ilvl')) {
      paragraph[name] = valueOf(attributes!, VAL)
    } else if (paragraph !== undefined && (name === 'vanish' || name === 'specVanish') && parent === 'rPr' && path.at(-2) === 'pPr' && path.at(-3) === 'p') {
      paragraph.hidden = switchedOn(attributes!)
    }
    if (selfClosing !== '/') path.push(name)
  }
  // Pieces joined once: a document with thousands of numbered headings is copied once, not once each.
  const pieces: string[] = []
  let copied = 0
  // A text box's paragraphs end before the paragraph they are anchored in: the places are put in order.
  for (const { at, text, hidden } of inserts.sort((a, b) => a.at - b.at)) {
    // A hidden number is left for dropHiddenWordRuns to take out with the paragraph's hidden text.
    pieces.push(documentXml.slice(copied, at), `<w:r>${hidden ? '<w:rPr><w:vanish/></w:rPr>' : ''}<w:t xml:space="preserve">${escapeXml(markedHeadingNumber(text))}</w:t></w:r>`)
    copied = at
  }
  pieces.push(documentXml.slice(copied))
  return pieces.join('')
}

/**
 * The list and level a paragraph is numbered at, as Word finds them: its own w:numPr, else its
 * style's (or the style's it is based on), else a list level tied to its style (w:pStyle); none
 * when the list is w:numId 0 (numbering turned off) or not defined.
 */
function listOf(paragraph: OpenParagraph, styles: ReadonlyMap<string, WordStyle>, numbering: ReturnType<typeof readWordNumbering>): { list: WordList; ilvl: number; numId: string } | null {
  let numId = paragraph.numId
  let ilvl = paragraph.ilvl
  let style = paragraph.style === null ? undefined : styles.get(paragraph.style)
  for (let depth = 0; numId === null && style !== undefined && depth < MAX_BASED_ON; depth++) {
    if (style.numId !== null) {
      numId = style.numId
      ilvl ??= style.ilvl
    }
    style = style.basedOn === null ? undefined : styles.get(style.basedOn)
  }
  const tied = paragraph.style === null ? null : numbering.listOfStyle(paragraph.style)
  if (numId === null && tied !== null) {
    numId = tied.numId
    ilvl ??= String(tied.ilvl)
  }
  if (numId === null || numId === '0') return null
  const list = numbering.list(numId)
  if (list === null) return null
  // A style's w:numPr without a level is numbered at the level tied to the style, else the first.
  const level = ilvl !== null && /^[0-8]$/.test(ilvl) ? Number(ilvl) : tied !== null && tied.numId === numId ? tied.ilvl : 0
  return { list, ilvl: level, numId }
}

/** Whether a paragraph is one mammoth reads as a heading (see word-outline-headings); `headingStyles` remembers each style's answer. */
function isHeading(paragraph: OpenParagraph, styles: ReadonlyMap<string, WordStyle>, headingStyles: Map<string, boolean>): boolean {
  if (levelOf(paragraph.outline) !== null) return true
  if (paragraph.style === null) return false
  let heading = headingStyles.get(paragraph.style)
  if (heading === undefined) {
    const style = styles.get(paragraph.style)
    // mammoth also reads the style ids Heading1 to Heading6 as headings, whatever their names.
    heading = MAMMOTH_HEADING_ID.test(paragraph.style) || (style?.paragraph === true && headingLevel(style, styles) !== null)
    headingStyles.set(paragraph.style, heading)
  }
  return heading
}

/** Whether a deeper level goes on counting after a paragraph at `ilvl` (w:lvlRestart: 0 never restarts, n restarts after level n and above). */
function keepsCounting(deeper: WordLevel | undefined, ilvl: number): boolean {
  const restart = deeper?.restart ?? null
  return restart !== null && (restart === 0 || ilvl >= restart)
}

/** A level's text with each "%n" as the number of level n, in its format (decimal for legal numbering). */
function levelText(level: WordLevel, ilvl: number, value: number, list: WordList, counter: LevelCounters): string {
  return level.text.replace(/%([1-9])/g, (_placeholder, digit: string) => {
    const at = Number(digit) - 1
    if (at > ilvl) return ''
    const shown = at === ilvl ? level : list.level(at)
    if (shown === undefined) return ''
    const number = at === ilvl ? value : counter.value(at, shown.start)
    return formattedNumber(number, level.legal ? 'decimal' : shown.format)
  })
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}
