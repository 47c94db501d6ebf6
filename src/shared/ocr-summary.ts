import type { ImportOutcome } from './model'

/** "3 pages read by OCR, mean confidence 91%": the same words in the CLI and the import panel. */
export function ocrSummary(ocr: NonNullable<ImportOutcome['ocr']>): string {
  return `${ocr.pages} ${ocr.pages === 1 ? 'page' : 'pages'} read by OCR, mean confidence ${ocr.meanConfidence}%`
}
