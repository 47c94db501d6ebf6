// pdf.js, loaded once for whoever reads PDFs in the core: the importer (a PDF's text and pictures)
// and the notes export (where the printed dossier's chapters begin).
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

let loaded: Promise<PdfJs> | null = null

/**
 * pdf.js is loaded on first use (it is large, and most imports are not PDFs). In Node it runs its
 * "worker" in this thread; pointing workerSrc at the installed file keeps that working when the app
 * is bundled, where pdf.js's default relative path would not resolve.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    const require = createRequire(import.meta.url)
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href
    return pdfjs
  })
  return loaded
}

/**
 * Where pdf.js finds its data files: for fonts a PDF names but does not embed (standard_fonts), for CJK
 * encodings (cmaps) and the WebAssembly decoders of scanned pictures (wasm). pdf.js reads them with
 * fs in Node; in the packaged app pdfjs-dist is unpacked beside app.asar with the workers.
 */
export function pdfJsDataFolder(name: string): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('pdfjs-dist/package.json')), name) + '/'
}
