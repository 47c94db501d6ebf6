import type { ImportOutcome } from './model'

/**
 * A page OCR reads below this mean confidence (0–100) is suspect: the importer reads it again turned
 * and warns of it, and the reader marks it. Clean scans read at 90–96; an upside-down page near 35.
 */
export const LOW_OCR_CONFIDENCE = 60

/** "3 pages read by OCR, mean confidence 91%": the same words in the CLI and the import panel. */
export function ocrSummary(ocr: NonNullable<ImportOutcome['ocr']>): string {
  return `${ocr.pages} ${ocr.pages === 1 ? 'page' : 'pages'} read by OCR, mean confidence ${ocr.meanConfidence}%`
}
