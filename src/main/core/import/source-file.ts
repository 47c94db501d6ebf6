import { createHash, type Hash } from 'node:crypto'
import { constants, type BigIntStats } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { notRegularFileReason } from '../fs/regular-file'
import { ImportInputError } from './row-sink'

/** What an import says when the file it read was changed, cut or extended while it was being read. */
export function fileChangedMessage(fileName: string): string {
  return `${fileName} changed while it was being imported; nothing was saved. Import it again once it is complete.`
}

/** What tells a file from another, or from itself changed. */
export type FileIdentity = Pick<BigIntStats, 'dev' | 'ino' | 'size' | 'mtimeNs'>

/** Whether two looks at a file see the same file, unchanged: same inode, size and modification time. */
export function sameFileState(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs
}

/**
 * A file an import reads: opened once, without ever waiting on a pipe (O_NONBLOCK; only a regular
 * file is accepted), its sha256 taken of exactly the bytes read, in order, as they are read, and
 * checked at the end to be whole and unchanged since it was opened. So the hash recorded for an
 * import is the hash of what was imported, and a file still being written, cut short or rewritten
 * during the import is refused rather than half-imported.
 */
export class SourceFile {
  private readonly hash: Hash = createHash('sha256')
  /** Bytes hashed so far: the file's bytes [0, hashed). */
  private hashed = 0

  private constructor(
    private readonly handle: FileHandle,
    private readonly fileName: string,
    private readonly opened: BigIntStats
  ) {}

  static async open(path: string, fileName: string): Promise<SourceFile> {
    // O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer. Regular files ignore it.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
    try {
      const stats = await handle.stat({ bigint: true })
      const reason = notRegularFileReason(stats)
      if (reason !== null) throw new ImportInputError(`Casefile can't read ${fileName}: ${reason}; Casefile imports only regular files.`, null, null)
      return new SourceFile(handle, fileName, stats)
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  /** The file's size when it was opened. */
  get size(): number {
    return Number(this.opened.size)
  }

  /**
   * Reads into `buffer[offset, offset + length)` from `position` and hashes the bytes not hashed yet.
   * Reads may go back over bytes already read, but never skip any.
   */
  async read(buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    if (position > this.hashed) throw new Error(`${this.fileName}: a read at ${position} would skip bytes ${this.hashed}–${position} of the hash`)
    const { bytesRead } = await this.handle.read(buffer, offset, length, position)
    const end = position + bytesRead
    if (end > this.hashed) {
      this.hash.update(buffer.subarray(offset + (this.hashed - position), offset + bytesRead))
      this.hashed = end
    }
    return bytesRead
  }

  /** The whole file, read to its end. */
  async readAll(): Promise<Buffer> {
    const bytes = Buffer.allocUnsafe(this.size)
    let filled = 0
    while (filled < bytes.length) {
      const read = await this.read(bytes, filled, bytes.length - filled, filled)
      if (read === 0) break
      filled += read
    }
    return bytes.subarray(0, filled)
  }

  /**
   * Once every byte has been read: checks that the bytes read are the whole file and that it did
   * not change meanwhile, and returns their sha256. Throws ImportInputError (fileChangedMessage) if not.
   */
  async finish(): Promise<string> {
    const now = await this.handle.stat({ bigint: true })
    if (this.hashed !== this.size || !sameFileState(this.opened, now)) throw new ImportInputError(fileChangedMessage(this.fileName), null, null)
    return this.hash.digest('hex')
  }

  /**
   * For a reader that found the file's content wrong (a cut character, an unclosed quote, JSON that
   * ends too soon): when the file changed meanwhile, that is the reason to give.
   */
  async explain(error: unknown): Promise<unknown> {
    if (!(error instanceof ImportInputError)) return error
    const now = await this.handle.stat({ bigint: true })
    return sameFileState(this.opened, now) ? error : new ImportInputError(fileChangedMessage(this.fileName), null, null)
  }

  async close(): Promise<void> {
    await this.handle.close()
  }
}
