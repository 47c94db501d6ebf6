import { open } from 'node:fs/promises'
import { pipeline, Transform, type Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { ImportInputError } from '../row-sink'

/** The first bytes of an OLE compound file: old Office formats, and Office files saved with a password. */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
/** Bytes per inflated piece of a part. */
const INFLATE_CHUNK = 256 * 1024
/** An entry's text is read whole only up to this size; sheets are streamed instead. */
const MAX_WHOLE_ENTRY = 256 * 1024 * 1024

/** What a file's first bytes say it is, whatever its name says. */
export type Container = 'zip' | 'compound' | 'other'

export async function containerOf(path: string): Promise<{ container: Container; encrypted: boolean }> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(8)
    await handle.read(head, 0, 8, 0)
    if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return { container: 'zip', encrypted: false }
    if (!head.equals(COMPOUND_FILE)) return { container: 'other', encrypted: false }
    // Office encrypts a file with a password by wrapping the whole package, encrypted, in a compound
    // file whose streams are named EncryptionInfo and EncryptedPackage (names stored as UTF-16).
    const { size } = await handle.stat()
    const directory = Buffer.alloc(Math.min(size, 1024 * 1024))
    await handle.read(directory, 0, directory.length, 0)
    return { container: 'compound', encrypted: directory.includes(Buffer.from('EncryptedPackage', 'utf16le')) }
  } finally {
    await handle.close()
  }
}

/**
 * An Office or OpenDocument file opened as the zip package it is: entries found through the
 * central directory (in any order the writing program chose), read whole or streamed.
 */
export class ZipPackage {
  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly fileName: string
  ) {}

  /** Opens `path`; a damaged or cut-short zip is refused with a message naming the file. */
  static async open(path: string, fileName: string): Promise<ZipPackage> {
    let zip: ZipFile
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false })
    } catch (error) {
      throw new ImportInputError(`${fileName} is damaged: its zip structure cannot be read (${messageOf(error)}); nothing was imported.`, null, null)
    }
    const entries = new Map<string, Entry>()
    try {
      for await (const entry of zip.eachEntry()) entries.set(entry.fileName.replace(/^\/+/, ''), entry)
    } catch (error) {
      zip.close()
      throw new ImportInputError(`${fileName} is damaged: its list of parts cannot be read (${messageOf(error)}); nothing was imported.`, null, null)
    }
    return new ZipPackage(zip, entries, fileName)
  }

  has(name: string): boolean {
    return this.entries.has(name)
  }

  names(): string[] {
    return [...this.entries.keys()]
  }

  /** The uncompressed size the package declares for an entry (0 when it is missing). */
  sizeOf(name: string): number {
    return this.entries.get(name)?.uncompressedSize ?? 0
  }

  /** An entry's bytes as a stream; its declared size and checksum are checked as it is read. */
  async stream(name: string): Promise<Readable> {
    const entry = this.entries.get(name)
    if (!entry) throw new ImportInputError(`${this.fileName} is damaged: its part ${name} is missing; nothing was imported.`, null, null)
    if (entry.isEncrypted()) throw new ImportInputError(`${this.fileName} is password-protected; save a copy without a password and import that.`, null, null)
    let raw: Readable
    try {
      raw = await this.zip.openReadStreamPromise(entry, { decompress: entry.compressionMethod === 8 ? false : null })
    } catch (error) {
      throw new ImportInputError(`${this.fileName} is damaged: its part ${name} cannot be read (${messageOf(error)}); nothing was imported.`, null, null)
    }
    // Inflated here rather than by yauzl, in chunks sixteen times zlib's default: a sheet of
    // hundreds of megabytes then reaches its reader in fewer, larger pieces. The size the package
    // declares is checked at the end, as yauzl would.
    let total = 0
    const expected = entry.uncompressedSize
    const fileName = this.fileName
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        total += chunk.length
        done(null, chunk)
      },
      flush(done) {
        done(total === expected ? null : new Error(`${fileName}'s part ${name} holds ${total} bytes, not the ${expected} its zip declares`))
      }
    })
    const stages: NodeJS.ReadWriteStream[] = entry.compressionMethod === 8 ? [createInflateRaw({ chunkSize: INFLATE_CHUNK }), counted] : [counted]
    pipeline(raw, ...(stages as [NodeJS.ReadWriteStream]), () => undefined)
    return counted
  }

  /** An entry read whole as UTF-8 text, or null when the package has no such entry. */
  async text(name: string): Promise<string | null> {
    if (!this.entries.has(name)) return null
    if (this.sizeOf(name) > MAX_WHOLE_ENTRY) {
      throw new ImportInputError(`${this.fileName}: its part ${name} is larger than Casefile reads at once (${MAX_WHOLE_ENTRY / 1048576} MB); nothing was imported.`, null, null)
    }
    const chunks: Buffer[] = []
    try {
      for await (const chunk of await this.stream(name)) chunks.push(chunk as Buffer)
    } catch (error) {
      if (error instanceof ImportInputError) throw error
      throw new ImportInputError(`${this.fileName} is damaged: its part ${name} cannot be read (${messageOf(error)}); nothing was imported.`, null, null)
    }
    return Buffer.concat(chunks).toString('utf8')
  }

  close(): void {
    this.zip.close()
  }
}

export function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '')
}
