import { afterAll, describe, expect, it } from 'vitest'
import { readDelimited } from '../../../../../../src/main/core/import/delimited/read-delimited'
import { ImportCancelled } from '../../../../../../src/main/core/import/row-sink'
import { RecordingSink } from './recording-sink'
import { settingsFor, tempDir } from './read-fixture'

describe('cancellation', () => {
  const temp = tempDir()
  afterAll(() => temp.remove())
  const path = temp.write('rows.csv', 'a,b\n' + '1,2\n'.repeat(1000))

  it('stops before reading when the signal has already fired', async () => {
    const controller = new AbortController()
    controller.abort()
    const sink = new RecordingSink()
    await expect(readDelimited(path, 'rows.csv', settingsFor({}, 64), sink, controller.signal)).rejects.toThrow(ImportCancelled)
    expect(sink.labels).toBeNull()
  })

  it('stops at the next chunk when the signal fires mid-file', async () => {
    const controller = new AbortController()
    const sink = new RecordingSink()
    sink.onProgress = (bytes) => {
      if (bytes >= 256) controller.abort()
    }
    await expect(readDelimited(path, 'rows.csv', settingsFor({}, 64), sink, controller.signal)).rejects.toThrow(ImportCancelled)
    expect(sink.progressReports).toEqual([64, 128, 192, 256])
  })
})
