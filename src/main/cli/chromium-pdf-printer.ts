import { existsSync } from 'node:fs'
import type { PdfPrinter } from '../core/export/pdf-printer'
import { CHROMIUM_FLAGS } from './chromium-flags'

/** CHROMIUM_PATH if set, else the usual Linux location; null when neither exists. */
export function findChromium(env: NodeJS.ProcessEnv): string | null {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser']
  return candidates.find((path) => existsSync(path)) ?? null
}

/**
 * Prints with a headless Chromium through page.pdf(). The page may fetch nothing (every request
 * is refused, and counted so tests can say none was attempted), and runs only the scripts the
 * export's own Content-Security-Policy lists by hash: the ones that draw its charts.
 */
export class ChromiumPdfPrinter implements PdfPrinter {
  /** Requests the printed pages tried to make (each was refused). */
  requestsRefused = 0
  /** alert/confirm/prompt dialogs a printed page tried to open (each dismissed). */
  dialogsOpened = 0

  constructor(private readonly executablePath: string) {}

  async print(html: string): Promise<Uint8Array> {
    // Loaded here, not at the top: Playwright takes longer to load than every other CLI command takes
    // to run, and only the commands that print need it.
    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch({ executablePath: this.executablePath, args: ['--headless', ...CHROMIUM_FLAGS] })
    try {
      const context = await browser.newContext({ offline: true })
      const page = await context.newPage()
      page.on('dialog', (dialog) => {
        this.dialogsOpened++
        void dialog.dismiss()
      })
      await page.route('**/*', async (route) => {
        this.requestsRefused++
        await route.abort()
      })
      await page.setContent(html, { waitUntil: 'load' })
      return await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true })
    } finally {
      await browser.close()
    }
  }
}
