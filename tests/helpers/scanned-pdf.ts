import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** Chromium prints each HTML page to a PDF, in the order given. */
export async function printPdfs(pages: readonly string[]): Promise<Buffer[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
  try {
    const context = await browser.newContext({ offline: true })
    const page = await context.newPage()
    const printed: Buffer[] = []
    for (const html of pages) {
      await page.setContent(html, { waitUntil: 'load' })
      printed.push(await page.pdf({ format: 'Letter', preferCSSPageSize: true, printBackground: true }))
    }
    return printed
  } finally {
    await browser.close()
  }
}

/** Each page of a PDF as a greyscale PNG, rasterised by pdftoppm (poppler) at `dpi`. */
export function rasterise(pdf: Buffer, dpi: number): Buffer[] {
  const work = mkdtempSync(join(tmpdir(), 'casefile-raster-'))
  try {
    writeFileSync(join(work, 'in.pdf'), pdf)
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', join(work, 'in.pdf'), join(work, 'page')])
    return readdirSync(work)
      .filter((name) => name.endsWith('.png'))
      .sort()
      .map((name) => readFileSync(join(work, name)))
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** An HTML page that is only the picture of a page, full bleed, for Chromium to wrap back into a PDF. */
export function imagePage(png: Buffer): string {
  return `<!DOCTYPE html><html><head><style>@page { size: 8.5in 11in; margin: 0 } body { margin: 0 } img { width: 8.5in; height: 11in; display: block }</style></head><body><img src="data:image/png;base64,${png.toString('base64')}"></body></html>`
}

/**
 * A scanned document as a FOIA office makes one: the text printed, every page rasterised, and the
 * pictures wrapped back into a PDF with no text layer — except, when `stamp` is given, a Bates
 * number stamped on each scanned page as text (as release software adds them). `extra` pages (HTML)
 * are printed as they are, after the scanned ones, so a mixed PDF has both kinds.
 */
export async function scannedPdf(html: string, dpi: number, extra: readonly string[], stamp: string | null): Promise<Buffer> {
  const [text] = await printPdfs([html])
  const images = rasterise(text!, dpi)
  const stamped = (index: number) =>
    stamp === null ? '' : `<div style="position: absolute; right: 0.5in; bottom: 0.3in; font: 8pt sans-serif">${stamp}-${String(index + 1).padStart(6, '0')}</div>`
  const body = images
    .map((png, index) => `<div style="position: relative;${index > 0 ? ' break-before: page;' : ''}"><img src="data:image/png;base64,${png.toString('base64')}">${stamped(index)}</div>`)
    .join('')
  const pages = `<!DOCTYPE html><html><head><style>@page { size: 8.5in 11in; margin: 0 } body { margin: 0 } img { width: 8.5in; height: 11in; display: block }</style></head><body>${body}${extra.map((page) => `<div style="break-before: page; padding: 1in; font: 12pt serif">${page}</div>`).join('')}</body></html>`
  const [scanned] = await printPdfs([pages])
  return scanned!
}

/**
 * How a scanner stores a page's picture: black and white as CCITT Group 4 (fax) or as JBIG2 (here
 * a generic region coded MMR, Group 4's coding inside JBIG2's segments, as Acrobat's lossless
 * setting writes), or greyscale as JPEG 2000.
 */
export type ScanEncoding = 'ccitt-g4' | 'jbig2-mmr' | 'jpeg2000'

/**
 * A scan as scanners and FOIA release tools write it: the text printed by Chromium, each page
 * rasterised by pdftoppm (1-bit for Group 4, greyscale for JPEG 2000), encoded by ImageMagick, and
 * the encoded pictures written into a PDF as they are, so the reader must decode them itself
 * (CCITTFaxDecode, JBIG2Decode or JPXDecode). Chromium cannot be the wrapper here: it re-encodes
 * pictures.
 */
export async function encodedScanPdf(html: string, dpi: number, encoding: ScanEncoding): Promise<Buffer> {
  const [text] = await printPdfs([html])
  const work = mkdtempSync(join(tmpdir(), 'casefile-scan-'))
  try {
    writeFileSync(join(work, 'in.pdf'), text!)
    const bilevel = encoding !== 'jpeg2000'
    execFileSync('pdftoppm', ['-r', String(dpi), ...(bilevel ? ['-mono'] : ['-gray', '-png']), join(work, 'in.pdf'), join(work, 'page')])
    const rasters = readdirSync(work)
      .filter((name) => name.endsWith(bilevel ? '.pbm' : '.png'))
      .sort()
    const pictures = rasters.map((name): EncodedPicture => {
      const raster = readFileSync(join(work, name))
      const out = join(work, `${name}.${bilevel ? 'g4' : 'jp2'}`)
      // ImageMagick's "group4:" writes the bare CCITT T.6 data, as a PDF holds it; "jp2:" a JP2 file.
      execFileSync('convert', [join(work, name), `${bilevel ? 'group4' : 'jp2'}:${out}`])
      const size = bilevel ? pbmSize(raster) : pngSize(raster)
      const data = readFileSync(out)
      return { ...size, data: encoding === 'jbig2-mmr' ? jbig2MmrPicture(size.width, size.height, data) : data }
    })
    return picturePdf(pictures, dpi, encoding)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

interface EncodedPicture {
  width: number
  height: number
  data: Buffer
}

/** One JBIG2 segment of an embedded stream (as a PDF holds it: no file header), on page 1, referring to none. */
function jbig2Segment(number: number, type: number, data: Buffer): Buffer {
  const header = Buffer.alloc(11)
  header.writeUInt32BE(number, 0)
  header.writeUInt8(type, 4)
  header.writeUInt8(0, 5)
  header.writeUInt8(1, 6)
  header.writeUInt32BE(data.length, 7)
  return Buffer.concat([header, data])
}

/**
 * A bi-level picture as a PDF's JBIG2Decode stream: a page information segment and an immediate
 * lossless generic region whose data is the picture's T.6 (Group 4) coding, flagged MMR.
 */
function jbig2MmrPicture(width: number, height: number, t6: Buffer): Buffer {
  const page = Buffer.alloc(19)
  page.writeUInt32BE(width, 0)
  page.writeUInt32BE(height, 4)
  const region = Buffer.alloc(18)
  region.writeUInt32BE(width, 0)
  region.writeUInt32BE(height, 4)
  // x and y 0, combination operator OR (0); then the generic region's flags: MMR.
  region.writeUInt8(1, 17)
  return Buffer.concat([jbig2Segment(0, 48, page), jbig2Segment(1, 39, Buffer.concat([region, t6]))])
}

/** A binary PBM's size, from its header ("P4", width, height; comments are not written by pdftoppm). */
function pbmSize(pbm: Buffer): { width: number; height: number } {
  const [magic, width, height] = pbm.subarray(0, 64).toString('latin1').split(/\s+/)
  if (magic !== 'P4') throw new Error('pdftoppm -mono did not write a binary PBM')
  return { width: Number(width), height: Number(height) }
}

/** A PNG's size, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

/** A PDF with one page per picture, each page the picture's size at `dpi`, the picture's bytes stored as they are. */
function picturePdf(pictures: readonly EncodedPicture[], dpi: number, encoding: ScanEncoding): Buffer {
  return handMadePdf(
    pictures.map((picture) => {
      const [width, height] = [(picture.width * 72) / dpi, (picture.height * 72) / dpi]
      const filter =
        encoding === 'ccitt-g4'
          ? `/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns ${picture.width} /Rows ${picture.height} >>`
          : encoding === 'jbig2-mmr'
            ? '/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode'
            : '/Filter /JPXDecode'
      const image = { dictionary: `/Type /XObject /Subtype /Image /Width ${picture.width} /Height ${picture.height} ${filter}`, data: picture.data }
      return { width, height, content: `q ${width} 0 0 ${height} 0 0 cm /Scan Do Q`, image }
    })
  )
}

/** One page of handMadePdf: its size in points, its content stream, and the picture it may paint as /Scan. */
export interface HandMadePage {
  width: number
  height: number
  content: string
  image: { dictionary: string; data: Buffer } | null
}

/** A PDF written byte by byte: what pdf.js meets in files no browser or office suite wrote. */
export function handMadePdf(pages: readonly HandMadePage[]): Buffer {
  const objects: Buffer[] = []
  const pageIds = pages.map((_, index) => 3 + index * 3)
  objects.push(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'))
  objects.push(Buffer.from(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`))
  for (const [index, page] of pages.entries()) {
    const [pageId, contentId, imageId] = [pageIds[index]!, pageIds[index]! + 1, pageIds[index]! + 2]
    const resources = page.image === null ? '<< >>' : `<< /XObject << /Scan ${imageId} 0 R >> >>`
    objects[pageId - 1] = Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${page.width} ${page.height}] /Resources ${resources} /Contents ${contentId} 0 R >>`)
    objects[contentId - 1] = Buffer.from(`<< /Length ${page.content.length} >>\nstream\n${page.content}\nendstream`)
    // A page without a picture keeps its object number, as the null object.
    objects[imageId - 1] =
      page.image === null ? Buffer.from('null') : Buffer.concat([Buffer.from(`<< ${page.image.dictionary} /Length ${page.image.data.length} >>\nstream\n`), page.image.data, Buffer.from('\nendstream')])
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n')]
  let length = parts[0]!.length
  const offsets: number[] = []
  for (const [index, object] of objects.entries()) {
    offsets.push(length)
    const part = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`), object, Buffer.from('\nendobj\n')])
    parts.push(part)
    length += part.length
  }
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`))
  return Buffer.concat(parts)
}
