import { open } from 'node:fs/promises'
import { detectEncoding } from '../delimited/detect-encoding'
import { TextChunkDecoder } from '../delimited/text-chunk-decoder'
import { looksBinary } from '../looks-binary'
import { containerOf } from '../zip/zip-package'
import { otherFileKind } from '../zip/zip-refusals'

/** How much of an .xls's start tells what it holds. */
const SAMPLE_BYTES = 16 * 1024

/**
 * What an ".xls" that is no Excel file holds, as agencies' "Export to Excel" buttons write them:
 * comma- or tab-separated text ('delimited'), an HTML table ('html'), or (null) anything else,
 * such as SpreadsheetML 2003 XML or SYLK, which SheetJS reads as they are. Such text is read with its
 * cells kept as written: 007 stays 007, as in the same file named .csv.
 */
export async function textInsideXls(path: string): Promise<'delimited' | 'html' | null> {
  // An Excel file (BIFF in a compound file, or an .xlsx named .xls) is no text, whatever its bytes
  // look like, and neither is a PDF (whose first part is text) or a picture: openWorkbook refuses those.
  const { container, head } = await containerOf(path)
  if (container !== 'other' || otherFileKind(head, true) !== null) return null
  const text = await leadingText(path)
  if (text === null) return null
  if (text.startsWith('<')) {
    if (opensSpreadsheetMl(text)) return null
    return /<(table|html|!doctype html)\b/.test(text.toLowerCase()) ? 'html' : null
  }
  // SYLK and DIF are text too, and SheetJS reads them.
  if (/^ID;/.test(text) || /^TABLE\r?\n0,1/.test(text)) return null
  return 'delimited'
}

/**
 * Whether a file is an Excel 2003 XML spreadsheet (SpreadsheetML), which Excel and LibreOffice save
 * as .xml: the one kind of .xml file Casefile reads (as SheetJS reads it under .xls).
 */
export async function isSpreadsheetMl(path: string): Promise<boolean> {
  const text = await leadingText(path)
  return text !== null && text.startsWith('<') && opensSpreadsheetMl(text)
}

/**
 * Whether XML text opens an Excel 2003 XML spreadsheet: the processing instruction that has Windows
 * open it in Excel (progid "Excel.Sheet"), or a Workbook root in SpreadsheetML's namespace.
 */
function opensSpreadsheetMl(text: string): boolean {
  const head = text.toLowerCase()
  if (/<\?mso-application\s[^>]*progid\s*=\s*["']excel\.sheet["']/.test(head)) return true
  return head.includes('urn:schemas-microsoft-com:office:spreadsheet') && /<(\w+:)?workbook\b/.test(head)
}

/** The text a file opens with (its first SAMPLE_BYTES, decoded, leading space taken off), or null when it is empty or not text. */
async function leadingText(path: string): Promise<string | null> {
  const handle = await open(path, 'r')
  let sample: Buffer
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0)
    sample = buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
  if (sample.length === 0) return null
  const { encoding, bomBytes } = detectEncoding(sample, null, sample.length < SAMPLE_BYTES)
  const body = sample.subarray(bomBytes)
  if (!encoding.startsWith('utf-16') && looksBinary(body)) return null
  const decoder = new TextChunkDecoder(encoding)
  const decoded = decoder.decode(body.subarray(0, body.length - decoder.incompleteTail(body)))
  return decoded.ok ? decoded.text.trimStart() : null
}
