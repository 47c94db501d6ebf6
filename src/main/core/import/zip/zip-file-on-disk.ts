import { close, fstat, open, read } from 'node:fs'
import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import yauzl, { type Options, type ZipFile } from 'yauzl'

/**
 * Bytes read from the file at once when a part streams. yauzl's own reader reads 16 KiB at a time:
 * a sheet of 50 MB compressed took ~3,200 reads, each a round trip to the thread pool, and as many
 * writes to zlib, whose ~4,000 inflated pieces then each went through every stream on the way; in
 * pieces of 1 MiB the same sheet is 50 reads and ~1,000 pieces, and the thread that reads the sheet
 * spends ~0.2 s less of its time moving them (measured on the 273 MB sheet of the formats bench).
 */
const READ_BYTES = 1024 * 1024

const openFile = promisify(open)
const statFile = promisify(fstat)

/**
 * Opens a zip file on disk as yauzl.open does (the same checks, the same errors, the file closed
 * when the ZipFile is closed and its streams are done), but with a reader whose streams read the
 * file in large pieces (see READ_BYTES).
 */
export async function openZipFileOnDisk(path: string, options: Options): Promise<ZipFile> {
  const fd = await openFile(path, 'r')
  try {
    const { size } = await statFile(fd)
    return await yauzl.fromRandomAccessReaderPromise(new FileReader(fd), size, options)
  } catch (error) {
    close(fd, () => {})
    throw error
  }
}

/** Reads a file descriptor for yauzl: short reads for its directory and headers, large pieces for its parts. */
class FileReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super()
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return new RangeStream(this, this.fd, start, end)
  }

  /** As yauzl's own reader does: the bytes read are handed on, so that a short read is seen as one. */
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    read(this.fd, buffer, offset, length, position, (error, bytesRead) => callback(error, bytesRead))
  }

  override close(callback: (err: Error | null) => void): void {
    close(this.fd, callback)
  }
}

/** The reader's counting of who uses it (yauzl's, not in its types): the file closes when none does. */
interface Counted {
  ref(): void
  unref(): void
}

/**
 * The bytes of the file from `start` to `end`, in pieces of READ_BYTES. It holds the file open
 * (a use of the reader) until it has ended or been destroyed and no read of it is under way, so that
 * a read never lands on a descriptor closed, or reused, under it.
 */
class RangeStream extends Readable {
  private position: number
  private reading = false
  private finished = false
  private readonly reader: Counted

  constructor(
    reader: yauzl.RandomAccessReader,
    private readonly fd: number,
    start: number,
    private readonly end: number
  ) {
    super()
    this.position = start
    this.reader = reader as unknown as Counted
    this.reader.ref()
  }

  override _read(): void {
    const length = Math.min(READ_BYTES, this.end - this.position)
    if (length <= 0) {
      this.push(null)
      this.release()
      return
    }
    const buffer = Buffer.allocUnsafe(length)
    this.reading = true
    read(this.fd, buffer, 0, length, this.position, (error, bytesRead) => {
      this.reading = false
      if (this.destroyed) return this.release()
      if (error) return this.destroy(error)
      if (bytesRead === 0) {
        // The file ended early: yauzl's byte count then says so.
        this.push(null)
        return this.release()
      }
      this.position += bytesRead
      this.push(bytesRead < length ? buffer.subarray(0, bytesRead) : buffer)
    })
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.reading) this.release()
    callback(error)
  }

  /** Lets the file go, once. */
  private release(): void {
    if (this.finished) return
    this.finished = true
    this.reader.unref()
  }
}
