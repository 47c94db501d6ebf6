import { Parser } from 'htmlparser2'
import { descendants, type HtmlElement, type HtmlNode } from '../article/html-tree'
import { citationMark } from './note-citation-mark'
import { NUMBER_AFTER, NUMBER_BEFORE } from '../article/render-html-text'
import { odfListStyles, odfOutlineStyle, type OdfListLevel } from './odf-list-styles'
import { formattedNumber, HEADING_NUMBER } from './heading-number'
import { LevelCounters } from './level-counters'
import { coveredCell } from './spread-merged-cells'
import { deletionMark } from './tracked-deletions'

/** OpenDocument text elements and the HTML element each reads as (see renderHtmlText). */
const AS_HTML: Record<string, string> = {
  'text:p': 'p',
  'text:list': 'ul',
  'text:list-item': 'li',
  // An item without a number or bullet: a paragraph in the list.
  'text:list-header': 'div',
  'text:a': 'a',
  'table:table': 'table',
  'table:table-row': 'tr',
  'table:table-cell': 'td',
  'text:line-break': 'br'
}
/**
 * Parts of the body that are not its text: pictures, embedded objects (a chart's text is its own
 * document) and their descriptions, text deleted under change tracking, and the templates an index
 * (table of contents…) is generated from; the generated index is read, and so is a frame's text box.
 */
const LEFT_OUT = new Set([
  'draw:image', 'draw:object', 'draw:object-ole', 'draw:plugin', 'draw:applet', 'draw:floating-frame', 'svg:title', 'svg:desc',
  'text:tracked-changes', 'text:sequence-decls', 'table:covered-table-cell'
])
/** A place a merged cell covers: read as an empty cell, so the values after it stay under their columns. */
const COVERED_CELL = 'table:covered-table-cell'
const INDEX_TEMPLATE = /^text:[a-z-]+-source$/
const HEADING = /^h[1-6]$/
/** Elements whose text is read with the whitespace rules of a paragraph. */
const PARAGRAPHS = new Set(['text:p', 'text:h'])
/** Characters a paragraph's whitespace rule collapses: runs of them read as one space. */
const COLLAPSED = /([ \t\r\n]+)/
/**
 * A repeated cell or row is written once with its count (a table with many empty cells, say); at
 * most this many copies are made of one, and at most COPY_BUDGET characters and elements in all, so
 * a few bytes cannot ask for a billion cells.
 */
const MAX_COPIES = 1024
const COPY_BUDGET = 1_000_000
/** At most this many spaces for one text:s, whatever its count says. */
const MAX_SPACES = 1000

/** A comment (office:annotation) in the text: who wrote it, and its paragraphs. */
export interface OdfComment {
  author: string | null
  element: HtmlElement
}

/** The text cannot be read as LibreOffice writes it: a DOCTYPE, whose entities are not expanded here. */
export class UnreadableOdfText extends Error {}

interface OpenParagraph {
  /** The whitespace rule: a collapsed character right after one (or at the start) is dropped. */
  afterSpace: boolean
  /** A hidden-paragraph field in it hides the whole paragraph. */
  hidden: boolean
}

/** Styles by family whose text LibreOffice hides: text:display="none", their own or their parent style's. */
function hiddenStyles(content: string, styles: string): Set<string> {
  const parentOf = new Map<string, string>()
  const display = new Map<string, boolean>()
  for (const [xml, wanted] of [[content, 'office:automatic-styles'], [styles, 'office:styles']] as const) {
    let inside = false
    let style: string | null = null
    let family = ''
    const parser = new Parser(
      {
        onopentag(name, attrs) {
          if (name === wanted) inside = true
          if (!inside) return
          if (name === 'style:style' && attrs['style:name'] !== undefined) {
            family = attrs['style:family'] ?? ''
            style = `${family}/${attrs['style:name']}`
            if (attrs['style:parent-style-name'] !== undefined) parentOf.set(style, `${family}/${attrs['style:parent-style-name']}`)
          }
          const shown = attrs['text:display']
          if (name === 'style:text-properties' && style !== null && shown !== undefined) display.set(style, shown === 'none')
        },
        onclosetag(name) {
          if (name === wanted) inside = false
          if (name === 'style:style') style = null
        }
      },
      { xmlMode: true, decodeEntities: true }
    )
    parser.write(xml)
    parser.end()
  }
  const hidden = new Set<string>()
  for (const name of new Set([...display.keys(), ...parentOf.keys()])) {
    const seen = new Set<string>()
    let at: string | undefined = name
    while (at !== undefined && !seen.has(at)) {
      seen.add(at)
      const says = display.get(at)
      if (says !== undefined) {
        if (says) hidden.add(name)
        break
      }
      at = parentOf.get(at)
    }
  }
  return hidden
}

/**
 * Whether an element opens text LibreOffice hides: a span or paragraph in a hidden style, a
 * section shown "none", a hidden-text field that is hidden.
 */
function opensHiddenText(name: string, attrs: Record<string, string>, hidden: ReadonlySet<string>): boolean {
  const style = attrs['text:style-name']
  if (style !== undefined && (name === 'text:span' ? hidden.has(`text/${style}`) : PARAGRAPHS.has(name) && hidden.has(`paragraph/${style}`))) return true
  if (name === 'text:section') return attrs['text:display'] === 'none'
  return name === 'text:hidden-text' && attrs['text:is-hidden'] === 'true'
}

/**
 * The text of an OpenDocument part as an HTML-like tree renderHtmlText can read: each of its
 * `regions` (the body, office:text, of content.xml; the headers and footers of styles.xml's page
 * styles) as a div under the root, in order, with the text as LibreOffice shows it: headings by outline level, paragraphs, lists, tables (a
 * repeated cell or row copied as often as it repeats) and line breaks; spaces (text:s) and tabs
 * kept as written and other whitespace collapsed by the OpenDocument rule; a note's citation left
 * in place as its mark ("¹", see noteMark; "[*]" for one that is not a number) and its text put
 * after the regions, "¹ text"; comments apart, each with its author; spans and links read through;
 * styles and drawings left out, and text LibreOffice hides (hidden styles, sections,
 * paragraphs and text fields: `styles` is styles.xml, whose named styles content.xml's may use),
 * counted in passages. Text deleted under change tracking is not read as the text; in its place
 * (text:change) stands its mark (see tracked-deletions), and its text is in `deleted`. The tree's
 * text is final: render it as written.
 */
export function odfTextTree(
  xml: string,
  styles: string,
  regions: ReadonlySet<string>
): { root: HtmlElement; comments: OdfComment[]; copiesLeftOut: number; hiddenPassages: number; deleted: string[]; insertions: number } {
  const hidden = hiddenStyles(xml, styles)
  const listStyles = odfListStyles(xml, styles)
  const outline = odfOutlineStyle(styles)
  const outlineCounters = new LevelCounters()
  /** The heading whose written number (text:number) is being read, and the number read so far. */
  let writtenNumber: { heading: HtmlElement; text: string } | null = null
  /** The style of each list open, outermost first: a list inside another takes its style unless it names one. */
  const lists: string[] = []
  /**
   * Numbered lists that continue one another (one list to LibreOffice), by the xml:id of each of
   * them and by style (the last of each): a list that continues one goes on from its chain's last.
   */
  const listsById = new Map<string, { last: HtmlElement }>()
  const lastListOf = new Map<string, { last: HtmlElement }>()
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [], parent: null }
  const notes: HtmlElement[] = []
  const comments: OdfComment[] = []
  /** The comment whose author (dc:creator) is being read. */
  let authorOf: OdfComment | null = null
  let current = root
  // One entry per open element: the element it opened, or null for one read through or left out.
  const opened: (HtmlElement | null)[] = []
  const paragraphs: OpenParagraph[] = []
  /** Where the text of the note or comment being read goes back to when it ends. */
  const returns: HtmlElement[] = []
  /** How many paragraphs were open outside the note, comment or text box being read: text outside its own is not shown. */
  const asideDepths: number[] = []
  /** The text boxes anchored in each paragraph, put after it when it ends (as a .docx's are read). */
  const boxesOf = new Map<HtmlElement, HtmlElement[]>()
  /** For each text box open: whether it is read apart (it is anchored in a paragraph). */
  const boxesApart: boolean[] = []
  let citation: string | null = null
  let inBody = false
  /** The page style (master page) whose header or footer is being read. */
  let pageStyle = ''
  let skipping = 0
  /** One entry per open element: whether it started (or deepened) a stretch left out. */
  const skips: boolean[] = []
  let hiddenPassages = 0
  let copied = 0
  let copiesLeftOut = 0
  /** The tracked change being read (text:changed-region): its id, kind and, for a deletion, its text. */
  let change: { id: string; kind: string; text: string; info: number } | null = null
  const deleted: string[] = []
  const deletionAt = new Map<string, number>()
  let insertions = 0
  const append = (value: string): void => {
    const last = current.children.at(-1)
    if (typeof last === 'string') current.children[current.children.length - 1] = last + value
    else current.children.push(value)
  }
  const kept = (value: string): void => {
    const paragraph = paragraphs.at(-1)
    if (paragraph === undefined) return
    append(value)
    paragraph.afterSpace = false
  }
  const text = (value: string): void => {
    if (change !== null && change.kind === 'text:deletion' && change.info === 0) change.text += value
    if (!inBody || skipping > 0) return
    if (authorOf !== null) {
      authorOf.author = (authorOf.author ?? '') + value
      return
    }
    if (citation !== null) {
      citation += value
      return
    }
    if (writtenNumber !== null) {
      writtenNumber.text += value
      return
    }
    // Text outside paragraphs (the indentation between elements, a comment's date) is not shown.
    const paragraph = paragraphs.at(-1)
    if (paragraph === undefined || paragraphs.length <= (asideDepths.at(-1) ?? 0)) return
    let out = ''
    for (const piece of value.split(COLLAPSED)) {
      if (piece === '') continue
      if (!COLLAPSED.test(piece)) {
        out += piece
        paragraph.afterSpace = false
      } else if (!paragraph.afterSpace) {
        out += ' '
        paragraph.afterSpace = true
      }
    }
    if (out !== '') append(out)
  }
  const parser = new Parser(
    {
      onprocessinginstruction(name) {
        if (name.toLowerCase() === '!doctype') throw new UnreadableOdfText()
      },
      onopentag(name, attrs) {
        if (inBody) readTrackedChange(name, attrs)
        if (name === 'style:master-page') pageStyle = attrs['style:name'] ?? ''
        // A region whose display is off (a left-page header the page style does not use) is not shown.
        if (regions.has(name) && !inBody && attrs['style:display'] !== 'false') {
          inBody = true
          const region: HtmlElement = { tag: 'div', attrs: { region: name, page: pageStyle }, children: [], parent: root }
          root.children.push(region)
          current = region
          skips.push(false)
          opened.push(null)
          return
        }
        const hides = inBody && opensHiddenText(name, attrs, hidden)
        const leftOut = LEFT_OUT.has(name) || INDEX_TEMPLATE.test(name) || hides
        skips.push(inBody && leftOut)
        if (hides && skipping === 0) hiddenPassages++
        if (!inBody || skipping > 0 || leftOut) {
          if (inBody && skipping === 0 && name === COVERED_CELL) {
            // Repeated like any cell, within the same limits; each copy is one element.
            const wanted = Math.max(1, Math.min(Number.MAX_SAFE_INTEGER, Math.floor(Number(attrs['table:number-columns-repeated'] ?? '1')) || 1))
            const made = Math.max(1, Math.min(wanted, MAX_COPIES + 1, COPY_BUDGET - copied))
            for (let at = 0; at < made; at++) current.children.push(coveredCell(current))
            copied += made - 1
            copiesLeftOut += wanted - made
          }
          if (inBody && leftOut) skipping++
          opened.push(null)
          return
        }
        if (name === 'text:hidden-paragraph' && attrs['text:is-hidden'] === 'true' && paragraphs.length > 0) paragraphs.at(-1)!.hidden = true
        if (PARAGRAPHS.has(name)) paragraphs.push({ afterSpace: true, hidden: false })
        if (name === 'text:s') kept(' '.repeat(Math.min(MAX_SPACES, Math.max(1, Math.floor(Number(attrs['text:c'] ?? '1')) || 1))))
        if (name === 'text:tab') kept('\t')
        if (name === 'text:note-citation') citation = ''
        if (name === 'text:note-body' || name === 'office:annotation') {
          const aside: HtmlElement = { tag: 'div', attrs: {}, children: [], parent: root }
          if (name === 'text:note-body') notes.push(aside)
          else comments.push({ author: null, element: aside })
          returns.push(current)
          asideDepths.push(paragraphs.length)
          current = aside
        }
        if (name === 'dc:creator' && current === comments.at(-1)?.element) authorOf = comments.at(-1)!
        const anchor = name === 'draw:text-box' ? enclosingParagraph(current) : null
        if (name === 'draw:text-box') boxesApart.push(anchor !== null)
        if (anchor !== null) {
          const box: HtmlElement = { tag: 'div', attrs: {}, children: [], parent: anchor.parent }
          boxesOf.set(anchor, [...(boxesOf.get(anchor) ?? []), box])
          returns.push(current)
          asideDepths.push(paragraphs.length)
          current = box
        }
        // Where a deleted passage stood.
        if (name === 'text:change') {
          const index = deletionAt.get(attrs['text:change-id'] ?? '')
          if (index !== undefined) kept(deletionMark(index))
        }
        if (name === 'text:number' && HEADING.test(current.tag)) writtenNumber = { heading: current, text: '' }
        const outlineLevel = name === 'text:h' ? Math.min(10, Math.max(1, Math.floor(Number(attrs['text:outline-level'] ?? '1')) || 1)) : 0
        const level = Math.min(6, outlineLevel)
        const tag = level > 0 ? `h${level}` : AS_HTML[name]
        if (tag === undefined) {
          opened.push(null)
          return
        }
        const repeats = attrs['table:number-columns-repeated'] ?? attrs['table:number-rows-repeated']
        const element: HtmlElement = { tag, attrs: repeats === undefined ? {} : { repeats }, children: [], parent: current }
        if (name === 'text:a' && attrs['xlink:href'] !== undefined) element.attrs.href = attrs['xlink:href']
        if (name === 'text:list-item' && attrs['text:start-value'] !== undefined) element.attrs.value = attrs['text:start-value']
        if (name === 'text:list') {
          lists.push(attrs['text:style-name'] ?? lists.at(-1) ?? '')
          const level = listStyles.get(lists.at(-1)!)?.get(lists.length)
          if (level?.numbered === true) {
            const continueList = attrs['text:continue-list']
            const continued = lists.length > 1 ? undefined : continueList !== undefined ? listsById.get(continueList) : attrs['text:continue-numbering'] === 'true' ? lastListOf.get(lists[0]!) : undefined
            Object.assign(element, { tag: 'ol', attrs: { type: level.type, start: String(continued === undefined ? level.start : nextNumber(continued.last)), ...numberMarks(level) } })
            const chain = continued ?? { last: element }
            chain.last = element
            if (lists.length === 1) lastListOf.set(lists[0]!, chain)
            if (attrs['xml:id'] !== undefined) listsById.set(attrs['xml:id'], chain)
          }
        }
        current.children.push(element)
        current = element
        opened.push(element)
        const number = outlineLevel > 0 ? outlineNumber(outline, outlineCounters, outlineLevel, attrs) : null
        if (number !== null) {
          element.attrs[HEADING_NUMBER] = number
          kept(number)
          paragraphs.at(-1)!.afterSpace = number.endsWith(' ')
        }
        // A line break ends a run of spaces: one written after it is shown.
        if (name === 'text:line-break') paragraphs.at(-1)!.afterSpace = false
      },
      ontext: text,
      onclosetag(name) {
        if (name === 'office:change-info' && change !== null) change.info--
        if (name === 'text:changed-region' && change !== null) {
          const passage = change.text.replace(/\s+/g, ' ').trim()
          if (change.kind === 'text:deletion' && passage !== '') {
            deletionAt.set(change.id, deleted.length)
            deleted.push(passage)
          }
          if (change.kind === 'text:insertion') insertions++
          change = null
        }
        const element = opened.pop()
        if (skips.pop() === true) {
          skipping--
          return
        }
        if (skipping > 0 || !inBody) return
        if (name === 'text:list') lists.pop()
        if (element) {
          current = element.parent ?? root
          const wanted = Math.min(Number.MAX_SAFE_INTEGER, Math.floor(Number(element.attrs.repeats ?? '1')) - 1)
          if (wanted > 0) {
            const made = repeat(element, Math.min(MAX_COPIES, wanted), COPY_BUDGET - copied)
            copied += made.size
            copiesLeftOut += wanted - made.copies
          }
        }
        if (name === 'text:note-citation' && citation !== null) {
          const marker = citationMark(citation.trim())
          citation = null
          notes.push({ tag: 'div', attrs: { citation: marker }, children: [], parent: root })
          kept(marker)
        }
        if (name === 'text:note-body' || name === 'office:annotation' || (name === 'draw:text-box' && boxesApart.pop() === true)) {
          current = returns.pop() ?? root
          asideDepths.pop()
        }
        if (name === 'dc:creator') authorOf = null
        if (name === 'text:number' && writtenNumber !== null) {
          showWrittenNumber(writtenNumber.heading, writtenNumber.text.replace(/\s+/g, ' ').trim(), outline)
          writtenNumber = null
        }
        const boxes = element ? boxesOf.get(element) : undefined
        if (PARAGRAPHS.has(name) && paragraphs.pop()?.hidden === true && element) {
          element.parent?.children.splice(element.parent.children.indexOf(element), 1)
          hiddenPassages++
        } else if (boxes !== undefined && element?.parent) {
          element.parent.children.splice(element.parent.children.indexOf(element) + 1, 0, ...boxes)
        }
        if (regions.has(name) && inBody) {
          inBody = false
          current = root
        }
      }
    },
    { xmlMode: true, decodeEntities: true }
  )
  /** Reads the changes LibreOffice tracked (text:tracked-changes, before the text): each deletion's text, and how many insertions. */
  function readTrackedChange(name: string, attrs: Record<string, string>): void {
    if (name === 'text:changed-region') change = { id: attrs['text:id'] ?? attrs['xml:id'] ?? '', kind: '', text: '', info: 0 }
    if (change === null) return
    if (name === 'text:deletion' || name === 'text:insertion' || name === 'text:format-change') change.kind = name
    if (name === 'office:change-info') change.info++
    // Paragraphs and spaces in a deleted passage read as spaces.
    if (change.kind === 'text:deletion' && change.info === 0 && (PARAGRAPHS.has(name) || name === 'text:s' || name === 'text:tab' || name === 'text:line-break')) change.text += ' '
  }
  parser.write(xml)
  parser.end()
  root.children.push(...numberedNotes(notes))
  for (const comment of comments) comment.author = comment.author?.replace(/\s+/g, ' ').trim() || null
  return { root, comments, copiesLeftOut, hiddenPassages, deleted, insertions }
}

/**
 * Each note's text with its mark before it, "¹ text": the citation is read first (a div
 * holding only the marker), then the note's body.
 */
function numberedNotes(parts: HtmlElement[]): HtmlElement[] {
  const notes: HtmlElement[] = []
  let marker = ''
  for (const part of parts) {
    if (part.attrs.citation !== undefined) {
      marker = part.attrs.citation
      continue
    }
    // A note written without a citation (LibreOffice always writes one) gets no marker.
    const prefix = marker === '' ? '' : `${marker} `
    const first = [...descendants(part)].find((element) => element.tag === 'p' || HEADING.test(element.tag))
    if (first === undefined) part.children.unshift(prefix)
    else first.children.unshift(prefix)
    notes.push(part)
    marker = ''
  }
  return notes
}

/** The paragraph or heading `element` is in (itself, or a span or link in it), or null outside paragraphs. */
function enclosingParagraph(element: HtmlElement): HtmlElement | null {
  for (let at: HtmlElement | null = element; at !== null; at = at.parent) {
    if (at.tag === 'p' || HEADING.test(at.tag)) return at
    if (at.tag !== 'a') return null
  }
  return null
}

/** The number the item after a numbered list's last would have: a list that continues it starts there. */
function nextNumber(list: HtmlElement): number {
  let number = Number(list.attrs.start) - 1
  for (const item of list.children) {
    if (typeof item === 'string' || item.tag !== 'li') continue
    const value = Number(item.attrs.value)
    number = item.attrs.value !== undefined && Number.isSafeInteger(value) ? value : number + 1
  }
  return number + 1
}

/**
 * Puts `copies` copies of a repeated cell or row after it, fewer when they would pass `budget`
 * characters and elements; returns the copies made and their characters and elements.
 */
function repeat(element: HtmlElement, copies: number, budget: number): { copies: number; size: number } {
  const parent = element.parent!
  const size = sizeOf(element)
  const made = Math.max(0, Math.min(copies, Math.floor(budget / size)))
  const at = parent.children.indexOf(element)
  parent.children.splice(at + 1, 0, ...Array.from({ length: made }, () => copyOf(element, parent)))
  return { copies: made, size: made * size }
}

/** The characters and elements under `element`, itself included. */
function sizeOf(element: HtmlElement): number {
  let size = 0
  const stack: HtmlNode[] = [element]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (typeof node === 'string') size += node.length
    else {
      size++
      for (const child of node.children) stack.push(child)
    }
  }
  return size
}

/** A deep copy of `element` under `parent`, made without recursion (cells may nest tables deeply). */
function copyOf(element: HtmlElement, parent: HtmlElement): HtmlElement {
  const top: HtmlElement = { tag: element.tag, attrs: {}, children: [], parent }
  const stack: [HtmlElement, HtmlElement][] = [[element, top]]
  while (stack.length > 0) {
    const [from, to] = stack.pop()!
    for (const child of from.children) {
      if (typeof child === 'string') to.children.push(child)
      else {
        const copy: HtmlElement = { tag: child.tag, attrs: {}, children: [], parent: to }
        to.children.push(copy)
        stack.push([child, copy])
      }
    }
  }
  return top
}

/**
 * What a list level shows around its numbers, as renderHtmlText reads it. A level that names
 * neither a num-prefix nor a num-suffix keeps the "." a number is otherwise shown with (OpenDocument
 * would show none; LibreOffice writes the "." it shows, so only files written by hand leave it out).
 */
function numberMarks(level: OdfListLevel): Record<string, string> {
  if (level.before === null && level.after === null) return {}
  return { [NUMBER_BEFORE]: level.before ?? '', [NUMBER_AFTER]: level.after ?? '' }
}

/**
 * The number LibreOffice's outline numbering shows before a heading at `level` (1 is the top), with
 * what follows it ("2.1 "), counting the heading; null for a heading it does not number (an
 * unnumbered level, a heading marked as a list header). A heading may restart the numbering
 * (text:restart-numbering, text:start-value).
 */
function outlineNumber(outline: ReadonlyMap<number, OdfListLevel>, counters: LevelCounters, level: number, attrs: Record<string, string>): string | null {
  if (attrs['text:is-list-header'] === 'true') return null
  const style = outline.get(level)
  const written = Math.floor(Number(attrs['text:start-value'] ?? ''))
  const startValue = attrs['text:start-value'] !== undefined && Number.isSafeInteger(written) && written >= 0 ? written : null
  const restart = attrs['text:restart-numbering'] === 'true' ? (startValue ?? style?.start ?? 1) : startValue
  const value = counters.count(level - 1, style?.start ?? 1, restart)
  if (style?.numbered !== true) return null
  const numbers: string[] = []
  for (let above = Math.max(1, level - style.shown + 1); above <= level; above++) {
    const shown = outline.get(above)
    if (shown?.numbered !== true) continue
    numbers.push(formattedNumber(above === level ? value : counters.value(above - 1, shown.start), shown.type))
  }
  return `${style.before ?? ''}${numbers.join('.')}${style.after ?? ''}${followingNumber(style)}`
}

/** What follows a heading's number: a space for a tab or a space, nothing for nothing. */
function followingNumber(style: OdfListLevel | undefined): string {
  return style?.followedBy === 'nothing' ? '' : ' '
}

/**
 * The number LibreOffice wrote in a heading (text:number), the one it showed when it saved the
 * file, put in place of the number counted here (or before the heading's text when none was).
 */
function showWrittenNumber(heading: HtmlElement, written: string, outline: ReadonlyMap<number, OdfListLevel>): void {
  if (written === '') return
  const counted = heading.attrs[HEADING_NUMBER]
  const level = Number(/^h([1-6])$/.exec(heading.tag)?.[1] ?? '1')
  const number = counted === undefined ? `${written}${followingNumber(outline.get(level))}` : `${written}${counted.slice(counted.trimEnd().length)}`
  const first = heading.children[0]
  if (counted !== undefined && typeof first === 'string' && first.startsWith(counted)) heading.children[0] = number + first.slice(counted.length)
  else heading.children.unshift(number)
  heading.attrs[HEADING_NUMBER] = number
}
