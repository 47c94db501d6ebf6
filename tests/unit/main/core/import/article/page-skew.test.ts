// A page scanned a few degrees crooked (made here: Chromium prints the page turned by CSS, pdftoppm
// draws it) is measured and turned straight before OCR; a straight page, and one of rules and
// figures, is left as it lies. The OCR of a skewed page is in ocr-turned-pages.test.ts.
import { describe, expect, it } from 'vitest'
import { skewOf, straightened } from '../../../../../../src/main/core/import/article/page-skew'
import { pagePixels } from '../../../../../helpers/page-pixels'
import { printPdfs } from '../../../../../helpers/scanned-pdf'

const PROSE = Array.from({ length: 12 }, (_, i) => `<p>Paragraph ${i + 1}: attorneys reviewed each pending case for criminal history, prior removals and fraud before any offer.</p>`).join('')

async function page(degrees: number, body = PROSE) {
  const html = `<!DOCTYPE html><html><head><style>@page { size: Letter; margin: 1in } body { font: 12pt/1.5 "DejaVu Serif", serif }</style></head><body><div style="transform: rotate(${degrees}deg)">${body}</div></body></html>`
  const [pdf] = await printPdfs([html])
  return pagePixels(pdf!, 100)[0]!
}

describe('skewOf and straightened', () => {
  it('finds the skew of a page turned a few degrees either way, and straightens it', async () => {
    for (const degrees of [3, -2, 5.5]) {
      const { grey, width, height } = await page(degrees)
      const skew = skewOf(grey, width, height)!
      expect(Math.abs(skew - degrees), `${degrees}° measured as ${skew}°`).toBeLessThan(0.3)
      expect(Math.abs(skewOf(straightened(grey, width, height, skew), width, height)!)).toBeLessThan(0.3)
    }
  }, 60_000)

  it('leaves a straight page, and a page of rules and figures without lines of text, as they lie', async () => {
    const straight = await page(0)
    expect(skewOf(straight.grey, straight.width, straight.height)).toBe(0)
    const blank = new Uint8Array(100 * 100).fill(255)
    expect(skewOf(blank, 100, 100)).toBeNull()
  }, 60_000)
})
