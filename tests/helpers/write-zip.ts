import { writeFileSync } from 'node:fs'
import { crc32, deflateRawSync } from 'node:zlib'

export interface ZipEntry {
  name: string
  data: string | Buffer
}

/**
 * A zip file written by hand, deflated, the way a word processor or a script would: so the tests
 * read Office and OpenDocument packages made by other software than the one Casefile reads with.
 */
export function zipBytes(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data
    const packed = deflateRawSync(data)
    const name = Buffer.from(entry.name, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, packed)
    centrals.push(central, name)
    offset += local.length + name.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

export function writeZip(path: string, entries: readonly ZipEntry[]): string {
  writeFileSync(path, zipBytes(entries))
  return path
}

/** Where an entry of a zip made by `zipBytes` sits: its central directory record and its compressed bytes. */
export function zipEntryAt(zip: Buffer, name: string): { central: number; dataStart: number; dataLength: number } {
  const record = Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])])
  for (let central = zip.indexOf(record); central >= 0; central = zip.indexOf(record, central + 4)) {
    const nameLength = zip.readUInt16LE(central + 28)
    if (zip.toString('utf8', central + 46, central + 46 + nameLength) !== name) continue
    const local = zip.readUInt32LE(central + 42)
    return { central, dataStart: local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28), dataLength: zip.readUInt32LE(central + 20) }
  }
  throw new Error(`no entry ${name}`)
}

/** A copy of `zip` whose central directory says other things of entry `name` than its bytes do (as a damaged or crafted file would). */
export function withDeclared(zip: Buffer, name: string, declared: { crc32: number | null; size: number | null }): Buffer {
  const copy = Buffer.from(zip)
  const { central } = zipEntryAt(copy, name)
  if (declared.crc32 !== null) copy.writeUInt32LE(declared.crc32 >>> 0, central + 16)
  if (declared.size !== null) copy.writeUInt32LE(declared.size, central + 24)
  return copy
}
