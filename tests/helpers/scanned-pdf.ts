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
