// A footnote mark set in superscript ("Removals" then a raised "1") is part of what a cell shows,
// but not of its words: read as plain text it glues onto them ("Removals1"). The readers write such
// a run with Unicode's superscript characters ("Removals¹"), as document import does with note
// marks, and a header label gives its mark up to the dataset's provenance (see headerMark).

const SUPERSCRIPTS: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾',
  a: 'ᵃ', b: 'ᵇ', c: 'ᶜ', d: 'ᵈ', e: 'ᵉ', f: 'ᶠ', g: 'ᵍ', h: 'ʰ', i: 'ⁱ', j: 'ʲ', k: 'ᵏ', l: 'ˡ', m: 'ᵐ',
  n: 'ⁿ', o: 'ᵒ', p: 'ᵖ', r: 'ʳ', s: 'ˢ', t: 'ᵗ', u: 'ᵘ', v: 'ᵛ', w: 'ʷ', x: 'ˣ', y: 'ʸ', z: 'ᶻ'
}
const PLAIN = new Map(Object.entries(SUPERSCRIPTS).map(([plain, raised]) => [raised, plain]))
/** Marks that are marks already, raised or not; and the comma between two marks (¹,²). */
const KEPT = new Set(['*', '†', '‡', '§', '¶', ',', ' '])
const RAISED = `[${Object.values(SUPERSCRIPTS).join('')}*†‡§¶]`
/** A label's mark at its end: raised characters (a comma or space between them), one at least a superscript. */
const TRAILING_MARK = new RegExp(`^(.*?\\S)\\s*(${RAISED}(?:[,\\s]*${RAISED})*)$`, 'u')

/**
 * A superscript run's text in Unicode's superscript characters; as it is when a character has none
 * (a q, a capital), which then stays glued as before rather than half raised.
 */
export function raised(text: string): string {
  let out = ''
  for (const char of text) {
    const mark = SUPERSCRIPTS[char] ?? (KEPT.has(char) ? char : null)
    if (mark === null) return text
    out += mark
  }
  return out
}

/**
 * A header label's footnote mark, split off its end: "Removals¹" is the label "Removals" with the
 * mark "¹" (and "1" plain, as a footnote under the table starts); null when it ends in none.
 */
export function headerMark(label: string): { label: string; mark: string; plain: string } | null {
  const match = TRAILING_MARK.exec(label)
  if (match === null || ![...match[2]!].some((char) => PLAIN.has(char))) return null
  // A unit's power is no footnote: "Area, km²", "Volume (ft³".
  if (/^[²³]$/.test(match[2]!) && /(^|[^\p{L}])([kcm]?m|ft|in|mi|yd)$/u.test(match[1]!)) return null
  return { label: match[1]!, mark: match[2]!, plain: [...match[2]!].map((char) => PLAIN.get(char) ?? char).join('') }
}

/** The text of a shared string's XML (<si>'s content) with each run the sheet sets in superscript (<vertAlign val="superscript"/>) raised. */
export function raisedRuns(inner: string): string {
  if (!inner.includes('superscript')) return inner
  return inner.replace(/<((?:[\w.-]+:)?r)>([\s\S]*?)<\/\1>/g, (run: string, _name: string, content: string) => {
    if (!/<(?:[\w.-]+:)?vertAlign\b[^>]*\bval="superscript"/.test(content)) return run
    return run.replace(/(<(?:[\w.-]+:)?t\b[^>]*>)([^<]*)(<\/(?:[\w.-]+:)?t>)/, (_t: string, open: string, text: string, close: string) => `${open}${raised(text)}${close}`)
  })
}

/** An .ods cell's XML (its content) with each text:span whose style is one of `superscripts` raised. */
export function raisedSpans(inner: string, superscripts: ReadonlySet<string>): string {
  if (superscripts.size === 0 || !inner.includes('<text:span')) return inner
  return inner.replace(/<text:span\b([^>]*)>([^<]*)<\/text:span>/g, (span: string, attributes: string, text: string) => {
    const style = /\btext:style-name="([^"]*)"/.exec(attributes)?.[1]
    return style !== undefined && superscripts.has(style) ? raised(text) : span
  })
}
