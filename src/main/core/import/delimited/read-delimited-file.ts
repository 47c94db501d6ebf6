import type { ImportDelimiter, ImportEncoding, ImportOptions } from '@shared/model'
import type { RowSink } from '../row-sink'
import { readDelimited } from './read-delimited'

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
}

/** 1 MB reads keep each decoded chunk (and the strings sliced from it) small while costing little per call. */
const CHUNK_BYTES = 1024 * 1024

/**
 * Reads a CSV/TSV/pipe/semicolon file into `sink`, streaming, with the user's options (null ones are
 * detected). Throws ImportInputError for input it cannot read and ImportCancelled when `signal` fires.
 */
export async function readDelimitedFile(
  path: string,
  fileName: string,
  options: ImportOptions,
  sink: RowSink,
  signal: AbortSignal
): Promise<DelimitedReadResult> {
  return readDelimited(
    path,
    fileName,
    {
      delimiter: options.delimiter,
      encoding: options.encoding,
      header: options.header,
      quote: options.quote,
      chunkBytes: CHUNK_BYTES
    },
    sink,
    signal
  )
}
