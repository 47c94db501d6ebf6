/**
 * Turns the HTML an export produced into PDF bytes. The app prints with Electron's
 * webContents.printToPDF, the CLI and the tests with headless Chromium's page.pdf(): both print the
 * very same document, so what a test checks is what a user gets.
 */
export interface PdfPrinter {
  print(html: string): Promise<Uint8Array>
}
