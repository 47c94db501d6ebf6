import { isUtf8 } from 'node:buffer'
import { ImportCancelled, ImportInputError, type RowSink } from '../row-sink'
import { notTextRefusal } from '../not-text-refusal'
import { SourceFile } from '../source-file'
import { utf16WithoutBom } from '../utf16-without-bom'
import { firstInvalidUtf8Byte } from '../utf8/first-invalid-utf8-byte'
import { incompleteUtf8Tail } from '../utf8/incomplete-utf8-tail'
import { JsonEventParser } from './json-event-parser'
import { JsonRowCollector } from './json-row-collector'
import { JsonShapeError } from './json-shape-error'
import { JsonSyntaxError } from './json-syntax-error'

/** What the reader delivered, for the import ledger. */
export interface JsonReadResult {
  format: 'json' | 'ndjson'
  rows: number
  bytes: number
  /** Of exactly the bytes read. */
  sha256: string
}

export interface JsonReadSettings {
  format: 'json' | 'ndjson'
  /** Bytes read per step; tests make it tiny to put every token, escape and character on a chunk edge. */
  chunkBytes: number
}

/** Room in front of each chunk for the bytes of a character split by the previous read. */
const MAX_CARRY = 3

/**
 * Streams a JSON or NDJSON file into a RowSink, one chunk at a time: validate UTF-8, parse, deliver
 * rows in batches. Memory stays bounded by the chunk, one batch and the largest row, whatever the
 * file's size. Throws ImportInputError for input it cannot import and ImportCancelled when `signal` fires.
 * The file must not change while it is read (see SourceFile); the result holds the sha256 of the bytes read.
 */
export async function readJson(
  path: string,
  fileName: string,
  settings: JsonReadSettings,
  sink: RowSink,
  signal: AbortSignal
): Promise<JsonReadResult> {
  if (signal.aborted) throw new ImportCancelled()
  const file = await SourceFile.open(path, fileName)
  try {
    const result = await readOpenFile(file, fileName, settings, sink, signal)
    return { ...result, sha256: await file.finish() }
  } catch (error) {
    throw await file.explain(asImportError(error, fileName, settings.format))
  } finally {
    await file.close()
  }
}

async function readOpenFile(
  file: SourceFile,
  fileName: string,
  settings: JsonReadSettings,
  sink: RowSink,
  signal: AbortSignal
): Promise<Omit<JsonReadResult, 'sha256'>> {
  const size = file.size
  if (size === 0) throw new ImportInputError(`${fileName} is empty (0 bytes); nothing was imported.`, null, 0)

  const collector: JsonRowCollector = new JsonRowCollector(settings.format, sink, fileName, (): { line: number; column: number } => parser.tokenPosition())
  const parser: JsonEventParser = new JsonEventParser(collector, settings.format === 'ndjson')
  const buffer = Buffer.allocUnsafe(settings.chunkBytes + MAX_CARRY)
  let position = await byteOrderMarkLength(file, size, fileName)
  let carried = 0
  while (position < size) {
    if (signal.aborted) throw new ImportCancelled()
    const bytesRead = await file.read(buffer, carried, settings.chunkBytes, position)
    // A file that shrank while being read ends here (and is refused; see SourceFile).
    if (bytesRead === 0) break
    const chunkStart = position - carried
    position += bytesRead
    const end = carried + bytesRead
    const held = position >= size ? 0 : incompleteUtf8Tail(buffer, end)
    feedChecked(parser, buffer.subarray(0, end - held), chunkStart)
    sink.progress(position)
    buffer.copyWithin(0, end - held, end)
    carried = held
  }
  if (carried > 0) feedChecked(parser, buffer.subarray(0, carried), position - carried)
  parser.finish(position)
  collector.finish()
  if (parser.removedNuls > 0) {
    sink.warning({ line: null, message: `${fileName} contained ${parser.removedNuls} NUL characters (\\u0000) in its strings; they were removed.` })
  }
  return { format: settings.format, rows: collector.rows, bytes: position }
}

/** Feeds valid UTF-8 text; at the first invalid byte, feeds what precedes it (its errors come first) and stops. */
function feedChecked(parser: JsonEventParser, bytes: Buffer, byteOffset: number): void {
  if (isUtf8(bytes)) {
    parser.feed(bytes.toString('utf8'), byteOffset)
    return
  }
  const bad = firstInvalidUtf8Byte(bytes)
  parser.feed(bytes.toString('utf8', 0, bad), byteOffset)
  const { line, column } = parser.positionAtEnd()
  const value = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')
  throw new JsonSyntaxError(`byte 0x${value} is not valid UTF-8 (JSON files must be UTF-8)`, line, column, byteOffset + bad)
}

/**
 * Bytes of a look at the start, for a byte-order mark, UTF-16 text without one, and another kind of
 * file: a zip's telling entries may lie tens of kilobytes in.
 */
const START_BYTES = 64 * 1024

/**
 * Bytes to skip at the start: a UTF-8 byte order mark is tolerated; UTF-16 and files of other kinds
 * (a zip, a PDF…) are refused with a clear reason.
 */
async function byteOrderMarkLength(file: SourceFile, size: number, fileName: string): Promise<number> {
  const start = Buffer.alloc(Math.min(size, START_BYTES))
  await file.read(start, 0, start.length, 0)
  const other = notTextRefusal(fileName, 'JSON', start, false)
  if (other !== null) throw other
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return 3
  if ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff) || utf16WithoutBom(start) !== null) {
    throw new ImportInputError(`${fileName} is UTF-16 text; JSON files must be UTF-8. Save it as UTF-8 and import it again.`, null, 0)
  }
  return 0
}

function asImportError(error: unknown, fileName: string, format: 'json' | 'ndjson'): unknown {
  if (error instanceof JsonSyntaxError) {
    const message =
      format === 'json'
        ? `${fileName}, line ${error.line}, column ${error.column}: ${error.reason}.`
        : `${fileName}, line ${error.line}: ${error.reason} (column ${error.column}).`
    return new ImportInputError(message, error.line, error.byteOffset)
  }
  if (error instanceof JsonShapeError) return new ImportInputError(`${fileName} ${error.reason}`, null, null)
  return error
}
