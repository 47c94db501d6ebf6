/** A part of a page picture, in pixels, for OCR to read on its own. */
export interface PageRegion {
  left: number
  top: number
  width: number
  height: number
}

/** A pixel darker than this is ink (pages are drawn on white; scans are greyscale or black and white). */
const INK = 128
/** A gutter between columns is at least this wide (a word space at 13pt is about 0.05 inch, a column gap 0.17 or more). */
const MIN_GUTTER_INCHES = 0.1
/** A stretch of lines is read as columns only when it runs through this much of the page's text height… */
const MIN_COLUMN_SHARE = 0.4
/** …and holds at least this many lines (of ink, across the columns). */
const MIN_COLUMN_LINES = 6
/** Each column is at least this share of the stretch's width: a list's numbers or a narrow indent are not a column. */
const MIN_COLUMN_WIDTH = 0.2
/**
 * Prose fills its column: in at least half the lines with ink left of a gutter, that ink reaches to
 * within this share of the column's width from it. A table's label column mostly does not.
 */
const FILLED_REACH = 0.25

interface Band {
  top: number
  /** One past the band's last row. */
  bottom: number
  /** Per pixel column: 1 where the band has ink. */
  inked: Uint8Array
}

/**
 * Where a page picture holds text in columns: the parts OCR should read one by one, in reading
 * order (a full-width part, then each column of a stretch of columns left to right, then the next
 * part), or null when the page is one column (or the layout is not clear), to be read whole.
 *
 * tesseract's single-column mode (PSM 4, which reads ruled tables best) reads a two-column page
 * across its columns, joining each line of the left one to the same line of the right one. A gutter
 * is found on the bitmap: lines of ink are found between blank rows, and a stretch of consecutive
 * lines sharing a blank vertical band at least MIN_GUTTER_INCHES wide, with ink on both sides,
 * through most of the page's text height, and prose-like columns on either side, is split there. A
 * ruled table's rules, a centred title or a heading across the page end such a stretch.
 *
 * `grey` holds one byte a pixel, row by row.
 */
export function findTextColumns(grey: Uint8Array, width: number, height: number, dpi: number): PageRegion[] | null {
  const bands = inkBands(grey, width, height)
  if (bands.length < MIN_COLUMN_LINES) return null
  const textTop = bands[0]!.top
  const textHeight = bands.at(-1)!.bottom - textTop
  const minGutter = Math.max(3, Math.round(MIN_GUTTER_INCHES * dpi))

  const blocks: { first: number; last: number; cuts: number[] }[] = []
  let first = 0
  while (first < bands.length) {
    // Grow a stretch of lines while they share a gutter; a line that closes every gutter ends it.
    const blank = Uint8Array.from(bands[first]!.inked, (inked) => 1 - inked)
    let last = first
    let gutters = guttersOf(blank, bands, first, last, minGutter)
    while (last + 1 < bands.length && gutters.length > 0) {
      const next = bands[last + 1]!
      const narrowed = blank.map((value, x) => value & (1 - next.inked[x]!))
      const kept = guttersOf(narrowed, bands, first, last + 1, minGutter)
      if (kept.length === 0) break
      blank.set(narrowed)
      last++
      gutters = kept
    }
    const stretch = bands.slice(first, last + 1)
    if (gutters.length > 0 && stretch.length >= MIN_COLUMN_LINES && stretch.at(-1)!.bottom - stretch[0]!.top >= MIN_COLUMN_SHARE * textHeight && proseColumns(stretch, gutters)) {
      blocks.push({ first, last, cuts: gutters.map((gutter) => Math.round((gutter.start + gutter.end) / 2)) })
    }
    first = last + 1
  }
  if (blocks.length === 0) return null

  const regions: PageRegion[] = []
  // Parts meet halfway between the lines on either side of them.
  const edge = (index: number): number => (index <= 0 ? 0 : index >= bands.length ? height : Math.round((bands[index - 1]!.bottom + bands[index]!.top) / 2))
  const across = (top: number, bottom: number) => {
    if (bottom > top) regions.push({ left: 0, top, width, height: bottom - top })
  }
  let done = 0
  for (const block of blocks) {
    across(edge(done), edge(block.first))
    const [top, bottom] = [edge(block.first), edge(block.last + 1)]
    const cuts = [0, ...block.cuts, width]
    for (let column = 0; column + 1 < cuts.length; column++) regions.push({ left: cuts[column]!, top, width: cuts[column + 1]! - cuts[column]!, height: bottom - top })
    done = block.last + 1
  }
  across(edge(done), edge(bands.length))
  return regions
}

/** Lines of ink: runs of rows holding ink, each with the pixel columns it inks. */
function inkBands(grey: Uint8Array, width: number, height: number): Band[] {
  const bands: Band[] = []
  let open: Band | null = null
  for (let y = 0; y < height; y++) {
    const row = y * width
    let any = false
    for (let x = 0; x < width; x++) {
      if (grey[row + x]! < INK) {
        any = true
        break
      }
    }
    if (!any) {
      open = null
      continue
    }
    if (open === null) {
      open = { top: y, bottom: y + 1, inked: new Uint8Array(width) }
      bands.push(open)
    }
    open.bottom = y + 1
    for (let x = 0; x < width; x++) if (grey[row + x]! < INK) open.inked[x] = 1
  }
  // A speck (a line of ink a pixel or two high) is dust, not a line of text.
  return bands.filter((band) => band.bottom - band.top > 2)
}

interface Gutter {
  start: number
  /** One past its last blank pixel column. */
  end: number
}

/** The blank runs at least `minGutter` wide with ink on both sides in the lines first…last. */
function guttersOf(blank: Uint8Array, bands: readonly Band[], first: number, last: number, minGutter: number): Gutter[] {
  let left = blank.length
  let right = -1
  for (let index = first; index <= last; index++) {
    const inked = bands[index]!.inked
    const from = inked.indexOf(1)
    if (from < 0) continue
    left = Math.min(left, from)
    right = Math.max(right, inked.lastIndexOf(1))
  }
  const gutters: Gutter[] = []
  let start = -1
  for (let x = left + 1; x < right; x++) {
    if (blank[x] === 1) {
      if (start < 0) start = x
    } else if (start >= 0) {
      if (x - start >= minGutter) gutters.push({ start, end: x })
      start = -1
    }
  }
  const columns = [left, ...gutters.flatMap((gutter) => [gutter.start, gutter.end]), right + 1]
  // A column narrower than MIN_COLUMN_WIDTH of the stretch (a list's numbers, an indent) is no column.
  for (let column = 0; column + 1 < columns.length; column += 2) {
    if (columns[column + 1]! - columns[column]! < MIN_COLUMN_WIDTH * (right + 1 - left)) return []
  }
  return gutters
}

/** Whether the text left of each gutter fills its column, as prose does, in most lines. */
function proseColumns(stretch: readonly Band[], gutters: readonly Gutter[]): boolean {
  let from = Math.min(...stretch.map((band) => band.inked.indexOf(1)).filter((x) => x >= 0))
  for (const gutter of gutters) {
    const reach = FILLED_REACH * (gutter.start - from)
    let lines = 0
    let filled = 0
    for (const band of stretch) {
      const end = band.inked.subarray(from, gutter.start).lastIndexOf(1)
      if (end < 0) continue
      lines++
      if (gutter.start - (from + end) <= reach) filled++
    }
    if (lines === 0 || filled < lines / 2) return false
    from = gutter.end
  }
  return true
}
