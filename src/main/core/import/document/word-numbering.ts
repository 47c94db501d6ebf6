// How a .docx's lists are numbered (numbering.xml), as far as numbering a heading needs: each list
// (w:num) and the levels of its definition (w:abstractNum), with the list's own overrides.
import { attribute } from '../workbook/xml-text'
import { TAG, VAL, valueOf } from './word-xml-tags'
import type { WordStyle } from './word-outline-headings'

/** One level of a list's numbering. */
export interface WordLevel {
  /** w:numFmt: decimal, upperRoman, lowerLetter… */
  format: string
  start: number
  /** w:lvlText: what is shown, "%1.%2" standing for the numbers of the first and second levels. */
  text: string
  /** The paragraph style tied to the level (w:pStyle). */
  style: string | null
  /** w:lvlRestart: the level (1 is the top) whose paragraphs restart this one; 0 for none; null for Word's default, any level above. */
  restart: number | null
  /** w:suff: what follows the number, a tab (Word's default), a space or nothing. */
  suffix: string
  /** w:isLgl: the levels shown as decimals ("legal" numbering). */
  legal: boolean
}

/** A list as its paragraphs are numbered: which counters it shares, and its levels. */
export interface WordList {
  /** Lists of one definition count on together (Word's w:abstractNumId); this names the counters. */
  counters: string
  level(ilvl: number): WordLevel | undefined
  /** A start the list sets for a level (w:startOverride), or null. */
  startOverride(ilvl: number): number | null
}

interface Definition {
  levels: Map<number, WordLevel>
  /** w:numStyleLink: the levels are those of the list the numbering style names. */
  link: string | null
}

interface ListFacts {
  definition: string | null
  starts: Map<number, number>
  levels: Map<number, WordLevel>
}

const MAX_START = 999_999_999
/** Elements that hold a level's properties: the level itself, or a choice Word writes for older readers. */
const LEVEL_PARENTS = new Set(['lvl', 'Choice', 'Fallback'])

/** numbering.xml's lists by w:numId; `styles` (styles.xml's) resolves a list defined by a numbering style. */
export function readWordNumbering(numberingXml: string, styles: ReadonlyMap<string, WordStyle>): { list(numId: string): WordList | null; listOfStyle(styleId: string): { numId: string; ilvl: number } | null } {
  const definitions = new Map<string, Definition>()
  const lists = new Map<string, ListFacts>()
  const path: string[] = []
  let definition: Definition | null = null
  let list: ListFacts | null = null
  let override: number | null = null
  let level: WordLevel | null = null
  for (const match of numberingXml.matchAll(TAG)) {
    const [, closing, name, attributes, selfClosing] = match
    if (name === undefined) continue
    if (closing === '/') {
      const closed = path.pop()
      if (closed === 'abstractNum') definition = null
      else if (closed === 'num') list = null
      else if (closed === 'lvlOverride') override = null
      else if (closed === 'lvl') level = null
      continue
    }
    const parent = path.at(-1)
    const value = valueOf(attributes!, VAL)
    if (name === 'abstractNum' && parent === 'numbering') {
      definition = { levels: new Map(), link: null }
      definitions.set(attribute(attributes!, 'w:abstractNumId') ?? '', definition)
    } else if (name === 'num' && parent === 'numbering') {
      list = { definition: null, starts: new Map(), levels: new Map() }
      lists.set(attribute(attributes!, 'w:numId') ?? '', list)
    } else if (name === 'numStyleLink' && definition !== null && parent === 'abstractNum') {
      definition.link = value
    } else if (name === 'abstractNumId' && list !== null && parent === 'num') {
      list.definition = value
    } else if (name === 'lvlOverride' && list !== null) {
      override = levelNumber(attribute(attributes!, 'w:ilvl'))
    } else if (name === 'startOverride' && list !== null && override !== null) {
      list.starts.set(override, startOf(value))
    } else if (name === 'lvl' && (parent === 'abstractNum' || parent === 'lvlOverride')) {
      const ilvl = parent === 'lvlOverride' ? override : levelNumber(attribute(attributes!, 'w:ilvl'))
      level = { format: 'decimal', start: 1, text: '', style: null, restart: null, suffix: 'tab', legal: false }
      if (ilvl !== null) (parent === 'lvlOverride' ? list?.levels : definition?.levels)?.set(ilvl, level)
    } else if (level !== null && LEVEL_PARENTS.has(parent ?? '')) {
      if (name === 'start') level.start = startOf(value)
      else if (name === 'numFmt' && value !== null) level.format = value
      else if (name === 'lvlText') level.text = value ?? ''
      else if (name === 'pStyle') level.style = value
      else if (name === 'lvlRestart') level.restart = startOf(value)
      else if (name === 'suff' && value !== null) level.suffix = value
      else if (name === 'isLgl') level.legal = value !== 'false' && value !== '0'
    }
    if (selfClosing !== '/') path.push(name)
  }

  /** A list's definition, through the numbering style it links to (once: a link to a link is not followed). */
  const definitionOf = (facts: ListFacts): { id: string; definition: Definition } | null => {
    const id = facts.definition ?? ''
    const found = definitions.get(id)
    if (found === undefined) return null
    if (found.link === null) return { id, definition: found }
    const linkedList = lists.get(styles.get(found.link)?.numId ?? '')
    const linked = definitions.get(linkedList?.definition ?? '')
    return linked === undefined || linked.link !== null ? null : { id: linkedList!.definition!, definition: linked }
  }
  // Asked once per list and per style: a document's paragraphs would otherwise each search every list.
  const byStyle = new Map<string, { numId: string; ilvl: number } | null>()
  const findListOfStyle = (styleId: string): { numId: string; ilvl: number } | null => {
    for (const [numId, facts] of lists) {
      for (const [ilvl, level] of definitionOf(facts)?.definition.levels ?? []) if (level.style === styleId) return { numId, ilvl }
    }
    return null
  }
  const byId = new Map<string, WordList | null>()
  const findList = (numId: string): WordList | null => {
    const facts = lists.get(numId)
    const found = facts === undefined ? null : definitionOf(facts)
    if (facts === undefined || found === null) return null
    return {
      counters: found.id,
      level: (ilvl) => facts.levels.get(ilvl) ?? found.definition.levels.get(ilvl),
      startOverride: (ilvl) => facts.starts.get(ilvl) ?? null
    }
  }
  return {
    list(numId) {
      if (!byId.has(numId)) byId.set(numId, findList(numId))
      return byId.get(numId)!
    },
    listOfStyle(styleId) {
      if (!byStyle.has(styleId)) byStyle.set(styleId, findListOfStyle(styleId))
      return byStyle.get(styleId)!
    }
  }
}

function levelNumber(value: string | null): number | null {
  return value !== null && /^[0-8]$/.test(value) ? Number(value) : null
}

function startOf(value: string | null): number {
  const start = Number(value ?? '')
  return Number.isSafeInteger(start) && start >= 0 && start <= MAX_START ? start : 1
}
