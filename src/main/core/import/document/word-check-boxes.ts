import type { HtmlElement } from '../article/html-tree'
import { descendants } from '../article/html-tree'

const CHECKED = '☒'
const UNCHECKED = '☐'
/** A tag's optional namespace prefix ("w:", "w14:"); Word writes these, but a prefix is the writer's choice. */
const P = '(?:[A-Za-z_][\\w.-]*:)?'
/**
 * A content control's properties, its end properties when written, and its content, which holds no
 * control of its own (an outer control's tags are left as they are, and the inner one is matched).
 * Neither part reads past the next control's properties, so each stretch of the part is read a
 * bounded number of times, however the tags are nested or left open.
 */
const CONTROL = new RegExp(
  `(<${P}sdtPr\\b[^<>]{0,1000}>)((?:(?!<${P}sdt(?:Content|Pr)\\b)[\\s\\S])*?)(</${P}sdtPr>)(\\s*(?:<${P}sdtEndPr\\b[^<>]{0,1000}/>|<${P}sdtEndPr\\b[^<>]{0,1000}>(?:(?!<${P}sdt(?:Content|Pr)\\b)[\\s\\S])*?</${P}sdtEndPr>)?\\s*<${P}sdtContent\\b[^<>]{0,1000}>)((?:(?!<${P}sdtPr\\b)[\\s\\S])*?)(</${P}sdtContent>)`,
  'g'
)
const CHECK_BOX = new RegExp(`<${P}checkbox\\b[^>]*?(?:/>|>[\\s\\S]*?</${P}checkbox>)`)
const STATE = (name: string): RegExp => new RegExp(`<${P}${name}\\b((?:[^>"']|"[^"]*"|'[^']*')*)>`)
const ATTRIBUTE = (name: string): RegExp => new RegExp(`\\b${P}${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
const RUN_PROPERTIES = new RegExp(`<${P}rPr\\b[^>]*>[\\s\\S]*?</${P}rPr>`)
const OFF = new Set(['0', 'false', 'off'])

/**
 * A part of a Word document with each check-box content control (w14:checkbox) written as the box
 * Word shows: the glyph the control declares for its state (w14:checkedState, w14:uncheckedState;
 * ☒ and ☐ when it declares none), as the control's state (w14:checked) says, whatever glyph its
 * content holds. mammoth would turn the control into a form field that has no text, and "☐ Fee
 * waiver granted" would read as "Fee waiver granted", a statement.
 */
export function showCheckBoxStates(xml: string): string {
  if (!xml.includes('checkbox')) return xml
  return xml.replace(CONTROL, (whole, open: string, properties: string, close: string, contentOpen: string, content: string, contentClose: string) => {
    const box = CHECK_BOX.exec(properties)
    if (box === null) return whole
    const withoutBox = `${open}${properties.replace(box[0], '')}${close}`
    // Content with paragraphs or controls of its own is not a box's single glyph: its text is kept as written.
    if (new RegExp(`<${P}(p|sdt|tbl)\\b`).test(content)) return `${withoutBox}${contentOpen}${content}${contentClose}`
    const checked = !OFF.has((attributeOf(STATE('checked').exec(box[0])?.[1] ?? '', 'val') ?? '0').toLowerCase())
    const state = STATE(checked ? 'checkedState' : 'uncheckedState').exec(box[0])?.[1] ?? ''
    const runProperties = RUN_PROPERTIES.exec(content)?.[0] ?? ''
    // The run is written with the prefix the document gives WordprocessingML's namespace.
    const w = /^\s*(?:<[^>]*>\s*)*?<([A-Za-z_][\w.-]*:)?sdtContent\b/.exec(contentOpen)?.[1] ?? ''
    return `${withoutBox}${contentOpen}<${w}r>${runProperties}${glyph(state, checked, w)}</${w}r>${contentClose}`
  })
}

/**
 * A state's glyph as a run's content: a character of a symbol font (Wingdings' F0FE) as a symbol,
 * which mammoth maps to Unicode as it does any w:sym; any other as text.
 */
function glyph(state: string, checked: boolean, w: string): string {
  const code = attributeOf(state, 'val')
  const font = attributeOf(state, 'font')
  const point = code !== null && /^[0-9A-Fa-f]{1,6}$/.test(code) ? parseInt(code, 16) : null
  if (point === null || point === 0 || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return `<${w}t>${checked ? CHECKED : UNCHECKED}</${w}t>`
  if (point >= 0xf000 && point <= 0xf0ff && font !== null) return `<${w}sym ${w}font="${escapeAttribute(font)}" ${w}char="${code}"/>`
  return `<${w}t>${String.fromCodePoint(point).replace('&', '&amp;').replace('<', '&lt;')}</${w}t>`
}

function attributeOf(attributes: string, name: string): string | null {
  const match = ATTRIBUTE(name).exec(attributes)
  return match === null ? null : (match[1] ?? match[2] ?? '')
}

function escapeAttribute(value: string): string {
  return value.replace(/&(?!\w+;|#\d+;|#x[0-9a-fA-F]+;)/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
}

/**
 * A legacy check-box form field (FORMCHECKBOX), which mammoth gives as an HTML check box with no
 * text, as the box Word shows for its state.
 */
export function checkBoxesAsText(root: HtmlElement): void {
  for (const element of descendants(root)) {
    if (element.tag !== 'input' || (element.attrs.type ?? '').toLowerCase() !== 'checkbox') continue
    element.tag = 'span'
    element.children = ['checked' in element.attrs ? CHECKED : UNCHECKED]
    element.attrs = {}
  }
}
