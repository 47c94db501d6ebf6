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

export function unsupportedFileMessage(fileName: string): string {
  const extension = extname(fileName).toLowerCase()
  const what = extension ? `${extension} files` : 'files without an extension'
  return `Casefile can't import ${what} (${fileName}); it reads: ${READABLE_EXTENSIONS.join(', ')}.`
}
