import { noteMark } from '../../search/note-mark'

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
 * separated by a blank line. The lines of a heading that wraps are joined into one.
 */
export function layOutPdfText(runs: PdfTextRun[]): string {
  const lines: Line[] = []
  for (const run of runs) {
    if (run.text === '') continue
    const line = lines.at(-1)
    if (line !== undefined && run.text.trim() === '') {
      // A space drawn after a note's mark sits at the mark's height: it belongs to the line.
      line.text += run.text
      continue
    }
    if (line !== undefined && raisedMark(run, line) && run.x >= line.end - 0.5 * run.size && run.x <= line.end + run.size) {
      // A note's mark ("discretion¹"): smaller and raised, right after the word it follows.
      line.text += markText(run.text)
      line.end = Math.max(line.end, run.x + run.width)
      continue
    }
    if (line !== undefined && raisedMark(line, run) && run.x >= line.end - 0.5 * run.size && run.x <= line.end + 2 * run.size) {
      // A note opening with its mark ("¹ Discretion is…"): the line is the note's, at its height.
      Object.assign(line, { y: run.y, size: run.size, text: markText(line.text) })
    }
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
  const kept = lines.map((line) => ({ ...line, text: line.text.replace(/\s+/g, ' ').trim().replace(PRIVATE_BULLET, '•') })).filter((line) => line.text !== '')
  if (kept.length === 0) return ''

  // The tightest spacing between lines of the same size, in their size, is taken as the page's line
  // spacing: a heading's lines are as far apart for their size as the body's for theirs.
  let lineSpacing = Infinity
  for (let i = 1; i < kept.length; i++) {
    const gap = kept[i - 1]!.y - kept[i]!.y
    if (gap > 0.5 * kept[i]!.size && sameSize(kept[i - 1]!, kept[i]!)) lineSpacing = Math.min(lineSpacing, gap / kept[i]!.size)
  }
  const bodySize = mostWrittenSize(kept)
  let text = kept[0]!.text
  for (let i = 1; i < kept.length; i++) {
    const above = kept[i - 1]!
    const line = kept[i]!
    const gap = above.y - line.y
    const newParagraph = !sameSize(above, line) || gap < 0 || gap > 1.3 * lineSpacing * line.size || gap > 2.2 * line.size
    // A heading that wraps (lines larger than the page's text, one right under the other) is one
    // line of text: its title, and the heading the body shows, are the whole of it.
    const wrappedHeading = !newParagraph && line.size >= HEADING_SCALE * bodySize && above.size >= HEADING_SCALE * bodySize
    text += (newParagraph ? '\n\n' : wrappedHeading ? ' ' : '\n') + line.text
  }
  return text
}

/** Text this much larger than most of a page's is a heading's. */
const HEADING_SCALE = 1.15

/** The size most of a page's characters are drawn at: its body text's. */
function mostWrittenSize(lines: readonly Line[]): number {
  const characters = new Map<number, number>()
  for (const line of lines) characters.set(line.size, (characters.get(line.size) ?? 0) + line.text.length)
  let most = lines[0]!.size
  for (const [size, count] of characters) if (count > characters.get(most)!) most = size
  return most
}

/** What a note's mark is: a number, a letter or two, or a reference sign. */
const MARK = /^(?:[0-9]{1,3}|[a-z]{1,2}|[*†‡§]{1,3})$/
/**
 * A bullet drawn in a Symbol or Wingdings font: Word writes such fonts' characters in the private
 * use area (U+F0B7 for Symbol's bullet, U+F0A7 and U+F076 for Wingdings' square and diamond), which
 * no other font draws. At the start of a line, followed by a space, it is a list's bullet.
 */
const PRIVATE_BULLET = /^[\uF020-\uF0FF](?=\s|$)/

/** Whether `mark` could be a note's mark beside text on `base`: a short mark, smaller, and raised by less than a line. */
function raisedMark(mark: { text: string; y: number; size: number }, base: { y: number; size: number }): boolean {
  const raised = mark.y - base.y
  return mark.size < 0.9 * base.size && raised > 0.15 * base.size && raised <= 0.6 * base.size && MARK.test(mark.text.trim())
}

/** A mark's text: a number in superscript digits, as notes of Word and OpenDocument files are marked ("¹²"). */
function markText(text: string): string {
  const mark = text.trim()
  return noteMark(mark) ?? mark
}

function sameSize(a: Line, b: Line): boolean {
  return Math.abs(a.size - b.size) <= 0.2 * Math.max(a.size, b.size)
}
