import { STYLE_ID, TAG, VAL, valueOf } from './word-xml-tags'

/** w:vanish and w:specVanish are on unless their value says off. */
const OFF = new Set(['0', 'false', 'off'])

export function switchedOn(attributes: string): boolean {
  return !OFF.has((valueOf(attributes, VAL) ?? 'true').toLowerCase())
}

/**
 * The styles (styles.xml) whose text Word hides: w:vanish or w:specVanish in the style's run
 * properties, or in those of the style it is based on.
 */
export function hiddenWordStyles(stylesXml: string): Set<string> {
  const own = new Map<string, boolean | null>()
  const basedOn = new Map<string, string>()
  const path: string[] = []
  let style: string | null = null
  for (const [, closing, name, attributes, selfClosing] of stylesXml.matchAll(TAG)) {
    if (name === undefined) continue
    if (closing === '/') {
      path.pop()
      continue
    }
    if (name === 'style') {
      style = valueOf(attributes!, STYLE_ID)
      if (style !== null && !own.has(style)) own.set(style, null)
    } else if (style !== null && name === 'basedOn' && path.at(-1) === 'style') {
      const parent = valueOf(attributes!, VAL)
      if (parent !== null) basedOn.set(style, parent)
    } else if (style !== null && (name === 'vanish' || name === 'specVanish') && path.at(-1) === 'rPr' && path.at(-2) === 'style') {
      own.set(style, switchedOn(attributes!))
    }
    if (selfClosing !== '/') path.push(name!)
  }
  const hidden = new Set<string>()
  for (const id of own.keys()) {
    // The first style up the chain that says either way decides; a chain that loops says nothing.
    const seen = new Set<string>()
    let at: string | undefined = id
    while (at !== undefined && !seen.has(at)) {
      seen.add(at)
      const says = own.get(at)
      if (says !== null && says !== undefined) {
        if (says) hidden.add(id)
        break
      }
      at = basedOn.get(at)
    }
  }
  return hidden
}

interface OpenRun {
  start: number
  /** What the run's own properties say (w:vanish), null when they say nothing. */
  vanish: boolean | null
  styleHidden: boolean
}

/**
 * A part of a Word document (document.xml, footnotes.xml…) without the runs Word hides (hidden
 * text: w:vanish or w:specVanish on the run, or a hidden character or paragraph style), which
 * mammoth would read as visible text; and how many passages (runs of hidden runs in a row) were
 * taken out. A paragraph mark's own properties hide only the mark, not text, and a tracked change
 * of formatting (w:rPrChange) says what the run looked like before, so neither counts.
 */
export function dropHiddenWordRuns(xml: string, hiddenStyles: ReadonlySet<string>): { xml: string; passages: number } {
  const path: string[] = []
  const runs: OpenRun[] = []
  const cuts: [number, number][] = []
  let paragraphHidden = false
  let lastRunHidden = false
  let passages = 0
  for (const match of xml.matchAll(TAG)) {
    const [whole, closing, name, attributes, selfClosing] = match
    const at = match.index
    if (name === undefined) continue
    if (closing === '/') {
      path.pop()
      if (name === 'r' && runs.length > 0) {
        const run = runs.pop()!
        const hidden = run.vanish ?? (run.styleHidden || paragraphHidden)
        if (hidden && !runs.some((outer) => (outer.vanish ?? (outer.styleHidden || paragraphHidden)) === true)) {
          while (cuts.length > 0 && cuts.at(-1)![0] > run.start) cuts.pop()
          cuts.push([run.start, at + whole.length])
          if (!lastRunHidden) passages++
        }
        lastRunHidden = hidden
      }
      continue
    }
    const parent = path.at(-1)
    if (name === 'p') {
      paragraphHidden = false
      lastRunHidden = false
    } else if (name === 'pStyle' && parent === 'pPr') {
      paragraphHidden = hiddenStyles.has(valueOf(attributes!, VAL) ?? '')
    } else if (name === 'r' && selfClosing !== '/') {
      runs.push({ start: at, vanish: null, styleHidden: false })
    } else if (parent === 'rPr' && path.at(-2) === 'r' && runs.length > 0) {
      if (name === 'vanish' || name === 'specVanish') runs.at(-1)!.vanish = switchedOn(attributes!)
      if (name === 'rStyle') runs.at(-1)!.styleHidden = hiddenStyles.has(valueOf(attributes!, VAL) ?? '')
    }
    if (selfClosing !== '/') path.push(name!)
  }
  if (cuts.length === 0) return { xml, passages: 0 }
  let out = ''
  let from = 0
  for (const [start, end] of cuts) {
    out += xml.slice(from, start)
    from = end
  }
  return { xml: out + xml.slice(from), passages }
}
