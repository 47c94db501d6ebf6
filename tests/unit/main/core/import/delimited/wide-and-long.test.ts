import { afterAll, describe, expect, it } from 'vitest'
import { readPath, settingsFor, tempDir } from './read-fixture'

const CHUNK = 1024 * 1024

describe('wide, long and huge input', () => {
  const temp = tempDir()
  afterAll(() => temp.remove())

  it('reads 1,200 columns, in batches kept under ~200,000 cells', async () => {
    const header = Array.from({ length: 1200 }, (_, c) => `col ${c + 1}`).join(',')
    const rows = Array.from({ length: 300 }, (_, r) => Array.from({ length: 1200 }, (_, c) => (c % 7 === 0 ? '' : `${r}.${c}`)).join(','))
    const path = temp.write('wide.csv', [header, ...rows].join('\n'))
    const { result, sink } = await readPath(path, settingsFor({}, CHUNK))
    expect(sink.labels).toHaveLength(1200)
    expect(sink.labels?.[1199]).toBe('col 1200')
    expect(sink.rowsReceived).toHaveLength(300)
    expect(sink.rowsReceived[299]![0]).toBeNull()
    expect(sink.rowsReceived[299]![1199]).toBe('299.1199')
    // 167 rows × 1,200 fields reach 200,000 cells.
    expect(sink.batchSizes).toEqual([167, 133])
    expect(result).toMatchObject({ delimiter: ',', rows: 300 })
  })

  it('delivers many rows in batches of 10,000', async () => {
    const path = temp.write('long.csv', 'n\n' + Array.from({ length: 25_000 }, (_, i) => `${i}\n`).join(''))
    const { sink } = await readPath(path, settingsFor({}, 4096))
    expect(sink.batchSizes).toEqual([10_000, 10_000, 5_000])
    expect(sink.rowsReceived[24_999]).toEqual(['24999'])
  })

  it('delivers long rows every ~2 MB of text read', async () => {
    const path = temp.write('long-rows.csv', 'a\n' + `${'x'.repeat(100_000)}\n`.repeat(50))
    const { sink } = await readPath(path, settingsFor({}, CHUNK))
    // Flushed after the chunks that bring the text read to 2 MiB and 4 MiB: 20 and 41 rows complete.
    expect(sink.batchSizes).toEqual([20, 21, 9])
    expect(sink.rowsReceived[49]).toEqual(['x'.repeat(100_000)])
  })

  it('reads a 5 MB quoted field spanning many chunks and lines', async () => {
    const big = ('line with "quotes", commas\r\n'.repeat(180_000) + 'end').slice(0, 5 * 1024 * 1024)
    const path = temp.write('big-quoted.csv', `a,b\n1,"${big.replaceAll('"', '""')}"\n2,after\n`)
    const { sink } = await readPath(path, settingsFor({}, CHUNK))
    expect(sink.rowsReceived).toHaveLength(2)
    expect(sink.rowsReceived[0]![1]).toBe(big)
    expect(sink.rowsReceived[1]).toEqual(['2', 'after'])
  })

  it('reads a 5 MB unquoted field', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024)
    const path = temp.write('big-plain.csv', `a,b\n${big},1\n`)
    const { sink } = await readPath(path, settingsFor({}, CHUNK))
    expect(sink.rowsReceived).toEqual([[big, '1']])
  })
})
