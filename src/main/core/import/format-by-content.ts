// One rule for a file whose name says one kind and whose bytes another (review U24-23): when the
// first bytes say plainly what the file is, and Casefile reads that kind, the file is read as what
// it is and the result says so; a kind Casefile does not read (a picture, an RTF, a presentation,
// an .xlsb, a bare zip) is refused by the reader of the named kind, saying what it is and what to
// do. Before, some were refused with "Rename it to .xlsx and import that" (an .xlsx named .csv)
// while others of the same family were read silently (an .xlsx named .ods).
import { open } from 'node:fs/promises'
import type { ImportFormat } from './import-kind'
import { LOCAL_ENTRY, zipEntriesIn } from './not-text-refusal'
import { DELIMITED_TEXT, knownPackageOf, otherFileKind, PDF_DOCUMENT, PLAIN_TEXT, textKind, WEB_PAGE, type OtherFileKind } from './zip/zip-refusals'

/** As much of a file's start as the readers ask the same question of (a zip's first entries, a PDF's header). */
const HEAD_BYTES = 64 * 1024

/** What the file's name promised, as the warning says it. */
const NAMED: Record<ImportFormat, string> = {
  delimited: 'delimited text',
  json: 'JSON',
  ndjson: 'JSON',
  text: 'plain text',
  html: 'a web page',
  pdf: 'a PDF document',
  docx: 'a Word document (.docx)',
  odt: 'an OpenDocument text (.odt)',
  xlsx: 'an Excel workbook (.xlsx)',
  xls: 'an Excel 97–2003 workbook (.xls)',
  ods: 'an OpenDocument spreadsheet (.ods)'
}

/** How the file was read instead. */
const READ_AS: Partial<Record<ImportFormat, string>> = {
  delimited: 'a CSV file',
  text: 'plain text',
  html: 'a web page',
  pdf: 'a PDF',
  docx: 'a Word document',
  odt: 'an OpenDocument text',
  xlsx: 'an Excel workbook',
  ods: 'an OpenDocument spreadsheet'
}

const PACKAGE_FORMATS: Record<string, ImportFormat> = { '.docx': 'docx', '.odt': 'odt', '.xlsx': 'xlsx', '.ods': 'ods' }

const TEXT_FORMATS: readonly ImportFormat[] = ['delimited', 'json', 'ndjson', 'text', 'html']

export interface ContentFormat {
  format: ImportFormat
  /** The sentence for the result: what the file is, what its name said, and how it was read. */
  warning: string
}

/**
 * The kind `head` (a file's first bytes) says a file named as `named` really is, when that is another
 * kind Casefile reads; null when the bytes agree with the name, say nothing sure, or say a kind
 * Casefile does not read (the named reader refuses those). An .xls is left to its reader for what
 * Excel opens under that name: an .xlsx or .ods, and the CSV and the HTML table "Export to Excel"
 * buttons save.
 */
export function formatOfHead(fileName: string, named: ImportFormat, head: Buffer): ContentFormat | null {
  const found = kindOfHead(named, head)
  if (found === null || found.format === named) return null
  return { format: found.format, warning: `${fileName} is ${found.is}, not ${NAMED[named]}; it was read as ${READ_AS[found.format] ?? found.is}.` }
}

function kindOfHead(named: ImportFormat, head: Buffer): { format: ImportFormat; is: string } | null {
  if (head.subarray(0, LOCAL_ENTRY.length).equals(LOCAL_ENTRY)) {
    const { parts, mimetype } = zipEntriesIn(head)
    const known = knownPackageOf(parts, mimetype)
    const format = known === null ? undefined : PACKAGE_FORMATS[known.extension]
    if (known === null || format === undefined) return null
    // Excel opens a workbook of either kind named .xls, and so does the .xls reader, as it always has.
    if (named === 'xls' && known.family === 'spreadsheet') return null
    return { format, is: `${known.is} (${known.extension})` }
  }
  const text = TEXT_FORMATS.includes(named)
  const other = otherFileKind(head, named === 'xls' || named === 'html')
  // Text may quote "%PDF-" near its start (a note on PDF versions); a PDF saved as text starts with it.
  if (other === PDF_DOCUMENT && text && head.indexOf('%PDF-') !== 0) return null
  if (other !== null) return asFormat(other)
  // Text under a package's or a PDF's name (a CSV export named .xlsx, notes named .docx).
  return text || named === 'xls' ? null : asFormat(textKind(head))
}

function asFormat(kind: OtherFileKind | null): { format: ImportFormat; is: string } | null {
  const format = kind === PDF_DOCUMENT ? 'pdf' : kind === WEB_PAGE ? 'html' : kind === DELIMITED_TEXT ? 'delimited' : kind === PLAIN_TEXT ? 'text' : null
  return format === null ? null : { format, is: kind!.is }
}

/** formatOfHead for the file at `path`; null when it cannot be read now (its reader then says why). */
export async function formatByContent(path: string, fileName: string, named: ImportFormat): Promise<ContentFormat | null> {
  let head: Buffer
  try {
    const file = await open(path, 'r')
    try {
      const buffer = Buffer.alloc(HEAD_BYTES)
      const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0)
      head = buffer.subarray(0, bytesRead)
    } finally {
      await file.close()
    }
  } catch {
    return null
  }
  return formatOfHead(fileName, named, head)
}
