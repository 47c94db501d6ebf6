// Two scanned memos from one agency (printed by Chromium, rasterised and wrapped back into a PDF as
// FOIA offices do) share a letterhead, and their PDFs were made the day they were scanned: each must
// be titled by its subject line and dated by the date written in its head, or both would be listed
// as "U.S. Department of Homeland Security" of the scan's date.
import { beforeAll, describe, expect, it } from 'vitest'
import { extractPdfArticle, type PdfArticle } from '../../../../../../src/main/core/import/article/extract-pdf-article'
import { memoDate, memoTitle } from '../../../../../../src/main/core/import/article/memo-head'
import { ocrReadingForFile } from '../../../../../helpers/ocr-test-engine'
import { printPdfs, scannedPdf } from '../../../../../helpers/scanned-pdf'

const LETTERHEAD = `<div style="text-align: right; font-size: 10pt">Office of the Director<br>U.S. Department of Homeland Security<br>500 12th Street, SW<br>Washington, DC 20536</div>
<p style="font: bold 15pt sans-serif">U.S. Immigration<br>and Customs<br>Enforcement</p>`

const memo = (title: string, head: string, body: string) =>
  `<!DOCTYPE html><html><head>${title}<style>@page { size: Letter; margin: 1in } body { font: 12pt/1.45 "DejaVu Serif", serif } td { padding: 2pt 14pt 2pt 0; vertical-align: top }</style></head><body>${LETTERHEAD}${head}${body}</body></html>`

const DISCRETION = memo(
  '',
  `<p style="text-align: right">June 17, 2011</p>
<table><tr><td>MEMORANDUM FOR:</td><td>All Field Office Directors<br>All Special Agents in Charge</td></tr>
<tr><td>FROM:</td><td>John Morton<br>Director</td></tr>
<tr><td>SUBJECT:</td><td>Exercising Prosecutorial Discretion</td></tr></table>`,
  '<p>This memorandum provides guidance on the exercise of prosecutorial discretion to ensure that the agency’s enforcement resources are focused on its priorities.</p>'
)
const DETAINERS = memo(
  '',
  `<p style="text-align: right">August 18, 2011</p>
<table><tr><td>MEMORANDUM FOR:</td><td>All Field Office Directors</td></tr>
<tr><td>FROM:</td><td>Gary Mead<br>Executive Associate Director</td></tr>
<tr><td>RE:</td><td>Revised Detainer Guidance</td></tr></table>`,
  '<p>The agency has revised the form it uses to ask local jails to hold a person for up to two days beyond the end of the sentence.</p>'
)

const reading = ocrReadingForFile()
let discretion: PdfArticle
let detainers: PdfArticle

beforeAll(async () => {
  discretion = await extractPdfArticle(await scannedPdf(DISCRETION, 150, [], null), 'scan0001.pdf', reading())
  detainers = await extractPdfArticle(await scannedPdf(DETAINERS, 150, [], null), 'scan0002.pdf', reading())
}, 180_000)

describe('scanned memos of one agency', () => {
  it('are titled by their subject lines, not by the letterhead they share', () => {
    expect(discretion.ocr).not.toBeNull()
    expect(discretion.title).toBe('Exercising Prosecutorial Discretion')
    expect(detainers.title).toBe('Revised Detainer Guidance')
  })

  it('are dated by the date written in their heads, not by the day they were scanned', () => {
    expect(discretion.publishedAt).toBe('2011-06-17')
    expect(detainers.publishedAt).toBe('2011-08-18')
  })
})

describe('a text PDF shaped like a memo', () => {
  it('keeps a real title from the PDF’s properties, and is otherwise titled by its subject line', async () => {
    const [titled, untitled] = await printPdfs([DISCRETION.replace('<head>', '<head><title>Prosecutorial discretion memo (Morton)</title>'), DETAINERS])
    const noOcr = { ...reading(), ocr: () => Promise.reject(new Error('no page here needs OCR')) }
    expect((await extractPdfArticle(titled!, 'morton.pdf', noOcr)).title).toBe('Prosecutorial discretion memo (Morton)')
    expect((await extractPdfArticle(untitled!, 'mead.pdf', noOcr)).title).toBe('Revised Detainer Guidance')
  }, 60_000)
})

describe('a memo head', () => {
  it('without a subject line gives the first line that is not letterhead', () => {
    const text = 'U.S. Department of Homeland Security\n500 12th Street, SW\nWashington, DC 20536\n\nOffice of the Director\n\nMEMORANDUM FOR: All Field Office Directors\nFROM: John Morton\n\nProsecutorial discretion for victims of crime\n\nThis memorandum provides guidance.'
    expect(memoTitle(text)).toBe('Prosecutorial discretion for victims of crime')
    expect(memoDate(text)).toBeNull()
  })

  it('reads the date written out or as DATE: MM/DD/YYYY, and no impossible date', () => {
    expect(memoDate('U.S. Immigration and Customs Enforcement\nDATE: 06/17/2011\nSUBJECT: Detainers')).toBe('2011-06-17')
    expect(memoDate('Memo\n17 June 2011')).toBe('2011-06-17')
    expect(memoDate('Memo\nFebruary 30, 2011')).toBeNull()
  })

  it('is not found in an article that starts with its title', () => {
    expect(memoTitle('Shelter Board Newsletter\n\nThe county board met on Tuesday.')).toBe('Shelter Board Newsletter')
    // Headlines that name an agency or court are not letterhead.
    expect(memoTitle('Court Rules on Detention Policy\n\nA federal judge ruled on Tuesday.')).toBe('Court Rules on Detention Policy')
    expect(memoTitle('Department of Justice settles with bank\n\nThe settlement was announced.')).toBe('Department of Justice settles with bank')
    expect(memoTitle('Executive Office for Immigration Review\nOffice of the Chief Immigration Judge\nU.S. Department of Justice\n\nOperating Policies and Procedures Memorandum 11-02')).toBe('Operating Policies and Procedures Memorandum 11-02')
  })
})
