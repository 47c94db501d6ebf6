// The app's PdfPrinter: Electron's printToPDF on the very HTML the core produces for exports (the
// CLI and the browser test harness print the same HTML with headless Chromium's page.pdf()).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, session } from 'electron'
import type { PdfPrinter } from '../core/index'

const PARTITION = 'casefile-print'

/**
 * A hidden, sandboxed window in its own in-memory session loads the export from a temporary file
 * and prints it. Nothing but that one file may load: every other request is cancelled, windows
 * and permissions are refused. Scripts run only as far as the export's own Content-Security-Policy
 * allows (the hashed scripts that draw its charts).
 */
export class ElectronPdfPrinter implements PdfPrinter {
  #sessionReady = false
  #queue: Promise<unknown> = Promise.resolve()

  print(html: string): Promise<Uint8Array> {
    // One print at a time: the session's request filter allows only the file being printed.
    const printed = this.#queue.then(() => this.#printOne(html))
    this.#queue = printed.catch(() => undefined)
    return printed
  }

  async #printOne(html: string): Promise<Uint8Array> {
    const folder = mkdtempSync(join(tmpdir(), 'casefile-print-'))
    const file = join(folder, 'export.html')
    const allowed = pathToFileURL(file).href
    writeFileSync(file, html)
    const printSession = session.fromPartition(PARTITION)
    if (!this.#sessionReady) {
      printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
      this.#sessionReady = true
    }
    printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== allowed }))
    const window = new BrowserWindow({
      show: false,
      webPreferences: { partition: PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' }
    })
    try {
      window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
      window.webContents.on('will-navigate', (event) => event.preventDefault())
      await window.loadFile(file)
      return await window.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, generateDocumentOutline: true, generateTaggedPDF: true })
    } finally {
      window.destroy()
      rmSync(folder, { recursive: true, force: true })
    }
  }
}
