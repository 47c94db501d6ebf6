import { open } from 'node:fs/promises'
import { Transform, type Readable } from 'node:stream'
import { crc32, createInflateRaw } from 'node:zlib'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { reasonOf } from '../../plain-failure'
import { ImportInputError } from '../row-sink'
import { openZipFileOnDisk } from './zip-file-on-disk'
import { systemCode, withCause, zipDirectoryRefusal, type PackageKind } from './zip-refusals'

/** The first bytes of an OLE compound file: old Office formats, and Office files saved with a password. */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
/** Bytes per inflated piece of a part. */
const INFLATE_CHUNK = 256 * 1024
/** Where a compound file's directory names its streams, near its start. */
const DIRECTORY_WINDOW = 1024 * 1024
/**
 * An entry's text is read whole only up to this size; sheets are streamed instead. The parts read
 * whole are small (a workbook's list of sheets, its styles, an .odt's content.xml), and an .odt's
 * text becomes a tree several times the size of its XML: 64 MB of it is a book of thousands of pages.
 */
const MAX_WHOLE_ENTRY = 64 * 1024 * 1024
/**
 * How many times its compressed size a part may inflate to, once it is past RATIO_FLOOR. Office and
 * OpenDocument XML mostly inflates 5 to 20 times (a 145 MB sheet of styled cells: 9.6 times; a tall
 * sheet of numbers: 10 times), but rows repeated word for word deflate at 180 to 260 times, and
 * LibreOffice writes them so when a row differs from the next only in its style (a real .ods of
 * 100,000 such rows: 244 times). A run of one byte, which only a file built to exhaust memory (a
 * zip bomb) holds, deflates about 1,030 times.
 */
const MAX_RATIO = 400
/** Parts smaller than this are read whatever their ratio: they cost nothing. */
const RATIO_FLOOR = 16 * 1024 * 1024

/** What a file's first bytes say it is, whatever its name says. */
export type Container = 'zip' | 'compound' | 'other'

/** What a file's first bytes say it is, and those bytes (at most SNIFFED_BYTES of them) for a refusal to name another kind of file. */
export interface ContainerFacts {
  container: Container
  encrypted: boolean
  head: Buffer
}

const SNIFFED_BYTES = 1024

/** What bytes that open a file say it is: a zip, a compound file (and whether encrypted), or neither. */
export function containerOfBytes(head: Uint8Array): ContainerFacts {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
  const sniffed = Buffer.from(bytes.subarray(0, SNIFFED_BYTES))
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return { container: 'zip', encrypted: false, head: sniffed }
  if (!bytes.subarray(0, 8).equals(COMPOUND_FILE)) return { container: 'other', encrypted: false, head: sniffed }
  // Office encrypts a file with a password by wrapping the whole package, encrypted, in a compound
  // file whose streams are named EncryptionInfo and EncryptedPackage (names stored as UTF-16).
  return { container: 'compound', encrypted: bytes.subarray(0, DIRECTORY_WINDOW).includes(Buffer.from('EncryptedPackage', 'utf16le')), head: sniffed }
}

/** `containerOfBytes` for a file on disk, reading only its first bytes. */
export async function containerOf(path: string): Promise<ContainerFacts> {
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
  static async open(source: string | Buffer, fileName: string, kind: PackageKind): Promise<ZipPackage> {
    let zip: ZipFile
    try {
      const options = { lazyEntries: true, autoClose: false, strictFileNames: false }
      zip = typeof source === 'string' ? await openZipFileOnDisk(source, options) : await yauzl.fromBufferPromise(source, options)
    } catch (error) {
      throw zipDirectoryRefusal(fileName, kind, error)
    }
    const entries = new Map<string, Entry>()
    try {
      for await (const entry of zip.eachEntry()) {
        const name = entry.fileName.replace(/^\/+/, '')
        // Programs disagree on which of two same-named parts to read (Excel repairs the file, others
        // take the first or the last), so the file could show one table there and another here.
        if (entries.has(name)) throw new ImportInputError(damaged(fileName, `it holds two parts named ${name}`), null, null)
        entries.set(name, entry)
      }
    } catch (error) {
      zip.close()
      if (error instanceof ImportInputError) throw error
      throw zipDirectoryRefusal(fileName, kind, error)
    }
    return new ZipPackage(zip, entries, fileName)
  }

  has(name: string): boolean {
    return this.entries.has(name)
  }

  /**
   * The stored name of the part a relationship names: as written, else percent-decoded (targets are
   * URIs: "Data%20Sheet.xml"), else in another case (package part names are compared without case,
   * and programs that rename parts do not keep it); null when the package holds none.
   */
  partName(name: string): string | null {
    if (this.entries.has(name)) return name
    let decoded = name
    try {
      decoded = decodeURIComponent(name)
    } catch {
      // Not a valid escape: the name as written is all there is.
    }
    if (this.entries.has(decoded)) return decoded
    const lower = decoded.toLowerCase()
    return [...this.entries.keys()].find((stored) => stored.toLowerCase() === lower) ?? null
  }

  names(): string[] {
    return [...this.entries.keys()]
  }

  /** The uncompressed size the package declares for an entry (0 when it is missing). */
  sizeOf(name: string): number {
    return this.entries.get(name)?.uncompressedSize ?? 0
  }

  /**
   * An entry's bytes as a stream, checked as they come: a part that inflates past the size the zip
   * declares is stopped there (so a lie in the directory cannot unpack more), and one that ends
   * short of it, or whose bytes fail the entry's CRC-32, errs at its end. Every error is a one-line
   * ImportInputError naming the part as `label` ("sheet “Data”").
   */
  async stream(name: string, label: string): Promise<Readable> {
    const entry = this.entries.get(name)
    if (!entry) throw new ImportInputError(`${this.fileName} is damaged: its part ${name} is missing; nothing was imported.`, null, null)
    if (entry.isEncrypted()) throw new ImportInputError(`${this.fileName} is password-protected; save a copy without a password and import that.`, null, null)
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      // Office and OpenDocument write parts stored or deflated; read raw, any other method would only fail its checksum.
      throw new ImportInputError(
        `${this.fileName} cannot be read: ${label} is compressed in a way Casefile does not read (zip method ${entry.compressionMethod}); nothing was imported. Open it in the program that made it, save it again and import that.`,
        null,
        null
      )
    }
    const expected = entry.uncompressedSize
    if (expected > RATIO_FLOOR && expected > entry.compressedSize * MAX_RATIO) {
      throw new ImportInputError(
        `${this.fileName} looks built to exhaust memory: ${label} would inflate to ${megabytes(expected)} from ${megabytes(entry.compressedSize)}, far more than real files do (or it is damaged); nothing was imported.`,
        null,
        null
      )
    }
    let raw: Readable
    try {
      raw = await this.zip.openReadStreamPromise(entry, { decompress: entry.compressionMethod === 8 ? false : null })
    } catch (error) {
      throw partRefusal(this.fileName, label, error)
    }
    const fail = (reason: string) => new ImportInputError(damaged(this.fileName, `${label} ${reason}`), null, null)
    let total = 0
    let checksum = 0
    const checked = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        total += chunk.length
        if (total > expected) return done(fail(`inflates past the ${expected.toLocaleString('en-US')} bytes its zip declares`))
        checksum = crc32(chunk, checksum)
        done(null, chunk)
      },
      flush(done) {
        // Fewer bytes than declared is the same damage as the wrong bytes: both fail the zip's check.
        done(total === expected && checksum === entry.crc32 ? null : fail('fails its checksum'))
      }
    })
    // Inflated here rather than by yauzl, in chunks sixteen times zlib's default: a sheet of
    // hundreds of megabytes then reaches its reader in fewer, larger pieces.
    const inflate = entry.compressionMethod === 8 ? createInflateRaw({ chunkSize: INFLATE_CHUNK }) : null
    raw.on('error', (error) => checked.destroy(partRefusal(this.fileName, label, error)))
    if (inflate === null) raw.pipe(checked)
    else {
      inflate.on('error', () => checked.destroy(fail('cannot be decompressed')))
      raw.pipe(inflate).pipe(checked)
    }
    // A reader that stops early (it has the rows it wanted, or failed) leaves nothing running.
    checked.on('close', () => {
      raw.destroy()
      inflate?.destroy()
    })
    return checked
  }

  /**
   * For a reader that takes a package's XML whole (mammoth for .docx): refuses a file whose XML
   * parts declare more than `limit` bytes in all. Nothing is inflated here: the reader is given only
   * the parts read through `bytes`, each checked as it is inflated, so pictures and other parts it
   * never reads (a video of zeros, a white bitmap) are neither inflated nor judged. `fix` is the
   * sentence that says what to do with a file too large.
   */
  refuseXmlPast(limit: number, fix: string): void {
    let xml = 0
    for (const [name, entry] of this.entries) if (/\.(xml|rels)$/i.test(name)) xml += entry.uncompressedSize
    if (xml > limit) {
      throw new ImportInputError(
        `${this.fileName} is too large to read: its XML inflates to ${megabytes(xml)}, and Casefile reads up to ${megabytes(limit)} of it in this format; nothing was imported. ${fix}`,
        null,
        null
      )
    }
  }

  /** An entry read whole as UTF-8 text, or null when the package has no such entry. */
  async text(name: string): Promise<string | null> {
    return this.entries.has(name) ? (await this.bytes(name)).toString('utf8') : null
  }

  /** An entry's bytes read whole, checked (see `stream`); the entry must exist. */
  async bytes(name: string): Promise<Buffer> {
    if (this.sizeOf(name) > MAX_WHOLE_ENTRY) {
      throw new ImportInputError(
        `${this.fileName} is too large to read: its part ${name} inflates to ${megabytes(this.sizeOf(name))}, and Casefile reads such a part whole up to ${megabytes(MAX_WHOLE_ENTRY)}; nothing was imported. Split it into smaller files and import those.`,
        null,
        null
      )
    }
    const chunks: Buffer[] = []
    for await (const chunk of await this.stream(name, `its part ${name}`)) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }

  close(): void {
    this.zip.close()
  }
}

/**
 * The one line for a file whose bytes are damaged (`what` says where: "sheet “Data” fails its
 * checksum"): a download cut short or a disk error, which reading again from a good copy cures.
 */
export function damaged(fileName: string, what: string): string {
  return `${fileName} is damaged (${what}); nothing was imported. Re-download or re-save it.`
}

/** The refusal of a part the directory lists whose bytes cannot be reached or read (`label`: "sheet “Data”"). */
function partRefusal(fileName: string, label: string, error: unknown): ImportInputError {
  if (systemCode(error) !== null) return withCause(`${fileName} cannot be read (${reasonOf(error)}); nothing was imported.`, error)
  return withCause(damaged(fileName, `${label} cannot be found where its zip says it is`), error)
}

/** A size in whole megabytes (MiB), or kilobytes below one, for messages. */
export function megabytes(bytes: number): string {
  return bytes < 1048576 ? `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB` : `${Math.round(bytes / 1048576).toLocaleString('en-US')} MB`
}

export function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '')
}
