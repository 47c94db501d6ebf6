import type { BigIntStats } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { ArticlePage, DatasetSource, ImportEncoding, ImportOptions, ImportOutcome, SheetOutcome } from '@shared/model'
import { insertArticle } from '../articles/article-queries'
import { indexDatasetRows } from '../datasets/index-dataset-rows'
import { extractHtmlArticle } from './article/extract-html-article'
import { extractPdfArticle, type PdfReading } from './article/extract-pdf-article'
import type { OcrEngine } from './article/ocr-engine'
import { danglingLinkTarget } from '../fs/dangling-link-target'
import { notRegularFileReason } from '../fs/regular-file'
import { DatasetWriter, SPLIT_WIDE_FILE, type SettledTypes } from './dataset-writer'
import { decodeText } from './decode-text'
import { hashFile } from './hash-file'
import { copyImportedMeanwhile, findDuplicateImport, importOfSizeExists, sheetsImportedBefore } from './duplicate-imports'
import { finishImport, startImport } from './import-ledger'
import { looksBinary } from './looks-binary'
import { NoTableInWorkbook } from './workbook/no-table-in-workbook'
import { notTextRefusal } from './not-text-refusal'
import { formatByContent } from './format-by-content'
import { importFormatOf, isXmlFileName, kindOfFormat, unsupportedFileMessage, type ImportFormat } from './import-kind'
import { parseArticleText, type ArticleFields } from './parse-article-text'
import { readTableFile } from './read-table-file'
import type { SheetTableSummary } from './workbook/sheet-table-reader'
import { sheetSource } from './workbook/sheet-source'
import { ImportCancelled, ImportInputError } from './row-sink'
import { fileChangedMessage, sameFileState, SourceFile } from './source-file'
import { startTableReader } from './threaded-table-reader'
import { TypingSink } from './typing/typing-sink'
import { isSpreadsheetMl, textInsideXls } from './workbook/text-in-xls'
import { utf16WithoutBom } from './utf16-without-bom'
import { SHEET_THREAD_MIN_BYTES } from './workbook/sheet-rows-thread'
import { ArchiveStaysBusy, WRITE_LOCK_WAIT_MS, whenWritable } from './when-writable'
import { hiddenSheetsLeftOut } from './workbook/hidden-sheets-left-out'
import { reasonOf } from '../plain-failure'

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
  options: ImportOptions
  article: ArticleOverrides | null
  dataset: DatasetOverrides | null
}

export interface ImportProgress {
  /** 'waiting': for another process to finish writing the archive. */
  phase: 'checking' | 'waiting' | 'reading' | 'indexing'
  bytesRead: number
  bytesTotal: number
  rowsWritten: number
  /** Parts of a file read so far, of how many: a PDF's pages or a workbook's sheets (0 for other files). */
  parts: 'pages' | 'sheets' | null
  partsRead: number
  partsTotal: number
  /** Pages of a PDF read by OCR so far. */
  ocrPages: number
  /** Whether OCR is being started, for the first page of a PDF that needs it. */
  ocrStarting: boolean
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) / 10) / 100
}

/** Why a file could not be imported, in words: the archive's own states first, then the file's (see reasonOf). */
function importFailureReason(error: unknown): string {
  const reason = failureReason(error)
  return isDiskFull(error) ? `${reason}; nothing was imported` : reason
}

function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return code === 'SQLITE_FULL' || code === 'ENOSPC'
}

/** Why a step failed, in words, without saying what became of the file (see importFailureReason). */
function failureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (isDiskFull(error)) return 'the disk is full'
  if (code === 'SQLITE_BUSY') return 'the archive is busy with another change; try again'
  if (error instanceof ArchiveStaysBusy) return `${error.message}; try again once it is done`
  if (code === 'EISDIR') return 'it is a folder'
  return reasonOf(error)
}

/**
 * Writes a ledger line for an attempt that changes nothing else (a duplicate, an unsupported file).
 * When another process holds the archive's write lock the line is skipped: the answer to the person
 * is the same, and waiting for the lock would hold them up for nothing.
 */
function recordIfPossible(write: () => void): void {
  try {
    write()
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error
  }
}

/** An article file's bytes, read once, with the sha256 of exactly those bytes. */
async function readArticleBytes(path: string, fileName: string): Promise<{ bytes: Buffer; sha256: string }> {
  const file = await SourceFile.open(path, fileName)
  try {
    const bytes = await file.readAll()
    return { bytes, sha256: await file.finish() }
  } finally {
    await file.close()
  }
}

interface ReadArticle {
  fields: ArticleFields
  warnings: string[]
  pages: ArticlePage[]
  ocr: ImportOutcome['ocr']
}

/** How much of a text file's start is asked whether it is another kind of file (a zip's first entries, a PDF's header). */
const NOT_TEXT_HEAD_BYTES = 64 * 1024

async function readArticle(bytes: Buffer, fileName: string, format: ImportFormat, reading: PdfReading, encoding: ImportEncoding | null): Promise<ReadArticle> {
  if (bytes.length === 0) throw new ImportInputError(`${fileName} is empty (0 bytes); nothing was imported.`, null, 0)
  if (format === 'docx' || format === 'odt') {
    // Loaded when first needed: most imports are not Word files, and mammoth takes a while to load.
    const { extractDocumentArticle } = await import('./document/extract-document-article')
    const { warnings, ...fields } = await extractDocumentArticle(bytes, fileName, format)
    return { fields, warnings, pages: [], ocr: null }
  }
  if (format === 'pdf') {
    const { pages, ocr, warnings, ...fields } = await extractPdfArticle(bytes, fileName, reading)
    return { fields, warnings, pages, ocr }
  }
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (encoding ?? utf16WithoutBom(bytes))?.startsWith('utf-16') === true
  const other = notTextRefusal(fileName, format === 'html' ? 'a web page' : 'plain text', bytes.subarray(0, NOT_TEXT_HEAD_BYTES), format === 'html')
  if (other !== null) throw other
  if (!utf16 && looksBinary(bytes)) throw new ImportInputError(`${fileName} looks like a binary file, not text; nothing was imported.`, null, 0)
  const decoded = decodeText(bytes, fileName, encoding)
  const fields = format === 'html' ? extractHtmlArticle(decoded.text, fileName) : parseArticleText(decoded.text, fileName)
  if (fields.body.trim() === '') throw new ImportInputError(`${fileName} has no text to import.`, null, null)
  return { fields, warnings: decoded.warnings, pages: [], ocr: null }
}

/**
 * What an import says of a file that was there when it began and is gone now. Any read of it may be
 * the one that finds it gone (the reader thread opening it, the hash, the last look before the commit).
 */
function vanishedMessage(fileName: string): string {
  return `${fileName} could not be imported: the file does not exist any more (it was moved or deleted while it was being imported); nothing was saved.`
}

function isVanished(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
}

/**
 * Refuses the import, before its commit, when the file is not the one that was looked at when it
 * began: moved, deleted, grown, cut or rewritten while it was being imported.
 */
async function checkUnchanged(path: string, fileName: string, before: BigIntStats): Promise<void> {
  const now = await stat(path, { bigint: true })
  if (!sameFileState(before, now)) throw new ImportInputError(fileChangedMessage(fileName), null, null)
}

/** Whether the file is no longer what it was when the import began (a file gone is not "changed"). */
async function changedSince(path: string, before: BigIntStats): Promise<boolean> {
  try {
    return !sameFileState(before, await stat(path, { bigint: true }))
  } catch {
    return false
  }
}

/** Below this size a table is parsed on the importing thread: starting a thread costs more than reading it. */
export const READER_THREAD_MIN_BYTES = 1 << 20

/**
 * How one file's writes are made all or nothing: a transaction of its own, or a savepoint inside
 * a batch's transaction (import-files.ts), whose commit then makes them durable.
 */
interface FileTransaction {
  /** Whether the file's writes are still open (begun, neither kept nor undone). */
  readonly open: boolean
  begin(): void
  keep(): void
  undo(): void
}

function ownTransaction(db: Database): FileTransaction {
  let open = false
  // The commit that publishes a large import would also copy the whole write-ahead log into the
  // database file (the automatic checkpoint). The rows are durable and visible once the log is
  // synced, so that copy waits for the next commit (the search index's) instead.
  let autoCheckpoint = 0
  return {
    get open() {
      return open
    },
    begin() {
      autoCheckpoint = Number(db.pragma('wal_autocheckpoint', { simple: true }))
      db.pragma('wal_autocheckpoint = 0')
      db.exec('BEGIN IMMEDIATE')
      open = true
    },
    keep() {
      db.exec('COMMIT')
      open = false
      db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`)
    },
    undo() {
      if (db.inTransaction) db.exec('ROLLBACK')
      open = false
      db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`)
    }
  }
}

function batchSavepoint(db: Database): FileTransaction {
  let open = false
  return {
    get open() {
      return open
    },
    begin() {
      db.exec('SAVEPOINT import_file')
      open = true
    },
    keep() {
      db.exec('RELEASE import_file')
      open = false
    },
    undo() {
      if (!open) return
      db.exec('ROLLBACK TO import_file')
      db.exec('RELEASE import_file')
      open = false
    }
  }
}

/**
 * Imports one file as a dataset or an article through `db`, a connection this import owns (it holds
 * a write transaction across awaits). Everything the file adds commits in one transaction; the
 * ledger records the attempt whatever happens; the same bytes imported twice are reported, not
 * copied. Only a regular file is read, and only if it stays as it was until the commit: its sha256
 * is that of exactly the bytes imported.
 */
export function importOneFile(
  db: Database,
  request: ImportRequest,
  signal: AbortSignal,
  onProgress: (progress: ImportProgress) => void,
  /** The built reader thread (out/main/import-reader-worker.js); null parses on this thread. */
  readerWorker: string | null,
  /** The size from which a table file is read in that thread (tests lower it to use the thread). */
  readerMinBytes = READER_THREAD_MIN_BYTES,
  /** The bytes of XML from which that thread reads an .xlsx sheet's rows on one more thread (tests lower it). */
  sheetThreadMinBytes = SHEET_THREAD_MIN_BYTES
): Promise<ImportOutcome> {
  return importThrough(ownTransaction(db), db, request, signal, onProgress, readerWorker, readerMinBytes, sheetThreadMinBytes)
}

/**
 * Imports one file as importOneFile does, inside the batch transaction `db` has open: the file's
 * writes (its ledger lines too) are all or nothing within the batch, and durable when the batch
 * commits. Its outcome must not be reported before that commit.
 */
export function importOneFileInBatch(...args: Parameters<typeof importOneFile>): Promise<ImportOutcome> {
  const [db] = args
  if (!db.inTransaction) throw new Error('importOneFileInBatch needs the batch transaction open')
  return importThrough(batchSavepoint(db), ...args)
}

async function importThrough(
  transaction: FileTransaction,
  ...[db, request, signal, onProgress, readerWorker, readerMinBytes = READER_THREAD_MIN_BYTES, sheetThreadMinBytes = SHEET_THREAD_MIN_BYTES]: Parameters<typeof importOneFile>
): Promise<ImportOutcome> {
  const started = performance.now()
  const fileName = basename(request.path)
  let format = importFormatOf(fileName)
  let kind = format === null ? null : kindOfFormat(format)
  const outcome = (fields: Partial<ImportOutcome> & Pick<ImportOutcome, 'status'>): ImportOutcome => ({
    file: fileName,
    path: request.path,
    kind,
    id: null,
    rows: 0,
    warnings: [],
    emptiedCells: [],
    error: null,
    seconds: elapsed(started),
    dataSeconds: 0,
    ocr: null,
    sheets: null,
    ...fields
  })

  // What the file is at the start; the commit waits for a last look that must see the same.
  let before: BigIntStats
  try {
    before = await stat(request.path, { bigint: true })
  } catch (error) {
    const target = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' ? await danglingLinkTarget(request.path) : null
    if (target !== null) return outcome({ status: 'failed', error: `Casefile can't read ${fileName}: it is a link to ${target}, which does not exist.` })
    return outcome({ status: 'failed', error: `Casefile can't read ${fileName}: ${importFailureReason(error)}.` })
  }
  // A folder's files are imported in its place (expandImportPaths): one that comes here has none.
  if (before.isDirectory()) return outcome({ status: 'failed', error: `${fileName} is a folder with no files to import in it (hidden files are left out); nothing was imported.` })
  // A named pipe would wait for a writer forever, holding the archive's write lock: refused before anything is opened.
  const notRegular = notRegularFileReason(before)
  if (notRegular !== null) return outcome({ status: 'failed', error: `Casefile can't read ${fileName}: ${notRegular}; Casefile imports only regular files.` })
  const size = Number(before.size)
  // An .xml is read when it is an Excel 2003 XML spreadsheet, as the same bytes named .xls are; a
  // file that cannot be read now goes on to the workbook reader, which says why.
  if (format === null && isXmlFileName(fileName) && (await isSpreadsheetMl(request.path).catch(() => true))) {
    format = 'xls'
    kind = 'dataset'
  }
  if (format === null) {
    const message = unsupportedFileMessage(fileName)
    recordIfPossible(() =>
      finishImport(db, startImport(db, { fileName, filePath: request.path, sizeBytes: size, sha256: '', kind: null, options: {} }), {
        status: 'failed', rows: 0, warnings: [], error: message
      })
    )
    return outcome({ status: 'failed', kind: null, error: message })
  }

  // A file whose bytes say it is another kind Casefile reads is read as that kind, and the result says so.
  const byContent = await formatByContent(request.path, fileName, format)
  if (byContent !== null) {
    format = byContent.format
    kind = kindOfFormat(format)
  }

  // An .xls that is really comma- or tab-separated text ("Export to Excel" buttons write them) is
  // read as the CSV it is, so its cells keep what is written (007 stays 007).
  const xlsAsText = format === 'xls' && (await textInsideXls(request.path).catch(() => null)) === 'delimited'
  const readAs = xlsAsText ? 'delimited' : format
  const table = {
    path: request.path,
    fileName,
    format: readAs === 'delimited' ? 'delimited' : readAs === 'json' ? 'json' : 'ndjson',
    options: request.options
  } as const
  const workbook = readAs === 'xlsx' || readAs === 'xls' || readAs === 'ods' ? readAs : null
  const streamed = kind === 'dataset' && workbook === null
  // A file can only repeat an earlier import of its very size. When none has it, the file is hashed
  // as it is read and rows are written from the start; the sha256 is checked for a copy before the
  // commit (another process may have imported the same bytes meanwhile). A workbook is hashed
  // first: its zip is read by random access, not in one pass, and the last look before the commit
  // refuses it if it changed meanwhile.
  const hashWhileReading = streamed && !importOfSizeExists(db, size)
  // The reader thread starts now, so its start-up and first batches overlap with the hash below, if any.
  // A large workbook's sheets are read there too, one after another. A small file is read here: a
  // thread's start-up (loading and compiling the readers anew, about a third of a second of CPU for
  // a workbook) costs more than reading it, and a folder of small workbooks paid it for each file.
  const threaded = kind === 'dataset' && readerWorker !== null && size >= readerMinBytes
  let reader = threaded ? startTableReader(readerWorker, { ...table, format: workbook ?? table.format, sheetThreadMinBytes }) : null
  /** Sheets of this workbook an earlier import already holds, left out of this one. */
  let sheetsAlreadyIn: string[] = []
  /** That earlier import, when the sheets not yet in turn out to hold no table: the workbook is a copy after all. */
  let earlierCopy: ReturnType<typeof findDuplicateImport> = null
  try {
    let sha256: string | null = null
    let articleBytes: Buffer | null = null
    if (!hashWhileReading) {
      try {
        onProgress({ phase: 'checking', bytesRead: 0, bytesTotal: size, rowsWritten: 0, parts: null, partsRead: 0, partsTotal: 0, ocrPages: 0, ocrStarting: false })
        if (kind === 'article') {
          const read = await readArticleBytes(request.path, fileName)
          articleBytes = read.bytes
          sha256 = read.sha256
        } else sha256 = await hashFile(request.path, signal)
      } catch (error) {
        if (error instanceof ImportCancelled) return outcome({ status: 'cancelled' })
        if (error instanceof ImportInputError) return outcome({ status: 'failed', error: error.message })
        return outcome({ status: 'failed', error: isVanished(error) ? vanishedMessage(fileName) : `Casefile can't read ${fileName}: ${importFailureReason(error)}.` })
      }
      let duplicate = request.options.force ? null : findDuplicateImport(db, sha256)
      // The same workbook with other sheets picked is not a copy: those sheets are imported, the
      // ones already in the archive are left out (and said so). An import of the whole workbook
      // holds its visible sheets, not the hidden ones its result told the person to pick by name.
      const sheetsIn = duplicate !== null && workbook !== null ? sheetsImportedBefore(db, sha256) : null
      if (sheetsIn !== null && (sheetsIn.whole ? request.options.sheets !== null : true)) {
        let wanted: string[]
        let visible: string[] = []
        try {
          // Loaded only here, as the workbook readers are (SheetJS among them).
          if (request.options.sheets === null || sheetsIn.whole) visible = await (await import('./workbook/visible-worksheets')).visibleWorksheets(request.path, fileName, workbook!, signal)
          wanted = request.options.sheets ?? visible
        } catch (error) {
          if (error instanceof ImportCancelled) return outcome({ status: 'cancelled' })
          if (error instanceof ImportInputError) return outcome({ status: 'failed', error: error.message })
          throw error
        }
        const isIn = (sheet: string) => sheetsIn.picked.has(sheet) || (sheetsIn.whole && visible.includes(sheet))
        const fresh = wanted.filter((sheet) => !isIn(sheet))
        if (fresh.length > 0) {
          sheetsAlreadyIn = wanted.filter(isIn)
          earlierCopy = duplicate
          duplicate = null
          request = { ...request, options: { ...request.options, sheets: fresh } }
          if (reader !== null) {
            reader.stop()
            reader = startTableReader(readerWorker!, { ...table, options: request.options, format: workbook!, sheetThreadMinBytes })
          }
        }
      }
      if (duplicate) {
        const ledger = { fileName, filePath: request.path, sizeBytes: size, sha256, kind, options: { ...request.options } }
        recordIfPossible(() => finishImport(db, startImport(db, ledger), { status: 'duplicate', rows: 0, warnings: [duplicate.warning], error: null }))
        return outcome({ status: 'duplicate', kind: duplicate.kind, id: duplicate.id, warnings: [duplicate.warning] })
      }
    }
    // A sha256 still to come is recorded in the ledger when the import finishes.
    const ledger = { fileName, filePath: request.path, sizeBytes: size, sha256: sha256 ?? '', kind, options: { ...request.options } }

    let importId: number
    try {
      // Another process writing the archive (another import, a sort index) is waited for, saying so.
      const waiting = () => onProgress({ phase: 'waiting', bytesRead: 0, bytesTotal: size, rowsWritten: 0, parts: null, partsRead: 0, partsTotal: 0, ocrPages: 0, ocrStarting: false })
      importId = await whenWritable(db, () => startImport(db, ledger), signal, waiting, WRITE_LOCK_WAIT_MS)
    } catch (error) {
      if (error instanceof ImportCancelled) return outcome({ status: 'cancelled' })
      // The archive stayed locked, or cannot be written at all: nothing was started.
      return outcome({ status: 'failed', error: `${fileName} could not be imported: ${importFailureReason(error)}.` })
    }
    let rowsWritten = 0
    let bytesRead = 0
    const partCounts: Pick<ImportProgress, 'parts' | 'partsRead' | 'partsTotal' | 'ocrPages' | 'ocrStarting'> = { parts: null, partsRead: 0, partsTotal: 0, ocrPages: 0, ocrStarting: false }
    const report = (phase: ImportProgress['phase']) => onProgress({ phase, bytesRead, bytesTotal: size, rowsWritten, ...partCounts })
    // OCR starts only when a page needs it (tesseract takes a second to load its model), and stops with the import.
    let ocrEngine: Promise<OcrEngine> | null = null
    const reading: PdfReading = {
      ocr: () => (ocrEngine ??= import('./article/ocr-engine').then(({ ocrParallelism, startOcrEngine }) => startOcrEngine(ocrParallelism()))),
      onPage: (partsRead, partsTotal, ocrPages) => {
        Object.assign(partCounts, { parts: 'pages', partsRead, partsTotal, ocrPages, ocrStarting: false })
        report('reading')
      },
      onOcrStarting: (partsRead, partsTotal) => {
        Object.assign(partCounts, { parts: 'pages', partsRead, partsTotal, ocrStarting: true })
        report('reading')
      },
      signal
    }
    transaction.begin()
    try {
      // The copy was looked for before this import held the archive's write lock; another process may
      // have imported the same bytes since (the same file imported twice at once). Under the lock the
      // answer is final. (Bytes hashed while they are read are looked up again before the commit.)
      const copy = sha256 !== null && !request.options.force && earlierCopy === null ? copyImportedMeanwhile(db, sha256, workbook !== null ? request.options.sheets : undefined) : null
      if (copy !== null) {
        transaction.undo()
        recordIfPossible(() => finishImport(db, importId, { status: 'duplicate', rows: 0, warnings: [copy.warning], error: null }))
        return outcome({ status: 'duplicate', kind: copy.kind, id: copy.id, warnings: [copy.warning] })
      }
      let result: ImportOutcome
      if (kind === 'article') {
        let read: ReadArticle
        try {
          read = await readArticle(articleBytes!, fileName, format, reading, request.options.encoding)
        } finally {
          if (ocrEngine !== null) await (await (ocrEngine as Promise<OcrEngine>).catch(() => null))?.stop()
        }
        const { fields, warnings } = read
        const overrides = request.article
        const id = insertArticle(db, {
          title: overrides?.title ?? fields.title,
          byline: overrides?.byline ?? fields.byline,
          publisher: overrides?.publisher ?? fields.publisher,
          publishedAt: overrides?.publishedAt ?? fields.publishedAt,
          url: overrides?.url ?? fields.url,
          language: overrides?.language ?? null,
          body: fields.body,
          sourceFile: fileName,
          sourceSize: size,
          sha256,
          importId,
          pages: read.pages,
          headings: fields.headings
        })
        result = outcome({ status: 'imported', id, rows: 1, warnings, ocr: read.ocr })
      } else if (workbook !== null) {
        // The workbook readers (SheetJS among them) are loaded only for workbooks.
        const { importWorkbook } = await import('./import-workbook')
        const written = await importWorkbook(
          db,
          {
            path: request.path,
            fileName,
            format: workbook,
            sourceSize: size,
            sha256: sha256!,
            importId,
            name: request.dataset?.name ?? fileName.replace(/\.[^.]+$/, ''),
            sources: request.dataset?.sources ?? []
          },
          request.options,
          signal,
          (rows) => {
            rowsWritten = rows
            report('reading')
          },
          (bytes) => {
            bytesRead = bytes
            report('reading')
          },
          (partsRead, partsTotal) => {
            Object.assign(partCounts, { parts: 'sheets', partsRead, partsTotal })
            report('reading')
          },
          reader
        )
        if (signal.aborted) throw new ImportCancelled()
        const first = written.sheets.find((sheet) => sheet.id !== null)!
        const alreadyIn = sheetsAlreadyIn.map((sheet) => `“${sheet}”`).join(', ')
        // Hidden sheets are left out unless picked; a table on one is data the person may not know is there.
        const hidden = written.sheets.filter((sheet) => sheet.status === 'hidden').map((sheet) => sheet.name)
        const warnings = [
          ...(sheetsAlreadyIn.length === 0
            ? []
            : [`${fileName}: ${sheetsAlreadyIn.length === 1 ? `sheet ${alreadyIn} is` : `sheets ${alreadyIn} are`} already in the archive from an earlier import, so only the others were imported.`]),
          ...(hidden.length === 0
            ? []
            : [`${fileName}: ${hiddenSheetsLeftOut(hidden)}.`]),
          ...written.warnings
        ]
        // The sheets left out because an earlier import holds them say so, rather than "not picked".
        const sheets = written.sheets.map((sheet): SheetOutcome => (sheetsAlreadyIn.includes(sheet.name) ? { ...sheet, status: 'already in' } : sheet))
        result = outcome({ status: 'imported', id: first.id, rows: written.rows, warnings, emptiedCells: written.emptiedCells, sheets })
      } else {
        const writer = new DatasetWriter(
          db,
          (rows) => {
            rowsWritten = rows
          },
          (bytes) => {
            bytesRead = bytes
            report('reading')
          },
          fileName,
          SPLIT_WIDE_FILE
        )
        let settled: SettledTypes
        let read: string
        let summary: SheetTableSummary | null
        if (reader) {
          const end = await reader.pipeTo(writer, signal)
          settled = end.settled
          read = end.sha256
          summary = end.summary
        } else {
          const typing = new TypingSink(writer, table.options.nullTokens)
          ;({ sha256: read, summary } = await readTableFile(table.path, fileName, table.format, table.options, typing, signal))
          settled = typing.finish()
        }
        // A CSV that opens with a title keeps it and its footnotes where a workbook's sheet keeps them.
        const titled = summary === null ? null : sheetSource(summary, [], fileName, fileName)
        if (signal.aborted) throw new ImportCancelled()
        // The bytes imported must be the bytes hashed to look for a copy.
        if (sha256 !== null && read !== sha256) throw new ImportInputError(fileChangedMessage(fileName), null, null)
        sha256 = read
        const duplicate = hashWhileReading && !request.options.force ? findDuplicateImport(db, sha256) : null
        if (duplicate) {
          transaction.undo()
          recordIfPossible(() => finishImport(db, importId, { status: 'duplicate', rows: 0, warnings: [duplicate.warning], error: null, sha256 }))
          return outcome({ status: 'duplicate', kind: duplicate.kind, id: duplicate.id, warnings: [duplicate.warning] })
        }
        const written = writer.finish({
          name: request.dataset?.name ?? fileName.replace(/\.[^.]+$/, ''),
          description: request.dataset?.description ?? null,
          sources: [...(request.dataset?.sources ?? []), ...(titled === null ? [] : [titled])],
          sourceFile: fileName,
          sourceSize: size,
          sha256,
          importId,
          sheet: null
        }, settled)
        const warnings = xlsAsText ? [`${fileName} is not an Excel workbook but delimited text; it was read as a CSV file.`, ...written.warnings] : written.warnings
        result = outcome({ status: 'imported', id: written.id, rows: written.rows, warnings, emptiedCells: written.emptiedCells })
      }
      if (byContent !== null) result.warnings.unshift(byContent.warning)
      // Sheets are chosen for workbooks; a folder or a list of files may mix them with other kinds.
      const sheets = request.options.sheets
      if (workbook === null && sheets !== null) {
        const chosen = sheets.map((sheet) => `“${sheet}”`).join(', ')
        result.warnings.push(`${fileName} is not a workbook, so the ${sheets.length === 1 ? 'sheet' : 'sheets'} chosen (${chosen}) ${sheets.length === 1 ? 'was' : 'were'} not used for it.`)
      }
      await checkUnchanged(request.path, fileName, before)
      transaction.keep()
      const dataSeconds = elapsed(started)
      const published = result.sheets !== null ? result.sheets.flatMap((sheet) => (sheet.id === null ? [] : [sheet.id, ...sheet.moreTables.map((table) => table.id)])) : result.id !== null ? [result.id] : []
      if (result.kind === 'dataset' && published.length > 0) {
        // The rows are published; the search index is built in its own transaction so a large table is
        // usable sooner. If this step is interrupted, the archive finishes it when it next opens.
        report('indexing')
        try {
          for (const id of published) await whenWritable(db, () => indexDatasetRows(db, id), signal, () => report('waiting'), WRITE_LOCK_WAIT_MS)
        } catch (error) {
          // The rows are kept either way: a cancel here stops only the index, which the archive finishes later.
          // The rows are in, so the reason must not say that nothing was imported.
          const what = error instanceof ImportCancelled ? 'was cancelled' : `failed (${failureReason(error)})`
          result.warnings.push(`${fileName}: the rows are saved, but indexing them for search ${what}; Casefile will index them when the archive next opens.`)
        }
      }
      try {
        finishImport(db, importId, { status: 'imported', rows: result.rows, warnings: result.warnings, error: null, sha256 })
      } catch (error) {
        // What was imported is committed: a ledger line that cannot be written now (the disk filled
        // up) must not report it as failed, "nothing added". The line stays 'running', and the next
        // open settles it from what was published (recoverInterruptedImports).
        const saved = result.kind === 'dataset' ? 'the rows are saved' : 'the article is saved'
        result.warnings.push(`${fileName}: ${saved}, but the import could not be recorded (${failureReason(error)}); Casefile will record it when the archive next opens.`)
      }
      return { ...result, dataSeconds, seconds: elapsed(started) }
    } catch (error) {
      if (transaction.open) transaction.undo()
      if (error instanceof ImportCancelled) {
        recordIfPossible(() => finishImport(db, importId, { status: 'cancelled', rows: 0, warnings: [], error: null }))
        return outcome({ status: 'cancelled' })
      }
      if (error instanceof NoTableInWorkbook && earlierCopy !== null) {
        const copy = earlierCopy
        recordIfPossible(() => finishImport(db, importId, { status: 'duplicate', rows: 0, warnings: [copy.warning], error: null }))
        return outcome({ status: 'duplicate', kind: copy.kind, id: copy.id, warnings: [copy.warning] })
      }
      // Damage found in a file that was rewritten while it was read is the rewrite's doing.
      const changed = error instanceof ImportInputError && (await changedSince(request.path, before))
      const message = changed
        ? fileChangedMessage(fileName)
        : error instanceof ImportInputError
          ? error.message
          : isVanished(error)
            ? vanishedMessage(fileName)
            : `${fileName} could not be imported: ${importFailureReason(error)}.`
      // Read as another kind than its name says, its failure would puzzle without saying why.
      const said = byContent !== null && !changed ? `${byContent.warning} ${message}` : message
      recordIfPossible(() => finishImport(db, importId, { status: 'failed', rows: 0, warnings: [], error: said }))
      return outcome({ status: 'failed', error: said })
    }
  } finally {
    reader?.stop()
  }
}
