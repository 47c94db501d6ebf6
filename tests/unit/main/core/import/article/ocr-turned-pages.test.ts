// Scanned releases hold pages fed upside down and landscape tables turned on their side. Read as
// they lie, they come out as gibberish at a low confidence; Casefile reads such a page turned, keeps
// the best reading and says so, and warns of a page that no turn makes readable. Each scan is made
// here: Chromium prints the page turned (by CSS), pdftoppm rasterises it, Chromium wraps it back.
import { beforeAll, describe, expect, it } from 'vitest'
import { extractPdfArticle, type PdfArticle } from '../../../../../../src/main/core/import/article/extract-pdf-article'
import { ocrReadingForFile } from '../../../../../helpers/ocr-test-engine'
import { scannedPdf } from '../../../../../helpers/scanned-pdf'

const STYLE = '@page { size: Letter; margin: 1in } body { font: 14pt/1.5 "DejaVu Serif", serif }'
const TEXT = `<h1 style="font-size: 18pt">Removal flights report</h1>
<p>Charter flights carried 2,315 people from Alexandria on 41 flights in June 2020.</p>
<p>Eleven flights left with detainees who had tested positive for the virus.</p>`

function turned(transform: string, box: string): string {
  return `<!DOCTYPE html><html><head><title>x</title><style>${STYLE}</style></head><body><div style="${box} transform: ${transform}">${TEXT}</div></body></html>`
}

const reading = ocrReadingForFile()

async function read(html: string, name: string): Promise<PdfArticle> {
  return extractPdfArticle(await scannedPdf(html, 150, [], null), name, reading())
}

function expectKeySentences(article: PdfArticle): void {
  const text = article.body.replace(/\s+/g, ' ')
  expect(text).toContain('Removal flights report')
  expect(text).toContain('Charter flights carried 2,315 people from Alexandria on 41 flights in June 2020.')
  expect(text).toContain('Eleven flights left with detainees who had tested positive for the virus.')
}

describe('a scanned page that lies turned', () => {
  it('upside down is read turned back: its text is stored, and the result says the page was turned', async () => {
    const article = await read(turned('rotate(180deg);', ''), 'upside-down.pdf')
    expectKeySentences(article)
    expect(article.title).toBe('Removal flights report')
    expect(article.pages[0]!.confidence).toBeGreaterThan(80)
    expect(article.warnings).toEqual([expect.stringMatching(/^upside-down\.pdf, page 1, lies turned in the scan; OCR read it turned 180° \(\d+% confidence\)\.$/)])
  }, 180_000)

  it('a few degrees crooked, as a sheet fed askew, is read straight: its sentences whole and in order (black-box review B25-11)', async () => {
    for (const degrees of [3, -2.5]) {
      const article = await read(turned(`rotate(${degrees}deg);`, ''), 'askew.pdf')
      expectKeySentences(article)
      expect(article.warnings).toEqual([])
    }
  }, 120_000)

  it('on its side is read turned upright', async () => {
    const article = await read(turned('rotate(90deg);', 'width: 8in; margin: 3.5in 0 0 -1.75in;'), 'sideways.pdf')
    expectKeySentences(article)
    expect(article.pages[0]!.confidence).toBeGreaterThan(80)
    expect(article.warnings).toEqual([expect.stringMatching(/^sideways\.pdf, page 1, lies turned in the scan; OCR read it turned (90|270)° \(\d+% confidence\)\.$/)])
  }, 180_000)
})

describe('a scanned page no turn makes readable (mirrored)', () => {
  let article: PdfArticle

  beforeAll(async () => {
    article = await read(turned('scaleX(-1);', ''), 'mirrored.pdf')
  }, 180_000)

  it('is stored, with a warning that names the page and its confidence', () => {
    expect(article.pages[0]!.confidence).toBeLessThan(60)
    expect(article.warnings).toEqual([
      `mirrored.pdf, page 1, was read by OCR at only ${Math.round(article.pages[0]!.confidence!)}% confidence: compare it with the scan (it may be faint, mirrored or handwritten).`
    ])
  })

  it('does not give the article a title made of its gibberish', () => {
    expect(article.title).toBe('mirrored')
  })
})
