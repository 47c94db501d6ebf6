import { existsSync, renameSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'

/**
 * Writes a consistent copy of `db` to `target` through VACUUM INTO (never a file copy, which could
 * catch the WAL half-written), checks the copy, and only then gives it its final name.
 */
export function backupDatabase(db: Db, target: string, nativeBinding: string | null): void {
  if (existsSync(target)) throw new Error(`A backup named ${target} already exists.`)
  const temp = `${target}.partial`
  rmSync(temp, { force: true })
  db.prepare('VACUUM INTO ?').run(temp)
  const copy = new Database(temp, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
  try {
    const check = copy.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new Error(`The backup ${temp} failed its integrity check: ${String(check)}`)
    const original = db.pragma('user_version', { simple: true })
    const copied = copy.pragma('user_version', { simple: true })
    if (original !== copied) throw new Error(`The backup ${temp} has schema ${String(copied)}, expected ${String(original)}`)
  } finally {
    copy.close()
  }
  renameSync(temp, target)
}
