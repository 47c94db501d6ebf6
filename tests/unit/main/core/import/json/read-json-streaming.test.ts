import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { readJson } from '../../../../../../src/main/core/import/json/read-json'
import { readTableFile } from '../../../../../../src/main/core/import/read-table-file'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../../../src/shared/model'
import { ImportCancelled } from '../../../../../../src/main/core/import/row-sink'
import { RecordingSink } from './recording-sink'
import { readJsonText } from './read-json-text'

const dir = mkdtempSync(join(tmpdir(), 'casefile-json-stream-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function rowsDocument(count: number, value: (i: number) => string): string {
  return `[${Array.from({ length: count }, (_, i) => `{"i": ${i}, "v": ${JSON.stringify(value(i))}}`).join(',\n')}]`
}

describe('streaming', () => {
  test('delivers rows in batches of 5,000 and reports monotonic progress up to the file size', async () => {
    const text = rowsDocument(12_001, (i) => `row ${i}`)
    const { sink, result } = await readJsonText(text, 'many.json', 'json', 64 * 1024)
    const batches = sink.calls.flatMap((call) => (call.call === 'rows' ? [call.batch.length] : []))
    expect(batches).toEqual([5_000, 5_000, 2_001])
    expect(result?.rows).toBe(12_001)
    expect(sink.table[12_000]).toEqual(['12000', 'row 12000'])
    expect(sink.progressed).toEqual([...sink.progressed].sort((a, b) => a - b))
    expect(sink.progressed.at(-1)).toBe(Buffer.byteLength(text))
  })

  test('cuts batches short when their text grows large, so memory stays flat for wide rows', async () => {
    const { sink } = await readJsonText(rowsDocument(3_000, () => 'x'.repeat(2_000)), 'wide.json', 'json', 1 << 20)
    const batches = sink.calls.flatMap((call) => (call.call === 'rows' ? [call.batch.length] : []))
    expect(batches.length).toBeGreaterThan(2)
    expect(Math.max(...batches)).toBeLessThan(1_100)
    expect(batches.reduce((a, b) => a + b)).toBe(3_000)
  })

  test('the public entry point reads a real file', async () => {
    const path = join(dir, 'entry.json')
    writeFileSync(path, '{"data": [{"a": 1}]}')
    const sink = new RecordingSink()
    expect((await readTableFile(path, 'entry.json', 'json', DEFAULT_IMPORT_OPTIONS, sink, new AbortController().signal)).sha256).toBe(
      createHash('sha256').update('{"data": [{"a": 1}]}').digest('hex')
    )
    expect(sink.table).toEqual([['1']])
  })
})

describe('cancellation', () => {
  const path = join(dir, 'cancel.json')
  writeFileSync(path, rowsDocument(20_000, (i) => `row ${i}`))

  test('an already aborted signal reads nothing', async () => {
    const controller = new AbortController()
    controller.abort()
    const sink = new RecordingSink()
    await expect(readJson(path, 'cancel.json', { format: 'json', chunkBytes: 4096 }, sink, controller.signal)).rejects.toBeInstanceOf(ImportCancelled)
    expect(sink.calls).toEqual([])
    expect(sink.progressed).toEqual([])
  })

  test('aborting mid-file stops at the next chunk', async () => {
    const controller = new AbortController()
    const sink = new RecordingSink()
    const progress = sink.progress.bind(sink)
    sink.progress = (bytes: number) => {
      progress(bytes)
      if (sink.progressed.length === 3) controller.abort()
    }
    await expect(readJson(path, 'cancel.json', { format: 'json', chunkBytes: 4096 }, sink, controller.signal)).rejects.toBeInstanceOf(ImportCancelled)
    expect(sink.progressed).toEqual([4096, 8192, 12288])
    expect(sink.calls.filter((call) => call.call === 'rows')).toEqual([])
  })
})
