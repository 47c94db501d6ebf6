import type { ArticlePage } from '@shared/model'
import { LOW_OCR_CONFIDENCE } from '@shared/ocr-summary'
import type { ArticleFields } from '../parse-article-text'
import { ImportCancelled, ImportInputError } from '../row-sink'
import { layOutPdfText } from './lay-out-pdf-text'
import { pdfTextRuns, UNREADABLE_CHARACTER } from './pdf-text-runs'
import type { OcrEngine, OcrPage } from './ocr-engine'
import { normaliseDate } from './normalise-date'
import { removeReservedCharacters } from './remove-reserved-characters'
import { loadPdfJs, pdfJsDataFolder, type PdfJs } from '../../pdf/load-pdfjs'
import { PdfContentDamage } from './pdf-content-damage'
import { oversizedPictures, pictureEncodings, type PictureSize } from './oversized-pictures'
import { pictureResolution } from './picture-resolution'
import { findTextColumns, type PageRegion } from './find-text-columns'
import { MIN_SKEW, skewOf, straightened } from './page-skew'
import { hasMemoHead, memoDate, memoTitle } from './memo-head'
import { withoutTableRules } from './ocr-table-rules'
import { writtenAuthor, writtenTitle } from '../placeholder-properties'

/** A PDF's header may follow some junk, but within its first kilobyte; its end marker sits in the last one. */
const HEADER_WINDOW = 1024
const TRAILER_WINDOW = 1024
// Titles that say nothing about the document: print dialogs and word processors fill them in.

/** A page whose text layer is shorter than this and that paints a picture is taken for a stamped scan. */
const STAMP_CHARS = 200
/**
 * Pages without a text layer are drawn for OCR at the resolution of their scan, between these two.
 * Drawing a scan larger than its own pixels gives tesseract nothing more to read, only more to do:
 * measured here, a 150-dpi JPEG read the same words drawn at 150, 200 and 300 dpi, and a scan whose
 * PDF says 96 dpi took 16 megapixels and 50% more OCR time drawn at 200 dpi than at its own size.
 * Nor does a finer scan read better drawn finer than 200 dpi: bench:ocr's 300-dpi greyscale memo
 * read 97.1% of its words right drawn at 200 dpi and at 300, where it took 11% more memory and ate
 * most of the time the PGM picture (below) saves.
 * Below 150 dpi the page's own drawing (a stamp, text drawn over a coarse picture) would be lost. A
 * page that paints no picture is drawn at the most.
 */
const MIN_OCR_DPI = 150
const MAX_OCR_DPI = 200
/**
 * …but no page picture larger than this: a page may say it is 200 inches wide, and tesseract holds
 * several copies of the picture it reads (a 40-megapixel one took 800 MB). 16 megapixels keeps
 * every page up to A2 (or 17 × 22 inches) at 200 dpi; a larger one is drawn at a lower resolution.
 */
const MAX_OCR_PIXELS = 16_000_000
/** …nor longer on a side than tesseract reads (it refuses pictures over 32,767 pixels wide or high). */
const MAX_OCR_SIDE = 32_000
/**
 * The largest picture in a page that is drawn for OCR. pdf.js decodes a picture and paints it at its
 * full size before the page is scaled down (measured here on 1-bit scans: 8.4 megapixels, a Letter
 * page at 300 dpi, peaked at 384 MB; 34 megapixels, Letter at 600 dpi, at 620 MB; 100 megapixels at
 * 1.3 GB), so a larger one is not decoded at all and its page is left out with a warning. 40
 * megapixels keeps every Letter, A4 and Legal page scanned at up to 550 dpi.
 */
const MAX_PICTURE_PIXELS = 40_000_000

/** The turns tried, in order: a page fed upside down, then a landscape page lying on either side. */
const TURNS = [180, 90, 270] as const

/** How a PDF is read: OCR for pages without text, progress per page, and a way to stop. */
export interface PdfReading {
  /** Starts OCR the first time a page needs it; the caller stops it. */
  ocr: () => Promise<OcrEngine>
  onPage: (pagesRead: number, pagesTotal: number, ocrPages: number) => void
  /**
   * OCR is being started for the first page that needs it (tesseract takes seconds to load its
   * model), with the pages read so far and the document's pages: until the next onPage, the import
   * is starting OCR, not reading.
   */
  onOcrStarting?: (pagesRead: number, pagesTotal: number) => void
  signal: AbortSignal
}

export interface PdfArticle extends ArticleFields {
  /** Where each page's text lies in the body, and how it was read. */
  pages: ArticlePage[]
  /** Pages read by OCR, and tesseract's mean confidence over them (0–100); null when none were. */
  ocr: { pages: number; meanConfidence: number } | null
  /** Pages OCR read turned, or could not read well. */
  warnings: string[]
}

/**
 * Reads a PDF's text layer and document information into an article; a page with no text layer (a
 * scan) is drawn and read with OCR. Only the text is taken: nothing in the file runs (no eval, no
 * fonts loaded into a page, no scripts or forms). Encrypted, damaged and unreadable PDFs are
 * refused with a message saying which.
 */
export async function extractPdfArticle(bytes: Uint8Array, fileName: string, reading: PdfReading): Promise<PdfArticle> {
  const unreadable = (reason: string): ImportInputError => new ImportInputError(`${fileName} could not be read as a PDF: ${reason}.`, null, null)
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_WINDOW)).toString('latin1')
  if (!head.includes('%PDF-')) throw unreadable('it does not start like a PDF (it may be another kind of file with a .pdf name)')
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).subarray(-TRAILER_WINDOW).toString('latin1')
  if (!tail.includes('%%EOF')) throw unreadable('the file is cut short (its end is missing, as after an interrupted download)')

  const pdfjs = await loadPdfJs()
  const contentDamage = PdfContentDamage.start()
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of the buffer it is given; a copy leaves the caller's bytes intact.
    data: new Uint8Array(bytes),
    // pdf.js 5 has no isEvalSupported option any more: it no longer compiles fonts with eval at all
    // (no `new Function`/`eval` in 5.7.284's builds), so there is nothing to turn off.
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    enableXfa: false,
    // Warnings are heard, not printed: they say which drawing commands could not be read.
    verbosity: pdfjs.VerbosityLevel.WARNINGS,
    standardFontDataUrl: pdfJsDataFolder('standard_fonts'),
    cMapUrl: pdfJsDataFolder('cmaps'),
    cMapPacked: true,
    // Scanners store black-and-white pages as CCITT Group 4 or JBIG2 pictures, and greyscale ones as
    // JPEG 2000: pdf.js decodes them with WebAssembly from this folder, and without it draws them blank.
    wasmUrl: pdfJsDataFolder('wasm'),
    maxImageSize: MAX_PICTURE_PIXELS
  })
  const oversized = oversizedPictures(bytes, MAX_PICTURE_PIXELS)
  try {
    let document
    try {
      document = await task.promise
    } catch (error) {
      throw unreadable(reasonOf(error))
    }
    // A page's picture is drawn while OCR reads the pages before it: tesseract runs in threads of its
    // own, so drawing and reading overlap. At most as many pages as OCR reads at once wait ahead.
    const slots: Promise<PageText | null>[] = []
    const done: (PageText | null)[] = []
    let ocrPages = 0
    let blankPages = 0
    /** Pages whose picture was too large to draw: pdf.js left it out of the page. */
    const tooLarge: number[] = []
    /** Pages read without a picture that was too large to draw. */
    const partlyRead: number[] = []
    /** Pages with a picture pdf.js could not decode (its data is damaged). */
    const damaged: { number: number; whole: boolean }[] = []
    /** Pages whose text layer does not say which characters some of its glyphs are (see pdfTextRuns). */
    const unreadablePages: { number: number; characters: number }[] = []
    /** Numbers of the pages sent to OCR (whether or not it found text on them). */
    const ocrSlots = new Set<number>()
    const stopped = abortPromise(reading.signal)
    /** Pages read ahead of the ones settled: one while only text layers are read, more once OCR runs. */
    let ahead = 1
    let ocrStarted = false
    const settle = async (upTo: number): Promise<void> => {
      while (done.length < upTo) {
        const text = await Promise.race([slots[done.length]!, stopped])
        done.push(text)
        if (ocrSlots.has(done.length)) ocrPages++
        reading.onPage(done.length, document.numPages, ocrPages)
      }
    }
    for (let number = 1; number <= document.numPages; number++) {
      if (reading.signal.aborted) throw new ImportCancelled()
      const page = await document.getPage(number)
      // Marked content says where a character's text was given as ActualText, which pdf.js does not read.
      const content = await page.getTextContent({ includeMarkedContent: true })
      const { runs, unreadable } = pdfTextRuns(content.items)
      if (unreadable > 0) unreadablePages.push({ number, characters: unreadable })
      const text = removeReservedCharacters(layOutPdfText(runs))
      // A scanned page often carries a few words of text of its own, a Bates number or a stamp that
      // the release software added: a short text layer over a picture is a scan all the same.
      const marks = text.length < STAMP_CHARS ? await marksOf(page, pdfjs) : null
      // A picture too large to draw was left out of the page (see MAX_PICTURE_PIXELS).
      const lost = oversized.length > 0 && marks?.lostPicture === true
      if (lost && marks?.any !== false) partlyRead.push(number)
      const scanned = text.trim() === '' || marks?.picture === true
      if (!scanned) slots.push(Promise.resolve({ text, method: 'text', confidence: null, number, turn: 0 }))
      else if (marks?.any === false) {
        // A page that draws nothing (a release's separator pages, say) has nothing for OCR to read;
        // nor has one whose only picture was too large to draw.
        if (lost) tooLarge.push(number)
        else blankPages++
        slots.push(Promise.resolve(null))
      } else {
        // No text layer on this page (or only a stamp): a scan, or a drawing. Its picture, stamp
        // included, is read with OCR.
        if (!ocrStarted) reading.onOcrStarting?.(done.length, document.numPages)
        ocrStarted = true
        const engine = await reading.ocr()
        ahead = engine.parallel
        const factory = document.canvasFactory as PageCanvasFactory
        const dpi = Math.min(MAX_OCR_DPI, Math.max(MIN_OCR_DPI, marks?.pictureDpi ?? MAX_OCR_DPI))
        const picture = await drawPage(page, factory, dpi, 0)
        const undecoded = undecodedPictures(page, marks?.pictureIds ?? [])
        const whole = undecoded > 0 && undecoded === marks?.pictureIds.length
        if (undecoded > 0) damaged.push({ number, whole })
        if (whole) {
          // Nothing of the page was drawn but what lies over its picture: there is nothing for OCR.
          slots.push(Promise.resolve(null))
          page.cleanup()
          await settle(number - ahead)
          continue
        }
        ocrSlots.add(number)
        const read = readTurned(engine, picture, (turn) => drawPage(page, factory, dpi, turn)).then((result): PageText | null => {
          const ocrText = removeReservedCharacters(tidyOcrText(result.text))
          return ocrText === '' ? null : { text: ocrText, method: 'ocr', confidence: result.confidence, number, turn: result.turn }
        })
        // Settled below, or abandoned when the import is cancelled (the engine is then stopped).
        read.catch(() => undefined)
        slots.push(read)
      }
      page.cleanup()
      await settle(number - ahead)
    }
    await settle(document.numPages)
    const texts = done.filter((text): text is PageText => text !== null)
    const pages: ArticlePage[] = []
    let body = ''
    for (const page of texts) {
      if (body !== '') body += '\n\n'
      pages.push({ page: page.number, start: body.length, end: body.length + page.text.length, method: page.method, confidence: page.confidence })
      body += page.text
    }
    if (body.trim() === '') {
      const what =
        document.numPages === 0
          ? 'no pages'
          : tooLarge.length > 0 && ocrPages === 0
            ? `no page that can be read: ${tooLarge.length === 1 ? 'its picture is' : `the pictures of its ${tooLarge.length} pages are`} too large (${tooLargeSize(oversized)})`
          : damaged.length > 0
            ? `no text layer: ${undecodedPhrase(damaged, bytes)}${ocrPages > 0 ? `, and OCR found no text on ${ocrPages === 1 ? 'the other page' : `the other ${ocrPages} pages`}` : ''}`
          : ocrPages > 0
            ? `no text layer, and OCR found no text on its ${ocrPages === 1 ? 'page' : `${ocrPages} pages`}`
            : blankPages === document.numPages
              ? `no text: ${blankPages === 1 ? 'its page is blank' : `its ${blankPages.toLocaleString('en-US')} pages are blank`}`
              : 'no text'
      const fix = tooLarge.length > 0 && ocrPages === 0 ? ` ${SMALLER_SCAN}` : ''
      throw new ImportInputError(`${fileName} has ${what}; nothing was imported.${fix}`, null, null)
    }
    const confidences = pages.filter((page) => page.method === 'ocr').map((page) => page.confidence!)
    const info = informationOf(await document.getMetadata().catch(() => null))
    // A first line OCR could not read well would make a title of gibberish.
    const first = texts[0]!
    const legible = first.confidence === null || first.confidence >= LOW_OCR_CONFIDENCE
    const firstLine = legible ? body.split('\n').find((line) => line.trim() !== '')?.trim() : undefined
    // A scan's first lines are mostly its sender's letterhead, the same on every memo an agency
    // sends, and its creation date is the day it was scanned: a memo's subject line and the date
    // written in its head say which memo it is. A text PDF shaped like a memo is titled the same way.
    const scanned = first.method === 'ocr'
    const memoShaped = hasMemoHead(first.text)
    const headTitle = legible && (scanned || memoShaped) ? memoTitle(first.text) : null
    const headDate = scanned || memoShaped ? memoDate(first.text) : null
    return {
      title: info.title ?? headTitle ?? firstLine ?? fileName.replace(/\.[^.]+$/, ''),
      byline: info.author,
      publisher: null,
      publishedAt: scanned ? (headDate ?? info.created) : (info.created ?? headDate),
      url: null,
      body,
      // A PDF's text layer says nothing of which lines are headings.
      headings: [],
      pages,
      ocr: ocrPages > 0 ? { pages: ocrPages, meanConfidence: confidences.length > 0 ? Math.round(confidences.reduce((sum, value) => sum + value, 0) / confidences.length) : 0 } : null,
      warnings: [
        ...tooLarge.map((number) => `${fileName}, page ${number}, was not read: its picture is too large (${tooLargeSize(oversized)}). ${SMALLER_SCAN}`),
        ...partlyRead.map((number) => `${fileName}, page ${number}, was read without a picture on it that is too large (${tooLargeSize(oversized)}). ${SMALLER_SCAN}`),
        ...texts.flatMap((page) => ocrWarnings(page, fileName)),
        ...unreadablePages.map((page) => unreadableWarning(page, fileName)),
        ...damaged.map((page) => `${fileName}, page ${page.number}, ${page.whole ? 'was not read: its picture' : 'was read without a picture on it that'} could not be decoded (${damagedData(bytes)}).`),
        ...contentDamage.warnings(fileName)
      ]
    }
  } finally {
    await task.destroy()
    contentDamage.stop()
  }
}

interface PageText {
  text: string
  method: ArticlePage['method']
  confidence: number | null
  number: number
  /** Degrees (clockwise) the page was turned for OCR to read it; 0 as it lies. */
  turn: number
}

/**
 * Reads a page's picture; when OCR reads it poorly, reads it again turned (drawn anew by
 * `drawTurned`) until a turn reads well, and keeps the best reading. tesseract's own orientation
 * detection needs a model (osd) that is not shipped; up to three more readings of a suspect page
 * cost seconds, against a page stored as gibberish.
 */
async function readTurned(engine: OcrEngine, picture: DrawnPage, drawTurned: (turn: number) => Promise<DrawnPage>): Promise<OcrPage & { turn: number }> {
  let best = { ...(await readPicture(engine, picture)), turn: 0 }
  for (const turn of TURNS) {
    if (best.confidence >= LOW_OCR_CONFIDENCE) break
    const turned = await drawTurned(turn)
    const reading = await readPicture(engine, turned)
    if (reading.confidence > best.confidence) best = { ...reading, turn }
  }
  return best
}

/**
 * Reads a page picture whole, or, when its text stands in columns (see findTextColumns), part by
 * part in reading order: the parts' texts joined as paragraphs, and their confidence the mean over
 * all their words, as tesseract's is for a page read whole.
 */
async function readPicture(engine: OcrEngine, drawn: DrawnPage): Promise<OcrPage> {
  const picture = straightPage(drawn)
  const regions = findTextColumns(picture.pixels, picture.width, picture.height, picture.dpi)
  if (regions === null) return engine.read(picture.image, picture.dpi)
  const texts: string[] = []
  let words = 0
  let weighted = 0
  for (const region of regions) {
    // Each part goes to tesseract as a picture of its own: given the whole page and a rectangle,
    // tesseract.js 7 read a full-width title strip as "EE" where the same strip cut out read right.
    const reading = await engine.read(cropPgm(picture, region), picture.dpi)
    const text = reading.text.trim()
    if (text === '') continue
    texts.push(text)
    const count = text.split(/\s+/).length
    words += count
    weighted += count * reading.confidence
  }
  return { text: texts.join('\n\n'), confidence: words > 0 ? weighted / words : 0 }
}

/** What the import says of a page OCR read turned, or read poorly. */
function ocrWarnings(page: PageText, fileName: string): string[] {
  if (page.confidence === null) return []
  const confidence = Math.round(page.confidence)
  if (page.confidence < LOW_OCR_CONFIDENCE) {
    return [`${fileName}, page ${page.number}, was read by OCR at only ${confidence}% confidence: compare it with the scan (it may be faint, mirrored or handwritten).`]
  }
  return page.turn === 0 ? [] : [`${fileName}, page ${page.number}, lies turned in the scan; OCR read it turned ${page.turn}° (${confidence}% confidence).`]
}

/** "page 3's picture could not be decoded (JBIG2 data damaged)", or the same of several pages. */
function undecodedPhrase(damaged: readonly { number: number }[], bytes: Uint8Array): string {
  const numbers = damaged.map((page) => page.number)
  const pages = numbers.length === 1 ? `page ${numbers[0]!}'s picture` : `the pictures of pages ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)!}`
  return `${pages} could not be decoded (${damagedData(bytes)})`
}

/** "JBIG2 data damaged" when the PDF stores its pictures in one encoding, else "data damaged". */
function damagedData(bytes: Uint8Array): string {
  const encodings = pictureEncodings(bytes)
  return encodings.size === 1 ? `${[...encodings][0]!} data damaged` : 'data damaged'
}

/** What the import says of a page whose text layer stands one character in for others (see pdfTextRuns). */
function unreadableWarning(page: { number: number; characters: number }, fileName: string): string {
  const characters = page.characters === 1 ? '1 character is' : `${page.characters.toLocaleString('en-US')} characters are`
  return `${fileName}, page ${page.number}: ${characters} drawn without their font, and the text the PDF gives for them (ActualText) cannot be read; each is kept as “${UNREADABLE_CHARACTER}”. Import the document the PDF was made from (.odt, .docx) to keep them.`
}

const SMALLER_SCAN = 'Save the scan at a lower resolution (300 dpi is enough) and import it again.'

/** The size of the pictures too large to draw, for a warning: exact when they are all alike. */
function tooLargeSize(oversized: readonly PictureSize[]): string {
  const sizes = new Set(oversized.map((size) => `${size.width.toLocaleString('en-US')} × ${size.height.toLocaleString('en-US')} pixels`))
  const limit = `OCR reads pictures of up to ${MAX_PICTURE_PIXELS / 1_000_000} megapixels`
  return `${sizes.size === 1 ? [...sizes][0]! : `over ${MAX_PICTURE_PIXELS / 1_000_000} megapixels`}; ${limit}`
}

/**
 * What the page's drawing operations mark: whether it paints an image (a scan's picture), and
 * whether it marks the page at all (paths, text, shadings, images, annotations' appearances), and
 * whether a picture was left out of it: pdf.js drops a picture over maxImageSize from the operations
 * and leaves the placement made for it ("q … cm Q", a transform undone at once) standing empty.
 */
async function marksOf(page: PdfPage, pdfjs: PdfJs): Promise<{ picture: boolean; any: boolean; lostPicture: boolean; pictureDpi: number | null; pictureIds: string[] }> {
  const { OPS } = pdfjs
  const pictures = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageXObjectRepeat])
  const marking = new Set<number>([
    ...pictures,
    OPS.paintInlineImageXObjectGroup,
    OPS.paintImageMaskXObject,
    OPS.paintImageMaskXObjectGroup,
    OPS.paintImageMaskXObjectRepeat,
    OPS.paintSolidColorImageMask,
    OPS.constructPath,
    OPS.rawFillPath,
    OPS.stroke,
    OPS.closeStroke,
    OPS.fill,
    OPS.eoFill,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
    OPS.rectangle,
    OPS.shadingFill,
    OPS.showText,
    OPS.showSpacedText,
    OPS.nextLineShowText,
    OPS.nextLineSetSpacingShowText,
    OPS.beginAnnotation
  ])
  const { fnArray, argsArray } = await page.getOperatorList()
  return {
    picture: fnArray.some((operation) => pictures.has(operation)),
    pictureDpi: pictureResolution(fnArray, argsArray, OPS),
    any: fnArray.some((operation) => marking.has(operation)),
    lostPicture: fnArray.some((operation, index) => operation === OPS.transform && (index + 1 === fnArray.length || fnArray[index + 1] === OPS.restore)),
    pictureIds: fnArray.flatMap((operation, index) => (operation === OPS.paintImageXObject || operation === OPS.paintImageXObjectRepeat ? [String((argsArray[index] as unknown[])[0])] : []))
  }
}

/**
 * The pictures of a drawn page that pdf.js could not decode (damaged data): it keeps null for such
 * a picture, and draws nothing in its place. A picture used on several pages is kept with the document's objects.
 */
function undecodedPictures(page: PdfPage, pictureIds: readonly string[]): number {
  return pictureIds.filter((id) => {
    const objects = id.startsWith('g_') ? page.commonObjs : page.objs
    return objects.has(id) && objects.get(id) === null
  }).length
}

/** Rejects with ImportCancelled when `signal` fires: a wait for OCR ends at once on cancel. */
function abortPromise(signal: AbortSignal): Promise<never> {
  const stopped = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(new ImportCancelled())
    signal.addEventListener('abort', () => reject(new ImportCancelled()), { once: true })
  })
  stopped.catch(() => undefined)
  return stopped
}

interface PageCanvas {
  context: { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } }
}

/** pdf.js's canvas factory; in Node it makes @napi-rs/canvas canvases. */
interface PageCanvasFactory {
  create(width: number, height: number): PageCanvas
  destroy(canvas: PageCanvas): void
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>

/** A page drawn for OCR: its picture, its pixels (within the picture) and size, and the resolution it was drawn at. */
interface DrawnPage {
  image: Buffer
  pixels: Uint8Array
  width: number
  height: number
  dpi: number
}

/**
 * The page drawn at `dpi` (less for a very large page), on white, turned `turn` degrees clockwise,
 * as a greyscale PGM picture: tesseract reads it as it is, where a PNG cost a compression here and
 * a decompression in tesseract (a second of CPU time a page at 300 dpi), and an RGB picture four
 * times the memory in each tesseract worker.
 */
async function drawPage(page: PdfPage, factory: PageCanvasFactory, dpi: number, turn: number): Promise<DrawnPage> {
  const unscaled = page.getViewport({ scale: 1 })
  const pixels = unscaled.width * unscaled.height
  const scale = Math.min(dpi / 72, Math.sqrt(MAX_OCR_PIXELS / Math.max(1, pixels)), MAX_OCR_SIDE / Math.max(1, unscaled.width, unscaled.height))
  const viewport = page.getViewport({ scale, rotation: (page.rotate + turn) % 360 })
  // Rounded down, so the picture stays within the caps; the page's last fraction of a pixel is cut.
  const [width, height] = [Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height))]
  const drawn = factory.create(width, height)
  try {
    await page.render({ canvasContext: drawn.context as unknown as Parameters<PdfPage['render']>[0]['canvasContext'], canvas: null, viewport, background: 'white' }).promise
    const image = greyPgm(drawn.context.getImageData(0, 0, width, height).data, width, height)
    return { image, pixels: image.subarray(image.length - width * height), width, height, dpi: scale * 72 }
  } finally {
    factory.destroy(drawn)
  }
}

/** RGBA pixels as a binary greyscale PGM (P5): a header, then one byte a pixel (Rec. 601 luma). */
function greyPgm(rgba: Uint8ClampedArray, width: number, height: number): Buffer {
  const header = `P5\n${width} ${height}\n255\n`
  const pgm = Buffer.allocUnsafe(header.length + width * height)
  let at = pgm.write(header, 'latin1')
  for (let pixel = 0; pixel < rgba.length; pixel += 4, at++) pgm[at] = (rgba[pixel]! * 77 + rgba[pixel + 1]! * 150 + rgba[pixel + 2]! * 29) >> 8
  return pgm
}

/** The drawn page turned straight when it lies a few degrees crooked (see page-skew.ts), else as it is. */
function straightPage(picture: DrawnPage): DrawnPage {
  const skew = skewOf(picture.pixels, picture.width, picture.height)
  if (skew === null || Math.abs(skew) < MIN_SKEW) return picture
  const header = Buffer.from(`P5\n${picture.width} ${picture.height}\n255\n`, 'latin1')
  const image = Buffer.concat([header, straightened(picture.pixels, picture.width, picture.height, skew)])
  return { ...picture, image, pixels: image.subarray(header.length) }
}

/** A part of a drawn page as a PGM picture of its own. */
function cropPgm(picture: DrawnPage, region: PageRegion): Buffer {
  const header = `P5\n${region.width} ${region.height}\n255\n`
  const pgm = Buffer.allocUnsafe(header.length + region.width * region.height)
  let at = pgm.write(header, 'latin1')
  for (let y = region.top; y < region.top + region.height; y++, at += region.width) {
    const row = y * picture.width + region.left
    pgm.set(picture.pixels.subarray(row, row + region.width), at)
  }
  return pgm
}

/** OCR text with its lines kept, runs of blank lines made one, spaces at line ends and tables' ruling lines (see withoutTableRules) dropped. */
function tidyOcrText(text: string): string {
  return withoutTableRules(
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  )
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
    title: writtenTitle(title),
    author: writtenAuthor(field('Author')),
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
