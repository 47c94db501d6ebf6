import type { ImportDelimiter, ImportEncoding } from '@shared/model'
import { ImportCancelled, ImportInputError, type RowSink } from '../row-sink'
import { utf16MarkWithoutText } from '../utf16-mark-without-text'
import { SourceFile } from '../source-file'
import { DelimitedParser } from './delimited-parser'
import { detectEncoding } from './detect-encoding'
import { looksBinary } from '../looks-binary'
import { notTextRefusal } from '../not-text-refusal'
import { RowBatcher } from './row-batcher'
import { sniffDelimited } from './sniff-delimited'
import { TextChunkDecoder } from './text-chunk-decoder'
import { ByteRows } from './byte-rows'
import { opensWithTitle } from './opens-with-title'
import { TitledTableRows } from './titled-table-rows'
import type { SheetTableSummary } from '../workbook/sheet-table-reader'

/** What the reader settled on, for the import ledger, and what it delivered. */
export interface DelimitedReadResult {
  encoding: ImportEncoding
  delimiter: ImportDelimiter
  quote: 'double' | 'none'
  header: boolean
  rows: number
  bytes: number
  /** Of exactly the bytes read. */
  sha256: string
  /**
   * For a file that opens with a title over its header (see opensWithTitle): its titles, footnotes
   * and where they were, as the workbook import sums up a sheet's table; null for any other file.
   */
  summary: SheetTableSummary | null
}

export interface DelimitedReadSettings {
  delimiter: ImportDelimiter | null
  encoding: ImportEncoding | null
  header: boolean
  quote: 'double' | 'none'
  /** Bytes read per step; tests make it tiny to put every boundary case on a chunk edge. */
  chunkBytes: number
}

/** Encoding and delimiter sniffing look at this much of the file's start. */
const SAMPLE_BYTES = 64 * 1024
/** Room in front of each chunk for the bytes of a character split by the previous read. */
const MAX_CARRY = 4

/**
 * Streams a delimited text file into a RowSink: decode and parse one chunk at a time, so memory stays
 * bounded whatever the file's size. The first record is the header when `header` is set. Every row is
 * kept: short rows go as they are, long rows have their extra fields joined into the last column.
 * The file must not change while it is read (see SourceFile); the result holds the sha256 of the
 * bytes read.
 */
export async function readDelimited(
  path: string,
  fileName: string,
  settings: DelimitedReadSettings,
  sink: RowSink,
  signal: AbortSignal
): Promise<DelimitedReadResult> {
  if (signal.aborted) throw new ImportCancelled()
  const file = await SourceFile.open(path, fileName)
  try {
    const result = await readOpenFile(file, fileName, settings, sink, signal)
    return { ...result, sha256: await file.finish() }
  } catch (error) {
    throw await file.explain(error)
  } finally {
    await file.close()
  }
}

async function readOpenFile(
  file: SourceFile,
  fileName: string,
  settings: DelimitedReadSettings,
  sink: RowSink,
  signal: AbortSignal
): Promise<Omit<DelimitedReadResult, 'sha256'>> {
  const size = file.size
  if (size === 0) throw new ImportInputError(`${fileName} is empty (0 bytes); nothing was imported.`, null, null)

  const sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES))
  const sampleLength = await readFully(file, sample)
  const sampleIsWholeFile = sampleLength === size
  const { encoding, bomBytes, guessedWindows1252 } = detectEncoding(sample.subarray(0, sampleLength), settings.encoding, sampleIsWholeFile)
  const other = notTextRefusal(fileName, 'delimited text', sample.subarray(0, sampleLength), false)
  if (other !== null) throw other
  const notUtf16 = bomBytes === 2 ? utf16MarkWithoutText(sample.subarray(2, sampleLength), encoding as 'utf-16le' | 'utf-16be', sampleIsWholeFile) : null
  if (notUtf16 !== null) throw new ImportInputError(`${fileName} starts with a UTF-16 byte-order mark, but what follows is not UTF-16 text: ${notUtf16}; nothing was imported.`, null, null)
  if (!encoding.startsWith('utf-16') && looksBinary(sample.subarray(bomBytes, sampleLength))) {
    throw new ImportInputError(`${fileName} looks like a binary file, not text; nothing was imported.`, null, null)
  }
  if (guessedWindows1252) sink.warning({ line: null, message: `${fileName} is not UTF-8; it was read as Windows-1252 (Latin-1).` })

  const sampleText = decodeSample(sample.subarray(bomBytes, sampleLength), encoding, sampleIsWholeFile)
  const format = sniffDelimited({
    sample: sampleText,
    sampleIsWholeFile,
    fileName,
    delimiter: settings.delimiter,
    quote: settings.quote
  })

  // A table saved with its title and footnotes is read as the workbook reads a sheet; any other
  // file as before, on the fast path. Only the sample's first records decide.
  const titled = opensWithTitle(sampleText, sampleIsWholeFile, format, settings.header) ? new TitledTableRows(sink, fileName, format.delimiter) : null
  const rows = titled ?? new RowBatcher(sink, settings.header, format.delimiter)
  const parser = new DelimitedParser({ delimiter: format.delimiter, quote: format.quote }, rows.record)
  const decoder = new TextChunkDecoder(encoding)
  const bytes = titled === null && rows instanceof RowBatcher && encoding === 'utf-8' && sink.utf8 ? new ByteRows(sink.utf8, rows, format) : null

  let buffer = Buffer.allocUnsafe(settings.chunkBytes + MAX_CARRY)
  let carried = 0
  let position = bomBytes
  while (position < size) {
    if (signal.aborted) throw new ImportCancelled()
    if (carried + settings.chunkBytes > buffer.length) {
      // A record read as bytes is carried whole to the next read; the buffer grows to hold it.
      const grown = Buffer.allocUnsafe(carried + settings.chunkBytes + MAX_CARRY)
      buffer.copy(grown, 0, 0, carried)
      buffer = grown
    }
    const bytesRead = await file.read(buffer, carried, settings.chunkBytes, position)
    // A file that shrank while being read ends here (and is refused once read; see SourceFile).
    if (bytesRead === 0) break
    const chunkStart = position - carried
    position += bytesRead
    const end = carried + bytesRead
    let begin = 0
    if (bytes?.active) {
      const readTo = bytes.read(buffer, end, position >= size)
      if (bytes.active) {
        sink.progress(position)
        buffer.copyWithin(0, readTo, end)
        carried = end - readTo
        continue
      }
      // The text parser goes on from the first record the bytes could not give.
      parser.startAtLine(bytes.line)
      begin = readTo
    }
    const held = position >= size ? 0 : decoder.incompleteTail(buffer.subarray(begin, end))
    const text = decodeOrFail(decoder, buffer.subarray(begin, end - held), chunkStart + begin, parser, fileName)
    parser.feed(text)
    rows.textRead(text.length)
    sink.progress(position)
    buffer.copyWithin(0, end - held, end)
    carried = held
  }
  if (bytes?.active) {
    bytes.stop()
    parser.startAtLine(bytes.line)
  }
  // Bytes left over: a character cut by the end of a file that shrank (see SourceFile.explain), or the last record.
  if (carried > 0) parser.feed(decodeOrFail(decoder, buffer.subarray(0, carried), position - carried, parser, fileName))

  const unclosed = parser.unclosedQuoteLine
  if (unclosed !== null) {
    throw new ImportInputError(`${fileName}, line ${unclosed}: a quoted field opened here is never closed (missing ").`, unclosed, null)
  }
  parser.finish()
  // A titled file's table is found once its first rows are read, and a short file's only at its end.
  titled?.finish()
  if (rows.columns < 0) throw new ImportInputError(`${fileName} has no rows, only blank lines; nothing was imported.`, null, null)
  if (decoder.nulCount > 0) {
    sink.warning({ line: null, message: `${fileName} contained ${decoder.nulCount} NUL bytes; they were removed.` })
  }
  if (rows instanceof RowBatcher) rows.finish(fileName)
  return { encoding, delimiter: format.delimiter, quote: format.quote, header: settings.header, rows: rows.rows, bytes: position, summary: titled?.summary ?? null }
}

async function readFully(file: SourceFile, into: Buffer): Promise<number> {
  let filled = 0
  while (filled < into.length) {
    const bytesRead = await file.read(into, filled, into.length - filled, filled)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return filled
}

/** The sample as text for sniffing; bad bytes only end it early, the main pass reports them. */
function decodeSample(bytes: Buffer, encoding: ImportEncoding, sampleIsWholeFile: boolean): string {
  const decoder = new TextChunkDecoder(encoding)
  const whole = sampleIsWholeFile ? bytes : bytes.subarray(0, bytes.length - decoder.incompleteTail(bytes))
  const decoded = decoder.decode(whole)
  if (decoded.ok) return decoded.text
  const valid = decoder.decode(whole.subarray(0, decoded.invalidAt))
  return valid.ok ? valid.text : ''
}

function decodeOrFail(
  decoder: TextChunkDecoder,
  bytes: Buffer,
  fileOffset: number,
  parser: DelimitedParser,
  fileName: string
): string {
  const decoded = decoder.decode(bytes)
  if (decoded.ok) return decoded.text
  const before = decoder.decode(bytes.subarray(0, decoded.invalidAt))
  const line = before.ok ? parser.lineAfter(before.text) : parser.line
  const offset = fileOffset + decoded.invalidAt
  const name = decoder.encoding.toUpperCase()
  const advice =
    decoder.encoding === 'utf-8'
      ? 'If the file is in Windows-1252 (Latin-1), import it again with --encoding windows-1252 (in the app: Encoding → Windows-1252).'
      : 'The file may be damaged or in another encoding; choose its encoding under Encoding (--encoding).'
  throw new ImportInputError(`${fileName}, line ${line}: the bytes at offset ${offset} are not valid ${name}. ${advice}`, line, offset)
}
