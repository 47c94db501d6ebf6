import type { ImportOptions } from '@shared/model'
import { readDelimited } from './delimited/read-delimited'
import { readJson } from './json/read-json'
import type { RowSink } from './row-sink'
import type { SheetTableSummary } from './workbook/sheet-table-reader'

export type TableFormat = 'delimited' | 'json' | 'ndjson'

/** 1 MB reads keep each decoded chunk (and the strings sliced from it) small while costing little per call. */
const CHUNK_BYTES = 1024 * 1024

/**
 * Reads any tabular file into `sink`, streaming, with the person's options (null ones are detected):
 * CSV/TSV/pipe/semicolon text, a .json file (an array of objects, or an object with one member
 * holding one) or an .ndjson/.jsonl file (one object per line). Throws ImportInputError for input it
 * cannot read and ImportCancelled when `signal` fires; returns the sha256 of the bytes read, and
 * for delimited text that opens with a title its table's summary (titles, footnotes: see readDelimited).
 */
export async function readTableFile(
  path: string,
  fileName: string,
  format: TableFormat,
  options: ImportOptions,
  sink: RowSink,
  signal: AbortSignal
): Promise<{ sha256: string; summary: SheetTableSummary | null }> {
  if (format === 'delimited') {
    const read = await readDelimited(path, fileName, { delimiter: options.delimiter, encoding: options.encoding, header: options.header, quote: options.quote, chunkBytes: CHUNK_BYTES }, sink, signal)
    return { sha256: read.sha256, summary: read.summary }
  }
  const read = await readJson(path, fileName, { format, chunkBytes: CHUNK_BYTES }, sink, signal)
  return { sha256: read.sha256, summary: null }
}
