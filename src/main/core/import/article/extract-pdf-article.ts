import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ArticleFields } from '../parse-article-text'
import { ImportInputError } from '../row-sink'
import { layOutPdfText, type PdfTextRun } from './lay-out-pdf-text'
import { normaliseDate } from './normalise-date'
import { removeReservedCharacters } from './remove-reserved-characters'

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

/** A PDF's header may follow some junk, but within its first kilobyte; its end marker sits in the last one. */
const HEADER_WINDOW = 1024
const TRAILER_WINDOW = 1024
// Titles that say nothing about the document: print dialogs and word processors fill them in.
const EMPTY_TITLE = /^(untitled|about:blank|microsoft word - .*|.*\.(docx?|pdf|indd|rtf|odt|pages|html?))$/i

let loaded: Promise<PdfJs> | null = null

/**
 * pdf.js is loaded on first use (it is large, and most imports are not PDFs). In Node it runs its
 * "worker" in this thread; pointing workerSrc at the installed file keeps that working when the app
 * is bundled, where pdf.js's default relative path would not resolve.
 */
function loadPdfJs(): Promise<PdfJs> {
  loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    const require = createRequire(import.meta.url)
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href
    return pdfjs
  })
  return loaded
}

/** Where pdf.js finds the data files for fonts a PDF names but does not embed, and for CJK encodings. */
function dataFolder(name: string): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('pdfjs-dist/package.json')), name) + '/'
}

/**
 * Reads a PDF's text layer and document information into an article. Only the text is taken:
 * nothing in the file runs (no eval, no fonts loaded into a page, no scripts or forms).
 * Encrypted, damaged and image-only PDFs are refused with a message saying which.
 */
export async function extractPdfArticle(bytes: Uint8Array, fileName: string): Promise<ArticleFields> {
  const unreadable = (reason: string): ImportInputError => new ImportInputError(`${fileName} could not be read as a PDF: ${reason}.`, null, null)
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_WINDOW)).toString('latin1')
  if (!head.includes('%PDF-')) throw unreadable('it does not start like a PDF (it may be another kind of file with a .pdf name)')
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).subarray(-TRAILER_WINDOW).toString('latin1')
  if (!tail.includes('%%EOF')) throw unreadable('the file is cut short (its end is missing, as after an interrupted download)')

  const pdfjs = await loadPdfJs()
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of the buffer it is given; a copy leaves the caller's bytes intact.
    data: new Uint8Array(bytes),
    // pdf.js 5 has no isEvalSupported option any more: it no longer compiles fonts with eval at all
    // (no `new Function`/`eval` in 5.7.284's builds), so there is nothing to turn off.
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    enableXfa: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    standardFontDataUrl: dataFolder('standard_fonts'),
    cMapUrl: dataFolder('cmaps'),
    cMapPacked: true
  })
  try {
    let document
    try {
      document = await task.promise
    } catch (error) {
      throw unreadable(reasonOf(error))
    }
    const pages: string[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      const runs: PdfTextRun[] = []
      for (const item of content.items) {
        if (!('str' in item)) continue
        const [a, b, c, d, x, y] = item.transform as number[]
        runs.push({ text: item.str, x: x!, y: y!, width: item.width, size: item.height || Math.hypot(c!, d!) || Math.hypot(a!, b!) })
      }
      const text = layOutPdfText(runs)
      if (text !== '') pages.push(text)
      page.cleanup()
    }
    const body = removeReservedCharacters(pages.join('\n\n'))
    if (body.trim() === '') {
      throw new ImportInputError(`${fileName} has no text layer (it may be a scanned image); Casefile cannot read it yet.`, null, null)
    }
    const info = informationOf(await document.getMetadata().catch(() => null))
    const firstLine = body.split('\n').find((line) => line.trim() !== '')?.trim()
    return {
      title: info.title ?? firstLine ?? fileName.replace(/\.[^.]+$/, ''),
      byline: info.author,
      publisher: null,
      publishedAt: info.created,
      url: null,
      body
    }
  } finally {
    await task.destroy()
  }
}

interface PdfInformation {
  title: string | null
  author: string | null
  created: string | null
}

/** The document information dictionary, which pdf.js types only as Object. */
function informationOf(metadata: { info: object } | null): PdfInformation {
  const info: Record<string, unknown> = metadata !== null ? { ...metadata.info } : {}
  const field = (key: string): string | null => {
    const value = info[key]
    return typeof value === 'string' && value.trim() !== '' ? removeReservedCharacters(value.replace(/\s+/g, ' ').trim()) || null : null
  }
  const title = field('Title')
  return {
    title: title !== null && !EMPTY_TITLE.test(title) ? title : null,
    author: field('Author'),
    created: normaliseDate(field('CreationDate') ?? '')
  }
}

function reasonOf(error: unknown): string {
  const name = error instanceof Error ? error.name : ''
  if (name === 'PasswordException') return 'it is encrypted (password-protected)'
  if (name === 'InvalidPDFException') return 'its structure is damaged'
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/\.$/, '') || 'unknown error'
}
