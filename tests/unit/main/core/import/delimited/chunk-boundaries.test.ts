import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FIXTURES, readPath, settingsFor, tempDir } from './read-fixture'

const TINY_CHUNKS = [1, 2, 3, 7]

describe('chunk boundaries', () => {
  const temp = tempDir()
  afterAll(() => temp.remove())

  it.each(TINY_CHUNKS)('splits 2-, 3- and 4-byte UTF-8 characters across %i-byte chunks', async (chunkBytes) => {
    const path = temp.write(`multibyte-${chunkBytes}.csv`, 'k,v\nñ,€😀\n"é\r\nü",x€\n')
    const { sink } = await readPath(path, settingsFor({}, chunkBytes))
    expect(sink.rowsReceived).toEqual([
      ['ñ', '€😀'],
      ['é\r\nü', 'x€']
    ])
    expect(sink.warnings).toEqual([])
  })

  it.each(TINY_CHUNKS)('treats a CRLF split across %i-byte chunks as one line break', async (chunkBytes) => {
    const path = temp.write(`crlf-${chunkBytes}.csv`, 'a,b\r\n1,2\r\n\r\n3\r\n"x\r\ny",4,5\r\n6,7')
    const { sink } = await readPath(path, settingsFor({}, chunkBytes))
    expect(sink.rowsReceived).toEqual([['1', '2'], ['3'], ['x\r\ny', '4,5'], ['6', '7']])
    // Line numbers count the blank line and the line break inside the quoted field.
    expect(sink.warnings).toEqual([
      {
        line: 4,
        message:
          'crlf-' + chunkBytes + '.csv: 2 row(s) did not have 2 fields (lines 4, 5); missing fields were left empty and extra fields joined into the last column.'
      }
    ])
  })

  it.each(TINY_CHUNKS)('splits UTF-16 code units and surrogate pairs across %i-byte chunks', async (chunkBytes) => {
    const { sink } = await readPath(join(FIXTURES, 'utf16be-bom.csv'), settingsFor({}, chunkBytes))
    expect(sink.rowsReceived).toEqual([
      ['José', 'Zürich', 'says "hi", then leaves'],
      ['Łukasz', 'Kraków', '😀 emoji']
    ])
  })

  it.each(TINY_CHUNKS)('splits a doubled quote across %i-byte chunks', async (chunkBytes) => {
    const path = temp.write(`quotes-${chunkBytes}.csv`, 'a\n""""\n"a""b"\n"""x"""\n')
    const { sink } = await readPath(path, settingsFor({ delimiter: ',' }, chunkBytes))
    expect(sink.rowsReceived).toEqual([['"'], ['a"b'], ['"x"']])
  })

  it('reports progress after every chunk, ending at the file size', async () => {
    const path = temp.write('progress.csv', 'a,b\n1,2\n3,4\n')
    const { result, sink } = await readPath(path, settingsFor({}, 4))
    expect(sink.progressReports).toEqual([4, 8, 12])
    expect(result.bytes).toBe(12)
  })
})
