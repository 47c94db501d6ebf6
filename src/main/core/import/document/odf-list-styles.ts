import { Parser } from 'htmlparser2'

/** How one level of an OpenDocument list style marks its items. */
export interface OdfListLevel {
  numbered: boolean
  /** The numbering as HTML's `type` says it: 1, a, A, i or I. */
  type: string
  start: number
  /** What is shown before and after each number (style:num-prefix, style:num-suffix: "(" and ")" for "(1)"); null when the style does not say. */
  before: string | null
  after: string | null
}

const NUMBER_FORMATS = new Set(['1', 'a', 'A', 'i', 'I'])

/**
 * The list styles of a text (text:list-style, by name, in content.xml's automatic styles or
 * styles.xml) and how each level marks its items: a number in a format (1, a, A, i, I; other
 * formats read as 1) from a start, with what is shown around it, or a bullet (a picture bullet is a
 * bullet too).
 */
export function odfListStyles(content: string, styles: string): Map<string, Map<number, OdfListLevel>> {
  const found = new Map<string, Map<number, OdfListLevel>>()
  // Styles first: an automatic style of the same name in content.xml is the one its lists use.
  for (const xml of [styles, content]) {
    let levels: Map<number, OdfListLevel> | null = null
    const parser = new Parser(
      {
        onopentag(name, attrs) {
          if (name === 'text:list-style' && attrs['style:name'] !== undefined) {
            levels = new Map()
            found.set(attrs['style:name'], levels)
          }
          const level = Math.floor(Number(attrs['text:level'] ?? '1'))
          if (levels === null || !name.startsWith('text:list-level-style-') || !(level >= 1 && level <= 10)) return
          const format = attrs['style:num-format'] ?? ''
          const start = Math.floor(Number(attrs['text:start-value'] ?? '1'))
          levels.set(level, {
            numbered: name === 'text:list-level-style-number' && format !== '',
            type: NUMBER_FORMATS.has(format) ? format : '1',
            start: Number.isSafeInteger(start) && start >= 0 ? start : 1,
            before: attrs['style:num-prefix'] ?? null,
            after: attrs['style:num-suffix'] ?? null
          })
        },
        onclosetag(name) {
          if (name === 'text:list-style') levels = null
        }
      },
      { xmlMode: true, decodeEntities: true }
    )
    parser.write(xml)
    parser.end()
  }
  return found
}
