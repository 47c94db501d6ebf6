import { loadPdfJs, pdfJsDataFolder } from '../pdf/load-pdfjs'

/** The text of each page of a PDF Casefile printed itself, in page order, its runs joined by spaces. */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await loadPdfJs()
  // pdf.js takes ownership of the buffer it is given; a copy leaves the printed bytes to be written.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    standardFontDataUrl: pdfJsDataFolder('standard_fonts')
  })
  try {
    const document = await task.promise
    const texts: string[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent()
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '))
    }
    return texts
  } finally {
    await task.destroy()
  }
}
