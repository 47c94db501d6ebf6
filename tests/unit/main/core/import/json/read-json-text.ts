import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { readJson, type JsonReadResult } from '../../../../../../src/main/core/import/json/read-json'
import { RecordingSink } from './recording-sink'

const dir = mkdtempSync(join(tmpdir(), 'casefile-json-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0

export interface JsonReadOutcome {
  result: JsonReadResult | null
  /** What readJson threw, or null. */
  error: unknown
  sink: RecordingSink
}

/** Writes `content` to a file named `fileName` and reads it with the given chunk size, catching the outcome. */
export async function readJsonText(
  content: string | Uint8Array,
  fileName: string,
  format: 'json' | 'ndjson',
  chunkBytes: number
): Promise<JsonReadOutcome> {
  const path = join(dir, `${files++}-${fileName}`)
  writeFileSync(path, content)
  const sink = new RecordingSink()
  try {
    const result = await readJson(path, fileName, { format, chunkBytes }, sink, new AbortController().signal)
    return { result, error: null, sink }
  } catch (error) {
    return { result: null, error, sink }
  }
}

/** Bytes from text pieces and raw byte values, for inputs that are not valid UTF-8. */
export function bytes(...parts: (string | number)[]): Uint8Array {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from([part]))))
}
