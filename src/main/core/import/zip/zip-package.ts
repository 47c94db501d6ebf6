import { open } from 'node:fs/promises'
import { pipeline, Transform, type Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { ImportInputError } from '../row-sink'

/** The first bytes of an OLE compound file: old Office formats, and Office files saved with a password. */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
/** Bytes per inflated piece of a part. */
const INFLATE_CHUNK = 256 * 1024
/** Where a compound file's directory names its streams, near its start. */
const DIRECTORY_WINDOW = 1024 * 1024
/** An entry's text is read whole only up to this size; sheets are streamed instead. */
const MAX_WHOLE_ENTRY = 256 * 1024 * 1024

/** What a file's first bytes say it is, whatever its name says. */
export type Container = 'zip' | 'compound' | 'other'

/** What bytes that open a file say it is: a zip, a compound file (and whether encrypted), or neither. */
export function containerOfBytes(head: Uint8Array): { container: Container; encrypted: boolean } {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return { container: 'zip', encrypted: false }
  if (!bytes.subarray(0, 8).equals(COMPOUND_FILE)) return { container: 'other', encrypted: false }
  // Office encrypts a file with a password by wrapping the whole package, encrypted, in a compound
  // file whose streams are named EncryptionInfo and EncryptedPackage (names stored as UTF-16).
  return { container: 'compound', encrypted: bytes.subarray(0, DIRECTORY_WINDOW).includes(Buffer.from('EncryptedPackage', 'utf16le')) }
}

/** `containerOfBytes` for a file on disk, reading only its first bytes. */
export async function containerOf(path: string): Promise<{ container: Container; encrypted: boolean }> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(DIRECTORY_WINDOW)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    return containerOfBytes(head.subarray(0, bytesRead))
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

  /** Opens a file on disk, or bytes already read; a damaged or cut-short zip is refused with a message naming the file. */
  static async open(source: string | Buffer, fileName: string): Promise<ZipPackage> {
    let zip: ZipFile
    try {
      const options = { lazyEntries: true, autoClose: false, strictFileNames: false }
      zip = typeof source === 'string' ? await yauzl.openPromise(source, options) : await yauzl.fromBufferPromise(source, options)
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
