import type { ImportOptions } from '@shared/model'
import { readDelimitedFile } from './delimited/read-delimited-file'
import { readJsonFile } from './json/read-json-file'
import type { RowSink } from './row-sink'

export type TableFormat = 'delimited' | 'json' | 'ndjson'

/** Reads any tabular file into `sink`, whatever its format. */
export async function readTableFile(
  path: string,
  fileName: string,
  format: TableFormat,
  options: ImportOptions,
  sink: RowSink,
  signal: AbortSignal
): Promise<void> {
  if (format === 'delimited') await readDelimitedFile(path, fileName, options, sink, signal)
  else await readJsonFile(path, fileName, format, sink, signal)
}
