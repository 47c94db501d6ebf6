// A scanned page in two columns (a newsletter page, printed by Chromium with CSS columns, rasterised
// and wrapped back into a PDF like the other scanned fixtures) must be read column by column: OCR's
// single-column mode read it across its columns, line by line, interleaving the paragraphs. Pages
// that only look a little like columns (one column of prose, a ruled table, an indented quotation,
// a centred title, a table of figures, a numbered list) must not be split.
import { beforeAll, describe, expect, it } from 'vitest'
import { extractPdfArticle, type PdfArticle } from '../../../../../../src/main/core/import/article/extract-pdf-article'
import { findTextColumns } from '../../../../../../src/main/core/import/article/find-text-columns'
import { ocrReadingForFile } from '../../../../../helpers/ocr-test-engine'
import { pagePixels } from '../../../../../helpers/page-pixels'
import { printPdfs, scannedPdf } from '../../../../../helpers/scanned-pdf'

const LEFT = [
  'The county board met on Tuesday to review the shelter budget for the coming winter.',
  'Members asked the housing office to count every empty bed in the county before the first frost.',
  'The clerk said the count would take three weeks and cost less than the board had feared.'
]
const RIGHT = [
  'Volunteers from four churches offered to open their halls on the coldest nights of the year.',
  'The fire marshal will inspect each hall and post the number of people it may safely hold.',
  'A second meeting is planned for early December to hear what the inspections have found.'
]
const FILLER = 'Residents may send written comments to the clerk at any time before the vote.'

const page = (body: string) =>
  `<!DOCTYPE html><html><head><title>x</title><style>@page { size: Letter; margin: 0.9in } body { font: 12.5pt/1.45 "DejaVu Serif", serif } p { margin: 0 0 0.12in }</style></head><body>${body}</body></html>`

export const TWO_COLUMN_HTML = page(`<h1 style="font-size: 20pt; text-align: center">Shelter Board Newsletter</h1>
<div style="columns: 2; column-gap: 0.3in">
${LEFT.map((sentence) => `<p>${sentence} ${FILLER}</p>`).join('\n')}
<p>${FILLER} ${FILLER}</p>
${RIGHT.map((sentence) => `<p>${sentence} ${FILLER}</p>`).join('\n')}
<p>${FILLER} ${FILLER}</p>
</div>
<p>The full minutes of both meetings are kept at the county library and may be copied there.</p>`)

const PROSE = Array.from({ length: 6 }, (_, index) => `<p>${LEFT[index % 3]} ${RIGHT[index % 3]} ${FILLER}</p>`).join('\n')

const LOOK_ALIKES: Record<string, string> = {
  'one column of prose': page(`<h1 style="font-size: 18pt">Shelter budget review</h1>${PROSE}${PROSE}`),
  'a ruled table': page(`<p>${LEFT[0]} ${RIGHT[0]}</p><table style="border-collapse: collapse; width: 100%">${Array.from(
    { length: 16 },
    (_, row) => `<tr><td style="border: 1px solid #333; padding: 2pt 6pt">${LEFT[row % 3]}</td><td style="border: 1px solid #333; padding: 2pt 6pt">${RIGHT[row % 3]}</td></tr>`
  ).join('')}</table><p>${FILLER}</p>`),
  'a table of figures with rules only above and below': page(`<table style="border-collapse: collapse; width: 80%; border-top: 1px solid #333; border-bottom: 1px solid #333">${Array.from(
    { length: 30 },
    (_, row) => `<tr><td>Field office ${['Atlanta', 'Baltimore', 'Chicago', 'Dallas', 'El Paso'][row % 5]} ${row + 1}</td><td style="text-align: right">${(row * 7919) % 100000}</td><td style="text-align: right">${row % 9}.${row % 7}%</td></tr>`
  ).join('')}</table>`),
  'an indented quotation': page(`${PROSE}<blockquote style="margin: 0 0 0 0.6in">${PROSE}</blockquote>${PROSE}`),
  'a centred title and a narrow indent': page(`<h1 style="font-size: 22pt; text-align: center">Shelter Board Annual Report</h1><h2 style="text-align: center">Prepared for the county</h2>${Array.from({ length: 10 }, (_, index) => `<p style="text-indent: 0.5in">${LEFT[index % 3]} ${RIGHT[index % 3]}</p>`).join('')}`),
  'a numbered list': page(`<ol>${Array.from({ length: 14 }, (_, index) => `<li>${LEFT[index % 3]} ${RIGHT[index % 3]}</li>`).join('')}</ol>`),
  'a memo head': page(`<table><tr><td>FOR:</td><td>All Field Office Directors; All Chief Counsel</td></tr><tr><td>FROM:</td><td>John Morton, Director</td></tr><tr><td>SUBJECT:</td><td>Shelter budget review</td></tr><tr><td>DATE:</td><td>June 17, 2011</td></tr></table>${PROSE}${PROSE}`)
}

const reading = ocrReadingForFile()
let article: PdfArticle

beforeAll(async () => {
  const pdf = await scannedPdf(TWO_COLUMN_HTML, 150, [], null)
  article = await extractPdfArticle(pdf, 'newsletter-scan.pdf', reading())
}, 180_000)

describe('a scanned page in two columns', () => {
  it('is read column by column: each column’s sentences come out whole, left column before right', () => {
    const text = article.body.replace(/\s+/g, ' ')
    const places = ['Shelter Board Newsletter', ...LEFT, ...RIGHT, 'The full minutes of both meetings are kept at the county library and may be copied there.'].map((phrase) => {
      expect(text).toContain(phrase)
      return text.indexOf(phrase)
    })
    expect(places).toEqual([...places].sort((a, b) => a - b))
    expect(article.pages[0]!.confidence).toBeGreaterThan(85)
  })

  it('is split at its gutter: the title and closing line across the page, the columns between them', async () => {
    const [pixels] = pagePixels((await printPdfs([TWO_COLUMN_HTML]))[0]!, 150)
    const regions = findTextColumns(pixels!.grey, pixels!.width, pixels!.height, pixels!.dpi)
    expect(regions).not.toBeNull()
    expect(regions!.length).toBe(4)
    const [title, left, right, closing] = regions!
    expect([title!.width, closing!.width]).toEqual([pixels!.width, pixels!.width])
    expect(left!.left).toBe(0)
    expect(right!.left).toBe(left!.width)
    // The gutter lies near the middle of the page.
    expect(Math.abs(right!.left - pixels!.width / 2)).toBeLessThan(0.1 * pixels!.width)
    expect(left!.top).toBeGreaterThanOrEqual(title!.top + title!.height)
    expect(closing!.top).toBeGreaterThanOrEqual(left!.top + left!.height)
  }, 60_000)
})

describe('pages that are one column', () => {
  it('are not split: one column of prose, ruled and unruled tables, indents, a centred title, a list, a memo head', async () => {
    const names = Object.keys(LOOK_ALIKES)
    const printed = await printPdfs(names.map((name) => LOOK_ALIKES[name]!))
    const split = names.flatMap((name, index) =>
      pagePixels(printed[index]!, 150).flatMap((pixels, pageIndex) => (findTextColumns(pixels.grey, pixels.width, pixels.height, pixels.dpi) === null ? [] : [`${name}, page ${pageIndex + 1}`]))
    )
    expect(split).toEqual([])
  }, 120_000)
})
