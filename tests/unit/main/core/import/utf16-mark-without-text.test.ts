// A file that starts with a UTF-16 byte-order mark but whose bytes after it are no UTF-16 text is
// refused in one line naming the file and what is wrong, instead of becoming a dataset (or an
// article) of CJK characters made of the pairs of its bytes. Real UTF-16 files, CJK ones too, import.
import { describe, expect, it } from 'vitest'
import { getDataset } from '../../../../../src/main/core/datasets/dataset-queries'
import { importTestArchive } from '../../../../helpers/import-test-archive'

const GARBAGE = Buffer.from('fffe0067617262616765', 'hex')

async function imported(name: string, bytes: Uint8Array) {
  const archive = await importTestArchive()
  const outcome = await archive.run(archive.write(name, bytes), {}, () => undefined)
  return { archive, outcome }
}

describe('a UTF-16 byte-order mark in front of bytes that are no UTF-16 text', () => {
  it('refuses a stray mark before ASCII bytes, as a table and as text', async () => {
    for (const name of ['f.csv', 'f.txt']) {
      const { outcome } = await imported(name, GARBAGE)
      expect(outcome.status, name).toBe('failed')
      expect(outcome.error, name).toBe(
        `${name} starts with a UTF-16 byte-order mark, but what follows is not UTF-16 text: its bytes are the plain ASCII text “garbage”, not UTF-16 characters; nothing was imported.`
      )
    }
  })

  it('refuses an odd number of bytes after the mark', async () => {
    const { outcome } = await imported('odd.csv', Buffer.concat([Buffer.from('fffe', 'hex'), Buffer.from('a,b\n1,2\n', 'utf16le'), Buffer.from([0x33])]))
    expect(outcome).toMatchObject({ status: 'failed', error: 'odd.csv starts with a UTF-16 byte-order mark, but what follows is not UTF-16 text: it holds an odd number of bytes after the mark (17), and UTF-16 has two a character; nothing was imported.' })
  })

  it('still imports UTF-16 tables, with CJK column names and without a final line break', async () => {
    const { archive, outcome } = await imported('cjk.csv', Buffer.concat([Buffer.from('fffe', 'hex'), Buffer.from('移民法院,案件\n北京,12', 'utf16le')]))
    expect(outcome).toMatchObject({ status: 'imported', error: null })
    expect(getDataset(archive.db, outcome.id!)!.columns.map((column) => column.label)).toEqual(['移民法院', '案件'])
  })
})
