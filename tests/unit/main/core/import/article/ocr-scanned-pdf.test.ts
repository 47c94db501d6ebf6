// A scanned memo made the way FOIA offices make them: Chromium prints the text, pdftoppm rasterises
// each page, and the pictures are wrapped back into a PDF whose only text is a Bates number stamped
// on each page. A last page printed as text makes it a mixed PDF. OCR is slow (seconds a page), so
// this file keeps to three pages.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { extractPdfArticle, type PdfArticle, type PdfReading } from '../../../../../../src/main/core/import/article/extract-pdf-article'
import { ocrPaths, startOcrEngine, type OcrEngine } from '../../../../../../src/main/core/import/article/ocr-engine'
import { ImportCancelled } from '../../../../../../src/main/core/import/row-sink'
import { scannedPdf } from '../../../../../helpers/scanned-pdf'

export const MEMO_HTML = `<!DOCTYPE html><html><head><title>x</title><style>@page { size: Letter; margin: 1in } body { font: 13pt/1.5 "DejaVu Serif", serif }</style></head><body>
<h1 style="font-size: 18pt">Case review memorandum</h1>
<p>A review of more than 411,000 pending deportation cases had examined 288,361 by May 29, 2012.</p>
<p>Only 4,403 cases were closed, fewer than two percent of those examined.</p>
<p style="break-before: page">The agency said it would publish new figures every month.</p>
</body></html>`

let pdf: Buffer
let article: PdfArticle
const progress: [number, number, number][] = []

function withEngine(engine: OcrEngine, onPage: PdfReading['onPage'], signal: AbortSignal): PdfReading {
  return { ocr: () => Promise.resolve(engine), onPage, signal }
}

beforeAll(async () => {
  pdf = await scannedPdf(MEMO_HTML, 150, ['<p>This closing page was printed with a text layer of its own.</p>'], 'DHS-FOIA')
  const engine = await startOcrEngine(2)
  try {
    article = await extractPdfArticle(pdf, 'memo-scan.pdf', withEngine(engine, (...counts) => progress.push(counts), new AbortController().signal))
  } finally {
    await engine.stop()
  }
}, 180_000)

describe('a scanned PDF', () => {
  it('reads the scanned pages by OCR: the text holds the original’s key sentences', () => {
    const text = article.body.replace(/\s+/g, ' ')
    expect(text).toContain('Case review memorandum')
    expect(text).toContain('A review of more than 411,000 pending deportation cases had examined 288,361 by May 29, 2012.')
    expect(text).toContain('Only 4,403 cases were closed, fewer than two percent of those examined.')
    expect(text).toContain('The agency said it would publish new figures every month.')
  })

  it('reads a scanned page by OCR even when a Bates number is stamped on it as text', () => {
    expect(article.body.slice(article.pages[0]!.start, article.pages[0]!.end).replace(/\s+/g, ' ')).toContain('288,361 by May 29, 2012.')
  })

  it('uses the text layer where a page has one, and marks each page with how it was read', () => {
    expect(article.pages.map((page) => [page.page, page.method])).toEqual([
      [1, 'ocr'],
      [2, 'ocr'],
      [3, 'text']
    ])
    const last = article.pages[2]!
    expect(article.body.slice(last.start, last.end)).toBe('This closing page was printed with a text layer of its own.')
    expect(article.body.slice(article.pages[1]!.start, article.pages[1]!.end)).toContain('publish new figures')
    for (const page of article.pages.slice(0, 2)) expect(page.confidence).toBeGreaterThan(80)
    expect(article.ocr).toEqual({ pages: 2, meanConfidence: Math.round((article.pages[0]!.confidence! + article.pages[1]!.confidence!) / 2) })
  })

  it('reads the model from its package: nothing is downloaded, and no copy is written where Casefile runs', () => {
    // This machine has no network: reading at all shows nothing was fetched. tesseract.js would
    // otherwise cache the model as ./eng.traineddata.
    expect(existsSync(join(process.cwd(), 'eng.traineddata'))).toBe(false)
    const paths = ocrPaths()
    expect(existsSync(join(paths.langPath, 'eng.traineddata.gz'))).toBe(true)
    expect(existsSync(paths.workerPath)).toBe(true)
  })

  it('reports progress page by page, counting the pages read by OCR', () => {
    expect(progress).toEqual([
      [1, 3, 1],
      [2, 3, 2],
      [3, 3, 2]
    ])
  })

  it('stops between pages when cancelled', async () => {
    const engine = await startOcrEngine(1)
    const controller = new AbortController()
    try {
      const pages: number[] = []
      const reading = withEngine(engine, (done) => {
        pages.push(done)
        controller.abort()
      }, controller.signal)
      await expect(extractPdfArticle(pdf, 'memo-scan.pdf', reading)).rejects.toBeInstanceOf(ImportCancelled)
      expect(pages).toEqual([1])
    } finally {
      await engine.stop()
    }
  }, 60_000)
})
