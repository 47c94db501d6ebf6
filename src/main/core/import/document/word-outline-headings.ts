// Word's navigation pane shows as headings the paragraphs with an outline level: from a style named
// "heading N", from an agency's own style based on one or given a level ("Agency Heading 1", "ICE
// Sub-heading"), or set on the paragraph itself. mammoth knows only the style names "heading N", so
// a memo built on an agency template read with no headings, and was titled by its one paragraph in
// the built-in style, often its last section. These rewrite the package mammoth reads so that every
// paragraph with an outline level reaches it under the name of its heading level.
import { STYLE_ID, TAG, VAL, valueOf } from './word-xml-tags'

const PARAGRAPH_STYLE = /\bw:type\s*=\s*(?:"paragraph"|'paragraph')/
const HEADING_NAME = /^heading ([1-9])$/i
/** mammoth maps "heading 1" to "heading 6" to h1–h6; deeper levels are shown at the sixth. */
const DEEPEST = 6
/** The style ids given to paragraphs whose outline level is set on the paragraph itself. */
const OUTLINE_STYLE = 'CasefileOutline'

/** An outline level's heading level (w:val 0 is heading 1), or null for body text (9) and nonsense. */
export function levelOf(value: string | null): number | null {
  if (value === null || !/^\d$/.test(value)) return null
  const level = Number(value)
  return level >= 9 ? null : Math.min(level + 1, DEEPEST)
}

/** What is read here of a style in styles.xml. */
export interface WordStyle {
  /** A paragraph style (w:type="paragraph"); the others are read for their numbering only. */
  paragraph: boolean
  name: string | null
  basedOn: string | null
  /** Its own outline level's heading level; null for body text; undefined when it sets none. */
  outline: number | null | undefined
  /** The list (w:numId) and level (w:ilvl) its paragraphs are numbered at (its w:numPr), null where it says none. */
  numId: string | null
  ilvl: string | null
  /** Where its w:name element lies in the XML, to rename it. */
  nameAt: { start: number; end: number } | null
}

/** The styles of styles.xml by id. */
export function readWordStyles(stylesXml: string): Map<string, WordStyle> {
  const styles = new Map<string, WordStyle>()
  const path: string[] = []
  let current: WordStyle | null = null
  for (const match of stylesXml.matchAll(TAG)) {
    const [whole, closing, name, attributes, selfClosing] = match
    if (name === undefined) continue
    if (closing === '/') {
      if (path.pop() === 'style') current = null
      continue
    }
    const parent = path.at(-1)
    if (name === 'style' && parent === 'styles') {
      const id = valueOf(attributes!, STYLE_ID)
      current = id === null ? null : { paragraph: PARAGRAPH_STYLE.test(attributes!), name: null, basedOn: null, outline: undefined, numId: null, ilvl: null, nameAt: null }
      if (current !== null) styles.set(id!, current)
    } else if (current !== null && parent === 'style' && name === 'name') {
      current.name = valueOf(attributes!, VAL)
      current.nameAt = { start: match.index!, end: match.index! + whole.length }
    } else if (current !== null && parent === 'style' && name === 'basedOn') {
      current.basedOn = valueOf(attributes!, VAL)
    } else if (current !== null && parent === 'pPr' && path.at(-2) === 'style' && name === 'outlineLvl') {
      current.outline = levelOf(valueOf(attributes!, VAL))
    } else if (current !== null && parent === 'numPr' && path.at(-2) === 'pPr' && path.at(-3) === 'style' && (name === 'numId' || name === 'ilvl')) {
      current[name] = valueOf(attributes!, VAL)
    }
    if (selfClosing !== '/') path.push(name!)
  }
  return styles
}

/**
 * styles.xml with every paragraph style that makes a heading named "heading N" for its level (its
 * own outline level, or else its name, or else the style it is based on), and a style per level
 * for paragraphs that set their outline level themselves (see outlineHeadingParagraphs).
 */
export function outlineHeadingStyles(stylesXml: string): string {
  const styles = readWordStyles(stylesXml)
  const renames: { start: number; end: number; level: number }[] = []
  for (const facts of styles.values()) {
    const level = facts.paragraph ? headingLevel(facts, styles) : null
    const own = HEADING_NAME.exec(facts.name ?? '')
    if (level === null || facts.nameAt === null || (own !== null && Number(own[1]) === level)) continue
    renames.push({ ...facts.nameAt, level })
  }
  let xml = stylesXml
  for (const { start, end, level } of renames.sort((a, b) => b.start - a.start)) xml = `${xml.slice(0, start)}<w:name w:val="heading ${level}"/>${xml.slice(end)}`
  const added = Array.from({ length: DEEPEST }, (_, at) => `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${OUTLINE_STYLE}${at + 1}"><w:name w:val="heading ${at + 1}"/></w:style>`).join('')
  const close = xml.lastIndexOf('</')
  return close === -1 || !/^<\/(?:[\w.-]+:)?styles\s*>/.test(xml.slice(close)) ? xml : `${xml.slice(0, close)}${added}${xml.slice(close)}`
}

/** The heading level a style gives: the first of its own outline level, its name, its parents'; a loop gives none. */
export function headingLevel(facts: WordStyle, styles: ReadonlyMap<string, WordStyle>): number | null {
  const seen = new Set<WordStyle>()
  let at: WordStyle | undefined = facts
  while (at !== undefined && !seen.has(at)) {
    seen.add(at)
    if (at.outline !== undefined) return at.outline
    const named = HEADING_NAME.exec(at.name ?? '')
    if (named !== null) return Math.min(Number(named[1]), DEEPEST)
    const parent: WordStyle | undefined = at.basedOn === null ? undefined : styles.get(at.basedOn)
    at = parent?.paragraph === true ? parent : undefined
  }
  return null
}

/** A paragraph's properties, not holding a tracked change of them (whose own w:pPr would end this one early). */
const PARAGRAPH_PROPERTIES = /<w:pPr>((?:(?!<\/w:pPr>)[\s\S])*)<\/w:pPr>/g
const OWN_OUTLINE = /<w:outlineLvl\s+w:val\s*=\s*"(\d)"\s*\/>/
const OWN_STYLE = /<w:pStyle\b[^>]*\/>/

/**
 * document.xml with each paragraph that sets its own outline level given the style of that heading
 * level, as Word shows it in the navigation pane; body text (level 9) and other paragraphs are kept.
 */
export function outlineHeadingParagraphs(documentXml: string): string {
  if (!documentXml.includes('outlineLvl')) return documentXml
  return documentXml.replace(PARAGRAPH_PROPERTIES, (whole, inner: string) => {
    if (inner.includes('pPrChange')) return whole
    const outline = OWN_OUTLINE.exec(inner)
    const level = outline === null ? null : levelOf(outline[1]!)
    if (level === null) return whole
    return `<w:pPr><w:pStyle w:val="${OUTLINE_STYLE}${level}"/>${inner.replace(OWN_STYLE, '')}</w:pPr>`
  })
}
