import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import type { ImportOptions } from '@shared/model'
import { readDelimited, type DelimitedReadResult, type DelimitedReadSettings } from '../../../../../../src/main/core/import/delimited/read-delimited'
import { RecordingSink } from './recording-sink'

export const FIXTURES = resolve(import.meta.dirname, '../../../../../fixtures/import/delimited')

/** What readTableFile passes, so tests that vary one setting still read like the real import. */
export function settingsFor(options: Partial<ImportOptions>, chunkBytes: number): DelimitedReadSettings {
  return {
    delimiter: options.delimiter ?? null,
    encoding: options.encoding ?? null,
    header: options.header ?? true,
    quote: options.quote ?? 'double',
    chunkBytes
  }
}

export interface ReadOutcome {
  result: DelimitedReadResult
  sink: RecordingSink
}

export async function readPath(path: string, settings: DelimitedReadSettings, sink = new RecordingSink()): Promise<ReadOutcome> {
  const result = await readDelimited(path, basename(path), settings, sink, new AbortController().signal)
  return { result, sink }
}

/** A temp directory that the returned function removes. */
export function tempDir(): { dir: string; write: (name: string, bytes: string | Uint8Array) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'casefile-delimited-'))
  return {
    dir,
    write: (name, bytes) => {
      const path = join(dir, name)
      writeFileSync(path, bytes)
      return path
    },
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}
