import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { applyConnectionPragmas } from './connection-pragmas'

/**
 * A further connection to an archive that is already open (and migrated) elsewhere in this process
 * or in a worker: imports write through their own connection so their long transaction never
 * captures the API's calls.
 */
export function connectArchive(path: string, nativeBinding: string | null): Db {
  const db = new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
  applyConnectionPragmas(db)
  return db
}
