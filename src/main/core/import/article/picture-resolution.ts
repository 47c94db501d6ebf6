import type { PdfJs } from '../../pdf/load-pdfjs'

/** A PDF transform [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
type Matrix = [number, number, number, number, number, number]

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]

/** `inner` applied first, then `outer`: the PDF's "cm" concatenates this way. */
function concat(inner: readonly number[], outer: Matrix): Matrix {
  const [a, b, c, d, e, f] = inner as Matrix
  return [
    a * outer[0] + b * outer[2],
    a * outer[1] + b * outer[3],
    c * outer[0] + d * outer[2],
    c * outer[1] + d * outer[3],
    e * outer[0] + f * outer[2] + outer[4],
    e * outer[1] + f * outer[3] + outer[5]
  ]
}

/** The pixel size of the picture an operation paints, where its arguments say it. */
function pictureSize(operation: number, args: unknown, ops: PdfJs['OPS']): { width: number; height: number } | null {
  if (!Array.isArray(args)) return null
  if (operation === ops.paintImageXObject && typeof args[1] === 'number' && typeof args[2] === 'number') return { width: args[1], height: args[2] }
  if (operation === ops.paintInlineImageXObject || operation === ops.paintImageMaskXObject) {
    const image: unknown = args[0]
    if (typeof image === 'object' && image !== null && 'width' in image && 'height' in image && typeof image.width === 'number' && typeof image.height === 'number') {
      return { width: image.width, height: image.height }
    }
  }
  return null
}

/**
 * The resolution (pixels per inch of the page) of the picture that covers most of a page — a scan's
 * own resolution — from the page's drawing operations: the picture's pixels over the size the
 * transforms in force give it (a picture is drawn on the unit square, so its size is the lengths of
 * the transform's two axes). null when the page paints no picture whose size is known. Where a
 * picture is drawn finer one way than the other, the finer way counts.
 */
export function pictureResolution(fnArray: readonly number[], argsArray: readonly unknown[], ops: PdfJs['OPS']): number | null {
  const saved: Matrix[] = []
  let current = IDENTITY
  let largest = { area: 0, ppi: null as number | null }
  for (const [index, operation] of fnArray.entries()) {
    const args = argsArray[index]
    if (operation === ops.save) saved.push(current)
    else if (operation === ops.restore || operation === ops.paintFormXObjectEnd) current = saved.pop() ?? IDENTITY
    else if (operation === ops.transform && Array.isArray(args) && args.length === 6) current = concat(args as number[], current)
    else if (operation === ops.paintFormXObjectBegin) {
      saved.push(current)
      const matrix: unknown = Array.isArray(args) ? args[0] : null
      if (Array.isArray(matrix) && matrix.length === 6) current = concat(matrix as number[], current)
    } else {
      const size = pictureSize(operation, args, ops)
      if (size === null) continue
      const across = Math.hypot(current[0], current[1]) / 72
      const down = Math.hypot(current[2], current[3]) / 72
      if (across <= 0 || down <= 0 || !Number.isFinite(across * down)) continue
      if (across * down > largest.area) largest = { area: across * down, ppi: Math.max(size.width / across, size.height / down) }
    }
  }
  return largest.ppi
}
