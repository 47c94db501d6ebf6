// A scanned page with a ruled table (printed by Chromium, rasterised, wrapped back into a PDF): OCR
// reads the table's vertical rules as "|" and "[" beside the values (review B25-12); the article's
// text holds the values without them, and the "(b)(6)" of the text and the table stays as it is.
import { describe, expect, it } from 'vitest'
import { extractPdfArticle } from '../../../../../../src/main/core/import/article/extract-pdf-article'
import { ocrReadingForFile } from '../../../../../helpers/ocr-test-engine'
import { scannedPdf } from '../../../../../helpers/scanned-pdf'

const PAGE = `<!DOCTYPE html><html><head><style>body { font-family: serif; font-size: 13pt; margin: 1in } table { border-collapse: collapse } td, th { border: 1px solid #000; padding: 4px }</style></head><body>
<h2>1. Summary of Findings</h2>
<p>Inspectors found twelve deficiencies in the medical unit. Detainee names are withheld under (b)(6) and (b)(7)(C).</p>
<table><tr><th>Standard</th><th>FY2011</th><th>FY2012</th></tr><tr><td>Medical care</td><td>1,234</td><td>D</td></tr><tr><td>Segregation</td><td>-</td><td>56</td></tr><tr><td>Grievances</td><td>n/a</td><td>(b)(6)</td></tr></table>
</body></html>`

const reading = ocrReadingForFile()

describe('OCR of a ruled table', () => {
  it('leaves the rules out of the values', async () => {
    const { body, ocr } = await extractPdfArticle(await scannedPdf(PAGE, 200, [], null), 'scan.pdf', reading())
    expect(ocr).not.toBeNull()
    expect(body).toContain('(b)(6) and (b)(7)(C).')
    expect(body).toContain('Medical care 1,234 D\nSegregation - 56\nGrievances n/a (b)(6)')
    expect(body).not.toMatch(/[|[]\s*\d|\d\s*\|/)
  }, 180_000)
})
