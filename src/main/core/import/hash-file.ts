import { setImmediate } from 'node:timers/promises'
import { FileHasher } from './file-hasher'
import { ImportCancelled } from './row-sink'

/** The file's sha256, a megabyte at a time so memory stays flat; stops early when the import is cancelled. */
export async function hashFile(path: string, signal: AbortSignal): Promise<string> {
  const hasher = new FileHasher(path)
  for (;;) {
    if (signal.aborted) throw new ImportCancelled()
    if (!hasher.step()) return hasher.digest()
    // Between megabytes the thread's other work (a cancel message, say) gets its turn.
    await setImmediate()
  }
}
