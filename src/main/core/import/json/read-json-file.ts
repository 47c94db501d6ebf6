import type { RowSink } from '../row-sink'
import { readJson } from './read-json'

/** What the reader delivered, for the import ledger. */
export interface JsonReadResult {
  format: 'json' | 'ndjson'
  rows: number
  bytes: number
  /** Of exactly the bytes read. */
  sha256: string
}

/** 1 MB reads keep each decoded chunk (and the strings sliced from it) small while costing little per call. */
const CHUNK_BYTES = 1024 * 1024

/**
 * Reads a .json file (an array of objects, or an object with one member holding one) or an
 * .ndjson/.jsonl file (one object per line) into `sink`, streaming. Throws ImportInputError for
 * input it cannot import and ImportCancelled when `signal` fires.
 */
export async function readJsonFile(
  path: string,
  fileName: string,
  format: 'json' | 'ndjson',
  sink: RowSink,
  signal: AbortSignal
): Promise<JsonReadResult> {
  return readJson(path, fileName, { format, chunkBytes: CHUNK_BYTES }, sink, signal)
}
