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
/** Characters a mark is made of, raised or marks already; and the comma or space between two marks (¹,²). */
const MARK_CHARS = new Set([...Object.values(SUPERSCRIPTS), '*', '†', '‡', '§', '¶'])
/** A mark longer than this is no footnote mark (and a label is not searched further back). */
const MAX_MARK = 16

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
  // Walked back from the label's end: a mark is a short run at its end, and labels may be long.
  const chars = [...label.slice(-4 * MAX_MARK)]
  let start = chars.length
  while (start > 0 && chars.length - start < MAX_MARK && (MARK_CHARS.has(chars[start - 1]!) || chars[start - 1] === ',' || chars[start - 1] === ' ')) start--
  const run = chars.slice(start)
  while (run.length > 0 && !MARK_CHARS.has(run[0]!)) run.shift()
  const mark = run.join('').trimEnd()
  const rest = label.slice(0, label.length - chars.slice(chars.length - run.length).join('').length).trimEnd()
  if (mark === '' || rest === '' || !run.some((char) => PLAIN.has(char))) return null
  // A unit's power is no footnote: "Area, km²", "Volume (ft³".
  if (/^[²³]$/.test(mark) && /(^|[^\p{L}])([kcm]?m|ft|in|mi|yd)$/u.test(rest)) return null
  return { label: rest, mark, plain: [...mark].map((char) => PLAIN.get(char) ?? char).join('') }
}

/** The text of a shared string's XML (<si>'s content) with each run the sheet sets in superscript (<vertAlign val="superscript"/>) raised. */
export function raisedRuns(inner: string): string {
  if (!inner.includes('superscript')) return inner
  let out = ''
  let at = 0
  for (;;) {
    const open = /<((?:[\w.-]+:)?r)>/g
    open.lastIndex = at
    const found = open.exec(inner)
    if (found === null) break
    const close = inner.indexOf(`</${found[1]}>`, open.lastIndex)
    // A run that does not end leaves the rest as it is.
    if (close < 0) break
    const content = inner.slice(open.lastIndex, close)
    const raisedContent = /<(?:[\w.-]+:)?vertAlign\b[^>]*\bval="superscript"/.test(content)
      ? content.replace(/(<(?:[\w.-]+:)?t\b[^>]*>)([^<]*)(<\/(?:[\w.-]+:)?t>)/, (_t: string, start: string, text: string, end: string) => `${start}${raised(text)}${end}`)
      : content
    out += inner.slice(at, open.lastIndex) + raisedContent
    at = close
  }
  return out + inner.slice(at)
}

/** An .ods cell's XML (its content) with each text:span whose style is one of `superscripts` raised. */
export function raisedSpans(inner: string, superscripts: ReadonlySet<string>): string {
  if (superscripts.size === 0 || !inner.includes('<text:span')) return inner
  return inner.replace(/<text:span\b([^>]*)>([^<]*)<\/text:span>/g, (span: string, attributes: string, text: string) => {
    const style = /\btext:style-name="([^"]*)"/.exec(attributes)?.[1]
    return style !== undefined && superscripts.has(style) ? raised(text) : span
  })
}
