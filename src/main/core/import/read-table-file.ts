import type { ImportOptions } from '@shared/model'
import { readDelimitedFile } from './delimited/read-delimited-file'
import { readJsonFile } from './json/read-json-file'
import type { RowSink } from './row-sink'

export type TableFormat = 'delimited' | 'json' | 'ndjson'

/** Reads any tabular file into `sink`, whatever its format; returns the sha256 of the bytes read. */
export async function readTableFile(
  path: string,
  fileName: string,
  format: TableFormat,
  options: ImportOptions,
  sink: RowSink,
  signal: AbortSignal
): Promise<string> {
  const read = format === 'delimited' ? await readDelimitedFile(path, fileName, options, sink, signal) : await readJsonFile(path, fileName, format, sink, signal)
  return read.sha256
}
