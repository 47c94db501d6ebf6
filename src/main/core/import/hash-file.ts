import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import { ImportCancelled } from './row-sink'

const CHUNK = 4 * 1024 * 1024

/** The file's sha256, read in chunks so memory stays flat; stops early when the import is cancelled. */
export async function hashFile(path: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(CHUNK)
    for (;;) {
      if (signal.aborted) throw new ImportCancelled()
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
    }
  } finally {
    await handle.close()
  }
  return hash.digest('hex')
}
