import { readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { CellValue, ColumnType, DatasetSource, ImportOutcome } from '@shared/model'
import { findArticleBySha256, insertArticle } from '../articles/article-queries'
import { findDatasetBySha256 } from '../datasets/dataset-queries'
import { insertDataset } from '../datasets/insert-dataset'
import { decodeText } from './decode-text'
import { finishImport, startImport } from './import-ledger'
import { importKindOf, unsupportedFileMessage } from './import-kind'
import { cellValue, widenColumnType } from './infer-column-type'
import { parseArticleText, type ArticleFields } from './parse-article-text'
import { DelimitedParseError, parseDelimited, sniffDelimiter, type Delimiter } from './parse-delimited'
import { sha256Hex } from './sha256'

/** Facts the caller knows better than the file (the sample manifest does); null fields come from the file. */
export interface ArticleOverrides {
  title: string | null
  byline: string | null
  publisher: string | null
  publishedAt: string | null
  url: string | null
  language: string | null
}

export interface DatasetOverrides {
  name: string | null
  description: string | null
  sources: DatasetSource[]
}

export interface ImportRequest {
  path: string
  article: ArticleOverrides | null
  dataset: DatasetOverrides | null
}

/** Files this simple importer reads whole; larger ones are refused with a clear message. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024
const MAX_WARNINGS = 50

class ImportFailure extends Error {}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192)
  // UTF-16 text is full of NULs but announces itself with a byte-order mark.
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) return false
  let nul = 0
  for (const byte of sample) if (byte === 0) nul++
  return nul > sample.length / 10
}

function defaultDelimiter(fileName: string): Delimiter | null {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return '\t'
  if (lower.endsWith('.psv')) return '|'
  return null
}

interface ParsedTable {
  labels: string[]
  types: ColumnType[]
  rows: string[][]
  warnings: string[]
}

function readTable(text: string, fileName: string): ParsedTable {
  const delimiter = defaultDelimiter(fileName) ?? sniffDelimiter(text)
  let records
  try {
    records = parseDelimited(text, delimiter)
  } catch (error) {
    if (error instanceof DelimitedParseError) throw new ImportFailure(`${fileName}, ${error.message}.`)
    throw error
  }
  const header = records[0]
  if (!header) throw new ImportFailure(`${fileName} has no rows: the file holds no data.`)
  const width = header.fields.length
  const labels = header.fields.map((label, index) => label.trim() || `Column ${index + 1}`)
  const warnings: string[] = []
  const misaligned: number[] = []
  const rows: string[][] = []
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!
    let fields = record.fields
    if (fields.length !== width) {
      misaligned.push(record.line)
      fields = fields.length > width ? [...fields.slice(0, width - 1), fields.slice(width - 1).join(delimiter)] : [...fields, ...Array<string>(width - fields.length).fill('')]
    }
    rows.push(fields)
  }
  if (misaligned.length > 0) {
    const shown = misaligned.slice(0, MAX_WARNINGS).join(', ')
    const more = misaligned.length > MAX_WARNINGS ? ` and ${misaligned.length - MAX_WARNINGS} more` : ''
    warnings.push(
      `${fileName}: ${misaligned.length} row(s) did not have ${width} fields (lines ${shown}${more}); missing fields were left empty and extra fields joined into the last column.`
    )
  }
  if (rows.length === 0) warnings.push(`${fileName} has a header but no data rows.`)
  const types: ColumnType[] = labels.map((_, column) => {
    let type: ColumnType | null = null
    for (const row of rows) {
      type = widenColumnType(type, row[column]!)
      if (type === 'text') break
    }
    return type ?? 'text'
  })
  return { labels, types, rows, warnings }
}

function articleFields(text: string, fileName: string, overrides: ArticleOverrides | null): ArticleFields & { language: string | null } {
  const parsed = parseArticleText(text, fileName)
  if (parsed.body.trim() === '') throw new ImportFailure(`${fileName} has no text to import.`)
  return {
    title: overrides?.title ?? parsed.title,
    byline: overrides?.byline ?? parsed.byline,
    publisher: overrides?.publisher ?? parsed.publisher,
    publishedAt: overrides?.publishedAt ?? parsed.publishedAt,
    url: overrides?.url ?? parsed.url,
    body: parsed.body,
    language: overrides?.language ?? null
  }
}

function failed(fileName: string, message: string, kind: ImportOutcome['kind']): ImportOutcome {
  return { file: fileName, status: 'failed', kind, id: null, rows: 0, warnings: [], error: message }
}

/**
 * Imports one file as an article or a dataset. The content is written in one transaction, the
 * ledger records the attempt either way, and the same bytes imported twice are reported, not copied.
 */
export function importFile(db: Database, request: ImportRequest): ImportOutcome {
  const fileName = basename(request.path)
  const kind = importKindOf(fileName)
  let bytes: Uint8Array
  try {
    const stat = statSync(request.path)
    if (stat.isDirectory()) return failed(fileName, `${fileName} is a folder; choose the files inside it.`, kind)
    if (stat.size > MAX_IMPORT_BYTES) {
      return failed(fileName, `${fileName} is ${Math.round(stat.size / 1048576)} MB; this version imports files up to ${MAX_IMPORT_BYTES / 1048576} MB.`, kind)
    }
    bytes = readFileSync(request.path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' ? 'the file does not exist' : code === 'EACCES' ? 'permission denied' : String(error)
    return failed(fileName, `Casefile can't read ${fileName}: ${reason}.`, kind)
  }
  const sha256 = sha256Hex(bytes)
  const ledger = { fileName, filePath: request.path, sizeBytes: bytes.length, sha256, kind, options: {} }

  if (kind === null) {
    const message = unsupportedFileMessage(fileName)
    finishImport(db, startImport(db, ledger), { status: 'failed', rows: 0, warnings: [], error: message })
    return failed(fileName, message, null)
  }

  const existingArticle = findArticleBySha256(db, sha256)
  const existingDataset = existingArticle ? null : findDatasetBySha256(db, sha256)
  if (existingArticle || existingDataset) {
    const as = existingArticle ? `article “${existingArticle.title}”` : `dataset “${existingDataset!.name}”`
    const warning = `${fileName} was already imported as ${as}; nothing was added.`
    finishImport(db, startImport(db, ledger), { status: 'duplicate', rows: 0, warnings: [warning], error: null })
    return {
      file: fileName,
      status: 'duplicate',
      kind: existingArticle ? 'article' : 'dataset',
      id: existingArticle ? existingArticle.id : existingDataset!.id,
      rows: 0,
      warnings: [warning],
      error: null
    }
  }

  const importId = startImport(db, ledger)
  try {
    if (bytes.length === 0) throw new ImportFailure(`${fileName} is empty (0 bytes); nothing was imported.`)
    if (looksBinary(bytes)) throw new ImportFailure(`${fileName} looks like a binary file, not text; nothing was imported.`)
    const decoded = decodeText(bytes, fileName)
    const outcome = db.transaction((): ImportOutcome => {
      if (kind === 'article') {
        const fields = articleFields(decoded.text, fileName, request.article)
        const id = insertArticle(db, { ...fields, sourceFile: fileName, sourceSize: bytes.length, sha256, importId })
        return { file: fileName, status: 'imported', kind, id, rows: 1, warnings: decoded.warnings, error: null }
      }
      const table = readTable(decoded.text, fileName)
      const rows = table.rows.map((row): CellValue[] => row.map((value, column) => cellValue(table.types[column]!, value)))
      const inserted = insertDataset(
        db,
        {
          name: request.dataset?.name ?? fileName.replace(/\.[^.]+$/, ''),
          description: request.dataset?.description ?? null,
          columns: table.labels.map((label, index) => ({ label, type: table.types[index]! })),
          sources: request.dataset?.sources ?? [],
          sourceFile: fileName,
          sourceSize: bytes.length,
          sha256,
          importId
        },
        rows
      )
      const warnings = [...decoded.warnings, ...table.warnings]
      return { file: fileName, status: 'imported', kind, id: inserted.id, rows: inserted.rows, warnings, error: null }
    }).immediate()
    finishImport(db, importId, { status: 'imported', rows: outcome.rows, warnings: outcome.warnings, error: null })
    return outcome
  } catch (error) {
    const message = error instanceof ImportFailure || (error instanceof Error && error.message.startsWith(fileName))
      ? error.message
      : `${fileName} could not be imported: ${error instanceof Error ? error.message : String(error)}`
    finishImport(db, importId, { status: 'failed', rows: 0, warnings: [], error: message })
    return failed(fileName, message, kind)
  }
}
