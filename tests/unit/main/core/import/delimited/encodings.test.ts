import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'
import { FIXTURES, readPath, settingsFor, tempDir } from './read-fixture'

const CHUNK = 1024 * 1024
const LABELS = ['name', 'city', 'note']
const ROWS = [
  ['José', 'Zürich', 'says "hi", then leaves'],
  ['Łukasz', 'Kraków', '😀 emoji']
]

describe('text encodings', () => {
  const temp = tempDir()
  afterAll(() => temp.remove())

  it.each([
    ['utf8.csv', 'utf-8'],
    ['utf8-bom.csv', 'utf-8'],
    ['utf16le-bom.csv', 'utf-16le'],
    ['utf16be-bom.csv', 'utf-16be']
  ])('%s is read as %s, byte-order mark removed', async (file, encoding) => {
    const { result, sink } = await readPath(join(FIXTURES, file), settingsFor({}, CHUNK))
    expect(sink.labels).toEqual(LABELS)
    expect(sink.rowsReceived).toEqual(ROWS)
    expect(sink.warnings).toEqual([])
    expect(result.encoding).toBe(encoding)
  })

  it('reads a file that is not UTF-8 as Windows-1252, curly quotes and all, and says so', async () => {
    const { result, sink } = await readPath(join(FIXTURES, 'windows-1252.csv'), settingsFor({}, CHUNK))
    expect(sink.labels).toEqual(['name', 'quote'])
    expect(sink.rowsReceived).toEqual([['René', '“Bonjour” – €5']])
    expect(sink.warnings).toEqual([{ line: null, message: 'windows-1252.csv is not UTF-8; it was read as Windows-1252 (Latin-1).' }])
    expect(result).toMatchObject({ encoding: 'windows-1252', delimiter: ';' })
  })

  it('takes an explicit encoding without a warning', async () => {
    const { result, sink } = await readPath(join(FIXTURES, 'windows-1252.csv'), settingsFor({ encoding: 'windows-1252' }, CHUNK))
    expect(sink.rowsReceived).toEqual([['René', '“Bonjour” – €5']])
    expect(sink.warnings).toEqual([])
    expect(result.encoding).toBe('windows-1252')
  })

  it('reads UTF-16 without a byte-order mark when told to', async () => {
    const path = temp.write('no-bom.csv', Buffer.from('a,b\nñ,😀\n', 'utf16le'))
    const { result, sink } = await readPath(path, settingsFor({ encoding: 'utf-16le' }, 3))
    expect(sink.rowsReceived).toEqual([['ñ', '😀']])
    expect(result.encoding).toBe('utf-16le')
  })

  it('recognises UTF-16 without a byte-order mark (either byte order) instead of calling it binary', async () => {
    const text = 'name,city\nJosé,Zürich\n2,😀\n'
    const little = Buffer.from(text, 'utf16le')
    const big = Buffer.from(little).swap16()
    for (const [name, bytes, encoding] of [['le.csv', little, 'utf-16le'], ['be.csv', big, 'utf-16be']] as const) {
      const { result, sink } = await readPath(temp.write(name, bytes), settingsFor({}, 5))
      expect(sink.labels, name).toEqual(['name', 'city'])
      expect(sink.rowsReceived, name).toEqual([['José', 'Zürich'], ['2', '😀']])
      expect(sink.warnings, name).toEqual([])
      expect(result.encoding, name).toBe(encoding)
    }
  })

  it('recognises UTF-16 without a byte-order mark in other scripts too (a Russian table)', async () => {
    const text = 'город,дела,закрыто\nМосква,1200,14\nНовосибирск,310,2\nКазань,95,1\n'
    for (const [name, bytes, encoding] of [['u16ru.csv', Buffer.from(text, 'utf16le'), 'utf-16le'], ['u16ru-be.csv', Buffer.from(text, 'utf16le').swap16(), 'utf-16be']] as const) {
      const { result, sink } = await readPath(temp.write(name, bytes), settingsFor({}, 7))
      expect(sink.labels, name).toEqual(['город', 'дела', 'закрыто'])
      expect(sink.rowsReceived, name).toEqual([['Москва', '1200', '14'], ['Новосибирск', '310', '2'], ['Казань', '95', '1']])
      expect(result.encoding, name).toBe(encoding)
    }
  })

  it('lets a byte-order mark overrule the encoding option', async () => {
    const { result, sink } = await readPath(join(FIXTURES, 'utf8-bom.csv'), settingsFor({ encoding: 'windows-1252' }, CHUNK))
    expect(sink.rowsReceived).toEqual(ROWS)
    expect(result.encoding).toBe('utf-8')
  })

  it('rejects Windows-1252 bytes when UTF-8 is forced, naming the line and byte offset', async () => {
    const reading = readPath(join(FIXTURES, 'windows-1252.csv'), settingsFor({ encoding: 'utf-8' }, CHUNK))
    await expect(reading).rejects.toThrow(ImportInputError)
    await expect(reading).rejects.toMatchObject({
      line: 2,
      byteOffset: 14,
      message:
        'windows-1252.csv, line 2: the bytes at offset 14 are not valid UTF-8. If the file is in Windows-1252 (Latin-1), ' +
        'import it again with --encoding windows-1252 (in the app: Encoding → Windows-1252).'
    })
  })

  it('removes NUL characters (one warning with the count) and the snippet markers, keeps other controls', async () => {
    const path = temp.write('controls.csv', 'a,b\nx\u0000y,\uE000mark\uE001\n\u0000,bell\u0007tab\u000b\n')
    const { sink } = await readPath(path, settingsFor({}, 2))
    expect(sink.rowsReceived).toEqual([
      ['xy', 'mark'],
      [null, 'bell\u0007tab\u000b']
    ])
    expect(sink.warnings).toEqual([{ line: null, message: 'controls.csv contained 2 NUL bytes; they were removed.' }])
  })

  it('never produces U+FFFD for a Windows-1252 file', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 - 32 }, (_, i) => (i + 32 === 0x2c || i + 32 === 0x22 ? 0x41 : i + 32)))
    const path = temp.write('all-bytes.csv', Buffer.concat([Buffer.from('h\n'), bytes, Buffer.from('\n')]))
    const { sink } = await readPath(path, settingsFor({}, 5))
    const text = sink.rowsReceived[0]![0]!
    expect(text).not.toContain('\uFFFD')
    expect(text).toHaveLength(224)
    expect(text.slice(0x80 - 32, 0x80 - 32 + 3)).toBe('€\u0081‚')
  })
})
