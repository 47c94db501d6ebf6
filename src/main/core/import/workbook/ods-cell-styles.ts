import { StringDecoder } from 'node:string_decoder'
import type { ZipPackage } from '../zip/zip-package'
import { attribute, xmlText } from './xml-text'

/** A start tag longer than this is no style tag: it is not carried from chunk to chunk. */
const MAX_TAG = 64 * 1024
/** A tag, and the text after it up to the next tag. */
const TAG = /<(\/?)([a-z]+:[a-z-]+)([^>]*)>([^<]*)/g

/**
 * Styles of an OpenDocument spreadsheet that show what a cell's value does not say: cell styles by
 * their number format, and text styles that raise a run.
 */
export interface OdsCellStyles {
  /** Styles whose format pads digits with zeros (00501, A012345678). */
  padded: ReadonlySet<string>
  /**
   * Styles whose format shows a date with its time of day: LibreOffice writes a midnight value
   * without its time (2012-06-02), while the sheet shows 2012-06-02 00:00.
   */
  dateTime: ReadonlySet<string>
  /** Text styles that set a run in superscript (style:text-position "super 58%" or "33% 58%"): a footnote mark. */
  superscripts: ReadonlySet<string>
  /** Cell styles whose number format shows a word or nothing in place of some values (see WordsInstead). */
  instead: ReadonlyMap<string, WordsInstead>
  /** Cell styles whose number format shows an exponent (number:scientific-number, 1.20E+20). */
  scientific: ReadonlySet<string>
  /** Cell styles whose format is an elapsed time (a time style that counts hours past a day: [HH]:MM), not a time of day. */
  duration: ReadonlySet<string>
}

/**
 * What a number format shows in place of values, as FOIA releases withhold cells (see ShownInstead
 * in number-format): the words it shows in place of numbers ("Withheld", "<10"; '' for nothing,
 * as ;;; shows them), and what it shows in place of a text ('' for nothing; null when it shows the text).
 */
export interface WordsInstead {
  numbers: ReadonlySet<string>
  text: string | null
}

/** The cell styles of an OpenDocument spreadsheet, in styles.xml and before the body of content.xml (see StyleScan). */
export async function odsCellStyles(zip: ZipPackage): Promise<OdsCellStyles> {
  if (!zip.has('content.xml')) return { padded: new Set(), dateTime: new Set(), superscripts: new Set(), instead: new Map(), duration: new Set(), scientific: new Set() }
  const styles = new StyleScan()
  const common = await zip.text('styles.xml')
  if (common !== null) styles.scan(common)
  // The styles come before the body: the scan ends where it starts.
  await scanContentTags(zip, (closing, name, tag, after) => {
    if (name === 'office:body' && !closing) return true
    styles.tag(closing, name, tag, after)
    return false
  })
  return {
    padded: styles.cellStylesOf(styles.paddedNumberStyles),
    dateTime: styles.cellStylesOf(styles.dateTimeStyles),
    superscripts: styles.superscripts,
    instead: styles.insteadByCellStyle(),
    duration: styles.cellStylesOf(styles.durationStyles),
    scientific: styles.cellStylesOf(styles.scientificStyles)
  }
}

/**
 * Whether `shown`, a number cell's text (its text:p), is `value` as a zero-padding format shows it:
 * the number's digits, zeros before them, and only the format's text around them (A012345678).
 */
export function paddedText(value: number, shown: string): boolean {
  return Number.isInteger(value) && new RegExp(`^\\D*0*${Math.abs(value)}\\D*$`).test(shown)
}

/** Calls `onTag` with each tag of content.xml as it streams (and the text after it), until it answers true. */
async function scanContentTags(zip: ZipPackage, onTag: (closing: boolean, name: string, tag: string, after: string) => boolean): Promise<void> {
  const decoder = new StringDecoder('utf8')
  let carry = ''
  let done = false
  const scan = (text: string, last: boolean): void => {
    // Only whole tags with the whole text after them are read: what follows the chunk's last '<' waits for the next one.
    let open = last ? text.length : Math.max(0, text.lastIndexOf('<'))
    // Past MAX_TAG it is no style's: read as far as it goes, and nothing waits.
    if (text.length - open > MAX_TAG) open = text.length
    carry = text.slice(open)
    for (const match of text.slice(0, open).matchAll(TAG)) {
      if (onTag(match[1] === '/', match[2]!, match[0], match[4]!)) {
        done = true
        return
      }
    }
  }
  const stream = await zip.stream('content.xml', 'its part content.xml')
  for await (const chunk of stream) {
    scan(carry + decoder.write(chunk as Buffer), false)
    if (done) {
      stream.destroy()
      return
    }
  }
  scan(carry + decoder.end(), true)
}

/** The data styles that may show a word in place of a value. */
const DATA_STYLES = new Set(['number:number-style', 'number:text-style', 'number:percentage-style', 'number:currency-style'])
/** Elements of a data style that show the value (or a part of it). */
const VALUE_ELEMENTS = new Set(['number:number', 'number:scientific-number', 'number:fraction', 'number:text-content'])

/**
 * The number styles and cell styles of an OpenDocument file, read tag by tag: a number style pads
 * digits when it shows one integer of at least two digits (number:min-integer-digits), without
 * decimals, grouping or conditions, with only text around it ("A" before an A-number); a date style
 * shows a time when it has hours, minutes or seconds.
 */
class StyleScan {
  readonly paddedNumberStyles = new Set<string>()
  readonly dateTimeStyles = new Set<string>()
  readonly superscripts = new Set<string>()
  readonly durationStyles = new Set<string>()
  readonly scientificStyles = new Set<string>()
  /** The text style being read, whose text properties may raise its runs. */
  private textStyle: string | null = null
  private readonly cellStyles = new Map<string, { parent: string | null; data: string | null }>()
  private numberStyle: { name: string; padded: boolean; numbers: number } | null = null
  private dateStyle: { name: string; day: boolean; time: boolean } | null = null
  /** Number and text styles: whether each shows the value (a number, a text's content), the words it shows, the styles it maps values to. */
  private readonly dataStyles = new Map<string, { text: boolean; showsValue: boolean; word: string; maps: string[] }>()
  private dataStyle: { text: boolean; showsValue: boolean; word: string; maps: string[] } | null = null

  scan(xml: string): void {
    for (const match of xml.matchAll(TAG)) this.tag(match[1] === '/', match[2]!, match[0], match[4]!)
  }

  tag(closing: boolean, name: string, tag: string, after: string): void {
    this.wordsTag(closing, name, tag, after)
    if (name === 'number:time-style' && !closing && attribute(tag, 'number:truncate-on-overflow') === 'false') this.durationStyles.add(attribute(tag, 'style:name') ?? '')
    if (name === 'number:date-style') {
      if (!closing) this.dateStyle = { name: attribute(tag, 'style:name') ?? '', day: false, time: false }
      else if (this.dateStyle !== null) {
        if (this.dateStyle.day && this.dateStyle.time) this.dateTimeStyles.add(this.dateStyle.name)
        this.dateStyle = null
      }
      return
    }
    if (this.dateStyle !== null) {
      if (name === 'number:day' || name === 'number:month' || name === 'number:year') this.dateStyle.day = true
      else if (name === 'number:hours' || name === 'number:minutes' || name === 'number:seconds') this.dateStyle.time = true
      return
    }
    if (name === 'number:number-style') {
      if (!closing) this.numberStyle = { name: attribute(tag, 'style:name') ?? '', padded: true, numbers: 0 }
      else if (this.numberStyle !== null) {
        if (this.numberStyle.padded && this.numberStyle.numbers === 1) this.paddedNumberStyles.add(this.numberStyle.name)
        this.numberStyle = null
      }
      return
    }
    if (this.numberStyle !== null) {
      if (name === 'number:scientific-number') this.scientificStyles.add(this.numberStyle.name)
      if (closing || name === 'number:text' || name === 'style:text-properties') return
      if (name !== 'number:number') {
        this.numberStyle.padded = false
        return
      }
      this.numberStyle.numbers++
      const digits = Number.parseInt(attribute(tag, 'number:min-integer-digits') ?? '1', 10)
      const decimals = Number.parseInt(attribute(tag, 'number:decimal-places') ?? '0', 10)
      if (!(digits >= 2) || decimals !== 0 || attribute(tag, 'number:grouping') === 'true') this.numberStyle.padded = false
      return
    }
    if (name === 'style:style') this.textStyle = !closing && attribute(tag, 'style:family') === 'text' ? attribute(tag, 'style:name') : null
    if (name === 'style:text-properties' && this.textStyle !== null && /^(super|\d*[1-9]\d*(\.\d+)?%)/.test(attribute(tag, 'style:text-position') ?? '')) {
      this.superscripts.add(this.textStyle)
    }
    if (name === 'style:style' && !closing && attribute(tag, 'style:family') === 'table-cell') {
      const styleName = attribute(tag, 'style:name')
      if (styleName !== null) this.cellStyles.set(styleName, { parent: attribute(tag, 'style:parent-style-name'), data: attribute(tag, 'style:data-style-name') })
    }
  }

  /** Reads the data styles that may show words in place of values (see WordsInstead). */
  private wordsTag(closing: boolean, name: string, tag: string, after: string): void {
    if (DATA_STYLES.has(name)) {
      if (!closing) {
        this.dataStyle = { text: name === 'number:text-style', showsValue: false, word: '', maps: [] }
        const styleName = attribute(tag, 'style:name')
        if (styleName !== null) this.dataStyles.set(styleName, this.dataStyle)
        if (tag.endsWith('/>')) this.dataStyle = null
      } else this.dataStyle = null
      return
    }
    const style = this.dataStyle
    if (style === null || closing) return
    if (name === 'number:text') style.word += tag.endsWith('/>') ? '' : xmlText(after)
    else if (name === 'style:map') {
      const target = attribute(tag, 'style:apply-style-name')
      // A map of zero alone is how the sheet writes zero (blank, "-"): it withholds nothing, and the zero stays.
      if (target !== null && (attribute(tag, 'style:condition') ?? '').replace(/\s/g, '') !== 'value()=0') style.maps.push(target)
    } else if (VALUE_ELEMENTS.has(name)) style.showsValue = true
  }

  /** What each cell style's number format shows in place of values, for those that show a word or nothing in place of some (see WordsInstead). */
  insteadByCellStyle(): Map<string, WordsInstead> {
    const byDataStyle = new Map<string, WordsInstead | null>()
    for (const [name, style] of this.dataStyles) {
      const numbers = new Set<string>()
      // A text style shows numbers only through its maps; a number style shows those no map takes.
      for (const shown of [...(style.text ? [] : [style]), ...style.maps.map((target) => this.dataStyles.get(target))]) {
        if (shown !== undefined && !shown.text && !shown.showsValue) numbers.add(shown.word.trim())
      }
      const text = style.text && !style.showsValue ? style.word.trim() : null
      byDataStyle.set(name, numbers.size === 0 && text === null ? null : { numbers, text })
    }
    const found = new Map<string, WordsInstead>()
    for (const cellStyle of this.cellStylesOf(new Set([...byDataStyle].filter(([, instead]) => instead !== null).map(([name]) => name)))) {
      found.set(cellStyle, byDataStyle.get(this.dataStyleOf(cellStyle)!)!)
    }
    return found
  }

  /** The number format of a cell style, its own or inherited from a parent style. */
  private dataStyleOf(name: string): string | null {
    let style = this.cellStyles.get(name)
    for (let depth = 0; style !== undefined && depth < 16; depth++) {
      if (style.data !== null) return style.data
      style = style.parent === null ? undefined : this.cellStyles.get(style.parent)
    }
    return null
  }

  /** The cell styles whose number format, their own or inherited from a parent style, is one of `dataStyles`. */
  cellStylesOf(dataStyles: ReadonlySet<string>): Set<string> {
    const found = new Set<string>()
    for (const name of this.cellStyles.keys()) {
      const data = this.dataStyleOf(name)
      if (data !== null && dataStyles.has(data)) found.add(name)
    }
    return found
  }
}
