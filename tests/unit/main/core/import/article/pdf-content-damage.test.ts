// A PDF whose page content is damaged in places (a flipped byte in a content stream turns text
// into unknown operators and bad strings): pdf.js skips what it cannot read, and the import used
// to store the rest without a word (review R23-4). The PDFs are written here byte by byte.
import { describe, expect, test } from 'vitest'
import { extractPdfArticle, type PdfReading } from '../../../../../../src/main/core/import/article/extract-pdf-article'

const TEXT_ONLY: PdfReading = {
  ocr: () => Promise.reject(new Error('OCR was asked for a page with a text layer')),
  onPage: () => undefined,
  signal: new AbortController().signal
}

/** A one-page PDF in Helvetica whose page draws `content`, with a correct cross-reference table. */
function onePagePdf(content: string): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
  ]
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'))
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(pdf, 'latin1')
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new Uint8Array(Buffer.from(pdf, 'latin1'))
}

const SOUND = 'BT /F1 12 Tf 72 720 Td (The review closed 4,403 cases.) Tj ET\nBT /F1 12 Tf 72 700 Td (Of 288,361 reviewed.) Tj ET'
// The second line as a damaged stream leaves it: a string cut into bad hex, operators that are no operators.
const DAMAGED = 'BT /F1 12 Tf 72 720 Td (The review closed 4,403 cases.) Tj ET\nBT /F1 12 Tf 72 700 Td <4f6620zz3238> Tj T1001E8 > ] 12 d ET'

describe('a PDF whose page content is damaged in places', () => {
  test('is imported with what could be read, and says that the rest could not be', async () => {
    const article = await extractPdfArticle(onePagePdf(DAMAGED), 'memo.pdf', TEXT_ONLY)
    expect(article.body).toContain('The review closed 4,403 cases.')
    expect(article.warnings).toHaveLength(1)
    expect(article.warnings[0]).toMatch(/^memo\.pdf is damaged in places: \d+ drawing commands in its pages could not be read, so text there may be missing or garbled\. /)
  })

  test('says nothing of a sound one, and leaves console.warn as it found it', async () => {
    const before = console.warn
    const article = await extractPdfArticle(onePagePdf(SOUND), 'memo.pdf', TEXT_ONLY)
    expect(article.body).toBe('The review closed 4,403 cases.\nOf 288,361 reviewed.')
    expect(article.warnings).toEqual([])
    expect(console.warn).toBe(before)
  })
})
