// What OCR is given for pages without a text layer: a picture of bounded size however large the page
// says it is (a 591-byte PDF can declare a 200-inch page), and nothing at all for a page that draws
// nothing; a scan drawn at its own resolution, between 150 and 200 dpi. The engine here only records
// the pictures it is given (their size from the PGM header).
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { extractPdfArticle, type PdfArticle } from '../../../../../../src/main/core/import/article/extract-pdf-article'
import type { OcrEngine } from '../../../../../../src/main/core/import/article/ocr-engine'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'
import { handMadePdf, type HandMadePage } from '../../../../../helpers/scanned-pdf'

/** A page that draws a grey box and has no text: OCR's to read. */
function drawingPage(width: number, height: number): HandMadePage {
  return { width, height, content: `0.5 g ${width / 4} ${height / 4} ${width / 2} ${height / 2} re f`, image: null }
}

async function picturesOcrIsGiven(pdf: Buffer): Promise<{ width: number; height: number }[]> {
  return (await readWithOcr(pdf, 'pages.pdf')).pictures
}

/** The article read from `pdf`, and the pictures OCR was given for it. */
async function readWithOcr(pdf: Buffer, fileName: string): Promise<{ article: PdfArticle; pictures: { width: number; height: number }[] }> {
  const pictures: { width: number; height: number }[] = []
  const engine: OcrEngine = {
    parallel: 1,
    read: (image) => {
      pictures.push(pictureSize(image))
      return Promise.resolve({ text: 'A drawing', confidence: 90 })
    },
    stop: () => Promise.resolve()
  }
  const article = await extractPdfArticle(pdf, fileName, { ocr: () => Promise.resolve(engine), onPage: () => undefined, signal: new AbortController().signal })
  return { article, pictures }
}

/** A PGM's size from its header ("P5 width height 255"); a PNG's from its IHDR chunk. */
function pictureSize(image: Buffer): { width: number; height: number } {
  if (image.subarray(1, 4).toString('latin1') === 'PNG') return { width: image.readUInt32BE(16), height: image.readUInt32BE(20) }
  const [magic, width, height] = image.subarray(0, 40).toString('latin1').split(/\s+/)
  expect(magic).toBe('P5')
  return { width: Number(width), height: Number(height) }
}

/** The refusal of `pdf`, which must come before OCR is started. */
async function refusalWithoutOcr(pdf: Buffer, fileName: string): Promise<string> {
  const reading = { ocr: () => Promise.reject(new Error('OCR is not needed')), onPage: () => undefined, signal: new AbortController().signal }
  const refusal = await extractPdfArticle(pdf, fileName, reading).catch((error: unknown) => error)
  expect(refusal).toBeInstanceOf(ImportInputError)
  return (refusal as Error).message
}

describe('the picture OCR reads of a page', () => {
  it('is drawn at 200 dpi for a Letter page that paints no picture', async () => {
    expect(await picturesOcrIsGiven(handMadePdf([drawingPage(612, 792)]))).toEqual([{ width: 1700, height: 2200 }])
  })

  it('is a scan drawn at its own resolution: a 200-dpi Letter scan at its 1,700 × 2,200 pixels', async () => {
    expect(await picturesOcrIsGiven(handMadePdf([scanPage(1700, 2200, 612, 792)]))).toEqual([{ width: 1700, height: 2200 }])
  })

  it('is a 600-dpi scan drawn at 200 dpi', async () => {
    expect(await picturesOcrIsGiven(handMadePdf([scanPage(5100, 6600, 612, 792)]))).toEqual([{ width: 1700, height: 2200 }])
  })

  it('is a 170-dpi scan drawn at its own 170 dpi, neither enlarged nor reduced', async () => {
    expect(await picturesOcrIsGiven(handMadePdf([scanPage(1445, 1870, 612, 792)]))).toEqual([{ width: 1445, height: 1870 }])
  })

  it('is a scan whose PDF says 96 dpi (an A4 scan on a 17-inch page) drawn at 150 dpi, not enlarged to 16 megapixels', async () => {
    expect(await picturesOcrIsGiven(handMadePdf([scanPage(1654, 2339, 1240.5, 1754.25)]))).toEqual([{ width: 2584, height: 3654 }])
  })

  it('is a scan placed turned on its page drawn at its own resolution all the same', async () => {
    const page = scanPage(2200, 1700, 612, 792)
    // The landscape picture is turned a quarter to fill the portrait page: its width runs down the page.
    expect(await picturesOcrIsGiven(handMadePdf([{ ...page, content: 'q 0 -792 612 0 0 792 cm /Scan Do Q' }]))).toEqual([{ width: 1700, height: 2200 }])
  })

  it('is at most 16 megapixels for a 200 × 200 inch page, drawn at a lower resolution', async () => {
    const [picture] = await picturesOcrIsGiven(handMadePdf([drawingPage(14_400, 14_400)]))
    expect(picture!.width * picture!.height).toBeLessThanOrEqual(16_000_000)
    expect(picture!.width).toBeGreaterThan(3900)
  })

  it('is at most 16 megapixels for a page whose UserUnit makes it miles wide', async () => {
    const page = handMadePdf([drawingPage(14_400, 14_400)]).toString('latin1').replace('/MediaBox', '/UserUnit 75000 /MediaBox')
    const [picture] = await picturesOcrIsGiven(Buffer.from(page, 'latin1'))
    expect(picture!.width * picture!.height).toBeLessThanOrEqual(16_000_000)
  })

  it('is no longer than tesseract reads (32,767 pixels) for a 3-inch receipt roll 400 inches long', async () => {
    const [picture] = await picturesOcrIsGiven(handMadePdf([drawingPage(216, 28_800)]))
    expect(picture!.width * picture!.height).toBeLessThanOrEqual(16_000_000)
    expect(picture!.height).toBeLessThanOrEqual(32_767)
  })
})

describe('a page that draws nothing', () => {
  it('is not given to OCR: blank pages among scanned ones are skipped, and the others read', async () => {
    const blank: HandMadePage = { width: 612, height: 792, content: '', image: null }
    const pictures = await picturesOcrIsGiven(handMadePdf([blank, drawingPage(612, 792), blank]))
    expect(pictures).toHaveLength(1)
  })

  it('makes a PDF of blank pages a refusal that says they are blank, at once, without OCR', async () => {
    const blank: HandMadePage = { width: 612, height: 792, content: '', image: null }
    expect(await refusalWithoutOcr(handMadePdf(Array.from({ length: 1200 }, () => blank)), 'blank.pdf')).toBe('blank.pdf has no text: its 1,200 pages are blank; nothing was imported.')
  })
})

/**
 * A page `pageWidth` × `pageHeight` points whose scan, filling it, is a 1-bit picture of `width` ×
 * `height` pixels, all white but for black bands, Flate-compressed as a scanner's software may store it.
 */
function scanPage(width: number, height: number, pageWidth: number, pageHeight: number): HandMadePage {
  const row = Buffer.alloc(Math.ceil(width / 8), 0xff)
  const band = Buffer.alloc(row.length, 0x00)
  const rows = Array.from({ length: height }, (_, y) => (Math.floor(y / 200) % 5 === 0 ? band : row))
  const data = deflateSync(Buffer.concat(rows))
  const dictionary = `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode`
  return { width: pageWidth, height: pageHeight, content: `q ${pageWidth} 0 0 ${pageHeight} 0 0 cm /Scan Do Q`, image: { dictionary, data } }
}

/**
 * A square scan of `side` pixels: a few kilobytes that pdf.js would decode and draw at full size (a
 * 10,000-pixel square took 1.3 GB) before the page is scaled down for OCR.
 */
function hugeScanPage(side: number): HandMadePage {
  return scanPage(side, side, 612, 612)
}

describe('a page whose picture is too large to draw', () => {
  it('is left out with a warning that names the page, the picture’s size and the fix; the other pages are read', async () => {
    const { article, pictures } = await readWithOcr(handMadePdf([hugeScanPage(8000), drawingPage(612, 792)]), 'release.pdf')
    expect(pictures).toEqual([{ width: 1700, height: 2200 }])
    expect(article.body).toBe('A drawing')
    expect(article.pages.map((page) => page.page)).toEqual([2])
    expect(article.warnings).toEqual([
      'release.pdf, page 1, was not read: its picture is too large (8,000 × 8,000 pixels; OCR reads pictures of up to 40 megapixels). Save the scan at a lower resolution (300 dpi is enough) and import it again.'
    ])
  })

  it('is left out of a page that draws something else, which is read with a warning that it lacks the picture', async () => {
    const page = hugeScanPage(8000)
    const { article, pictures } = await readWithOcr(handMadePdf([{ ...page, content: `${page.content} 0.5 g 100 100 200 200 re f` }]), 'mixed.pdf')
    // What is left of the page is drawn as a page without a picture.
    expect(pictures).toEqual([{ width: 1700, height: 1700 }])
    expect(article.warnings).toEqual([
      'mixed.pdf, page 1, was read without a picture on it that is too large (8,000 × 8,000 pixels; OCR reads pictures of up to 40 megapixels). Save the scan at a lower resolution (300 dpi is enough) and import it again.'
    ])
  })

  it('makes a PDF with no other page a one-line refusal, without drawing or reading anything', async () => {
    expect(await refusalWithoutOcr(handMadePdf([hugeScanPage(8000)]), 'poster.pdf')).toBe(
      'poster.pdf has no page that can be read: its picture is too large (8,000 × 8,000 pixels; OCR reads pictures of up to 40 megapixels); nothing was imported. Save the scan at a lower resolution (300 dpi is enough) and import it again.'
    )
  })
})
