import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'
import { FIXTURES, readPath, settingsFor, tempDir } from './read-fixture'

const CHUNK = 1024 * 1024

describe('input that cannot be imported', () => {
  const temp = tempDir()
  afterAll(() => temp.remove())

  it('rejects an empty file', async () => {
    const reading = readPath(join(FIXTURES, 'empty.csv'), settingsFor({}, CHUNK))
    await expect(reading).rejects.toThrow(ImportInputError)
    await expect(reading).rejects.toThrow('empty.csv is empty (0 bytes); nothing was imported.')
  })

  it('rejects a file with only blank lines or a byte-order mark', async () => {
    for (const [name, bytes] of [
      ['blank.csv', '\r\n\n\r\n'],
      ['bom-only.csv', '\uFEFF']
    ] as const) {
      const path = temp.write(name, bytes)
      await expect(readPath(path, settingsFor({}, CHUNK))).rejects.toThrow(`${name} has no rows, only blank lines; nothing was imported.`)
    }
  })

  it('rejects a binary file, naming its kind when its first bytes tell it', async () => {
    await expect(readPath(join(FIXTURES, 'binary.csv'), settingsFor({}, CHUNK))).rejects.toThrow(
      'binary.csv is a PNG picture, not delimited text; nothing was imported.'
    )
    const path = temp.write('records.csv', Buffer.from([0x00, 0x01, 0x02, 0x00, 0x00, 0x7f, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]))
    await expect(readPath(path, settingsFor({}, CHUNK))).rejects.toThrow('records.csv looks like a binary file, not text; nothing was imported.')
  })

  it('names the line where a quoted field opens and is never closed', async () => {
    for (const chunkBytes of [CHUNK, 3]) {
      const reading = readPath(join(FIXTURES, 'unterminated-quote.csv'), settingsFor({}, chunkBytes))
      await expect(reading).rejects.toThrow(ImportInputError)
      await expect(reading).rejects.toMatchObject({
        line: 5,
        message: 'unterminated-quote.csv, line 5: a quoted field opened here is never closed (missing ").'
      })
    }
  })

  it('fails on bytes that are not UTF-8 after a first 64 KB that was, naming offset and line', async () => {
    const head = 'id,text\n' + Array.from({ length: 4000 }, (_, i) => `${i},plain ascii text ${i}`).join('\n') + '\n'
    expect(head.length).toBeGreaterThan(64 * 1024)
    const path = temp.write('late-latin1.csv', Buffer.concat([Buffer.from(head), Buffer.from('4000,caf'), Buffer.from([0xe9]), Buffer.from('\n')]))
    const offset = head.length + 'caf'.length + '4000,'.length
    for (const settings of [settingsFor({}, CHUNK), settingsFor({ encoding: 'utf-8' }, 4096)]) {
      const reading = readPath(path, settings)
      await expect(reading).rejects.toMatchObject({
        name: 'ImportInputError',
        line: 4002,
        byteOffset: offset,
        message:
          `late-latin1.csv, line 4002: the bytes at offset ${offset} are not valid UTF-8. ` +
          'If the file is in Windows-1252 (Latin-1), import it again with --encoding windows-1252 (in the app: Encoding → Windows-1252).'
      })
    }
  })

  it('fails on a UTF-8 character cut off by the end of the file', async () => {
    const path = temp.write('cut.csv', Buffer.concat([Buffer.from('a\n€\n'), Buffer.from('€').subarray(0, 2)]))
    await expect(readPath(path, settingsFor({ encoding: 'utf-8' }, 2))).rejects.toMatchObject({ line: 3, byteOffset: 6 })
  })

  it('fails on an unpaired UTF-16 surrogate', async () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\nb', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('c\n', 'utf16le')])
    const path = temp.write('surrogate.csv', body)
    await expect(readPath(path, settingsFor({}, CHUNK))).rejects.toMatchObject({
      line: 2,
      byteOffset: 8,
      message: 'surrogate.csv, line 2: the bytes at offset 8 are not valid UTF-16LE. The file may be damaged or in another encoding; choose its encoding under Encoding (--encoding).'
    })
  })
})
