import { extname } from 'node:path'
import type { ImportedKind } from '@shared/model'

export type ImportFormat = 'delimited' | 'json' | 'ndjson' | 'text' | 'html' | 'pdf' | 'docx' | 'odt' | 'xlsx' | 'xls' | 'ods'

const FORMATS: Record<string, ImportFormat> = {
  '.csv': 'delimited',
  '.tsv': 'delimited',
  '.tab': 'delimited',
  '.psv': 'delimited',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.txt': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.odt': 'odt',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.xls': 'xls',
  '.ods': 'ods'
}

export const READABLE_EXTENSIONS = Object.keys(FORMATS)

/** How a file is read, decided by its name; null when Casefile cannot read it. */
export function importFormatOf(fileName: string): ImportFormat | null {
  return FORMATS[extname(fileName).toLowerCase()] ?? null
}

const DATASET_FORMATS: readonly ImportFormat[] = ['delimited', 'json', 'ndjson', 'xlsx', 'xls', 'ods']

export function kindOfFormat(format: ImportFormat): ImportedKind {
  return DATASET_FORMATS.includes(format) ? 'dataset' : 'article'
}

/**
 * Whether a file is named .xml: the one name whose format its content decides. An Excel 2003 XML
 * spreadsheet (SpreadsheetML, see isSpreadsheetMl) is read as the same bytes named .xls are; other
 * XML is refused by unsupportedFileMessage.
 */
export function isXmlFileName(fileName: string): boolean {
  return extname(fileName).toLowerCase() === '.xml'
}

export function unsupportedFileMessage(fileName: string): string {
  if (isXmlFileName(fileName)) {
    return `Casefile can't import ${fileName}: of .xml files it reads only Excel 2003 XML spreadsheets (SpreadsheetML), and this is not one; nothing was imported. If it holds a table, open it in Excel or LibreOffice, save it as .xlsx or CSV and import that.`
  }
  const extension = extname(fileName).toLowerCase()
  const what = extension ? `${extension} files` : 'files without an extension'
  return `Casefile can't import ${what} (${fileName}); it reads: ${READABLE_EXTENSIONS.join(', ')}, and .xml saved as an Excel 2003 XML spreadsheet.`
}
