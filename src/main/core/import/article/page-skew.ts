// A page fed into a scanner a little crooked lies a few degrees off. tesseract reads its lines as
// they lie on the picture's rows, so a 3° skew over a 6.5-inch line crosses a third of an inch:
// halves of neighbouring lines are joined and marks misread ("(b)(7)(C)" as "(bX7)(C)"), at a
// confidence that looks good. The skew is measured on the drawn page and the page turned straight
// before OCR reads it.

/** Skews up to this many degrees either way are looked for; a page turned further is read turned (TURNS). */
const MAX_SKEW = 8
/** Less than this is left as it lies: tesseract copes, and turning blurs the letters a little. */
export const MIN_SKEW = 0.4
/** A pixel darker than this is ink. */
const INK = 128

/**
 * The page's skew in degrees (positive: its lines fall to the right, as they do on a page turned
 * clockwise), found as the angle whose rows of ink are most sharply drawn: text lines read along
 * that angle make tall peaks of ink between empty gaps. Null on a page with too little ink to say.
 */
export function skewOf(pixels: Uint8Array, width: number, height: number): number | null {
  // Every other pixel of each row is enough to find lines of text, and half the work.
  const xs: number[] = []
  const ys: number[] = []
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x += 2) {
      if (pixels[y * width + x]! < INK) {
        xs.push(x)
        ys.push(y)
      }
    }
  }
  if (xs.length < 500) return null
  const score = (degrees: number): number => {
    const slope = Math.tan((degrees * Math.PI) / 180)
    const offset = Math.ceil(width * Math.abs(slope)) + 1
    const rows = new Float64Array(height + 2 * offset)
    for (let i = 0; i < xs.length; i++) rows[Math.round(ys[i]! - xs[i]! * slope) + offset]! += 1
    // Ink gathered into few rows (lines with gaps between) squares to more than ink spread evenly.
    let sum = 0
    for (const count of rows) sum += count * count
    return sum
  }
  let best = 0
  let bestScore = score(0)
  const level = bestScore
  for (let degrees = -MAX_SKEW; degrees <= MAX_SKEW + 1e-9; degrees += 0.25) {
    const found = score(degrees)
    if (found > bestScore) [best, bestScore] = [degrees, found]
  }
  for (let degrees = best - 0.2; degrees <= best + 0.2 + 1e-9; degrees += 0.05) {
    const found = score(degrees)
    if (found > bestScore) [best, bestScore] = [degrees, found]
  }
  // A page of pictures or rules with no lines of text gains little at any angle: left as it lies.
  return bestScore > level * 1.05 ? Math.round(best * 100) / 100 : 0
}

/**
 * The page turned by `degrees` about its centre, anticlockwise for a positive skew, on white, at the
 * same size (a few degrees move the corners' margins only); each pixel takes its nearest source pixel.
 */
export function straightened(pixels: Uint8Array, width: number, height: number, degrees: number): Uint8Array {
  const out = new Uint8Array(width * height).fill(255)
  const angle = (degrees * Math.PI) / 180
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)]
  const [cx, cy] = [width / 2, height / 2]
  for (let y = 0; y < height; y++) {
    const dy = y - cy
    for (let x = 0; x < width; x++) {
      const dx = x - cx
      // Where the straight page's pixel lies on the skewed one: the skew applied to it.
      const sx = Math.round(cx + dx * cos - dy * sin)
      const sy = Math.round(cy + dx * sin + dy * cos)
      if (sx >= 0 && sx < width && sy >= 0 && sy < height) out[y * width + x] = pixels[sy * width + sx]!
    }
  }
  return out
}
