import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { extractPdfArticle, type PdfReading } from '../../../../../../src/main/core/import/article/extract-pdf-article'
import { startOcrEngine } from '../../../../../../src/main/core/import/article/ocr-engine'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'

const FIXTURES = resolve(import.meta.dirname, '../../../../../fixtures/import/article')
const fixture = (name: string): Uint8Array => readFileSync(`${FIXTURES}/${name}`)

/** Reads without OCR: these PDFs have a text layer on every page, so asking for OCR is a failure. */
const TEXT_ONLY: PdfReading = {
  ocr: () => Promise.reject(new Error('OCR was asked for a page with a text layer')),
  onPage: () => undefined,
  signal: new AbortController().signal
}

async function failure(bytes: Uint8Array, fileName: string, reading: PdfReading): Promise<string> {
  const error: unknown = await extractPdfArticle(bytes, fileName, reading).then(
    () => null,
    (thrown: unknown) => thrown
  )
  expect(error).toBeInstanceOf(ImportInputError)
  return (error as ImportInputError).message
}

describe('extractPdfArticle', () => {
  test('keeps characters drawn without their font, whose text the PDF gives only as ActualText, as “�” and says so, not as one character repeated', async () => {
    const article = await extractPdfArticle(fixture('missing-cjk-font.pdf'), 'missing-cjk-font.pdf', TEXT_ONLY)
    // The first box's code is tied to 移 by the font's ToUnicode map, as it is drawn; the 8 after it share that code.
    expect(article.body).toBe('The summary in Chinese: 移�������� Then the figures: 411,000 pending cases.\nA second line in English only.')
    expect(article.body).not.toContain('移移')
    expect(article.warnings).toEqual([
      'missing-cjk-font.pdf, page 1: 8 characters are drawn without their font, and the text the PDF gives for them (ActualText) cannot be read; each is kept as “�”. Import the document the PDF was made from (.odt, .docx) to keep them.'
    ])
  })

  test('reads a browser-printed article: title and date from its information, text by paragraph and page', async () => {
    expect(await extractPdfArticle(fixture('backlog-article.pdf'), 'backlog-article.pdf', TEXT_ONLY)).toEqual({
      title: 'Backlog review closes few cases',
      byline: null,
      publisher: null,
      publishedAt: '2012-06-07',
      url: null,
      body: [
        'Backlog review closes few cases',
        'A review of more than 411,000 pending removal cases had examined\n288,361 of them by May 29, 2012.',
        'Only 4,403 cases were closed, fewer than 2 percent of those examined.',
        'The agency said it would publish new figures every month.'
      ].join('\n\n'),
      headings: [],
      pages: [
        { page: 1, start: 0, end: 201, method: 'text', confidence: null },
        { page: 2, start: 203, end: 260, method: 'text', confidence: null }
      ],
      ocr: null,
      warnings: []
    })
  })

  test('reads Title, Author and CreationDate; joins runs by their gaps; breaks paragraphs at large gaps', async () => {
    expect(await extractPdfArticle(fixture('report-with-metadata.pdf'), 'report.pdf', TEXT_ONLY)).toMatchObject({
      title: 'Quarterly Case Review',
      byline: 'Office of the Inspector',
      publisher: null,
      publishedAt: '2012-05-29',
      url: null,
      body: 'First line of the report\ncontinues on a second line.\n\nA new paragraph starts after a gap.\nSplitword\n\nSecond page text.'
    })
  })

  test('leaves the caller’s bytes usable (pdf.js is given a copy) and accepts a view into a larger buffer', async () => {
    const bytes = fixture('report-with-metadata.pdf')
    const padded = Buffer.concat([Buffer.from('padding!'), bytes, Buffer.from('tail')])
    const view = padded.subarray(8, 8 + bytes.length)
    expect((await extractPdfArticle(view, 'view.pdf', TEXT_ONLY)).title).toBe('Quarterly Case Review')
    expect(view.length).toBe(bytes.length)
    expect((await extractPdfArticle(view, 'view.pdf', TEXT_ONLY)).title).toBe('Quarterly Case Review')
  })

  test('reads a page without a text layer by OCR, and refuses a drawing in which OCR finds no text', async () => {
    const engine = await startOcrEngine(1)
    try {
      const reading: PdfReading = { ocr: () => Promise.resolve(engine), onPage: () => undefined, signal: new AbortController().signal }
      expect(await failure(fixture('scanned-page.pdf'), 'scanned-page.pdf', reading)).toBe(
        'scanned-page.pdf has no text layer, and OCR found no text on its page; nothing was imported.'
      )
    } finally {
      await engine.stop()
    }
  }, 60_000)

  test('refuses an encrypted PDF', async () => {
    expect(await failure(fixture('encrypted.pdf'), 'encrypted.pdf', TEXT_ONLY)).toBe('encrypted.pdf could not be read as a PDF: it is encrypted (password-protected).')
  })

  test('refuses a truncated PDF', async () => {
    expect(await failure(fixture('backlog-article-truncated.pdf'), 'cut.pdf', TEXT_ONLY)).toBe(
      'cut.pdf could not be read as a PDF: the file is cut short (its end is missing, as after an interrupted download).'
    )
    const patched = Buffer.concat([fixture('backlog-article-truncated.pdf'), Buffer.from('\n%%EOF\n')])
    expect(await failure(patched, 'patched.pdf', TEXT_ONLY)).toBe('patched.pdf could not be read as a PDF: its structure is damaged.')
  })

  test('refuses another kind of file with a .pdf name', async () => {
    expect(await failure(fixture('not-a-pdf.pdf'), 'not-a-pdf.pdf', TEXT_ONLY)).toBe(
      'not-a-pdf.pdf could not be read as a PDF: it does not start like a PDF (it may be another kind of file with a .pdf name).'
    )
  })
})
