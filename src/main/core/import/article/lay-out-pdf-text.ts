/** One run of text on a PDF page, in page units (points), y growing upwards. */
export interface PdfTextRun {
  text: string
  x: number
  y: number
  width: number
  /** The font size the run is drawn at. */
  size: number
}

interface Line {
  y: number
  size: number
  end: number
  text: string
}

/**
 * Turns a page's text runs (in drawing order) into plain text: runs at the same height form a line,
 * with a space where the page leaves a gap between them; lines whose vertical distance is clearly
 * larger than the page's line spacing, or whose size changes (a heading), start a new paragraph,
 * separated by a blank line.
 */
export function layOutPdfText(runs: PdfTextRun[]): string {
  const lines: Line[] = []
  for (const run of runs) {
    if (run.text === '') continue
    const line = lines.at(-1)
    if (line === undefined || Math.abs(run.y - line.y) > Math.max(1, 0.4 * Math.min(run.size, line.size))) {
      lines.push({ y: run.y, size: run.size, end: run.x + run.width, text: run.text })
      continue
    }
    const gap = run.x - line.end
    const spaced = /\s$/.test(line.text) || /^\s/.test(run.text)
    line.text += !spaced && gap > 0.15 * run.size ? ` ${run.text}` : run.text
    line.end = Math.max(line.end, run.x + run.width)
    line.size = Math.max(line.size, run.size)
  }
  const kept = lines.map((line) => ({ ...line, text: line.text.replace(/\s+/g, ' ').trim() })).filter((line) => line.text !== '')
  if (kept.length === 0) return ''

  // The tightest spacing between lines of the same size is taken as the page's line spacing.
  let lineSpacing = Infinity
  for (let i = 1; i < kept.length; i++) {
    const gap = kept[i - 1]!.y - kept[i]!.y
    if (gap > 0.5 * kept[i]!.size && sameSize(kept[i - 1]!, kept[i]!)) lineSpacing = Math.min(lineSpacing, gap)
  }
  let text = kept[0]!.text
  for (let i = 1; i < kept.length; i++) {
    const above = kept[i - 1]!
    const line = kept[i]!
    const gap = above.y - line.y
    const newParagraph = !sameSize(above, line) || gap < 0 || gap > 1.3 * lineSpacing || gap > 2.2 * line.size
    text += (newParagraph ? '\n\n' : '\n') + line.text
  }
  return text
}

function sameSize(a: Line, b: Line): boolean {
  return Math.abs(a.size - b.size) <= 0.2 * Math.max(a.size, b.size)
}
