import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'

/** Pages a search worker keeps: enough for an index's hot pages, times two workers, in one process. */
const READER_CACHE_KIB = 32 * 1024

/**
 * A read-only connection to an archive that is open (and migrated) elsewhere in this process, for
 * searches run off the thread that serves the window. Read-only by construction: a search never
 * writes, and such a connection also works on an archive the app could only open read-only.
 */
export function connectReader(path: string, nativeBinding: string | null): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
  db.pragma('busy_timeout = 5000')
  db.pragma(`cache_size = -${READER_CACHE_KIB}`)
  return db
}
