import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FIXTURES, readPath, settingsFor, tempDir } from './read-fixture'

describe('header row', () => {
  const temp = tempDir()
  afterAll(() => temp.remove())

  it('takes labels from the first record exactly as written, blanks named by position, duplicates kept', async () => {
    const path = temp.write('labels.csv', ' id ,,name,name,"<b>x</b>",  \n1,2,3,4,5,6\n')
    const { result, sink } = await readPath(path, settingsFor({}, 1024))
    expect(sink.labels).toEqual([' id ', 'Column 2', 'name', 'name', '<b>x</b>', 'Column 6'])
    expect(sink.rowsReceived).toEqual([['1', '2', '3', '4', '5', '6']])
    expect(result.header).toBe(true)
  })

  it('names columns by position and keeps the first record as data without a header', async () => {
    const path = temp.write('no-header.csv', 'a,b,c\n1,2\n')
    const { result, sink } = await readPath(path, settingsFor({ header: false }, 1024))
    expect(sink.labels).toEqual(['Column 1', 'Column 2', 'Column 3'])
    expect(sink.rowsReceived).toEqual([
      ['a', 'b', 'c'],
      ['1', '2']
    ])
    expect(result).toMatchObject({ header: false, rows: 2 })
  })

  it('accepts a header with no data rows, with a warning', async () => {
    const { result, sink } = await readPath(join(FIXTURES, 'header-only.csv'), settingsFor({}, 1024))
    expect(sink.labels).toEqual(['a', 'b', 'c'])
    expect(sink.rowsReceived).toEqual([])
    expect(sink.warnings).toEqual([{ line: null, message: 'header-only.csv has a header but no data rows.' }])
    expect(result.rows).toBe(0)
  })
})
