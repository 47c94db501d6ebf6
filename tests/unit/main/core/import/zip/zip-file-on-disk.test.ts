// A zip on disk streams its parts in large pieces (a sheet of hundreds of megabytes then reaches its
// reader in few of them), whole and checked, and leaves no file open once closed, even when a reader
// stopped early.
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { ZipPackage } from '../../../../../../src/main/core/import/zip/zip-package'
import { writeZip } from '../../../../../helpers/write-zip'

const KIND = { what: 'an Excel workbook (.xlsx)', program: 'Excel or LibreOffice', extension: '.xlsx' }

/** Bytes deflate cannot shrink (a seeded xorshift), so that the part's compressed size is its size. */
function noise(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length)
  let state = seed
  for (let i = 0; i < length; i++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    bytes[i] = state & 0xff
  }
  return bytes
}

/** How many of this process's open files are `path`. */
function openCopies(path: string): number {
  let count = 0
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) count++
    } catch {
      // Closed while listed.
    }
  }
  return count
}

describe('a zip on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casefile-zip-on-disk-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const part = noise(3 * 1024 * 1024, 20_260_207)
  const path = writeZip(join(dir, 'big-part.xlsx'), [
    { name: 'small.xml', data: '<a/>' },
    { name: 'big.bin', data: part }
  ])

  it('streams a part of 3 MB whole, in pieces of 256 KiB (yauzl alone read 16 KiB at a time: ~190 pieces), and closes the file', async () => {
    const zip = await ZipPackage.open(path, 'big-part.xlsx', KIND)
    const pieces: Buffer[] = []
    for await (const piece of await zip.stream('big.bin', 'its part big.bin')) pieces.push(piece as Buffer)
    expect(Buffer.concat(pieces).equals(part)).toBe(true)
    expect(pieces.length).toBeLessThanOrEqual(16)
    expect((await zip.text('small.xml')) ?? '').toBe('<a/>')
    expect(openCopies(path)).toBe(1)
    zip.close()
    await sleep(50)
    expect(openCopies(path)).toBe(0)
  })

  it('closes the file when a reader stops before a part has ended', async () => {
    const zip = await ZipPackage.open(path, 'big-part.xlsx', KIND)
    const stream = await zip.stream('big.bin', 'its part big.bin')
    for await (const _piece of stream) break
    zip.close()
    await sleep(50)
    expect(openCopies(path)).toBe(0)
  })
})
