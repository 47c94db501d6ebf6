import { createHash, type Hash } from 'node:crypto'
import { closeSync, constants, openSync, readSync } from 'node:fs'

const STEP_BYTES = 1024 * 1024

/**
 * A file's sha256, computed a megabyte at a time, synchronously, so a thread can fit the steps
 * between its other work: the reader thread hashes while it waits for the writer (see
 * import-reader-worker.ts), and hashFile yields between steps. No file descriptor is held between
 * steps, so a thread stopped mid-way leaves nothing open.
 */
export class FileHasher {
  private readonly hash: Hash = createHash('sha256')
  private readonly buffer = Buffer.allocUnsafe(STEP_BYTES)
  private position = 0
  private finished = false

  constructor(private readonly path: string) {}

  get done(): boolean {
    return this.finished
  }

  /** Hashes the next megabyte; false once the whole file is hashed. */
  step(): boolean {
    if (this.finished) return false
    // O_NONBLOCK: should the path have become a named pipe since it was checked, this returns at once
    // instead of waiting for a writer (and the reader, which checks what it opens, refuses it).
    const file = openSync(this.path, constants.O_RDONLY | constants.O_NONBLOCK)
    try {
      const bytesRead = readSync(file, this.buffer, 0, STEP_BYTES, this.position)
      if (bytesRead === 0) this.finished = true
      else {
        this.hash.update(this.buffer.subarray(0, bytesRead))
        this.position += bytesRead
      }
    } finally {
      closeSync(file)
    }
    return !this.finished
  }

  /** Hashes whatever is left and returns the hex digest. */
  digest(): string {
    while (this.step()) {
      // each step hashes one more megabyte
    }
    return this.hash.digest('hex')
  }
}
