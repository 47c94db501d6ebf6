// A note's mark printed as superscript (a <sup> printed by Chromium) must stay with its word, and a
// bullet drawn in a Symbol font (which Word writes as a private-use character, U+F0B7) must read as
// a bullet, not as a paragraph of its own or a character no font shows.
import { describe, expect, it } from 'vitest'
import { extractPdfArticle, type PdfReading } from '../../../../../../src/main/core/import/article/extract-pdf-article'
import { layOutPdfText } from '../../../../../../src/main/core/import/article/lay-out-pdf-text'
import { printPdfs } from '../../../../../helpers/scanned-pdf'

const TEXT_ONLY: PdfReading = { ocr: () => Promise.reject(new Error('no page here needs OCR')), onPage: () => undefined, signal: new AbortController().signal }

/**
 * A PDF written byte by byte whose one line is drawn in a font named Symbol, with the ToUnicode map
 * Word writes for it: code 0xB7 (Symbol's bullet) gives U+F0B7. No font on this machine draws U+F0B7,
 * so Chromium cannot print one (it writes the missing glyph as U+0000).
 */
function symbolBulletPdf(): Buffer {
  const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Symbol-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfrange <20> <7E> <0020> <B7> <B7> <F0B7> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
  const content = 'BT /F1 12 Tf 72 700 Td (\\267) Tj /F2 12 Tf 18 0 Td (First point of the list) Tj ET BT /F1 12 Tf 72 680 Td (\\267) Tj /F2 12 Tf 18 0 Td (Second point) Tj ET'
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R /F2 7 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Symbol /ToUnicode 6 0 R >>',
    `<< /Length ${cmap.length} >>\nstream\n${cmap}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'
  ]
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(pdf.length)
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}

describe('a note’s mark in a text PDF', () => {
  it('stays with the word it follows, as a superscript number, and opens its note', async () => {
    const [pdf] = await printPdfs([
      `<!DOCTYPE html><html><head><title>Discretion review</title><style>body { font: 12pt/1.45 "DejaVu Serif", serif }</style></head><body>
<p>The agency used prosecutorial discretion<sup>1</sup> to close cases, as the review found.<sup>12</sup></p>
<p>Most of the closed cases were older than five years.</p>
<p style="font-size: 9pt; margin-top: 2in"><sup>1</sup> Discretion is defined in the 2011 memo.</p></body></html>`
    ])
    const { body } = await extractPdfArticle(pdf!, 'review.pdf', TEXT_ONLY)
    expect(body).toContain('The agency used prosecutorial discretion¹ to close cases, as the review found.¹²')
    expect(body).toContain('¹ Discretion is defined in the 2011 memo.')
    expect(body.split('\n\n').filter((paragraph) => /^\W*\d+\W*$/.test(paragraph.trim()))).toEqual([])
  }, 60_000)

  it('is told from a raised word of normal size, and from a number on a line of its own', () => {
    const run = (text: string, x: number, y: number, size: number) => ({ text, x, y, width: text.length * size * 0.5, size })
    expect(layOutPdfText([run('Page', 72, 700, 12), run('3', 400, 704, 8), run('Next line of text', 72, 686, 12)])).toBe('Page\n\n3\n\nNext line of text')
    expect(layOutPdfText([run('The total', 72, 700, 12), run('is', 126, 705, 12)])).toBe('The total\n\nis')
  })
})

describe('a bullet drawn in a Symbol font', () => {
  it('reads as “•”', async () => {
    const { body } = await extractPdfArticle(symbolBulletPdf(), 'list.pdf', TEXT_ONLY)
    expect(body).toBe('• First point of the list\n• Second point')
  })
})
