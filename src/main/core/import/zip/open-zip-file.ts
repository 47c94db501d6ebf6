import { open, type FileHandle } from 'node:fs/promises'
import { Readable } from 'node:stream'
import yauzl, { type Options, type ZipFile } from 'yauzl'

/**
 * Bytes per read of a part's compressed data. yauzl's own file reader reads 16 KB at a time: a
 * 50 MB sheet was then 3,200 reads, each a trip to the threadpool, inflating to as many small
 * pieces, each passed through the part's stream stages on the reader thread.
 */
const READ_BYTES = 256 * 1024

/** Bytes [position, end) of a file, read READ_BYTES at a time. */
class FileRange extends Readable {
  constructor(
    private readonly file: FileHandle,
    private position: number,
    private readonly end: number
  ) {
    super({ highWaterMark: READ_BYTES })
  }

  override _read(): void {
    const length = Math.min(READ_BYTES, this.end - this.position)
    if (length <= 0) {
      this.push(null)
      return
    }
    // Through the FileHandle, so that closing it waits for a read still under way.
    this.file.read(Buffer.allocUnsafe(length), 0, length, this.position).then(
      ({ bytesRead, buffer }) => {
        this.position += bytesRead
        // A file that shrank ends early: yauzl counts the bytes and says so.
        this.push(bytesRead === 0 ? null : buffer.subarray(0, bytesRead))
      },
      (error: Error) => this.destroy(error)
    )
  }
}

/** A zip file on disk as yauzl reads it, through a file handle that stays open while the package is. */
class FileRangeReader extends yauzl.RandomAccessReader {
  constructor(private readonly file: FileHandle) {
    super()
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return new FileRange(this.file, start, end)
  }

  /** Small reads (the directory, a part's local header) go straight to the file, as with yauzl's own reader. */
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null) => void): void {
    this.file.read(buffer, offset, length, position).then(
      // yauzl checks that a read was whole by its own reader's byte count: checked here instead.
      ({ bytesRead }) => callback(bytesRead < length ? new Error('unexpected EOF') : null),
      callback
    )
  }

  override close(callback: (error: Error | null) => void): void {
    this.file.close().then(() => callback(null), callback)
  }
}

/** Opens the zip file at `path` as yauzl.open does, but reads its parts READ_BYTES at a time. */
export async function openZipFile(path: string, options: Options): Promise<ZipFile> {
  const file = await open(path, 'r')
  try {
    const { size } = await file.stat()
    return await yauzl.fromRandomAccessReaderPromise(new FileRangeReader(file), size, { ...options, autoClose: false })
  } catch (error) {
    await file.close()
    throw error
  }
}
