import { afterAll, beforeAll } from 'vitest'
import type { PdfReading } from '../../src/main/core/import/article/extract-pdf-article'
import { startOcrEngine, type OcrEngine } from '../../src/main/core/import/article/ocr-engine'

/**
 * One OCR engine (one tesseract worker) for the tests of a file: started before them, stopped after.
 * Returns how a PDF is read with it, page progress ignored and never cancelled.
 */
export function ocrReadingForFile(): () => PdfReading {
  let engine: OcrEngine | null = null
  beforeAll(async () => {
    engine = await startOcrEngine(1)
  }, 60_000)
  afterAll(async () => {
    await engine?.stop()
  })
  return () => ({ ocr: () => Promise.resolve(engine!), onPage: () => undefined, signal: new AbortController().signal })
}
