import type { Database } from 'better-sqlite3'
import { setTimeout as sleep } from 'node:timers/promises'
import { isBusy } from '../plain-failure'
import { ImportCancelled } from './row-sink'

/**
 * How long an import waits for another process to finish writing the archive. Another import of
 * ten million rows holds the write lock for about a minute, a background sort index for tens of
 * seconds; a program that keeps a transaction open for ten minutes is not going to finish.
 */
export const WRITE_LOCK_WAIT_MS = 10 * 60 * 1000
/** How often a waiting import tries again (it never blocks its thread for longer). */
const RETRY_MS = 200

/** The archive stayed locked by another process for the whole wait. */
export class ArchiveStaysBusy extends Error {
  constructor(readonly waitedMs: number) {
    super(`the archive stayed busy with another program's change for ${Math.round(waitedMs / 60_000)} minutes`)
    this.name = 'ArchiveStaysBusy'
  }
}

/**
 * Runs `write` (a statement that needs the archive's write lock) once it can have the lock. The
 * connection's own busy timeout (5 s) covers a short change by someone else; past that, the import
 * says it is waiting (`onWaiting`, once) and tries every RETRY_MS without blocking, so a cancel is
 * heard within a fraction of a second. Errors other than a busy archive are thrown at once.
 */
export async function whenWritable<T>(db: Database, write: () => T, signal: AbortSignal, onWaiting: () => void, maxWaitMs: number): Promise<T> {
  try {
    return write()
  } catch (error) {
    if (!isBusy(error)) throw error
  }
  onWaiting()
  const started = performance.now()
  const busyTimeout = Number(db.pragma('busy_timeout', { simple: true }))
  db.pragma('busy_timeout = 0')
  try {
    for (;;) {
      if (signal.aborted) throw new ImportCancelled()
      try {
        return write()
      } catch (error) {
        if (!isBusy(error)) throw error
      }
      const waited = performance.now() - started
      if (waited >= maxWaitMs) throw new ArchiveStaysBusy(waited)
      await sleep(Math.min(RETRY_MS, maxWaitMs - waited))
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`)
  }
}
