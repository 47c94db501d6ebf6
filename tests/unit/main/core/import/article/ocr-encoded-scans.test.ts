// Scanners and FOIA release tools store black-and-white pages as CCITT Group 4 (fax) pictures and
// greyscale ones as JPEG 2000, not as the Flate pictures the other scan tests are wrapped in. pdf.js
// decodes both with WebAssembly it loads from its wasm folder: without it the page is drawn blank
// and OCR finds nothing. Each scan is made here from printed text (see encodedScanPdf).
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractPdfArticle, type PdfArticle } from '../../../../../../src/main/core/import/article/extract-pdf-article'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'
import { pdfJsDataFolder } from '../../../../../../src/main/core/pdf/load-pdfjs'
import { ocrReadingForFile } from '../../../../../helpers/ocr-test-engine'
import { encodedScanPdf, type ScanEncoding } from '../../../../../helpers/scanned-pdf'

const LETTER_HTML = `<!DOCTYPE html><html><head><title>x</title><style>@page { size: Letter; margin: 1in } body { font: 13pt/1.5 "DejaVu Serif", serif }</style></head><body>
<h1 style="font-size: 18pt">Detention standards letter</h1>
<p>The facility held 1,240 detainees on March 3, 2019, above its rated capacity of 1,100.</p>
<p>Inspectors found that 37 grievances had gone unanswered for more than thirty days.</p>
</body></html>`

const reading = ocrReadingForFile()

async function readScan(encoding: ScanEncoding, dpi: number): Promise<{ pdf: Buffer; article: PdfArticle }> {
  const pdf = await encodedScanPdf(LETTER_HTML, dpi, encoding)
  return { pdf, article: await extractPdfArticle(pdf, `${encoding}-scan.pdf`, reading()) }
}

describe.each([
  ['ccitt-g4', 200, 'ccitt'],
  ['jbig2-mmr', 200, 'jbig2'],
  ['jpeg2000', 150, 'jpx']
] as const)('a scan whose pictures are %s', (encoding, dpi, poppler) => {
  it('is read by OCR: the text holds the original’s key sentences', async () => {
    const { pdf, article } = await readScan(encoding, dpi)
    // The picture really is stored in that encoding (poppler's name for it), with no text layer.
    const listed = execFileSync('pdfimages', ['-list', '-'], { input: pdf }).toString()
    expect(listed.split('\n')[2]).toContain(` ${poppler} `)
    const text = article.body.replace(/\s+/g, ' ')
    expect(text).toContain('Detention standards letter')
    expect(text).toContain('The facility held 1,240 detainees on March 3, 2019, above its rated capacity of 1,100.')
    expect(text).toContain('Inspectors found that 37 grievances had gone unanswered for more than thirty days.')
    expect(article.pages.map((page) => page.method)).toEqual(['ocr'])
    expect(article.ocr!.meanConfidence).toBeGreaterThan(80)
  }, 120_000)
})

it('names the page whose JBIG2 picture is damaged: a warning when other pages are read, the refusal when none can be', async () => {
  const twoPages = LETTER_HTML.replace('<p>Inspectors', '<p style="break-before: page">Inspectors')
  const pdf = await encodedScanPdf(twoPages, 200, 'jbig2-mmr')
  // A segment type JBIG2 does not define, in the first segment of a page's picture: the decoder gives up.
  const damage = (bytes: Buffer, picture: number): Buffer => {
    const copy = Buffer.from(bytes)
    let at = -1
    for (let seen = 0; seen <= picture; seen++) at = copy.indexOf('/JBIG2Decode', at + 1, 'latin1')
    const data = copy.indexOf('stream', at, 'latin1') + 'stream'.length
    const start = copy[data] === 0x0d ? data + 2 : data + 1
    copy[start + 4] = 0x3f
    return copy
  }
  const secondDamaged = await extractPdfArticle(damage(pdf, 1), 'damaged-scan.pdf', reading())
  expect(secondDamaged.body.replace(/\s+/g, ' ')).toContain('The facility held 1,240 detainees')
  expect(secondDamaged.pages.map((page) => page.page)).toEqual([1])
  expect(secondDamaged.warnings).toEqual(['damaged-scan.pdf, page 2, was not read: its picture could not be decoded (JBIG2 data damaged).'])
  const error = await extractPdfArticle(damage(damage(pdf, 0), 1), 'damaged-scan.pdf', reading()).then(
    () => null,
    (thrown: unknown) => thrown
  )
  expect(error).toBeInstanceOf(ImportInputError)
  expect((error as Error).message).toBe('damaged-scan.pdf has no text layer: the pictures of pages 1 and 2 could not be decoded (JBIG2 data damaged); nothing was imported.')
}, 120_000)

it('finds pdf.js’s decoders for those pictures where it is installed', () => {
  for (const file of ['jbig2.wasm', 'openjpeg.wasm']) expect(existsSync(join(pdfJsDataFolder('wasm'), file)), file).toBe(true)
})
