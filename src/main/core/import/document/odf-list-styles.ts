import { Parser } from 'htmlparser2'

/** How one level of an OpenDocument list style, or of the outline (chapter) numbering, marks its items. */
export interface OdfListLevel {
  numbered: boolean
  /** The numbering as HTML's `type` says it: 1, a, A, i or I. */
  type: string
  start: number
  /** What is shown before and after each number (style:num-prefix, style:num-suffix: "(" and ")" for "(1)"); null when the style does not say. */
  before: string | null
  after: string | null
  /** How many levels' numbers are shown, this one and those above it (text:display-levels: 2 shows "2.1"). */
  shown: number
  /** What follows the number (text:label-followed-by): a tab (listtab), a space, or nothing. */
  followedBy: string
}

const NUMBER_FORMATS = new Set(['1', 'a', 'A', 'i', 'I'])
/** Word processors number ten levels deep. */
const MAX_LEVEL = 10

/**
 * The list styles of a text (text:list-style, by name, in content.xml's automatic styles or
 * styles.xml) and how each level marks its items: a number in a format (1, a, A, i, I; other
 * formats read as 1) from a start, with what is shown around it, or a bullet (a picture bullet is a
 * bullet too).
 */
export function odfListStyles(content: string, styles: string): Map<string, Map<number, OdfListLevel>> {
  const found = new Map<string, Map<number, OdfListLevel>>()
  // Styles first: an automatic style of the same name in content.xml is the one its lists use.
  for (const xml of [styles, content]) readLevels(xml, 'text:list-style', found)
  return found
}

/**
 * How the outline numbering (text:outline-style in styles.xml, "chapter numbering") numbers the
 * headings of each outline level; a level with no number format (as LibreOffice writes every level
 * when headings are not numbered) numbers none.
 */
export function odfOutlineStyle(styles: string): Map<number, OdfListLevel> {
  const found = new Map<string, Map<number, OdfListLevel>>()
  readLevels(styles, 'text:outline-style', found)
  return found.values().next().value ?? new Map()
}

/** Reads the levels of each `container` (a list style or the outline style) in `xml` into `found`, by the container's name. */
function readLevels(xml: string, container: 'text:list-style' | 'text:outline-style', found: Map<string, Map<number, OdfListLevel>>): void {
  let levels: Map<number, OdfListLevel> | null = null
  let current: OdfListLevel | null = null
  const outline = container === 'text:outline-style'
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === container && (outline || attrs['style:name'] !== undefined)) {
          levels = new Map()
          found.set(attrs['style:name'] ?? '', levels)
        }
        if (current !== null && name === 'style:list-level-label-alignment' && attrs['text:label-followed-by'] !== undefined) current.followedBy = attrs['text:label-followed-by']
        const level = Math.floor(Number(attrs['text:level'] ?? '1'))
        if (levels === null || !(outline ? name === 'text:outline-level-style' : name.startsWith('text:list-level-style-')) || !(level >= 1 && level <= MAX_LEVEL)) return
        const format = attrs['style:num-format'] ?? ''
        const start = Math.floor(Number(attrs['text:start-value'] ?? '1'))
        const shown = Math.floor(Number(attrs['text:display-levels'] ?? '1'))
        current = {
          numbered: (outline || name === 'text:list-level-style-number') && format !== '',
          type: NUMBER_FORMATS.has(format) ? format : '1',
          start: Number.isSafeInteger(start) && start >= 0 ? start : 1,
          before: attrs['style:num-prefix'] ?? null,
          after: attrs['style:num-suffix'] ?? null,
          shown: shown >= 1 && shown <= MAX_LEVEL ? shown : 1,
          followedBy: 'listtab'
        }
        levels.set(level, current)
      },
      onclosetag(name) {
        if (name === container) levels = null
        if (name.startsWith('text:list-level-style-') || name === 'text:outline-level-style') current = null
      }
    },
    { xmlMode: true, decodeEntities: true }
  )
  parser.write(xml)
  parser.end()
}
