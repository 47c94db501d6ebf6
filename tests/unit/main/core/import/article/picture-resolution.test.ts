// The resolution a page's scan was made at, from pdf.js's drawing operations: it decides how large
// the page is drawn for OCR. The operation lists here are written as pdf.js makes them.
import { describe, expect, it } from 'vitest'
import { loadPdfJs } from '../../../../../../src/main/core/pdf/load-pdfjs'
import { pictureResolution } from '../../../../../../src/main/core/import/article/picture-resolution'

const { OPS } = await loadPdfJs()

/** pictureResolution of the operations given as [operation, arguments] pairs. */
function resolutionOf(operations: readonly [number, unknown][]): number | null {
  return pictureResolution(
    operations.map(([operation]) => operation),
    operations.map(([, args]) => args),
    OPS
  )
}

const picture = (width: number, height: number): [number, unknown] => [OPS.paintImageXObject, ['img_p0_1', width, height]]

describe('the resolution of a page’s picture', () => {
  it('is its pixels over the inches its transform gives it: 2,550 pixels across 8.5 inches are 300 dpi', () => {
    expect(resolutionOf([[OPS.save, null], [OPS.transform, [612, 0, 0, 792, 0, 0]], picture(2550, 3300), [OPS.restore, null]])).toBe(300)
  })

  it('follows nested transforms and forms, and undoes them when they are restored or the form ends', () => {
    const inForm: [number, unknown][] = [
      [OPS.save, null],
      [OPS.transform, [0.5, 0, 0, 0.5, 0, 0]],
      [OPS.paintFormXObjectBegin, [[2, 0, 0, 2, 10, 10], [0, 0, 612, 792]]],
      [OPS.transform, [612, 0, 0, 792, 0, 0]],
      picture(1700, 2200),
      [OPS.paintFormXObjectEnd, null],
      [OPS.restore, null]
    ]
    expect(resolutionOf(inForm)).toBe(200)
    // After the form, a picture drawn on the unit square is 1/72 inch: the first picture stays the largest.
    expect(resolutionOf([...inForm, picture(10, 10)])).toBe(200)
  })

  it('is that of the picture that covers most of the page, not of a finer logo', () => {
    const logo: [number, unknown][] = [[OPS.save, null], [OPS.transform, [72, 0, 0, 72, 36, 36]], picture(600, 600), [OPS.restore, null]]
    const scan: [number, unknown][] = [[OPS.save, null], [OPS.transform, [612, 0, 0, 792, 0, 0]], picture(1275, 1650), [OPS.restore, null]]
    expect(resolutionOf([...logo, ...scan])).toBe(150)
    expect(resolutionOf([...scan, ...logo])).toBe(150)
  })

  it('is the finer of its two ways, and the same for a picture turned or mirrored', () => {
    expect(resolutionOf([[OPS.transform, [612, 0, 0, 792, 0, 0]], picture(2550, 2200)])).toBe(300)
    expect(resolutionOf([[OPS.transform, [0, -612, 792, 0, 0, 612]], picture(2550, 3300)])).toBe(300)
    expect(resolutionOf([[OPS.transform, [-612, 0, 0, -792, 612, 792]], picture(1700, 2200)])).toBe(200)
  })

  it('is read from inline pictures and image masks, whose size is in their data', () => {
    expect(resolutionOf([[OPS.transform, [612, 0, 0, 792, 0, 0]], [OPS.paintInlineImageXObject, [{ width: 1700, height: 2200, data: new Uint8Array(0) }]]])).toBe(200)
    expect(resolutionOf([[OPS.transform, [612, 0, 0, 792, 0, 0]], [OPS.paintImageMaskXObject, [{ width: 2550, height: 3300, data: new Uint8Array(0) }]]])).toBe(300)
  })

  it('is null for a page with no picture, or one squashed to nothing', () => {
    expect(resolutionOf([[OPS.constructPath, [0, [], null]], [OPS.fill, null]])).toBeNull()
    expect(resolutionOf([[OPS.transform, [0, 0, 0, 792, 0, 0]], picture(2550, 3300)])).toBeNull()
  })
})
