// A PDF's first heading that wraps onto two lines titles the article whole ("Compliance Inspection
// of the Krome Service Processing Center", not "Compliance Inspection of the"), and the body holds
// it as one paragraph. The PDF is printed by Chromium from a page whose <title> is Word's default
// ("Document1"), which the import refuses as a title.
import { describe, expect, it } from 'vitest'
import { extractPdfArticle, type PdfReading } from '../../../../../../src/main/core/import/article/extract-pdf-article'
import { printPdfs } from '../../../../../helpers/scanned-pdf'

const TEXT_ONLY: PdfReading = { ocr: () => Promise.reject(new Error('no page here needs OCR')), onPage: () => undefined, signal: new AbortController().signal }

describe('a heading that wraps in a text PDF', () => {
  it('titles the article with the whole heading and keeps it one paragraph', async () => {
    const heading = 'Compliance Inspection of the Krome Service Processing Center in Miami, Florida'
    const [pdf] = await printPdfs([
      `<!DOCTYPE html><html><head><title>Document1</title><style>body { font: 13pt/1.3 "DejaVu Serif", serif; margin: 1in } h1 { font-size: 24pt; width: 5in }</style></head><body>
<h1>${heading}</h1>
<p>Inspectors found twelve deficiencies in the medical unit and four in the use of segregation, and the facility was told to correct them within sixty days.</p>
<p>The unit was closed in May.</p></body></html>`
    ])
    const { title, body } = await extractPdfArticle(pdf!, 'inspection.pdf', TEXT_ONLY)
    expect(title).toBe(heading)
    expect(body.split('\n\n')[0]).toBe(heading)
    // The body's own lines still break where the page breaks them.
    expect(body.split('\n\n')[1]).toContain('\n')
  }, 60_000)
})
